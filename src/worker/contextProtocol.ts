import type { BaselineSummary, Overview, PrevalenceResult, ProcessTree, RelatedResult, SessionDiff, ViewContext, ViewFilter } from '../model';

/** Requests for the context around incidents (issue 17); part of EngineRequest. */
export type ContextRequest =
  | { type: 'processTree'; incidentId: string }
  /** How common each field value of the incident's report alert is. */
  | { type: 'prevalence'; incidentId: string }
  | { type: 'related'; incidentId: string; windowMs?: number }
  | { type: 'overview'; filter: ViewFilter; context?: ViewContext }
  /** Read files (alert files or a saved session) as the baseline to compare with; replaces any earlier one. */
  | { type: 'openBaseline'; files: File[] }
  | { type: 'compare' }
  | { type: 'compareMarkdown'; generatedAt: string }
  | { type: 'clearBaseline' };

export interface ContextResponses {
  processTree: ProcessTree | null;
  prevalence: PrevalenceResult | null;
  related: RelatedResult | null;
  overview: Overview;
  openBaseline: BaselineSummary;
  /** Null when no baseline is open. */
  compare: SessionDiff | null;
  compareMarkdown: string | null;
  clearBaseline: boolean;
}

const CONTEXT_TYPES = new Set<string>(['processTree', 'prevalence', 'related', 'overview', 'openBaseline', 'compare', 'compareMarkdown', 'clearBaseline']);

export function isContextRequest(request: { type: string }): request is ContextRequest {
  return CONTEXT_TYPES.has(request.type);
}
