import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeAlert } from '../testing/alerts';
import { CONTAINER_FORMATS, FILE_FORMATS, RECORD_FORMATS, containerOf, jsonStartOnLine, unwrapRecord } from './formats';
import { sniffBytes, sniffText } from './detect';
import { collector, ingestBytes, utf8 } from './testkit';
import { ingestText } from './text';

const { id: _id, ...good } = makeAlert({ rule: 'Good rule' });
const falco = { rule: 'R', priority: 'Notice', time: '2024-08-07T13:49:51.123456789Z', output: 'o', output_fields: { 'proc.name': 'bash' } };
/** The crafted session of issue 13: one good alert and three bad entries. */
const crafted = JSON.stringify({
  format: 'falcoscope-session',
  version: 1,
  alerts: [good, { ...good, rule: 42, priority: 'Bogus' }, 'a string', null],
  problems: [],
  triage: {},
});

describe('the format table', () => {
  it('holds one row per format, each id once', () => {
    const ids = [...CONTAINER_FORMATS, ...FILE_FORMATS, ...RECORD_FORMATS].map((f) => f.id);
    expect(ids).toEqual(['gzip', 'session', 'array', 'es-search', 'loki-query', 'es-bulk', 'loki-jsonl', 'ndjson', 'document', 'falco-text', 'lines', 'sidekick', 'es-hit', 'es-bulk-doc']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  // One sample per file format, sniffed by content the same way from bytes and from pasted text.
  it.each([
    ['session', crafted],
    ['session', `{"alerts": [], "format": "falcoscope-session", "version": 1}`],
    ['array', `[${JSON.stringify(falco)}]`],
    ['ndjson', `${JSON.stringify(falco)}\n${JSON.stringify(falco)}\n`],
    ['document', JSON.stringify(falco, null, 2)],
    ['lines', `<6>2024-08-07T13:49:51Z host Falco[1]: ${JSON.stringify(falco)}\n`],
    ['ndjson', `${JSON.stringify({ event: falco, outputs: ['slack'] })}\n`],
    ['es-search', JSON.stringify({ took: 3, timed_out: false, hits: { hits: [{ _index: 'falco', _source: falco }] } })],
    ['es-bulk', `{"index":{"_index":"falco"}}\n${JSON.stringify(falco)}\n`],
    ['loki-jsonl', `${JSON.stringify({ labels: { rule: 'R' }, line: JSON.stringify(falco), timestamp: '2024-08-07T13:49:51Z' })}\n`],
    ['falco-text', '13:49:51.123456789: Notice A shell was spawned in a container (user=root)\n'],
  ])('sniffs %s by content', (format, text) => {
    expect(sniffText(text).format).toBe(format);
    expect(sniffBytes(utf8(text), true)?.format).toBe(format);
  });

  it('a session marker nested below the top level is not a session', () => {
    expect(sniffText(JSON.stringify({ rule: 'R', output_fields: { format: 'falcoscope-session' } })).format).toBe('ndjson');
  });

  it('knows gzip by its magic bytes, not its name', () => {
    expect(containerOf(gzipSync('x'))?.id).toBe('gzip');
    expect(containerOf(utf8('{"rule":"R"}'))).toBeNull();
    expect(containerOf(new Uint8Array([0x1f]))).toBeNull();
  });

  it('finds the JSON after a syslog prefix, and none where there is no object', () => {
    expect(jsonStartOnLine('<6>2024 host Falco[1]: {"rule":"R"}', 0)).toBe(23);
    expect(jsonStartOnLine('  {"rule":"R"}', 2)).toBe(2);
    expect(jsonStartOnLine('Falco started', 0)).toBe(-1);
  });

  it('unwraps a falcosidekick event and leaves a plain alert (or a record with a rule) alone', () => {
    expect(unwrapRecord({ event: falco, outputs: [] })).toBe(falco);
    expect(unwrapRecord(falco)).toBe(falco);
    const both = { rule: 'R', event: falco };
    expect(unwrapRecord(both)).toBe(both);
    expect(unwrapRecord({ event: 'text' })).toEqual({ event: 'text' });
  });
});

describe('every input goes through the table and restore, sessions included', () => {
  it.each([
    ['a file', async () => ingestBytes(utf8(crafted), { file: 'hand.falcoscope.json' })],
    ['a gzip file', async () => ingestBytes(gzipSync(crafted), { file: 'hand.falcoscope.json' })],
    ['pasted text', async () => {
      const c = collector();
      return { ...c, result: ingestText(crafted, 'hand.falcoscope.json', c) };
    }],
  ])('the crafted session as %s: its good alert loads, three problems name file and line', async (_name, read) => {
    const { alerts, problems, result } = await read();
    expect(result).toMatchObject({ format: 'session', records: 4, alerts: 1, problems: 3 });
    expect(alerts.map((a) => a.rule)).toEqual(['Good rule']);
    expect(problems).toEqual([
      { file: 'hand.falcoscope.json', line: 1, message: expect.stringMatching(/^saved alert 2: "rule" must be a string, got number/), excerpt: expect.any(String) },
      { file: 'hand.falcoscope.json', line: 1, message: 'saved alert 3: expected an alert object, got string', excerpt: '"a string"' },
      { file: 'hand.falcoscope.json', line: 1, message: 'saved alert 4: expected an alert object, got null', excerpt: 'null' },
    ]);
    expect(result.triage).toEqual({});
  });
});
