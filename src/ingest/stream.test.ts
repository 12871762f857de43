import { readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingestStream } from './stream';
import { VENDORED_ALERTS_URL, collector, fixture, ingestBytes, randomBytes, streamOf, utf8 } from './testkit';
import type { IngestFormat } from './types';

type Row = [file: string, format: IngestFormat, gzip: boolean, alerts: number, problems: number];

// Every file under vendor/falco/alerts (the test below fails when one is added without a row).
const FIXTURES: Row[] = [
  ['array.json', 'array', false, 4, 0],
  ['falco-test-output-single_rule_with_cat_write.ndjson', 'ndjson', false, 8, 0],
  ['falcosidekick-webui-payload.json', 'ndjson', false, 1, 0],
  ['real-alerts.ndjson', 'ndjson', false, 33, 0],
  ['real-alerts.ndjson.gz', 'ndjson', true, 33, 0],
  // Provenance metadata beside the alerts: rule + priority but no output, fields or time.
  ['real-alerts.sources.ndjson', 'ndjson', false, 0, 33],
  ['single-pretty.json', 'document', false, 1, 0],
  ['syslog-wrapped.log', 'lines', false, 6, 0],
  ['variants/grpc-client-outputs.ndjson', 'ndjson', false, 2, 0],
  ['variants/odd-and-malformed.ndjson', 'ndjson', false, 2, 1],
  ['variants/published-test-payloads.ndjson', 'ndjson', false, 8, 0],
];

async function load(name: string, chunk?: number) {
  const bytes = fixture(name);
  const r = await ingestBytes(bytes, { file: name, ...(chunk ? { chunk } : {}) });
  expect(r.result.records).toBe(r.result.alerts + r.result.problems);
  expect(r.alerts).toHaveLength(r.result.alerts);
  expect(r.problems).toHaveLength(r.result.problems);
  return r;
}

describe('vendored Falco alert files', () => {
  it('has a row for every file', () => {
    const files = [
      ...readdirSync(VENDORED_ALERTS_URL).filter((f) => f.includes('.')),
      ...readdirSync(new URL('variants/', VENDORED_ALERTS_URL)).map((f) => `variants/${f}`),
    ];
    expect(files.sort()).toEqual(FIXTURES.map((r) => r[0]).sort());
  });

  it.each(FIXTURES)('%s loads as %s (gzip %s): %i alerts, %i problems', async (name, format, gzip, alerts, problems) => {
    const r = await load(name);
    expect(r.result).toEqual({ format, gzip, bytes: fixture(name).length, records: alerts + problems, alerts, problems });
    for (const a of r.alerts) {
      expect(a.file).toBe(name);
      expect(a.rule).not.toBe('');
    }
  });

  it('real-alerts.ndjson.gz gives the same alerts as real-alerts.ndjson', async () => {
    const plain = await load('real-alerts.ndjson');
    const gz = await load('real-alerts.ndjson.gz');
    expect(gz.alerts.map((a) => ({ ...a, file: '' }))).toEqual(plain.alerts.map((a) => ({ ...a, file: '' })));
    expect(plain.alerts.map((a) => a.line)).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
  });

  it('syslog-wrapped.log: the JSON after the syslog prefix', async () => {
    const r = await load('syslog-wrapped.log');
    expect(r.alerts[0]).toMatchObject({
      line: 1,
      rule: 'System user interactive',
      priority: 'Informational',
      uuid: 'a9f98848-b6de-4762-9208-3aa6ea75836b',
      time: '2024-08-07T13:49:51.703321833Z',
      source: 'syscall',
      sourceInferred: false,
      hostname: 'e822ea6618ae',
    });
    expect(r.alerts.map((a) => a.line)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('grpc-client-outputs: {seconds, nanos} time and priority 4', async () => {
    const [a, b] = (await load('variants/grpc-client-outputs.ndjson')).alerts;
    expect(a).toMatchObject({ time: '2019-10-03T09:20:49.620298462Z', timeMs: 1570094449620, priority: 'Warning', source: 'syscall', sourceInferred: true });
    expect(a!.outputFields['evt.time']).toBe('09:20:49.620298462');
    expect(b).toMatchObject({ time: '2020-03-03T17:50:03.391768Z', priority: 'Warning', hostname: 'localhost.localdomain' });
  });

  it('odd-and-malformed: line 1 is invalid JSON, the others load', async () => {
    const r = await load('variants/odd-and-malformed.ndjson');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: 'variants/odd-and-malformed.ndjson', line: 1, message: expect.stringMatching(/^invalid JSON: .*position \d+/) });
    expect(r.problems[0]!.excerpt).toMatch(/^\{"output":"06:54:54/);
    expect(r.alerts[0]).toMatchObject({ line: 2, rule: 'Falco internal: metrics snapshot', priority: 'Informational', time: '', source: 'syscall' });
    expect(r.alerts[0]!.timeMs).toBeNaN();
    expect(r.alerts[1]).toMatchObject({ line: 3, priority: 'Warning', source: 'syscall', sourceInferred: false });
  });

  it('published-test-payloads: odd time suffix, syscalls, cloudtrail without output', async () => {
    const r = await load('variants/published-test-payloads.ndjson');
    expect(r.alerts[0]).toMatchObject({ time: '2021-04-13T20:58:00.746609046Z', priority: 'Error' });
    expect(r.alerts[4]!.outputFields['n_drops']).toBe(815508);
    expect(r.alerts[3]!.outputFields['n drops/buffer?clone{fork]enter']).toBe('0');
    expect(r.alerts[5]).toMatchObject({ source: 'syscall', sourceInferred: false, tags: ['test', 'example'], hostname: 'test-host' });
    expect(r.alerts[7]).toMatchObject({ source: 'aws_cloudtrail', output: '', rule: 'Terraform Managed Resource Modified' });
  });

  it('array.json, single-pretty.json and the sidekick payload', async () => {
    const arr = await load('array.json');
    expect(arr.alerts.map((a) => a.source)).toEqual(['k8s_audit', 'k8s_audit', 'k8s_audit', 'gcp_auditlog']);
    expect(arr.alerts[0]!.line).toBe(2);
    expect(arr.alerts[1]!.line).toBeGreaterThan(arr.alerts[0]!.line);
    const pretty = await load('single-pretty.json');
    expect(pretty.alerts[0]).toMatchObject({ line: 1, rule: 'Write below root', priority: 'Error', time: '2022-07-12T12:33:48.105952346Z' });
    const sk = await load('falcosidekick-webui-payload.json');
    expect(sk.alerts[0]).toMatchObject({ rule: 'Terminal shell in container', priority: 'Critical', hostname: 'falco-xczjd' });
  });

  it('real-alerts.sources.ndjson (metadata, not alerts) gives one clear problem per line', async () => {
    const r = await load('real-alerts.sources.ndjson');
    expect(new Set(r.problems.map((p) => p.message))).toEqual(new Set(['not a Falco alert: has "rule" but no "output", "output_fields" or "time"']));
  });
});

describe('chunk boundaries', () => {
  const real = new TextDecoder().decode(fixture('real-alerts.ndjson'));
  const variants: Record<string, Uint8Array> = {
    lf: utf8(real),
    crlf: utf8(real.replace(/\n/g, '\r\n')),
    multibyte: utf8(real.replace(/"output":"/g, '"output":"é 漢 😀 ').replace(/"priority"/g, '"x.ü":"ß😀","priority"')),
    'no final newline': utf8(real.trimEnd()),
    'blank lines and syslog prefixes': utf8(`${real.trimEnd().replace(/\n/g, '\n\r\n<6>2024-08-07T13:49:51Z h Falco[1]: ')}\n`),
  };

  it.each(Object.keys(variants))('%s: every chunk size gives the whole-file parse', async (name) => {
    const bytes = variants[name]!;
    const whole = await ingestBytes(bytes);
    expect(whole.result).toMatchObject({ alerts: 33, problems: 0 });
    for (const chunk of [1, 2, 3, 7, 64]) {
      const r = await ingestBytes(bytes, { chunk });
      expect(r.result).toEqual(whole.result);
      expect(r.alerts).toEqual(whole.alerts);
    }
  });

  it('CRLF and missing final newline do not change the alerts', async () => {
    const lf = await ingestBytes(variants.lf!);
    expect((await ingestBytes(variants.crlf!, { chunk: 7 })).alerts).toEqual(lf.alerts);
    expect((await ingestBytes(variants['no final newline']!, { chunk: 3 })).alerts).toEqual(lf.alerts);
  });

  it('multi-byte characters split across chunks decode intact', async () => {
    const r = await ingestBytes(variants.multibyte!, { chunk: 1 });
    for (const a of r.alerts) {
      expect(a.output.startsWith('é 漢 😀 ')).toBe(true);
      expect(a.outputFields['x.ü']).toBe(undefined);
    }
  });

  it('gzip read in tiny compressed chunks', async () => {
    const whole = await ingestBytes(variants.multibyte!);
    const gz = new Uint8Array(gzipSync(variants.multibyte!));
    for (const chunk of [1, 3, 64]) {
      const r = await ingestBytes(gz, { chunk });
      expect(r.result).toEqual({ ...whole.result, gzip: true, bytes: gz.length });
      expect(r.alerts).toEqual(whole.alerts);
    }
  });

  it('an invalid UTF-8 line is a problem at any chunk size', async () => {
    const lines = real.split('\n');
    const bad = utf8(lines[1]!);
    bad[30] = 0xff;
    const bytes = new Uint8Array([...utf8(`${lines[0]}\n`), ...bad, ...utf8(`\n${lines[2]}\n`)]);
    for (const chunk of [1, 2, 7, 64, 100_000]) {
      const r = await ingestBytes(bytes, { chunk });
      expect(r.alerts.map((a) => a.line)).toEqual([1, 3]);
      expect(r.problems).toMatchObject([{ line: 2, message: 'invalid UTF-8' }]);
    }
  });
});

describe('bad input', () => {
  async function one(input: Uint8Array | string, chunk?: number) {
    const r = await ingestBytes(typeof input === 'string' ? utf8(input) : input, chunk ? { chunk } : {});
    expect(r.result.records).toBe(r.result.alerts + r.result.problems);
    return r;
  }
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, ...randomBytes(500)]);

  it.each([
    ['an empty file', new Uint8Array(0), 'empty', 'empty file'],
    ['a file of blank lines', utf8('\n \r\n\t\n'), 'empty', 'empty file'],
    ['PNG bytes', PNG, 'binary', 'not a text file (a PNG image)'],
    ['random bytes', randomBytes(100_000), 'binary', 'not a text file (binary content: it holds NUL bytes)'],
  ])('%s: one file-level problem', async (_name, bytes, format, message) => {
    for (const chunk of [undefined, 1, 100]) {
      const r = await one(bytes, chunk);
      expect(r.result).toMatchObject({ format, records: 1, alerts: 0, problems: 1 });
      expect(r.problems).toEqual([{ file: 'test.json', line: 0, message }]);
    }
  });

  it('gzip of a PNG is binary too', async () => {
    const r = await one(new Uint8Array(gzipSync(PNG)));
    expect(r.result).toMatchObject({ format: 'binary', gzip: true, problems: 1 });
  });

  it('a truncated last line is one problem; the lines before load', async () => {
    const bytes = fixture('real-alerts.ndjson');
    const r = await one(bytes.subarray(0, bytes.length - 60));
    expect(r.result).toMatchObject({ alerts: 32, problems: 1 });
    expect(r.problems[0]).toMatchObject({ line: 33, message: expect.stringMatching(/^invalid JSON: /) });
  });

  it.each([
    ['{"foo":1}', /^not a Falco alert: no "rule", "output", "output_fields" or "priority" \(has "foo"\)$/],
    ['{"rule": 5, "output": "x"}', /^"rule" must be a string, got number$/],
    ['{"rule": "R", "output": "x", "priority": "Severe"}', /^unknown priority "Severe"$/],
    ['{"rule": "R", "output": "x", "output_fields": [1]}', /^"output_fields" must be an object, got array$/],
    ['<6>2024-08-07T13:49:51Z host Falco[1]: started', /^no JSON object on this line$/],
    ['{"rule": "R", "output": "x",}', /^invalid JSON: /],
  ])('%s between good lines', async (line, message) => {
    const good = '{"rule":"Good","output":"ok","priority":"Notice"}';
    const r = await one(`${good}\n${line}\n\n${good}\n`);
    expect(r.alerts.map((a) => a.line)).toEqual([1, 4]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.line).toBe(2);
    expect(r.problems[0]!.message).toMatch(message);
  });

  it('__proto__ and constructor keys stay own data, and nothing is polluted', async () => {
    const r = await one('{"rule":"R","output":"o","output_fields":{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}}\n');
    const f = r.alerts[0]!.outputFields;
    expect(Object.getPrototypeOf(f)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(f)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(f, '__proto__')!.value).toBe('{"isAdmin":true}');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('a value nested 5000 deep loads as its JSON text', async () => {
    const deep = '{"a":'.repeat(5000) + '[]' + '}'.repeat(5000);
    const r = await one(`{"rule":"R","output":"o","output_fields":{"deep":${deep}}}\n`);
    expect(r.alerts[0]!.outputFields.deep).toBe(deep);
  });

  it('a 50 MB single line still parses', async () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    const r = await one(`{"rule":"R","output":"${big}"}`, 64 * 1024);
    expect(r.result).toMatchObject({ format: 'ndjson', alerts: 1, problems: 0 });
    expect(r.alerts[0]!.output.length).toBe(big.length);
  });

  it('corrupt gzip keeps the records read before the damage', async () => {
    const gz = new Uint8Array(gzipSync(fixture('real-alerts.ndjson')));
    for (const [name, bytes] of [
      ['truncated', gz.subarray(0, Math.floor(gz.length / 2))],
      ['flipped bytes', gz.map((b, i) => (i > gz.length - 40 && i < gz.length - 20 ? b ^ 0xff : b))],
    ] as const) {
      const r = await one(bytes, 512);
      expect(r.result.gzip, name).toBe(true);
      expect(r.alerts.length, name).toBeGreaterThan(0);
      expect(r.problems.at(-1), name).toMatchObject({ line: 0, message: expect.stringMatching(/^gzip data is corrupt or truncated \(.+\); the records before this point were loaded$/) });
    }
  });

  it('garbage after the gzip magic is a clear problem', async () => {
    const r = await one(new Uint8Array([0x1f, 0x8b, 0x99, 1, 2, 3]));
    expect(r.result).toMatchObject({ gzip: true, alerts: 0 });
    expect(r.problems.at(-1)!.message).toMatch(/^gzip data is corrupt/);
  });
});

describe('progress and cancellation', () => {
  it('reports raw bytes read and records, ending with the totals', async () => {
    const bytes = fixture('real-alerts.ndjson');
    const seen: Array<{ bytesRead: number; records: number }> = [];
    const r = await ingestBytes(bytes, { chunk: 512, progressEveryBytes: 4096, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThanOrEqual(8);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.bytesRead).toBeGreaterThanOrEqual(seen[i - 1]!.bytesRead);
      expect(seen[i]!.records).toBeGreaterThanOrEqual(seen[i - 1]!.records);
    }
    expect(seen.at(-1)).toEqual({ bytesRead: bytes.length, records: r.result.records });
  });

  it('counts compressed bytes for gzip', async () => {
    const gz = fixture('real-alerts.ndjson.gz');
    const seen: number[] = [];
    await ingestBytes(gz, { chunk: 1000, progressEveryBytes: 1000, onProgress: (p) => seen.push(p.bytesRead) });
    expect(seen.at(-1)).toBe(gz.length);
    expect(Math.max(...seen)).toBe(gz.length);
  });

  it('rejects with an AbortError when aborted before starting', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const p = ingestStream(streamOf(utf8('{"rule":"R","output":"o"}\n')), 'f', collector(), { signal: ctl.signal });
    await expect(p).rejects.toSatisfy((e: unknown) => e instanceof DOMException && e.name === 'AbortError');
  });

  it('rejects with an AbortError mid-read and cancels the source', async () => {
    let cancelled = false;
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (!sent) {
          sent = true;
          c.enqueue(utf8(`${'{"rule":"R","output":"o"}\n'.repeat(100)}`));
          return;
        }
        return new Promise<void>(() => {}); // a read that never completes
      },
      cancel() {
        cancelled = true;
      },
    });
    const ctl = new AbortController();
    const sink = collector();
    const p = ingestStream(stream, 'f', sink, {
      signal: ctl.signal,
      progressEveryBytes: 1,
      onProgress: () => ctl.abort(),
    });
    await expect(p).rejects.toSatisfy((e: unknown) => e instanceof DOMException && e.name === 'AbortError');
    expect(cancelled).toBe(true);
    expect(sink.alerts.length).toBe(100);
  });
});
