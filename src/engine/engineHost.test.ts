import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EngineHost } from './engineHost';
import type { SessionStatus } from '../worker/protocol';
import { EMPTY_FILTER } from '../model';
import { gzipSync } from 'node:zlib';
import { makeAlert } from '../testing/alerts';

const samples = readFileSync(new URL('../samples/falco-samples.ndjson', import.meta.url), 'utf8');
const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });

describe('EngineHost', () => {
  it('ingests, notifies, and answers view, report, alerts and markdown requests', async () => {
    const changes: SessionStatus[] = [];
    const host = new EngineHost((s) => changes.push(s));
    const summary = await host.handle({ type: 'ingestText', name: 'samples', text: samples }, ctx());
    expect(summary).toMatchObject({ name: 'samples', alerts: 11, problems: 0, records: 11 });
    expect(changes.at(-1)).toMatchObject({ alerts: 11, incidents: 11, reading: 0 });
    const view = await host.handle({ type: 'view', filter: EMPTY_FILTER }, ctx());
    expect(view.rows).toHaveLength(11);
    expect(view.facets.source.map((f) => f.value)).toEqual(expect.arrayContaining(['syscall', 'k8s_audit']));
    const report = await host.handle({ type: 'report', incidentId: view.rows[0]!.id }, ctx());
    expect(report?.incident.id).toBe(view.rows[0]!.id);
    const alerts = await host.handle({ type: 'alerts', incidentId: view.rows[0]!.id, offset: 0, limit: 10 }, ctx());
    expect(alerts).toHaveLength(1);
    const md = await host.handle({ type: 'markdown', incidentIds: 'all', triage: {}, generatedAt: 'now' }, ctx());
    expect(md).toContain('11 alerts, 11 incidents, 0 input problems');
  });

  it('filters by facet and text', async () => {
    const host = new EngineHost();
    await host.handle({ type: 'ingestText', name: 'samples', text: samples }, ctx());
    const k8s = await host.handle({ type: 'view', filter: { ...EMPTY_FILTER, include: { source: ['k8s_audit'] } } }, ctx());
    expect(k8s.rows.every((r) => r.source === 'k8s_audit')).toBe(true);
    expect(k8s.rows.length).toBe(4);
    const notK8s = await host.handle({ type: 'view', filter: { ...EMPTY_FILTER, exclude: { source: ['k8s_audit'] } } }, ctx());
    expect(notK8s.rows.length).toBe(7);
    const text = await host.handle({ type: 'view', filter: { ...EMPTY_FILTER, text: 'hack' } }, ctx());
    expect(text.rows.map((r) => r.rule)).toEqual(['Write below binary dir']);
  });

  it('saves a session and reopens it with triage, in another engine', async () => {
    const first = new EngineHost();
    await first.handle({ type: 'ingestText', name: 'samples', text: samples }, ctx());
    const [incident] = (await first.handle({ type: 'view', filter: EMPTY_FILTER }, ctx())).rows;
    const triage = { [incident!.id]: { status: 'benign' as const, notes: 'scheduled drill' } };
    const saved = await first.handle({ type: 'saveSession', triage, savedAt: '2026-11-23T10:00:00Z' }, ctx());

    const second = new EngineHost();
    const opened = await second.handle({ type: 'ingestFile', file: new File([saved], 'mine.falcoscope.json') }, ctx());
    expect(opened).toMatchObject({ format: 'session', alerts: 11, triage });
    const reopened = await second.handle({ type: 'view', filter: EMPTY_FILTER }, ctx());
    expect(reopened.rows.map((r) => r.id)).toContain(incident!.id);
  });

  it('a saved session keeps the rules files loaded: reopened, a custom rule is explained as before', async () => {
    const fixture = (name: string) => readFileSync(new URL(`../../e2e/fixtures/rules/${name}`, import.meta.url), 'utf8');
    const first = new EngineHost();
    await first.handle({ type: 'ingestText', name: 'acme-alerts.ndjson', text: fixture('acme-alerts.ndjson') }, ctx());
    await first.handle({ type: 'ingestFile', file: new File([fixture('10-acme-rules.yaml')], '10-acme-rules.yaml') }, ctx());
    await first.handle({ type: 'ingestFile', file: new File([fixture('bad-rules.yaml')], 'bad-rules.yaml') }, ctx());
    const rule = 'ACME Outbound Connection to Mining Pool';
    const incident = (await first.handle({ type: 'view', filter: EMPTY_FILTER }, ctx())).rows.find((r) => r.rule === rule)!;
    const before = await first.handle({ type: 'report', incidentId: incident.id }, ctx());
    const file = await first.handle({ type: 'saveSessionFile', triage: {}, savedAt: '2026-12-01T00:00:00Z' }, ctx());
    const asString = await first.handle({ type: 'saveSession', triage: {}, savedAt: '2026-12-01T00:00:00Z' }, ctx());
    expect(await file.text()).toBe(asString);

    const second = new EngineHost();
    const opened = await second.handle({ type: 'ingestFile', file: new File([file], 's.falcoscope.json') }, ctx());
    const problems = (await first.handle({ type: 'status' }, ctx())).problems;
    expect(opened).toMatchObject({ format: 'session', alerts: 3 });
    const reopened = await second.handle({ type: 'report', incidentId: incident.id }, ctx());
    expect(reopened?.rule?.rule.origin.file).toBe('10-acme-rules.yaml');
    expect(reopened).toEqual(before);
    expect((await second.handle({ type: 'rules' }, ctx())).map((r) => r.name)).toEqual((await first.handle({ type: 'rules' }, ctx())).map((r) => r.name));
    // The rules files' problems come back once: the saved problems hold them, loading adds none.
    expect(problems).toBeGreaterThan(0);
    expect((await second.handle({ type: 'status' }, ctx())).problems).toBe(problems);
  });

  it('refuses a session file from a newer version with a clear message, listed as its problem', async () => {
    const host = new EngineHost();
    const file = new File(['{"format":"falcoscope-session","version":99,"alerts":[],"problems":[],"triage":{}}'], 'future.json');
    const opened = await host.handle({ type: 'ingestFile', file }, ctx());
    expect(opened).toMatchObject({ format: 'session', alerts: 0, problems: 1, records: 1 });
    const { items } = await host.handle({ type: 'problems', offset: 0, limit: 10 }, ctx());
    expect(items).toEqual([{ file: 'future.json', line: 0, message: expect.stringMatching(/newer falcoscope/) }]);
  });

  it.each([
    ['plain, format first', (t: string) => t],
    ['plain, format last', (t: string) => JSON.stringify(((o) => ({ triage: o.triage, problems: o.problems, alerts: o.alerts, version: o.version, format: o.format }))(JSON.parse(t)))],
    ['gzip', (t: string) => gzipSync(t)],
  ])('opens a hand-made session (%s): good alerts load, bad entries and triage are problems', async (_name, encode) => {
    const { id: _id, ...good } = makeAlert({ rule: 'Good rule' });
    const session = JSON.stringify({
      format: 'falcoscope-session',
      version: 1,
      alerts: [good, { ...good, rule: 42 }, { ...good, priority: 'Bogus' }, 'a string', null],
      problems: [null],
      triage: { x: { status: 3, notes: { a: 1 } }, y: null },
    });
    const host = new EngineHost();
    const opened = await host.handle({ type: 'ingestFile', file: new File([encode(session)], 'hand.falcoscope.json') }, ctx());
    expect(opened).toMatchObject({ format: 'session', alerts: 1, problems: 8, records: 9 });
    expect(opened.triage).toEqual({ x: { status: 'new', notes: '' } });
    expect(host.status()).toMatchObject({ alerts: 1, incidents: 1, problems: 8 });
    const view = await host.handle({ type: 'view', filter: EMPTY_FILTER }, ctx());
    const report = await host.handle({ type: 'report', incidentId: view.rows[0]!.id }, ctx());
    expect(report?.incident.rule).toBe('Good rule');
    const md = await host.handle({ type: 'markdown', incidentIds: 'all', triage: opened.triage!, generatedAt: 'now' }, ctx());
    expect(md).toContain('Good rule');
  });

  it('cancels a read and keeps what was read', async () => {
    const host = new EngineHost();
    const controller = new AbortController();
    const chunk = new TextEncoder().encode(samples);
    let sent = 0;
    // A slow source: 64 chunks of the samples, one per tick, like a large file being read.
    const stream = new ReadableStream<Uint8Array>({
      async pull(c) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        // Cancel once the engine has asked for 40 chunks: tied to what was read, not to a clock,
        // so a busy machine cannot make the read finish (or not start) before the cancel.
        if (sent === 40) controller.abort();
        if (sent++ === 64) c.close();
        else c.enqueue(chunk);
      },
    });
    const file = { name: 'slow.ndjson', size: chunk.length * 64, stream: () => stream, slice: () => new Blob([chunk.slice(0, 64)]) } as unknown as File;
    const summary = await host.handle({ type: 'ingestFile', file }, { signal: controller.signal, progress: () => {} });
    expect(summary.cancelled).toBe(true);
    expect(sent).toBeLessThan(64);
    expect(host.status().alerts).toBeGreaterThan(0);
    expect(summary.alerts).toBe(host.status().alerts);
    expect(summary.records).toBe(summary.alerts + summary.duplicates + summary.problems);
    expect(host.status().inputs).toBe(1);
  });
});
