/**
 * The engine's answers that a component asks for at a moment of its own (a click, a range
 * selection, a dialog opening), named here so that ui/ never holds the engine client itself.
 */
import type { ExportFormat, ExportTarget, ViewContext, ViewFilter } from '../model';
import { engine } from './engine';
import { useTriage } from '../state/triage';

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
