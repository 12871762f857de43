import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisSession } from '../engine/store/session';
import { alertMatchesText } from '../analyze/textMatch';
import { computeView } from '../analyze/view';
import { ingestText } from '../ingest';
import { EMPTY_FILTER } from '../model';
import { VENDORED_FALCO } from '../testing/vendored';
import { InlineParsers, type BatchParsers, type ParseInput, type ParsedIn } from '../engine/batchParsers';
import { EngineHost } from '../engine/engineHost';
import { InOrder } from '../engine/inOrder';
import { PortParsers, type ParserPort } from './portParsers';
import { serveParser, type ServedPort } from './parserService';
import type { RangeSizes } from '../engine/ranges';
import { warmUp } from './warmUp';

/**
 * The parallel path (ranges or batches of lines parsed anywhere, folded in file order) must give
 * exactly what adding the alerts one by one gives. The corpus mixes every vendored NDJSON file
 * (malformed lines included), replicated with varying hosts and containers so that incidents
 * span many batches, plus CRLF, blank, non-ASCII and escaped lines.
 */
const NDJSON = ['real-alerts.ndjson', 'falco-test-output-single_rule_with_cat_write.ndjson', 'syslog-wrapped.log', 'variants/odd-and-malformed.ndjson', 'variants/published-test-payloads.ndjson', 'variants/grpc-client-outputs.ndjson'];
const SAMPLES = readFileSync(new URL('../samples/falco-samples.ndjson', import.meta.url), 'utf8');

function corpus(): string {
  const base = [...NDJSON.map((f) => readFileSync(new URL(`alerts/${f}`, VENDORED_FALCO), 'utf8')), SAMPLES]
    .join('\n')
    .split('\n');
  const lines: string[] = [];
  for (let r = 0; r < 30; r++) {
    for (const line of base) {
      // Each replica's alerts differ (uuid, host); a line with neither repeats: duplicates, counted
      // once, spread over many batches.
      let l = line.replace(/"uuid":"/g, `"uuid":"r${r}-`).replace(/"hostname":"/g, `"hostname":"h${r}-`).replace(/"container\.id":"/g, `"container.id":"c${r % 5}`);
      if (r % 7 === 3) l = l.replace(/"priority":"(Notice|Warning)"/, '"priority":"Critical"');
      lines.push(l);
    }
    lines.push('', `{"rule":"Odd ünïcödé \\"quoted\\" rule","priority":"Error","time":"2024-08-07T13:49:${String(r % 60).padStart(2, '0')}.5Z","output":"caf\\u00e9 \\\\ back","output_fields":{"proc.name":"x${r % 4}","proc.pid":${1000 + r},"ratio":1.50}}\r`);
  }
  return lines.join('\n');
}

const TEXT = corpus();
const BYTES = new TextEncoder().encode(TEXT);
const SMALL: RangeSizes = { first: 3000, max: 9000, longLine: 1 << 20 };
const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });

/** The reference: every record added one by one as an object. */
function reference(): AnalysisSession {
  const session = new AnalysisSession();
  ingestText(TEXT, 'corpus.ndjson', { alert: (a) => void session.addAlert(a), problem: (p) => session.addProblem(p) });
  return session;
}

const channels: MessageChannel[] = [];
afterAll(() => channels.forEach((c) => (c.port1.close(), c.port2.close())));

/** Two parser "workers" behind real MessagePorts, in this thread. */
async function portParsers(): Promise<PortParsers> {
  const ports: ParserPort[] = [];
  for (let i = 0; i < 2; i++) {
    const channel = new MessageChannel();
    channels.push(channel);
    serveParser(channel.port1 as unknown as ServedPort);
    ports.push(channel.port2 as unknown as ParserPort);
  }
  const parsers = new PortParsers(ports);
  for (let i = 0; i < 50 && parsers.workers < 2; i++) await new Promise((r) => setTimeout(r, 5));
  expect(parsers.workers).toBe(2);
  return parsers;
}

/** Parsers whose results come back in a scrambled order, alternating between two key spaces. */
class ScrambledParsers implements BatchParsers {
  private readonly inner = [new InlineParsers(), new InlineParsers()];
  private n = 0;
  async parse(job: number, input: ParseInput): Promise<ParsedIn> {
    const i = this.n++;
    const r = await this.inner[i % 2]!.parse(job, input);
    await new Promise((resolve) => setTimeout(resolve, (i * 7) % 5));
    return { ...r, keySpace: `${r.keySpace}/${i % 2}` };
  }
  endJob(job: number): void {
    for (const p of this.inner) p.endJob(job);
  }
}

async function engineWith(parsers: BatchParsers, file: File): Promise<EngineHost> {
  const host = new EngineHost(() => {}, parsers, SMALL);
  const summary = await host.handle({ type: 'ingestFile', file }, ctx());
  expect(summary.records).toBe(summary.alerts + summary.duplicates + summary.problems);
  return host;
}

type Snapshot = Awaited<ReturnType<typeof snapshotOf>>;

async function snapshotOf(host: EngineHost) {
  const view = await host.handle({ type: 'view', filter: EMPTY_FILTER }, ctx());
  const incidents = [];
  for (const row of [...view.rows].sort((a, b) => a.id.localeCompare(b.id))) {
    const alerts = await host.handle({ type: 'alerts', incidentId: row.id, offset: 0, limit: 1e6 }, ctx());
    incidents.push({ summary: row, alerts, report: await host.handle({ type: 'report', incidentId: row.id }, ctx()) });
  }
  const problems = (await host.handle({ type: 'problems', offset: 0, limit: 1e6 }, ctx())).items;
  return { status: { ...host.status(), version: 0, inputs: 0 }, histogram: view.histogram, incidents, problems };
}

describe('parallel ingest', () => {
  const file = new File([BYTES], 'corpus.ndjson');
  let inline: Snapshot;

  it('inline ranges give what adding alerts one by one gives', async () => {
    inline = await snapshotOf(await engineWith(new InlineParsers(), file));
    const ref = reference();
    expect(inline.status).toMatchObject(ref.stats());
    expect(inline.status.duplicates).toBeGreaterThan(100);
    expect(inline.incidents.length).toBeGreaterThan(100);
    expect(inline.problems.length).toBeGreaterThan(10);
    expect(inline.problems).toEqual(ref.problems());
    const refSummaries = new Map(ref.summaries().map((s) => [s.id, s]));
    for (const { summary, alerts } of inline.incidents) {
      expect(summary).toEqual(refSummaries.get(summary.id));
      expect(alerts).toEqual(ref.alertsOf(summary.id, 0, 1e6));
    }
    expect(inline.histogram).toEqual(computeView(ref, EMPTY_FILTER).histogram);
    expect(inline.histogram?.buckets.flat().reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
  });

  it('alerts added as one list of objects (a saved session) give the same as one by one', () => {
    const records: Parameters<AnalysisSession['addAlert']>[0][] = [];
    ingestText(TEXT, 'corpus.ndjson', { alert: (a) => void records.push(a), problem: () => {} });
    const listed = new AnalysisSession();
    listed.addAlerts(records);
    const ref = reference();
    expect(listed.summaries()).toEqual(ref.summaries());
    expect([...listed.allAlerts()]).toEqual([...ref.allAlerts()]);
    expect(computeView(listed, EMPTY_FILTER).histogram).toEqual(computeView(ref, EMPTY_FILTER).histogram);
  });

  it('two parser workers behind ports give the same', async () => {
    expect(await snapshotOf(await engineWith(await portParsers(), file))).toEqual(inline);
  });

  it('results arriving out of order, from two key spaces, give the same', async () => {
    expect(await snapshotOf(await engineWith(new ScrambledParsers(), file))).toEqual(inline);
  });

  it('gzip (read as a stream through the batcher) gives the same', async () => {
    const gz = await snapshotOf(await engineWith(await portParsers(), new File([gzipSync(BYTES)], 'corpus.ndjson')));
    expect(gz).toEqual(inline);
  });

  it('a line too long to range over: the rest of the file is streamed, nothing lost', async () => {
    const long = JSON.stringify({ rule: 'Long', output: 'x'.repeat(40_000), output_fields: { 'proc.name': 'long' } });
    const text = `${TEXT}\n${long}\n${TEXT}`;
    const host = new EngineHost(() => {}, new InlineParsers(), { first: 3000, max: 9000, longLine: 10_000 });
    const summary = await host.handle({ type: 'ingestFile', file: new File([text], 'corpus.ndjson') }, ctx());
    const ref = new AnalysisSession();
    ingestText(text, 'corpus.ndjson', { alert: (a) => void ref.addAlert(a), problem: (p) => ref.addProblem(p) });
    expect(summary).toMatchObject({ alerts: ref.stats().alerts, problems: ref.stats().problems });
    const problems = (await host.handle({ type: 'problems', offset: 0, limit: 1e6 }, ctx())).items;
    expect(problems).toEqual(ref.problems());
  });
});

describe('a file that cannot be read to the end', () => {
  it('keeps the ranges read before, and says where reading stopped', async () => {
    const real = new Blob([BYTES]);
    const breakAt = 200_000;
    // Like a file deleted or changed on disk while read: reads past breakAt fail.
    const file = {
      name: 'vanishing.ndjson',
      size: real.size,
      slice: (start: number, end: number) =>
        end <= breakAt ? real.slice(start, end) : { arrayBuffer: () => Promise.reject(new Error('NotReadableError')) },
    } as unknown as File;
    const host = new EngineHost(() => {}, new InlineParsers(), SMALL);
    const summary = await host.handle({ type: 'ingestFile', file }, ctx());
    expect(summary.alerts).toBeGreaterThan(100);
    const problems = (await host.handle({ type: 'problems', offset: 0, limit: 1e6 }, ctx())).items;
    expect(problems.at(-1)).toMatchObject({ file: 'vanishing.ndjson', line: 0 });
    expect(problems.at(-1)!.message).toMatch(/^the file could not be read to the end \(NotReadableError\); the records before this point were loaded$/);
    expect(summary.records).toBe(summary.alerts + summary.duplicates + summary.problems);
  });
});

describe('search over alerts kept as lines', () => {
  it('finds exactly the incidents a parse of every alert finds', async () => {
    const host = await engineWith(new InlineParsers(), new File([BYTES], 'corpus.ndjson'));
    const ref = reference();
    for (const needle of ['bash', 'BASH', 'café', 'caf', '\\', '"quoted"', 'back', '1.5', '1000', '1003', 'ünïcödé', 'k8s', 'zzz-none', 'c3', 'cat']) {
      const lower = needle.toLowerCase();
      const want = ref.summaries().filter((s) => [...ref.alertsOfIncident(s.id)].some((a) => alertMatchesText(a, lower)));
      const view = await host.handle({ type: 'view', filter: { ...EMPTY_FILTER, text: needle } }, ctx());
      const summaryHits = (await host.handle({ type: 'view', filter: EMPTY_FILTER }, ctx())).rows.filter((r) =>
        [r.rule, r.entity.label, r.source, ...r.hostnames, r.containerImage ?? '', r.k8sNamespace ?? '', ...r.tags].join('\n').toLowerCase().includes(lower),
      );
      const expected = new Set([...want.map((s) => s.id), ...summaryHits.map((s) => s.id)]);
      expect(new Set(view.rows.map((r) => r.id)), needle).toEqual(expected);
    }
  });
});

describe('parser warm-up', () => {
  it('parses every warm-up line of the samples as an alert', () => {
    expect(warmUp()).toBe(1000);
  });
});

describe('InOrder', () => {
  it('applies results in the order added, whatever order they settle in', async () => {
    const order = new InOrder(3);
    const applied: number[] = [];
    const later = (v: number, ms: number) => new Promise<number>((r) => setTimeout(() => r(v), ms));
    for (const [v, ms] of [[1, 20], [2, 1], [3, 10], [4, 0], [5, 5]] as const) await order.add(later(v, ms), (x) => applied.push(x));
    await order.drain();
    expect(applied).toEqual([1, 2, 3, 4, 5]);
  });

  it('stops applying at the first failure and reports it', async () => {
    const order = new InOrder(10);
    const applied: number[] = [];
    await order.add(Promise.resolve(1), (x) => applied.push(x));
    await order.add(Promise.reject(new Error('parser died')), () => applied.push(-1));
    await order.add(Promise.resolve(3), (x) => applied.push(x)).catch(() => {});
    await expect(order.drain()).rejects.toThrow('parser died');
    expect(applied).toEqual([1]);
  });
});
