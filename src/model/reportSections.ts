/**
 * The one definition of the report's sections and their order. The React view (ui/report/) and
 * the Markdown export (export/markdown.ts) both walk this list and each keeps a renderer per id in
 * a `Record<ReportSectionId, ...>`, so adding a section is a row here plus its two renderers, and
 * TypeScript points at any renderer that is missing.
 */
export const REPORT_SECTIONS = [
  { id: 'summary', title: 'Summary' },
  { id: 'fields', title: 'Alert fields' },
  { id: 'risk', title: 'Risk assessment' },
  { id: 'mitre', title: 'MITRE ATT&CK' },
  { id: 'mitigation', title: 'Mitigation' },
  { id: 'tuning', title: 'Tuning' },
  { id: 'next-steps', title: 'Next steps' },
] as const;

export type ReportSectionId = (typeof REPORT_SECTIONS)[number]['id'];

export function sectionTitle(id: ReportSectionId): string {
  return REPORT_SECTIONS.find((s) => s.id === id)!.title;
}
