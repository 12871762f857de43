import type { Alert } from '../model';

/** Whether the alert's output or one of its field values contains `needle` (lower case). */
export function alertMatchesText(alert: Alert, needle: string): boolean {
  if (alert.output.toLowerCase().includes(needle)) return true;
  for (const key in alert.outputFields) {
    const value = alert.outputFields[key];
    if (value !== null && String(value).toLowerCase().includes(needle)) return true;
  }
  return false;
}
