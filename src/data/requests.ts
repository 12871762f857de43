/**
 * What a component asks of the engine at a moment of its own (a click, a range selection, a
 * dialog opening), named here so that ui/ never holds the engine client itself. Reading inputs
 * goes through ingestQueue.ts, views through the hooks (hooks.ts). A file to download is the
 * engine's answer as a Blob the worker built from parts, so no string of the whole file ever
 * exists (export/chunks.ts).
 */
import type { ExportFormat, ExportTarget, ViewContext, ViewFilter } from '../model';
import { engine } from './engine';
import { saveBlob } from './download';
import { useTriage } from '../state/triage';

/** Alerts, problems, rules files and triage as one session file, downloaded. */
export async function saveSession(): Promise<void> {
  const savedAt = new Date().toISOString();
  const file = await engine.request({ type: 'saveSessionFile', triage: useTriage.getState().byIncident, savedAt });
  saveBlob(`falcoscope-session-${savedAt.slice(0, 10)}.falcoscope.json`, file);
}

/** One Markdown document for the whole session, every incident by risk, triage included, downloaded. */
export async function exportAllMarkdown(): Promise<void> {
  const markdown = await engine.request({
    type: 'markdownFile',
    incidentIds: 'all',
    triage: useTriage.getState().byIncident,
    generatedAt: new Date().toISOString(),
  });
  saveBlob(`falcoscope-session-${new Date().toISOString().slice(0, 10)}.md`, markdown);
}

/** Ids of rows `offset .. offset + limit` of the filtered, sorted list. */
export function listIds(filter: ViewFilter, context: ViewContext, offset: number, limit: number): Promise<string[]> {
  return engine.request({ type: 'listIds', filter, context, offset, limit });
}

/** The chosen incidents (by id, or those the filter shows) as one document, with triage. */
export function exportSet(format: ExportFormat, target: ExportTarget, generatedAt: string): Promise<{ text: string; count: number }> {
  return engine.request({ type: 'exportSet', format, target, triage: useTriage.getState().byIncident, generatedAt });
}

/** The rules of the rules files loaded (the rule view's list). */
export const loadedRules = () => engine.request({ type: 'rules' });

/** One rule as loaded, with what it matched in this session. */
export const ruleView = (name: string) => engine.request({ type: 'rule', name });

/** Read files as the baseline to compare with (replaces any earlier one). */
export const openBaseline = (files: File[]) => engine.request({ type: 'openBaseline', files });

/** This session against the baseline (null when none is open). */
export const compareWithBaseline = () => engine.request({ type: 'compare' });

/** The comparison as Markdown (null when no baseline is open). */
export const compareMarkdown = () => engine.request({ type: 'compareMarkdown', generatedAt: new Date().toISOString() });

export const clearBaseline = () => engine.request({ type: 'clearBaseline' });
