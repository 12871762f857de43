/**
 * The CLI against the floor of what reading the same file costs, side by side, in one run.
 *
 *   npx tsx bench/cli.ts [--size 134] [--entities 0.05] [--runs 3]
 *
 * The file is bench/generate.ts's (134 MB and a 0.05 world: about 121k alerts in 5k incidents,
 * like the 134 MB file of issue 10). Both sides are a fresh `node` process, timed from spawn to
 * exit, and alternate run by run, so load on the (shared) machine hits them alike; best of N:
 *   baseline  readline over fs.createReadStream + JSON.parse of every line, nothing else;
 *   CLI       `node dist-cli/falcoscope.mjs report FILE --format json`, stdout to /dev/null, with its
 *             on one thread (the default) and with worker threads (FALCOSCOPE_THREADS=1). CPU
 *             seconds too (GNU time).
 * Target (issue 10): CLI <= 2x baseline. Also: one `--format md` run (time, CPU, peak RSS); start-up (a one-alert file) of the bundle against
 * `node -e 0` and against the source through tsx, as the CLI ran before it was bundled; with
 * BENCH_CLI_MILLION=1, peak RSS of `report --format json` over a million distinct incidents.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPath, ensureFile } from './generate';
import { ensureDistinct } from './distinct';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LAUNCHER = join(ROOT, 'bin/falcoscope.mjs');
const BUNDLE = join(ROOT, 'dist-cli/falcoscope.mjs');
const TIME = '/usr/bin/time';

const BASELINE = `
const { createReadStream } = require('node:fs');
const { createInterface } = require('node:readline');
let n = 0;
createInterface({ input: createReadStream(process.argv[1]), crlfDelay: Infinity })
  .on('line', (line) => { if (line) { JSON.parse(line); n++; } })
  .on('close', () => console.log(n));
`;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

interface Timed {
  seconds: number;
  /** User + system CPU seconds, when GNU time is there to tell. */
  cpu?: number;
  /** Peak RSS in MB, when GNU time is there to tell. */
  rssMB?: number;
  code: number | null;
}

/** Runs a command with stdout to /dev/null; wall time from spawn to exit (and peak RSS). */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Timed> {
  const gnuTime = existsSync(TIME);
  const [file, argv] = gnuTime ? [TIME, ['-f', '%M %U %S', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(file, argv, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      const lines = err.trim().split('\n');
      const [rssKB, user, sys] = gnuTime ? lines.pop()!.split(' ').map(Number) : [];
      const rss = rssKB === undefined ? undefined : rssKB / 1024;
      const cpu = user === undefined ? undefined : user + sys!;
      if (code !== 0) process.stderr.write(`bench/cli: ${cmd} ${args.join(' ')} exited ${code}: ${lines.slice(-3).join(' | ')}\n`);
      resolve({ seconds, rssMB: rss, cpu, code });
    });
  });
}

const best = (a: Timed | undefined, b: Timed) => (!a || b.seconds < a.seconds ? b : a);
const s = (t: Timed) => `${t.seconds.toFixed(2)} s`;
const mb = (t: Timed) => (t.cpu === undefined ? '' : `, CPU ${t.cpu.toFixed(2)} s`) + (t.rssMB === undefined ? '' : `, peak RSS ${t.rssMB.toFixed(0)} MB`);

async function main(): Promise<void> {
  const size = Number(arg('--size', process.env.BENCH_CLI_SIZE ?? '134'));
  const entities = Number(arg('--entities', process.env.BENCH_CLI_ENTITIES ?? '0.05'));
  const runs = Math.max(1, Number(arg('--runs', process.env.BENCH_CLI_RUNS ?? '3')));
  const file = await ensureFile(size, defaultPath(size, entities), false, entities);
  // The launcher builds the bundle if needed; timed runs then call the bundle itself.
  await timed(process.execPath, [LAUNCHER, '--help']);

  let base: Timed | undefined;
  let cli: Timed | undefined;
  let threaded: Timed | undefined;
  const report = [BUNDLE, 'report', file, '--format', 'json'];
  for (let i = 0; i < runs; i++) {
    base = best(base, await timed(process.execPath, ['-e', BASELINE, file]));
    cli = best(cli, await timed(process.execPath, report, { ...process.env, FALCOSCOPE_THREADS: '0' }));
    threaded = best(threaded, await timed(process.execPath, report, { ...process.env, FALCOSCOPE_THREADS: '1' }));
  }
  const ratio = cli!.seconds / base!.seconds;
  console.log(`cli (Node ${process.version}, ${size} MB file, entities ${entities}, best of ${runs}, load ${loadavg()}):`);
  console.log(`  readline + JSON.parse          ${s(base!)}${mb(base!)}`);
  console.log(`  report --format json           ${s(cli!)}${mb(cli!)}`);
  console.log(`  the same, FALCOSCOPE_THREADS=1 ${s(threaded!)}${mb(threaded!)}`);
  console.log(`  ratio ${ratio.toFixed(2)} (target <= 2)${ratio <= 2 ? '' : '  MISS'}; with threads ${(threaded!.seconds / base!.seconds).toFixed(2)}`);
  // Markdown streams report by report too: its peak RSS stays near the JSON's (one run).
  const md = await timed(process.execPath, [BUNDLE, 'report', file, '--format', 'md'], { ...process.env, FALCOSCOPE_THREADS: '0' });
  console.log(`  report --format md (one run)   ${s(md)}${mb(md)}`);

  const tiny = join(mkdtempSync(join(tmpdir(), 'falcoscope-bench-')), 'one.ndjson');
  writeFileSync(tiny, '{"rule":"Terminal shell in container","priority":"Notice","time":"2025-06-10T10:00:00Z","output":"x","output_fields":{"container.id":"abc"}}\n');
  let bare: Timed | undefined;
  let bundled: Timed | undefined;
  let tsx: Timed | undefined;
  for (let i = 0; i < 5; i++) {
    bare = best(bare, await timed(process.execPath, ['-e', '0']));
    bundled = best(bundled, await timed(process.execPath, [LAUNCHER, 'report', tiny, '--format', 'json']));
    if (i < 2) tsx = best(tsx, await timed(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/main.ts'), 'report', tiny, '--format', 'json']));
  }
  console.log(`  start-up, one alert: launcher + bundle ${s(bundled!)}, node -e 0 ${s(bare!)}, through tsx (before) ${s(tsx!)}`);

  if (process.env.BENCH_CLI_MILLION === '1') {
    const million = await ensureDistinct(1_000_000);
    const r = await timed(process.execPath, [BUNDLE, 'report', million, '--format', 'json']);
    console.log(`  1,000,000 distinct incidents: ${r.code === 0 ? 'ok' : `exit ${r.code}`} in ${s(r)}${mb(r)}`);
  }
}

function loadavg(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
