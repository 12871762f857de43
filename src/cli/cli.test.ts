import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { makeAlert } from '../testing/alerts';
import { fileURLToPath } from 'node:url';
import { parseArgs, UsageError } from './args';
import { VENDORED_ALERTS_DIR } from '../testing/vendored';
import { collect } from './collect';
import { CLI_BUNDLE, ensureCliBuilt } from './bundle';

const samples = fileURLToPath(new URL('../samples/falco-samples.ndjson', import.meta.url));
const sampleLines = readFileSync(samples, 'utf8').split('\n').filter(Boolean);
const lines = (n: number, from = 0) => Array.from({ length: n }, (_, i) => sampleLines[(from + i) % sampleLines.length]).join('\n') + '\n';
const { id: _id, ...savedAlert } = makeAlert({ rule: 'Saved rule' });

describe('cli', () => {
  beforeAll(ensureCliBuilt, 60_000);

  it.each([
    [['report', 'a.json'], { command: 'report', files: ['a.json'], format: 'md' }],
    [['report', 'a', 'b', '--format', 'json'], { command: 'report', files: ['a', 'b'], format: 'json' }],
    [['report', '--format=md', 'a'], { command: 'report', files: ['a'], format: 'md' }],
    [['--help'], { command: 'help', files: [], format: 'md' }],
    [['report', 'a.gz', '--max-decompressed', '20G'], { command: 'report', files: ['a.gz'], format: 'md', maxDecompressed: 20 * 1024 ** 3 }],
    [['report', '--max-decompressed=512k', 'a.gz'], { command: 'report', files: ['a.gz'], format: 'md', maxDecompressed: 512 * 1024 }],
    [['report', 'a.gz', '--max-decompressed', '0'], { command: 'report', files: ['a.gz'], format: 'md', maxDecompressed: Infinity }],
  ])('parses %j', (argv, expected) => expect(parseArgs(argv)).toEqual(expected));

  it.each([[['report']], [['report', 'a', '--format', 'html']], [['scan', 'a']], [['report', '--verbose', 'a']], [['report', 'a', '--max-decompressed', 'lots']], [['report', 'a', '--max-decompressed']]])('rejects %j', (argv) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
  });

  it('prints the documented JSON shape', async () => {
    const result = await collect({ command: 'report', files: [samples, `${VENDORED_ALERTS_DIR}variants/odd-and-malformed.ndjson`], format: 'json' });
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.alerts).toBe(13);
    expect(json.problems).toEqual([expect.objectContaining({ file: 'odd-and-malformed.ndjson', line: 1, message: expect.stringMatching(/JSON/) })]);
    const ptrace = json.incidents.find((i: { rule: string }) => i.rule === 'PTRACE attached to process');
    expect(ptrace).toMatchObject({ priority: 'Warning', count: 1, playbook: expect.any(String) });
    expect(ptrace.risk).toMatchObject({ score: expect.any(Number), level: expect.any(String) });
    expect(ptrace.risk.factors[0]).toMatchObject({ field: 'priority', value: 'Warning' });
    expect(ptrace.mitre[0]).toMatchObject({ id: 'T1055.008', name: expect.any(String), tactic: expect.any(String) });
    expect(ptrace.tuning).toContain('- rule: PTRACE attached to process');
    expect(ptrace.markdown).toContain('## Risk assessment');
    expect(ptrace.mitigations.length).toBeGreaterThan(0);
    const scores = json.incidents.map((i: { risk: { score: number } }) => i.risk.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('prints Markdown and lists problems on stderr', async () => {
    const result = await collect({ command: 'report', files: [`${VENDORED_ALERTS_DIR}variants/odd-and-malformed.ndjson`], format: 'md' }, new Date('2026-01-01T00:00:00Z'));
    expect(result.stdout).toMatch(/^# Falco incident report/);
    expect(result.stderr).toMatch(/odd-and-malformed\.ndjson:1: invalid JSON/);
    expect(result.exitCode).toBe(0);
  });

  it.each([
    // Different alerts in each member: the same alert twice is counted once.
    ['concatenated gzip members', () => Buffer.concat([gzipSync(lines(5)), gzipSync(lines(6, 5))]), {}, 11, []],
    ['gzip with trailing bytes', () => Buffer.concat([gzipSync(lines(10)), Buffer.from('garbage')]), {}, 10, [/^gzip data is corrupt or truncated/]],
    ['gzip past --max-decompressed', () => gzipSync(lines(2000)), { maxDecompressed: 64 * 1024 }, -1, [/^stopped reading after .*over the size limit/]],
    [
      'a hand-made session with bad entries',
      () => JSON.stringify({ version: 1, format: 'falcoscope-session', alerts: [savedAlert, { ...savedAlert, rule: 42 }, null], problems: [null], triage: { a: null } }),
      {},
      1,
      [/^saved problem 1/, /^saved alert 2/, /^saved alert 3/, /^triage of incident "a"/],
    ],
  ])('reads %s: valid JSON on stdout, every record an alert or a problem', async (_name, bytes, options, alerts, problems) => {
    const path = join(mkdtempSync(join(tmpdir(), 'falcoscope-cli-')), 'input');
    writeFileSync(path, bytes());
    const result = await collect({ command: 'report', files: [path], format: 'json', ...options });
    const json = JSON.parse(result.stdout);
    if (alerts >= 0) expect(json.alerts).toBe(alerts);
    else expect(json.alerts).toBeGreaterThan(0);
    expect(json.problems.map((p: { message: string }) => p.message)).toEqual(problems.map((m) => expect.stringMatching(m)));
  });

  it('counts an alert in two overlapping files once, and says how many it skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'falcoscope-cli-'));
    const [a, b] = [join(dir, 'a.ndjson'), join(dir, 'b.ndjson')];
    writeFileSync(a, lines(7));
    writeFileSync(b, lines(7, 4));
    const json = JSON.parse((await collect({ command: 'report', files: [a, b], format: 'json' })).stdout);
    expect(json.alerts).toBe(11);
    expect(json.inputs.map((i: { alerts: number; duplicates?: number }) => [i.alerts, i.duplicates ?? 0])).toEqual([
      [7, 0],
      [4, 3],
    ]);
  });

  it('loads the good alert of the crafted session of issue 13 and lists its three bad entries with file and line', () => {
    // Through the built command, as a user runs it: one good alert, then "rule": 42 with
    // "priority": "Bogus", a string and null, one entry per line.
    const dir = mkdtempSync(join(tmpdir(), 'falcoscope-cli-'));
    const path = join(dir, 'hand.falcoscope.json');
    const entries = [savedAlert, { ...savedAlert, rule: 42, priority: 'Bogus' }, 'a string', null].map((e) => JSON.stringify(e));
    writeFileSync(path, `{"format": "falcoscope-session", "version": 1,\n"alerts": [\n${entries.join(',\n')}\n]}\n`);
    const stdout = execFileSync(process.execPath, [CLI_BUNDLE, 'report', path, '--format', 'json'], { encoding: 'utf8' });
    const json = JSON.parse(stdout);
    expect(json.alerts).toBe(1);
    expect(json.incidents.map((i: { rule: string }) => i.rule)).toEqual(['Saved rule']);
    expect(json.problems).toEqual([
      { file: 'hand.falcoscope.json', line: 4, message: expect.stringMatching(/^saved alert 2: "rule" must be a string, got number/) },
      { file: 'hand.falcoscope.json', line: 5, message: 'saved alert 3: expected an alert object, got string' },
      { file: 'hand.falcoscope.json', line: 6, message: 'saved alert 4: expected an alert object, got null' },
    ]);
  });

  it('fails only when nothing could be read', async () => {
    const result = await collect({ command: 'report', files: ['/nonexistent/file.ndjson'], format: 'json' });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/nonexistent/);
  });

  it('writes the whole report to a pipe, however long', () => {
    const stdout = execFileSync(process.execPath, [CLI_BUNDLE, 'report', samples, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(stdout.length).toBeGreaterThan(100_000);
    expect(JSON.parse(stdout).incidents).toHaveLength(11);
  }, 60_000);
});
