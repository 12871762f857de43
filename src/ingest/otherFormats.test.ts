/**
 * Falco's text output and the exports of falcosidekick's stores, read as alerts: one row per
 * fixture (vendor/falco/text-output, vendor/falco/exports; see their PROVENANCE.md), read as a
 * stream in small chunks and as pasted text, every record an alert or a problem with file and line.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VENDORED_FALCO } from '../testing/vendored';
import { parseBatch } from '../engine/store/parseBatch';
import { KeyTable } from '../engine/store/incidentBatch';
import { collector, ingestBytes, utf8 } from './testkit';
import { ingestText } from './text';
import { parseLineRecord } from './record';
import type { IngestFormat } from './types';

type Row = [file: string, format: IngestFormat, alerts: number, unknownRule: number];

const ROWS: Row[] = [
  ['text-output/real-short-time.log', 'falco-text', 19, 4],
  ['text-output/real-iso8601.log', 'falco-text', 10, 1],
  ['text-output/syslog-assembled.log', 'falco-text', 29, 5],
  ['text-output/generated-stock-rules.log', 'falco-text', 242, 0],
  ['exports/elasticsearch-search-response.json', 'es-search', 29, 0],
  ['exports/elasticsearch-bulk.ndjson', 'es-bulk', 29, 0],
  ['exports/opensearch-hits-export.ndjson', 'ndjson', 29, 0],
  ['exports/loki-logcli.jsonl', 'loki-jsonl', 29, 0],
  ['exports/loki-query-range.json', 'loki-query', 29, 0],
  ['exports/s3-objects-concatenated.json', 'document', 29, 0],
];

const bytesOf = (name: string) => new Uint8Array(readFileSync(new URL(name, VENDORED_FALCO)));
const published = readFileSync(new URL('alerts/real-alerts.ndjson', VENDORED_FALCO), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { rule: string; output: string; time: string });

describe('text output and store exports: every fixture', () => {
  it('has a row for every fixture file', () => {
    const files = ['text-output', 'exports'].flatMap((d) =>
      readdirSync(new URL(`${d}/`, VENDORED_FALCO))
        .filter((f) => f !== 'PROVENANCE.md')
        .map((f) => `${d}/${f}`),
    );
    expect(files.sort()).toEqual(ROWS.map((r) => r[0]).sort());
  });

  it.each(ROWS)('%s reads as %s: %i alerts (%i of rule "unknown"), no problem', async (name, format, alerts, unknown) => {
    for (const chunk of [undefined, 97]) {
      const r = await ingestBytes(bytesOf(name), { file: name, ...(chunk ? { chunk } : {}) });
      expect(r.result).toMatchObject({ format, records: alerts, alerts, problems: 0 });
      expect(r.result.records).toBe(r.alerts.length + r.problems.length);
      expect(r.alerts.filter((a) => a.rule === 'unknown')).toHaveLength(unknown);
      for (const a of r.alerts) {
        expect(a.file).toBe(name);
        expect(a.line).toBeGreaterThan(0);
        expect(a.output).not.toBe('');
      }
    }
    const pasted = collector();
    const t = ingestText(new TextDecoder().decode(bytesOf(name)), name, pasted);
    expect(t).toMatchObject({ format, alerts, problems: 0 });
  });

  it('exports keep each published alert: same rule, time and output, in order', async () => {
    const expected = published.filter((p) => /^(\d{2}:\d{2}:\d{2}\.\d+|\d{4}-\d{2}-\d{2}T[\d:.]+[+-]\d{4}): /.test(p.output));
    for (const name of ['exports/elasticsearch-search-response.json', 'exports/elasticsearch-bulk.ndjson', 'exports/loki-logcli.jsonl', 'exports/loki-query-range.json', 'exports/s3-objects-concatenated.json']) {
      const r = await ingestBytes(bytesOf(name), { file: name });
      expect(r.alerts.map((a) => [a.rule, a.output]), name).toEqual(expected.map((p) => [p.rule, p.output]));
      expect(r.alerts.every((a) => a.time !== ''), name).toBe(true);
    }
  });

  it('records name their own line: bulk documents after their action line, search hits and Loki values where they start', async () => {
    const bulk = await ingestBytes(bytesOf('exports/elasticsearch-bulk.ndjson'));
    expect(bulk.alerts.slice(0, 3).map((a) => a.line)).toEqual([2, 4, 6]);
    const search = await ingestBytes(bytesOf('exports/elasticsearch-search-response.json'));
    const text = new TextDecoder().decode(bytesOf('exports/elasticsearch-search-response.json')).split('\n');
    for (const a of search.alerts) expect(text[a.line - 1]).toMatch(/^\s*\{\s*$/);
    const loki = await ingestBytes(bytesOf('exports/loki-query-range.json'));
    const lokiText = new TextDecoder().decode(bytesOf('exports/loki-query-range.json')).split('\n');
    for (const a of loki.alerts) expect(lokiText[a.line - 1]).toMatch(/^\s*\[\s*$/);
  });

  it('Loki labels give a text line its rule, tags, host and time', async () => {
    const r = await ingestBytes(bytesOf('exports/loki-query-range.json'));
    const a = r.alerts.find((x) => x.rule === 'System user interactive')!;
    expect(a.tags).toContain('mitre_execution');
    expect(a.hostname).toBeTruthy();
    expect(a.time).toMatch(/^2024-0\d-\d{2}T/);
    expect(a.outputFields['user.name']).toBe('daemon');
  });
});

describe('text output and store exports: bad records are problems with file and line', () => {
  const read = (s: string) => ingestBytes(utf8(s), { file: 'in.txt' });

  it('text output: a line without Falco header among text lines', async () => {
    const r = await read('13:49:51.7: Notice Something new | user=root\nWed Dec  2 11:30:25 2026: Falco version: 0.41.0\ngarbage\n');
    expect(r.result).toMatchObject({ format: 'falco-text', records: 3, alerts: 1, problems: 2 });
    expect(r.problems.map((p) => [p.line, p.message])).toEqual([
      [2, "Falco's own log message, not an alert"],
      [3, 'no JSON object on this line'],
    ]);
  });

  it('bulk: a broken document, and action lines are no records', async () => {
    const r = await read('{"create":{"_index":"falco"}}\n{"rule":"R","priority":"Notice","output":"x","time":"2024-01-01T00:00:00Z"}\n{"index":{"_index":"falco"}}\n{"rule":\n');
    expect(r.result).toMatchObject({ format: 'es-bulk', records: 2, alerts: 1, problems: 1 });
    expect(r.problems[0]).toMatchObject({ file: 'in.txt', line: 4 });
    expect(r.problems[0]!.message).toMatch(/invalid JSON/);
  });

  it('bulk: the "doc" of an update is the alert; flattened field names (falcosidekick flattenfields) are mapped back', async () => {
    const doc = {
      rule: 'Terminal shell in container',
      priority: 'Notice',
      output: 'x',
      time: '2024-01-01T00:00:00Z',
      '@timestamp': '2024-01-01T00:00:00Z',
      output_fields: { proc_name: 'bash', 'proc_aname[2]': 'sshd', k8s_ns_name: 'default', evt_arg_flags: 'EXE_WRITABLE', my_custom: 1 },
    };
    const r = await read(`{"update":{"_id":"1","_index":"falco"}}\n${JSON.stringify({ doc })}\n`);
    expect(r.result).toMatchObject({ format: 'es-bulk', records: 1, alerts: 1, problems: 0 });
    expect(r.alerts[0]!.outputFields).toEqual({ 'proc.name': 'bash', 'proc.aname[2]': 'sshd', 'k8s.ns.name': 'default', 'evt.arg.flags': 'EXE_WRITABLE', my_custom: 1 });
  });

  it('logcli: a JSON line that is broken, a line that is neither JSON nor Falco text', async () => {
    const r = await read(
      `${JSON.stringify({ labels: { rule: 'R' }, line: '{"rule":', timestamp: '2024-01-01T00:00:00Z' })}\n${JSON.stringify({ labels: {}, line: 'hello', timestamp: '2024-01-01T00:00:00Z' })}\n${JSON.stringify({ labels: { rule: 'Labelled', priority: 'Error' }, line: 'plain words', timestamp: '2024-01-01T00:00:00.5Z' })}\n`,
    );
    expect(r.result).toMatchObject({ format: 'loki-jsonl', records: 3, alerts: 1, problems: 2 });
    expect(r.problems.map((p) => p.line)).toEqual([1, 2]);
    expect(r.problems[0]!.message).toMatch(/the Loki line is not valid JSON/);
    expect(r.problems[1]!.message).toMatch(/neither Falco JSON nor Falco text output/);
    expect(r.alerts[0]).toMatchObject({ rule: 'Labelled', priority: 'Error', output: 'plain words', time: '2024-01-01T00:00:00.5Z', line: 3 });
  });

  it('search response: no hits, a hit without an alert', async () => {
    const empty = await read('{"took":1,"timed_out":false,"hits":{"total":{"value":0},"hits":[]}}');
    expect(empty.result).toMatchObject({ format: 'es-search', records: 1, alerts: 0, problems: 1 });
    expect(empty.problems[0]!.message).toMatch(/no hits/);
    const odd = await read('{\n "took": 1,\n "hits": {\n  "hits": [\n   {"_index": "x", "_source": {"hello": 1}},\n   {"_index": "x", "_source": {"rule": "R", "output": "o", "priority": "Notice"}}\n  ]\n }\n}\n');
    expect(odd.result).toMatchObject({ format: 'es-search', records: 2, alerts: 1, problems: 1 });
    expect(odd.problems[0]).toMatchObject({ line: 5 });
    expect(odd.alerts[0]).toMatchObject({ rule: 'R', line: 6 });
  });

  it('Loki query: a metric result, a malformed value', async () => {
    const metric = await read('{"status":"success","data":{"resultType":"matrix","result":[]}}');
    expect(metric.result).toMatchObject({ format: 'loki-query', records: 1, problems: 1 });
    expect(metric.problems[0]!.message).toMatch(/resultType "matrix"/);
    const bad = await read('{"status":"success","data":{"resultType":"streams","result":[{"stream":{"rule":"R"},"values":[["1704067200000000000"],["1704067200000000000","13:00:00.1: Notice hi"]]}]}}');
    expect(bad.result).toMatchObject({ records: 2, alerts: 1, problems: 1 });
    expect(bad.problems[0]!.message).toMatch(/a Loki value must be/);
    expect(bad.alerts[0]).toMatchObject({ rule: 'R', time: '2024-01-01T00:00:00.000000000Z' });
  });
});

describe('text output through the parser workers (parseBatch) and the alert store (parseLineRecord)', () => {
  it('each text line is an alert in its batch, and its bytes parse again to the same alert', () => {
    const bytes = bytesOf('text-output/real-iso8601.log');
    const batch = parseBatch({ bytes, firstLine: 1, file: 'real-iso8601.log' }, new KeyTable());
    const text = new TextDecoder().decode(bytes);
    const lines = text.split('\n').filter((l) => l !== '');
    expect(batch.alerts).toBe(lines.length);
    expect(batch.problems).toEqual([]);
    for (let i = 0; i < batch.alerts; i++) {
      // What the alert store does to show an alert: parse its bytes again.
      const again = parseLineRecord(new TextDecoder().decode(bytes.subarray(batch.byteStart[i], batch.byteEnd[i])), 'real-iso8601.log', batch.line[i]!);
      expect(again && 'rule' in again ? again.output : null).toBe(lines[i]);
    }
  });
});
