/**
 * What the page builds itself from data it already holds: export file names and one report
 * section's Markdown ("Copy as Markdown"), from export/ (the UI reads export/ only through here).
 */
export { incidentFileName, incidentSetFileName } from '../export/fileName';
export { sectionMarkdown } from '../export/markdown';
