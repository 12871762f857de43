import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { VENDORED_ALERTS_DIR } from '../testing/vendored';

// The samples are bundled in the app: each must be a published alert that we may redistribute.
const samples = readFileSync(new URL('./falco-samples.ndjson', import.meta.url), 'utf8').split('\n').filter(Boolean);
const real = readFileSync(`${VENDORED_ALERTS_DIR}real-alerts.ndjson`, 'utf8').split('\n');
const sources = readFileSync(`${VENDORED_ALERTS_DIR}real-alerts.sources.ndjson`, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { ndjson_line: number; repo: string; license: string });

const parsedReal = real.map((line) => {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
});

/** The sources row of the published alert equal to `line` (same JSON value), if any. */
function publishedAs(line: string): (typeof sources)[number] | undefined {
  const value = JSON.parse(line) as unknown;
  const at = parsedReal.findIndex((r) => r !== undefined && isDeepStrictEqual(r, value));
  return at < 0 ? undefined : sources.find((s) => s.ndjson_line === at + 1);
}

describe('built-in samples', () => {
  it('starts with the one illustrative alert, documented in README.md', () => {
    expect(JSON.parse(samples[0]!)).toMatchObject({ rule: 'PTRACE attached to process' });
    expect(publishedAs(samples[0]!)).toBeUndefined();
  });

  it.each(samples.slice(1).map((line, i) => [i + 2, line] as const))('line %i is a published alert under a stated licence', (_n, line) => {
    const source = publishedAs(line);
    expect(source, line.slice(0, 120)).toBeDefined();
    expect(source!.license).not.toMatch(/none stated/i);
    expect(source!.repo).not.toMatch(/sledigabel\/poc_falco|\(issue|\(PR/);
  });
});
