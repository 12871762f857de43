import { buildReport } from '../analyze/report';
import { incidentToJson } from '../export/json';
import type { Alert, IncidentSummary, RuleDetail } from '../model';
import { oneLine } from './oneLine';

/** One incident of the JSON output, rendered on the main thread or a report thread alike. */
export type RenderedIncident = { json: string } | { json: string; error: string };

/**
 * The incident's JSON (its report built from the representative alert), or, when the report
 * cannot be built, its summary with the `error`: the document stays whole either way.
 */
export function renderIncident(incident: IncidentSummary, alert: Alert, rule?: RuleDetail | null): RenderedIncident {
  try {
    return { json: JSON.stringify(incidentToJson(buildReport(incident, alert, rule))) };
  } catch (e) {
    const error = oneLine(e instanceof Error ? e.message : String(e));
    return { json: JSON.stringify({ id: incident.id, rule: incident.rule, priority: incident.priority, count: incident.count, error }), error };
  }
}
