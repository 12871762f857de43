import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EngineHost } from './engineHost';
import { EMPTY_FILTER } from '../model';
import { ingestBytes, utf8, collector } from '../ingest/testkit';
import { ingestText } from '../ingest/text';

const [A, B, C, D] = readFileSync(new URL('../samples/falco-samples.ndjson', import.meta.url), 'utf8').split('\n').filter(Boolean) as [string, string, string, string];
// Four different alerts: the same alert twice would be counted once (see analyze/identity).
const pretty = (line: string) => JSON.stringify(JSON.parse(line), null, 2);
const BAD = '{"rule": 5, "output": "x"}';

/** One row per layout: the file's text, then the line of each alert and of each problem. */
const LAYOUTS: [string, string, number[], number[]][] = [
  ['plain NDJSON', `${A}\n${B}\n${C}\n`, [1, 2, 3], []],
  ['an array on one NDJSON line', `${A}\n[${B},${C}]\n${D}\n`, [1, 2, 2, 3], []],
  ['an array with a bad element', `${A}\n[${B}, 7, ${BAD}]\n`, [1, 2], [2, 2]],
  ['an empty array on a line', `${A}\n[]\n`, [1], [2]],
  ['two objects on one line', `${A}\n${B}${C}\n${D}\n`, [1, 2, 2, 3], []],
  ['three objects on one line, blanks between, one bad', `${A} ${BAD}\t${C}\n`, [1, 1], [1]],
  ['a pretty object inside NDJSON', `${A}\n${pretty(B)}\n${C}\n`, [1, 2, 2 + pretty(B).split('\n').length], []],
  ['a pretty object that never closes', `${A}\n{\n  "rule": "x",\n${C}\n`, [1, 4], [2, 3]],
  ['a syslog prefix holding {', `<5>2024-08-07T13:49:51Z host falco{pid=1}[1]: ${A}\n${B}\n`, [1, 2], []],
  ['RFC 5424 structured data holding {', `<165>1 2024-08-07T13:49:51Z host falco 1 - [meta x="{a}" y="}"] ${A}\n<165>1 - host falco 1 - - ${B}\n`, [1, 2], []],
  ['a prefix and no JSON', `${A}\nsyslog says {hello}\n`, [1], [2]],
];

describe('mixed layouts are counted exactly', () => {
  it.each(LAYOUTS)('%s', async (_name, text, alertLines, problemLines) => {
    // Read from a file (in this thread), pasted, and through the engine (parsed batches kept as bytes).
    const read = await ingestBytes(utf8(text));
    const pasted = collector();
    ingestText(text, 'test.json', pasted);
    for (const r of [read, pasted]) {
      expect(r.alerts.map((a) => a.line)).toEqual(alertLines);
      expect(r.problems.map((p) => p.line)).toEqual(problemLines);
    }
    const host = new EngineHost();
    const ctx = { signal: new AbortController().signal, progress: () => {} };
    const summary = await host.handle({ type: 'ingestFile', file: new File([text], 'test.json') }, ctx);
    expect(summary).toMatchObject({ alerts: alertLines.length, problems: problemLines.length, records: alertLines.length + problemLines.length });
    // Every alert kept as bytes parses again to the alert read at first.
    const view = await host.handle({ type: 'view', filter: EMPTY_FILTER }, ctx);
    const again = [];
    for (const row of view.rows) again.push(...(await host.handle({ type: 'alerts', incidentId: row.id, offset: 0, limit: 100 }, ctx)));
    const key = (a: { line: number; rule: string; uuid?: string }) => `${a.line} ${a.rule} ${a.uuid ?? ''}`;
    expect(again.map(key).sort()).toEqual(read.alerts.map(key).sort());
  });

  it('a hostile line of many { after a prefix costs a bounded number of tries', async () => {
    const line = `prefix ${'{'.repeat(50_000)} ${A}`;
    // Bounded by MAX_PREFIX_CANDIDATES (lineLayout.ts); no clock here, CI machines are busy.
    const r = await ingestBytes(utf8(`${line}\n${B}\n`));
    expect(r.alerts.map((a) => a.line)).toEqual([2]);
    expect(r.problems.map((p) => p.line)).toEqual([1]);
  });
});
