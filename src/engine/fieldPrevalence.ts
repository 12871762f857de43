import type { Alert, Prevalence, PrevalenceResult } from '../model';
import type { AnalysisSession } from './store/session';
import { HOSTNAME_FIELD, MAX_FIELDS_COUNTED, MAX_VALUE_CHARS, valueText } from '../analyze/context/prevalence';

/**
 * How common the values of some fields of an incident's report alert are: the fields a report
 * shows (a page of them), answered in one request whatever their number, never the whole of a
 * record that can hold 100,000 fields. Fields without a value, and top-level fields other than the
 * host, have no item.
 */
export function fieldPrevalence(session: AnalysisSession, incidentId: string, fields: readonly string[]): PrevalenceResult | null {
  const incident = session.incident(incidentId);
  if (!incident) return null;
  const alert = session.alertAt(incident.sampleAlertId);
  const counted = countedFields(alert);
  const items: Prevalence[] = [];
  for (const field of fields) {
    const value = valueOf(alert, field);
    if (value === undefined) continue;
    if (counted && field !== HOSTNAME_FIELD && !counted.has(field)) {
      items.push({ field, value: value.slice(0, MAX_VALUE_CHARS), why: `past the first ${MAX_FIELDS_COUNTED.toLocaleString('en')} fields of its alert: not counted` });
      continue;
    }
    const item = session.prevalence.lookup(field, value);
    // A value not counted is not a filter either: its start is enough to say which it is.
    items.push(item.why !== undefined && value.length > MAX_VALUE_CHARS ? { ...item, value: value.slice(0, MAX_VALUE_CHARS) } : item);
  }
  const stats = session.stats();
  return { totalAlerts: stats.alerts, totalIncidents: stats.incidents, items };
}

/** The field's value as counted: an output field's, or the alert's host for `hostname`. */
function valueOf(alert: Alert, field: string): string | undefined {
  if (Object.hasOwn(alert.outputFields, field)) return valueText(alert.outputFields[field]);
  return field === HOSTNAME_FIELD ? valueText(alert.hostname) : undefined;
}

/**
 * The fields of the alert its values were counted for, when it has more than are counted
 * (MAX_FIELDS_COUNTED, in the record's order as the tally walks it); null when all were.
 */
function countedFields(alert: Alert): Set<string> | null {
  const counted = new Set<string>();
  for (const field in alert.outputFields) {
    if (counted.size === MAX_FIELDS_COUNTED) return counted;
    counted.add(field);
  }
  return null;
}
