import type { Alert } from '../model';
import { isRoundedInteger } from '../ingest';

/**
 * Whether the alert's output or one of its field values contains `needle` (lower case). Numbers
 * match as printed, except integers beyond 2^53 whose written digits were not found (see
 * writtenInteger; found ones are kept as strings): parsing rounded their last digits, so what
 * would match are digits the file does not hold.
 */
export function alertMatchesText(alert: Alert, needle: string): boolean {
  if (alert.output.toLowerCase().includes(needle)) return true;
  for (const key in alert.outputFields) {
    const value = alert.outputFields[key];
    if (value === null || isRoundedInteger(value)) continue;
    if (String(value).toLowerCase().includes(needle)) return true;
  }
  return false;
}
