import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { ingestBytes, utf8 } from './testkit';
import { decompressedLimitQuestion } from './limits';

const SAMPLES = readFileSync(new URL('../samples/falco-samples.ndjson', import.meta.url), 'utf8').split('\n').filter(Boolean);
const lines = (n: number, from = 0) => Array.from({ length: n }, (_, i) => SAMPLES[(from + i) % SAMPLES.length]).join('\n') + '\n';
const gz = (s: string) => new Uint8Array(gzipSync(s));
const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

describe('gzip input as the format defines it', () => {
  it.each([
    ['one member', gz(lines(40)), 40, []],
    ['concatenated members (cat a.gz b.gz c.gz)', cat(gz(lines(40)), gz(lines(25, 3)), gz(lines(1))), 66, []],
    ['a member split mid-line across members', cat(gz(lines(3).slice(0, 100)), gz(lines(3).slice(100))), 3, []],
    ['trailing garbage after a member', cat(gz(lines(10)), utf8('this is not gzip')), 10, [/^gzip data is corrupt or truncated \(.+\); the records before this point were loaded$/]],
    ['a truncated second member', cat(gz(lines(10)), gz(lines(10)).subarray(0, 30)), 10, [/^gzip data is corrupt or truncated/]],
  ])('%s: every record is an alert or a problem', async (_name, bytes, alerts, problems) => {
    for (const chunk of [512, 1 << 16]) {
      const r = await ingestBytes(bytes, { chunk });
      expect(r.alerts).toHaveLength(alerts);
      expect(r.problems.map((p) => p.message)).toEqual(problems.map((m) => expect.stringMatching(m)));
      expect(r.result.records).toBe(r.result.alerts + r.result.problems);
    }
  });
});

describe('decompressed size limits', () => {
  const bomb = gz(lines(2000));
  const limits = { maxBytes: 100_000, ratio: 0, ratioMinBytes: 0 };

  it.each([
    ['refused: reading stops with a problem, the records before kept', false],
    ['accepted: the whole file is read', true],
  ])('past the size limit, the user is asked; %s', async (_name, answer) => {
    const asked: string[] = [];
    const r = await ingestBytes(bomb, {
      chunk: 4096,
      decompressedLimits: limits,
      confirmDecompressed: (reached) => {
        asked.push(decompressedLimitQuestion(reached, 'bomb.gz'));
        return answer;
      },
    });
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(asked[0]).toMatch(/^bomb\.gz has grown to \d+\.\d KiB decompressed from .* Keep reading it\?$/);
    if (answer) {
      expect(r.alerts).toHaveLength(2000);
      expect(r.problems).toEqual([]);
    } else {
      expect(r.alerts.length).toBeGreaterThan(0);
      expect(r.alerts.length).toBeLessThan(2000);
      expect(r.problems).toEqual([expect.objectContaining({ line: 0, message: expect.stringMatching(/^stopped reading after .*\(over the size limit\); the records before this point were loaded$/) })]);
    }
  });

  it('a ratio past the limit is asked about too, as a possible gzip bomb', async () => {
    const asked: string[] = [];
    const zeros = gz('\n'.repeat(3_000_000));
    const r = await ingestBytes(zeros, {
      decompressedLimits: { maxBytes: 1e12, ratio: 100, ratioMinBytes: 1_000_000 },
      confirmDecompressed: (reached) => {
        asked.push(decompressedLimitQuestion(reached, 'z.gz'));
        return false;
      },
    });
    expect(asked).toEqual([expect.stringMatching(/times larger: it may be a gzip bomb\)\. Keep reading it\?$/)]);
    expect(r.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/a gzip bomb\?/) })]);
  });

  it('without anyone to ask, reading stops at the default limit', async () => {
    const r = await ingestBytes(bomb, { decompressedLimits: limits });
    expect(r.problems).toHaveLength(1);
  });
});

describe('NUL bytes are handled per line', () => {
  it.each([
    ['one NUL in line 2 of 1000', (l: string[]) => l.map((x, i) => (i === 1 ? x.replace('"rule"', '"ru\u0000le"') : x)), [2]],
    ['NUL padding as the first line (a log preallocated with zeros)', (l: string[]) => ['\u0000'.repeat(200), ...l.slice(1)], [1]],
    ['a NUL after the JSON of the last line', (l: string[]) => l.map((x, i) => (i === l.length - 1 ? `${x}\u0000` : x)), [1000]],
  ])('%s: that line is a problem, every other loads', async (_name, change, badLines) => {
    const text = change(lines(1000).trimEnd().split('\n')).join('\n') + '\n';
    for (const bytes of [utf8(text), gz(text)]) {
      const r = await ingestBytes(bytes);
      expect(r.problems.map((p) => [p.line, p.message])).toEqual(badLines.map((l) => [l, 'NUL byte in this line: binary data, not a Falco alert']));
      expect(r.alerts).toHaveLength(1000 - badLines.length);
    }
  });
});
