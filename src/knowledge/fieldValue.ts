import type { Alert } from '../model';

/** Falco prints `<NA>` (and older versions `N/A` or empty) when a field has no value. */
export function isMissingValue(value: unknown): boolean {
  return value === null || value === undefined || value === '' || value === '<NA>' || value === 'N/A';
}

/** The alert's value of a field as text, or undefined when Falco had no value for it. */
export function fieldText(alert: Alert, field: string): string | undefined {
  const value = alert.outputFields[field];
  return isMissingValue(value) ? undefined : String(value);
}
