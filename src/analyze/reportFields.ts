import type { Alert, FieldExplanation, FieldsPage, RecordCut } from '../model';
import { REPORT_FIELDS, REPORT_VALUE_CHARS } from '../model';
import { explainField } from '../knowledge/fields';

/**
 * The fields of a report and the copy of its alert it carries, cut to what a page can lay out
 * (model/report.ts REPORT_FIELDS, REPORT_VALUE_CHARS). The work is the page's, not the record's: an
 * alert with 100,000 output fields costs one sort of their names, and only the fields of the page
 * asked for are explained. What is left out is counted, so every view can say so.
 */

/** Top-level alert keys explained alongside output_fields, in the order an analyst reads them. */
const TOP_LEVEL_FIELDS: [keyof Alert, string][] = [
  ['rule', 'The name of the Falco rule whose condition matched.'],
  ['priority', "The rule's severity, from Emergency (highest) to Debug."],
  ['source', 'The event source the rule reads: syscall for the kernel, or a plugin (k8s_audit, aws_cloudtrail, ...).'],
  ['time', 'When the event happened (UTC, nanosecond precision).'],
  ['hostname', 'The machine (or Falco pod) that emitted the alert.'],
  ['uuid', 'Unique id of this alert, added by Falco for correlation across outputs.'],
];

/** A value as a report carries it: its first REPORT_VALUE_CHARS characters, and its length when cut. */
export function cutText(text: string): { value: string; length?: number } {
  return text.length > REPORT_VALUE_CHARS ? { value: text.slice(0, REPORT_VALUE_CHARS), length: text.length } : { value: text };
}

function explained(field: string, text: string, meaning: string): FieldExplanation {
  const { value, length } = cutText(text);
  return length === undefined ? { field, value, meaning } : { field, value, meaning, length };
}

/** The top-level fields the alert has (rule, priority ... tags), explained: a handful at most. */
function topLevelFields(alert: Alert): FieldExplanation[] {
  const top: FieldExplanation[] = [];
  for (const [key, meaning] of TOP_LEVEL_FIELDS) {
    const value = alert[key];
    if (value === undefined || value === '') continue;
    top.push(explained(key, String(value), meaning));
  }
  if (alert.tags.length) {
    const meaning = alert.tagsInferred
      ? "Inferred, not in the alert: the tags of today's upstream rule of this name (maturity, what it watches, MITRE ATT&CK)."
      : 'Labels from the rule: maturity, what it watches, and MITRE ATT&CK tactics and techniques.';
    top.push(explained('tags', alert.tags.join(', '), meaning));
  }
  return top;
}

/** Output field names in the report's order (by name). */
function outputFieldNames(alert: Alert): string[] {
  return Object.keys(alert.outputFields).sort();
}

/**
 * Fields `offset .. offset + limit` of the alert in the report's order: the top-level ones, then
 * the output fields by name; each explained, its value cut at REPORT_VALUE_CHARS characters.
 */
export function fieldsPage(alert: Alert, offset = 0, limit = REPORT_FIELDS): FieldsPage {
  return pageOf(alert, outputFieldNames(alert), offset, limit);
}

function pageOf(alert: Alert, names: readonly string[], offset: number, limit: number): FieldsPage {
  const top = topLevelFields(alert);
  const total = top.length + names.length;
  const start = Math.max(0, Math.min(offset, total));
  const end = Math.min(total, start + Math.max(0, limit));
  const fields: FieldExplanation[] = [];
  for (let i = start; i < end; i++) {
    if (i < top.length) fields.push(top[i]!);
    else {
      const name = names[i - top.length]!;
      fields.push(explained(name, String(alert.outputFields[name]), explainField(name)));
    }
  }
  return { offset: start, fields, total };
}

/**
 * What a report carries of its alert: its first fields (see fieldsPage), and a copy of the alert
 * holding only those output fields, with values, rule and output cut alike; `cut` says what the
 * copy leaves out, and is absent when it holds the whole record.
 */
export function reportRecord(alert: Alert): { fields: FieldExplanation[]; fieldCount: number; alert: Alert; cut?: RecordCut } {
  const names = outputFieldNames(alert);
  const page = pageOf(alert, names, 0, REPORT_FIELDS);
  const shown = names.slice(0, Math.max(0, page.fields.length - (page.total - names.length)));
  const output = cutText(alert.output);
  const rule = cutText(alert.rule);
  let valueCut = false;
  const outputFields: Alert['outputFields'] = {};
  for (const name of shown) {
    const value = alert.outputFields[name]!;
    const text = typeof value === 'string' ? cutText(value) : null;
    if (text?.length !== undefined) valueCut = true;
    // An attacker-chosen key (__proto__) is defined, never assigned.
    Object.defineProperty(outputFields, name, { value: text ? text.value : value, writable: true, enumerable: true, configurable: true });
  }
  const whole = shown.length === names.length && !valueCut && output.length === undefined && rule.length === undefined;
  if (whole) return { fields: page.fields, fieldCount: page.total, alert };
  const cut: RecordCut = { outputFields: names.length };
  if (output.length !== undefined) cut.outputLength = output.length;
  if (rule.length !== undefined) cut.ruleLength = rule.length;
  return { fields: page.fields, fieldCount: page.total, alert: { ...alert, rule: rule.value, output: output.value, outputFields }, cut };
}
