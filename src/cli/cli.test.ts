import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs, UsageError } from './args';
import { VENDORED_ALERTS_DIR } from '../testing/vendored';
import { collect } from './collect';
import { CLI_BUNDLE, ensureCliBuilt } from './bundle';

const samples = fileURLToPath(new URL('../samples/falco-samples.ndjson', import.meta.url));

describe('cli', () => {
  beforeAll(ensureCliBuilt, 60_000);

  it.each([
    [['report', 'a.json'], { command: 'report', files: ['a.json'], format: 'md' }],
    [['report', 'a', 'b', '--format', 'json'], { command: 'report', files: ['a', 'b'], format: 'json' }],
    [['report', '--format=md', 'a'], { command: 'report', files: ['a'], format: 'md' }],
    [['--help'], { command: 'help', files: [], format: 'md' }],
  ])('parses %j', (argv, expected) => expect(parseArgs(argv)).toEqual(expected));

  it.each([[['report']], [['report', 'a', '--format', 'html']], [['scan', 'a']], [['report', '--verbose', 'a']]])('rejects %j', (argv) => {
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
