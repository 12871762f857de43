import { describe, expect, it } from 'vitest';
import { REPORT_FIELDS, REPORT_VALUE_CHARS } from '../model';
import type { Alert, IncidentSummary } from '../model';
import { makeAlert } from '../testing/alerts';
import { fieldsPage, reportRecord } from './reportFields';
import { buildReport } from './report';

/** An alert with `n` output fields custom.f0 .. custom.f<n-1> (value v<i>) besides proc.name. */
function wide(n: number, extra: Partial<Alert> = {}): Alert {
  const outputFields: Alert['outputFields'] = { 'proc.name': 'bash' };
  for (let i = 0; i < n; i++) outputFields[`custom.f${i}`] = `v${i}`;
  return makeAlert({ outputFields, hostname: 'node-a', tags: ['container', 'shell'], ...extra });
}

const summaryOf = (alert: Alert): IncidentSummary => ({
  id: 'i1',
  rule: alert.rule,
  source: alert.source,
  priority: alert.priority,
  count: 1,
  firstSeenMs: alert.timeMs,
  lastSeenMs: alert.timeMs,
  firstSeen: alert.time,
  lastSeen: alert.time,
  entity: { kind: 'host', field: 'hostname', value: 'node-a', label: 'host node-a' },
  hostnames: ['node-a'],
  tags: alert.tags,
  tactics: [],
  riskScore: 0,
  riskLevel: 'info',
  sampleAlertId: 0,
  playbookId: null,
});

describe('the fields a report carries', () => {
  it('a small alert: every field, top-level ones first, then output fields by name, nothing cut', () => {
    const alert = makeAlert({ outputFields: { 'proc.name': 'bash', 'container.id': 'c0ffee' }, hostname: 'node-a' });
    const record = reportRecord(alert);
    expect(record.fields.map((f) => f.field)).toEqual(['rule', 'priority', 'source', 'time', 'hostname', 'container.id', 'proc.name']);
    expect(record.fieldCount).toBe(7);
    expect(record.alert).toBe(alert);
    expect(record.cut).toBeUndefined();
    expect(record.fields.every((f) => f.length === undefined)).toBe(true);
  });

  it('100,000 fields: the first REPORT_FIELDS, the count of all, and an alert copy holding only those shown', () => {
    const alert = wide(100_000);
    const record = reportRecord(alert);
    expect(record.fields).toHaveLength(REPORT_FIELDS);
    // rule, priority, source, time, hostname, tags, then 100,001 output fields.
    expect(record.fieldCount).toBe(6 + 100_001);
    expect(record.fields.slice(6, 9).map((f) => f.field)).toEqual(['custom.f0', 'custom.f1', 'custom.f10']);
    const shownOutput = record.fields.slice(6).map((f) => f.field);
    expect(Object.keys(record.alert.outputFields)).toEqual(shownOutput);
    expect(record.cut).toEqual({ outputFields: 100_001 });
    // The alert analysed is left whole.
    expect(Object.keys(alert.outputFields)).toHaveLength(100_001);
  });

  it('cuts long values, the rule and the output at REPORT_VALUE_CHARS and keeps their lengths', () => {
    const alert = makeAlert({ rule: 'R'.repeat(1024 * 1024), output: 'o'.repeat(5000), outputFields: { 'proc.cmdline': 'c'.repeat(10_000), 'proc.pid': 42 } });
    const record = reportRecord(alert);
    const byField = new Map(record.fields.map((f) => [f.field, f]));
    expect(byField.get('rule')).toMatchObject({ value: 'R'.repeat(REPORT_VALUE_CHARS), length: 1024 * 1024 });
    expect(byField.get('proc.cmdline')).toMatchObject({ value: 'c'.repeat(REPORT_VALUE_CHARS), length: 10_000 });
    expect(byField.get('proc.pid')).toEqual({ field: 'proc.pid', value: '42', meaning: expect.any(String) });
    expect(record.alert.rule).toHaveLength(REPORT_VALUE_CHARS);
    expect(record.alert.output).toHaveLength(REPORT_VALUE_CHARS);
    expect(record.alert.outputFields).toEqual({ 'proc.cmdline': 'c'.repeat(REPORT_VALUE_CHARS), 'proc.pid': 42 });
    expect(record.cut).toEqual({ outputFields: 2, outputLength: 5000, ruleLength: 1024 * 1024 });
  });

  it('pages follow on from the report in the same order, and stop at the last field', () => {
    const alert = wide(1000);
    const first = reportRecord(alert).fields;
    const second = fieldsPage(alert, REPORT_FIELDS, REPORT_FIELDS);
    expect(second.offset).toBe(REPORT_FIELDS);
    expect(second.total).toBe(6 + 1001);
    const all = fieldsPage(alert, 0, 5000).fields.map((f) => f.field);
    expect([...first, ...second.fields].map((f) => f.field)).toEqual(all.slice(0, 2 * REPORT_FIELDS));
    expect(fieldsPage(alert, 1000, REPORT_FIELDS).fields.map((f) => f.field)).toEqual(all.slice(1000));
    expect(fieldsPage(alert, 5000, REPORT_FIELDS).fields).toEqual([]);
  });

  it('a field named __proto__ is copied as a field, not as the prototype', () => {
    const outputFields = JSON.parse('{"__proto__": "x", "proc.name": "sh"}') as Alert['outputFields'];
    for (let i = 0; i < REPORT_FIELDS; i++) outputFields[`z.f${i}`] = 'v';
    const record = reportRecord(makeAlert({ outputFields }));
    expect(Object.getPrototypeOf(record.alert.outputFields)).toBe(Object.prototype);
    expect(Object.hasOwn(record.alert.outputFields, '__proto__')).toBe(true);
    expect(record.alert.outputFields['__proto__']).toBe('x');
  });

  it('buildReport carries the capped record, and works the rest out from the whole alert', () => {
    // What shows event-generator behind the alert sorts past the fields shown: the verdict still sees it.
    const outputFields = { ...wide(5000).outputFields, 'proc.name': 'event-generator', 'k8s.pod.name': 'falco-event-generator-7d9f', 'zz.late': 'x' };
    const alert = makeAlert({ outputFields, hostname: 'node-a', tags: ['container', 'shell'] });
    const report = buildReport(summaryOf(alert), alert);
    expect(report.fields).toHaveLength(REPORT_FIELDS);
    expect(report.fieldCount).toBe(6 + 5003);
    expect(report.cut?.outputFields).toBe(5003);
    expect(report.fields.some((f) => f.field === 'k8s.pod.name' || f.field === 'proc.name')).toBe(false);
    expect(report.fields.some((f) => f.field === 'zz.late')).toBe(false);
    expect(report.headline.verdict.kind).toBe('likely-drill');
  });
});
