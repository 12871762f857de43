import type { Alert } from '../model';
import type { FieldMatch } from './eventGenerator';

/**
 * Alerts that describe no event: payloads published to test an output chain, where a rule's
 * output template was sent instead of a rendered alert. One detector for risk and observations.
 */

/** A `%field` placeholder Falco would have replaced when formatting the output. */
const PLACEHOLDER = /%(?:[a-z][a-z0-9_]*\.)+[a-z0-9_]+(?:\[[^\]\s]*\])?/i;
/** The whole output falcosidekick sends from its /test endpoint (a rendered alert never is only this). */
const SIDEKICK_TEST = 'This is a test from falcosidekick';

export interface TestPayload extends FieldMatch {
  /** Why the alert is a template rather than an event. */
  why: string;
}

/**
 * The evidence that the alert is a test payload rather than an event, or null. Built so that an
 * attacker cannot earn it: values of output_fields (command lines, file names) are cut out of the
 * output before looking for placeholders, and a value equal to its own field name counts only when
 * at least three quarters of the fields (and two or more) are like that, which takes fields no
 * process chooses (evt.type, user.uid, proc.tty).
 */
export function testPayload(alert: Alert): TestPayload | null {
  const entries = Object.entries(alert.outputFields);
  const echoed = entries.filter(([field, value]) => value === field);
  if (echoed.length >= 2 && echoed.length * 4 >= entries.length * 3) {
    const [field, value] = echoed[0]!;
    return { field, value: String(value), why: `${echoed.length} of ${entries.length} values are their own field names, so the template was sent instead of an event` };
  }
  if (alert.output.trim() === SIDEKICK_TEST) {
    return { field: 'output', value: SIDEKICK_TEST, why: "it is the message falcosidekick's test endpoint sends" };
  }
  if (!alert.output.includes('%')) return null;
  let template = alert.output;
  for (const [, value] of entries) {
    if (value === null || value === '') continue;
    template = template.split(String(value)).join(' ');
  }
  const placeholder = PLACEHOLDER.exec(template);
  return placeholder
    ? { field: 'output', value: placeholder[0], why: 'the output still holds an unformatted placeholder, so Falco never rendered it from an event' }
    : null;
}

/** The observation a report prints for a test payload, or undefined. */
export function testPayloadNote(alert: Alert): string | undefined {
  const hit = testPayload(alert);
  return hit
    ? `${hit.field}=${hit.value}: this looks like a test payload, not an event (${hit.why}). Check where it came from before analysing its values.`
    : undefined;
}
