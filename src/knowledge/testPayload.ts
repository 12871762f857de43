import type { Alert } from '../model';
import type { FieldMatch } from './eventGenerator';

/**
 * Alerts that describe no event: payloads published to test an output chain, where a rule's
 * output template was sent instead of a rendered alert. One detector for risk and observations.
 */

/** A `%field` placeholder Falco would have replaced when formatting the output. */
const PLACEHOLDER = /%(?:[a-z][a-z0-9_]*\.)+[a-z0-9_]+(?:\[[^\]\s]*\])?/i;
/**
 * More output fields than any rule's output template prints (Falco's largest print a few dozen):
 * such a record is no template sent as is, and cutting each of 100,000 values out of its output
 * would cost seconds. Not a test payload is the safe answer: the alert is then judged as an event.
 */
const TEMPLATE_FIELDS_MAX = 1000;
/** Longer than any rule's output template: an output this long is no template either (same reason). */
const TEMPLATE_OUTPUT_MAX = 64 * 1024;
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
 * process chooses (evt.type, user.uid, proc.tty). A record with more fields than any template
 * (TEMPLATE_FIELDS_MAX) or a longer output (TEMPLATE_OUTPUT_MAX) is no template sent as is.
 */
export function testPayload(alert: Alert): TestPayload | null {
  let known = judged.get(alert);
  if (known === undefined) judged.set(alert, (known = judge(alert)));
  return known;
}

/**
 * Each alert object judged once: risk, observations and the headline all ask, and listing the
 * names of 100,000 fields costs more than the rest of a report. Alerts are not changed once built.
 */
const judged = new WeakMap<Alert, TestPayload | null>();

function judge(alert: Alert): TestPayload | null {
  const fields = alert.outputFields;
  const names = Object.keys(fields);
  const template = names.length <= TEMPLATE_FIELDS_MAX;
  if (template) {
    const echoed = names.filter((field) => fields[field] === field);
    if (echoed.length >= 2 && echoed.length * 4 >= names.length * 3) {
      const field = echoed[0]!;
      return { field, value: field, why: `${echoed.length} of ${names.length} values are their own field names, so the template was sent instead of an event` };
    }
  }
  if (alert.output.trim() === SIDEKICK_TEST) {
    return { field: 'output', value: SIDEKICK_TEST, why: "it is the message falcosidekick's test endpoint sends" };
  }
  if (!template || alert.output.length > TEMPLATE_OUTPUT_MAX || !alert.output.includes('%')) return null;
  let rest = alert.output;
  for (const field of names) {
    const value = fields[field];
    if (value === null || value === undefined || value === '') continue;
    rest = rest.split(String(value)).join(' ');
  }
  const placeholder = PLACEHOLDER.exec(rest);
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
