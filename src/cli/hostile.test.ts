import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_BUNDLE, ensureCliBuilt } from './bundle';

/** The built CLI against inputs that must not break it: no stack, valid JSON, failures listed. */
const samples = fileURLToPath(new URL('../samples/falco-samples.ndjson', import.meta.url));
const SAMPLE_ALERTS = readFileSync(samples, 'utf8').split('\n').filter((l) => l.trim()).length;

let dir: string;

function cli(...files: string[]) {
  const r = spawnSync(process.execPath, [CLI_BUNDLE, 'report', ...files, '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** What every run must show, whatever the input. */
function wellBehaved(r: ReturnType<typeof cli>) {
  expect(r.stderr).not.toMatch(/^\s+at /m); // no stack frames
  expect(r.stderr).not.toMatch(/Error:|node:internal/);
  const json = JSON.parse(r.stdout);
  expect(json).toEqual(expect.objectContaining({ alerts: expect.any(Number), problems: expect.any(Array), incidents: expect.any(Array) }));
  return json as { alerts: number; inputs: { file: string; sameAs?: string }[]; problems: { file: string; line: number; message: string }[]; incidents: unknown[] };
}

describe('cli on hostile input (built bundle)', () => {
  beforeAll(() => {
    ensureCliBuilt();
    dir = mkdtempSync(join(tmpdir(), 'falcoscope-cli-'));
  }, 60_000);

  it('lists a missing file and a directory as problems, on one stderr line each, and reads the rest', () => {
    const missing = join(dir, 'missing.ndjson');
    const r = cli(missing, dir, samples);
    const json = wellBehaved(r);
    expect(r.status).toBe(0);
    expect(json.alerts).toBe(SAMPLE_ALERTS);
    expect(json.problems).toEqual(
      expect.arrayContaining([
        { file: missing, line: 0, message: 'no such file or directory' },
        { file: dir, line: 0, message: 'is a directory' },
      ]),
    );
    expect(r.stderr.trim().split('\n')).toEqual([`falcoscope: ${missing}: no such file or directory`, `falcoscope: ${dir}: is a directory`]);
  }, 120_000);

  it('exits non-zero, with valid JSON, when no alert at all could be read', () => {
    const binary = join(dir, 'binary.bin');
    writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const r = cli(binary, join(dir, 'nope.json'));
    const json = wellBehaved(r);
    expect(r.status).toBe(1);
    expect(json.alerts).toBe(0);
    expect(json.problems.map((p) => p.file)).toEqual(expect.arrayContaining([join(dir, 'nope.json'), 'binary.bin']));
  }, 120_000);

  it('survives a session file with bad entries', () => {
    const session = join(dir, 'bad.falcoscope.json');
    const alert = JSON.parse(readFileSync(samples, 'utf8').split('\n')[0]!);
    writeFileSync(
      session,
      JSON.stringify({
        format: 'falcoscope-session',
        version: 1,
        savedAt: 7,
        inputs: [null],
        alerts: [null, { ...alert, output: 42, time: 'yesterday', rule: ['x'], priority: {} }, 'text', alert],
        problems: [null, { file: 5, line: 'x' }, 'oops'],
        triage: { a: null },
      }),
    );
    const r = cli(session, samples);
    const json = wellBehaved(r);
    expect(json.alerts).toBeGreaterThanOrEqual(SAMPLE_ALERTS);
    for (const p of json.problems) expect(p).toEqual({ file: expect.any(String), line: expect.any(Number), message: expect.any(String) });
    for (const line of r.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^falcoscope: /);
  }, 120_000);

  it('reads a file named twice, or a copy of it, once', () => {
    const copy = join(dir, 'copy.ndjson');
    copyFileSync(samples, copy);
    const link = join(dir, 'link.ndjson');
    symlinkSync(samples, link);
    const r = cli(samples, samples, link, copy);
    const json = wellBehaved(r);
    expect(json.alerts).toBe(SAMPLE_ALERTS);
    expect(json.inputs.map((i) => i.sameAs)).toEqual([undefined, samples, samples, samples]);
    expect(r.stderr).toBe('');
  }, 120_000);

  it('writes a large report as valid JSON, one incident per line', () => {
    const big = join(dir, 'many.ndjson');
    const lines: string[] = [];
    for (let i = 0; i < 500; i++) {
      lines.push(JSON.stringify({ rule: `Custom rule ${i % 7}`, priority: 'Warning', time: '2025-06-10T10:00:00Z', output: `x ${i}`, output_fields: { 'container.id': `c${i}`, 'proc.name': 'sh' } }));
    }
    writeFileSync(big, lines.join('\n'));
    const r = cli(big);
    const json = wellBehaved(r);
    expect(json.incidents).toHaveLength(500);
    const incidentLines = r.stdout.split('\n').filter((l) => l.startsWith('{"id":'));
    expect(incidentLines).toHaveLength(500);
    for (const l of incidentLines.slice(0, 5)) expect(JSON.parse(l.replace(/,$/, ''))).toHaveProperty('markdown');
  }, 120_000);

  it('says what is wrong with the command line, without a stack', () => {
    const r = spawnSync(process.execPath, [CLI_BUNDLE, 'report', '--format', 'yaml', samples], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^falcoscope: --format takes md or json/);
    expect(r.stdout).toBe('');
  }, 120_000);
});

describe('launcher', () => {
  /** A copy of bin/falcoscope.mjs in a fake checkout whose "build" writes a bundle saying "new". */
  function fakeCheckout(): string {
    const root = mkdtempSync(join(tmpdir(), 'falcoscope-launcher-'));
    for (const d of ['bin', 'dist-cli', 'src', 'scripts']) mkdirSync(join(root, d));
    copyFileSync(fileURLToPath(new URL('../../bin/falcoscope.mjs', import.meta.url)), join(root, 'bin/falcoscope.mjs'));
    writeFileSync(join(root, 'scripts/build-cli.mjs'), `import { writeFileSync } from 'node:fs';\nexport async function buildCli() { writeFileSync(new URL('../dist-cli/falcoscope.mjs', import.meta.url), "console.log('new')"); }\n`);
    writeFileSync(join(root, 'src/main.ts'), '');
    writeFileSync(join(root, 'dist-cli/inputs.json'), JSON.stringify(['src/main.ts']));
    return root;
  }
  const run = (root: string) => spawnSync(process.execPath, [join(root, 'bin/falcoscope.mjs')], { encoding: 'utf8' }).stdout.trim();

  it('runs the bundle as it is while no source is newer', () => {
    const root = fakeCheckout();
    writeFileSync(join(root, 'dist-cli/falcoscope.mjs'), "console.log('old')");
    expect(run(root)).toBe('old');
  }, 120_000);

  it('rebuilds when a source is newer than the bundle, or the bundle is missing', () => {
    const root = fakeCheckout();
    writeFileSync(join(root, 'dist-cli/falcoscope.mjs'), "console.log('old')");
    const later = new Date(Date.now() + 60_000);
    spawnSync('touch', ['-d', later.toISOString(), join(root, 'src/main.ts')]);
    expect(run(root)).toBe('new');
    const bare = fakeCheckout();
    expect(run(bare)).toBe('new');
  }, 120_000);
});
