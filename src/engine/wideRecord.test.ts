import { describe, expect, it } from 'vitest';
import { EngineHost } from './engineHost';
import { EMPTY_FILTER, REPORT_FIELDS, REPORT_FIELDS_PAGE_MAX } from '../model';

/**
 * A record with 20,000 output fields (hostile ones reach 100,000), read as the page reads a file (a
 * batch of lines, kept as bytes): its report carries the first fields, more come a page at a time,
 * prevalence is asked for the fields shown, and the session file keeps the whole record.
 */
const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });
const KEYS = 20_000;

function wideLine(): string {
  const fields: Record<string, string> = { 'container.id': 'c0ffee000001', 'proc.name': 'bash' };
  for (let i = 0; i < KEYS; i++) fields[`custom.f${i}`] = `v${i}`;
  return JSON.stringify({ rule: 'Many fields', priority: 'Warning', time: '2024-10-05T13:00:00Z', output: 'x', hostname: 'node-a', output_fields: fields });
}

/** A second alert sharing the container and one early custom field with the wide one. */
const other = JSON.stringify({ rule: 'Other', priority: 'Notice', time: '2024-10-05T13:00:01Z', output: 'y', hostname: 'node-a', output_fields: { 'container.id': 'c0ffee000001', 'custom.f0': 'v0', 'custom.f19999': 'v19999' } });

async function loaded(): Promise<{ host: EngineHost; id: string }> {
  const host = new EngineHost();
  await host.handle({ type: 'ingestFile', file: new File([`${wideLine()}\n${other}\n`], 'wide.ndjson') }, ctx());
  const view = await host.handle({ type: 'view', filter: EMPTY_FILTER }, ctx());
  return { host, id: view.rows.find((r) => r.rule === 'Many fields')!.id };
}

describe('a record with 20,000 fields', () => {
  it('its report carries the first fields; the rest come a page at a time, in order, at most a page at once', async () => {
    const { host, id } = await loaded();
    const report = (await host.handle({ type: 'report', incidentId: id }, ctx()))!;
    expect(report.fields).toHaveLength(REPORT_FIELDS);
    // rule, priority, source, time, hostname, then the output fields.
    expect(report.fieldCount).toBe(5 + KEYS + 2);
    const next = (await host.handle({ type: 'reportFields', incidentId: id, offset: REPORT_FIELDS, limit: REPORT_FIELDS }, ctx()))!;
    expect(next.offset).toBe(REPORT_FIELDS);
    expect(next.total).toBe(report.fieldCount);
    expect(next.fields[0]!.field).not.toBe(report.fields.at(-1)!.field);
    const both = (await host.handle({ type: 'reportFields', incidentId: id, offset: 0, limit: 2 * REPORT_FIELDS }, ctx()))!;
    expect(both.fields).toEqual([...report.fields, ...next.fields]);
    const huge = (await host.handle({ type: 'reportFields', incidentId: id, offset: 0, limit: KEYS }, ctx()))!;
    expect(huge.fields).toHaveLength(REPORT_FIELDS_PAGE_MAX);
    expect(await host.handle({ type: 'reportFields', incidentId: 'no such incident', offset: 0, limit: 10 }, ctx())).toBeNull();
    // Asked again (the alert is kept parsed once), the report is the same.
    expect(await host.handle({ type: 'report', incidentId: id }, ctx())).toEqual(report);
  });

  it('prevalence of the fields shown: one answer for them all, in their order; past the 1,000th field of the alert, not counted', async () => {
    const { host, id } = await loaded();
    const fields = ['rule', 'hostname', 'container.id', 'custom.f0', 'custom.f19999', 'no.such.field'];
    const p = (await host.handle({ type: 'prevalence', incidentId: id, fields }, ctx()))!;
    expect(p).toMatchObject({ totalAlerts: 2, totalIncidents: 2 });
    expect(p.items.map((i) => i.field)).toEqual(['hostname', 'container.id', 'custom.f0', 'custom.f19999']);
    expect(p.items[0]).toMatchObject({ value: 'node-a', alerts: 2, incidents: 2 });
    expect(p.items[1]).toMatchObject({ value: 'c0ffee000001', alerts: 2, incidents: 2 });
    expect(p.items[2]).toMatchObject({ value: 'v0', alerts: 2, incidents: 2 });
    expect(p.items[3]).toEqual({ field: 'custom.f19999', value: 'v19999', why: 'past the first 1,000 fields of its alert: not counted' });
  });

  it('the Markdown export is capped and says so; the session file keeps the whole record', async () => {
    const { host, id } = await loaded();
    const markdown = await host.handle({ type: 'markdown', incidentIds: [id], triage: {}, generatedAt: '2024-10-05T14:00:00Z' }, ctx());
    expect(markdown).toContain(`Showing ${REPORT_FIELDS} of ${(5 + KEYS + 2).toLocaleString('en')} fields; a saved session keeps the whole record.`);
    expect(markdown).not.toContain('custom.f19999');
    const saved = await host.handle({ type: 'saveSession', triage: {}, savedAt: '2024-10-05T14:00:00Z' }, ctx());
    expect(saved).toContain('"custom.f19999":"v19999"');
  });
});
