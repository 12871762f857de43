import type { ContextRequest } from '../model';

const CONTEXT_TYPES = new Set<string>(['processTree', 'prevalence', 'related', 'overview', 'openBaseline', 'compare', 'compareMarkdown', 'clearBaseline']);

/** Whether a request is for the context around incidents (answered by contextHost.ts). */
export function isContextRequest(request: { type: string }): request is ContextRequest {
  return CONTEXT_TYPES.has(request.type);
}
