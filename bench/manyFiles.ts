/**
 * The many-small-files case of the browser benchmark (issue 10): N one-alert files dropped at once
 * against one file holding the same N lines, in the same browser and run. Per-file cost must be a
 * small constant: the target is N files in at most 5x the time of the one file.
 *
 * Files are written once to bench-data/many-<N>/ (and bench-data/many-<N>.ndjson) from the built-in
 * samples, each line with its own uuid and a host and container among a few hundred, so the session
 * grows to hundreds of incidents as files arrive (per-file cost that grows with what is loaded shows).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from '@playwright/test';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = join(ROOT, 'src', 'samples', 'falco-samples.ndjson');
export const MANY_FILES_TARGET = 5;

/** The i-th alert line: a sample with its own uuid, one of 50 hosts and one of 200 containers. */
function line(samples: string[], i: number): string {
  const alert = JSON.parse(samples[i % samples.length]!) as { uuid?: string; hostname?: string; output_fields?: Record<string, unknown> };
  alert.uuid = `many-${i}`;
  alert.hostname = `node-${i % 50}`;
  if (alert.output_fields && 'container.id' in alert.output_fields) alert.output_fields['container.id'] = `c${(i % 200).toString(16).padStart(11, '0')}`;
  return JSON.stringify(alert);
}

/** Writes (once) N one-line files and the one file of the same N lines; returns their paths. */
export function ensureManyFiles(n: number): { files: string[]; single: string } {
  const dir = join(ROOT, 'bench-data', `many-${n}`);
  const single = `${dir}.ndjson`;
  const name = (i: number) => join(dir, `alerts-${String(i).padStart(6, '0')}.ndjson`);
  const files = Array.from({ length: n }, (_, i) => name(i));
  if (existsSync(single) && existsSync(dir) && readdirSync(dir).length === n) return { files, single };
  const samples = readFileSync(SAMPLES, 'utf8').split('\n').filter(Boolean);
  const tmp = `${dir}.tmp`;
  mkdirSync(tmp, { recursive: true });
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const l = line(samples, i);
    lines.push(l);
    writeFileSync(join(tmp, `alerts-${String(i).padStart(6, '0')}.ndjson`), `${l}\n`);
  }
  mkdirSync(dirname(dir), { recursive: true });
  renameSync(tmp, dir);
  writeFileSync(single, `${lines.join('\n')}\n`);
  return { files, single };
}

/**
 * Runs in the page before the app: the time of the file input's change event (the drop, without
 * Playwright's own transfer of the file list), the time the summary reads "N records read = N alerts
 * loaded + 0 problems", and whether the record count ever went down on the way (it must only grow).
 * A string, not a function: tsx's transform would add helpers that do not exist in the page.
 */
const WATCH = `
(() => {
  const w = (window.__many = { changeAt: 0, doneAt: 0, expected: -1, last: 0, wentDown: false, samples: 0 });
  const now = () => performance.timeOrigin + performance.now();
  document.addEventListener('change', () => { if (!w.changeAt) w.changeAt = now(); }, true);
  const check = () => {
    const s = document.querySelector('details.problems summary');
    // Counts carry thousands separators and singular nouns ("1 alert"), as the page prints them.
    const m = s && /([\\d,]+) records? read = ([\\d,]+) alerts? loaded \\+ (?:[\\d,]+ duplicates? skipped \\+ )?([\\d,]+) problem/.exec(s.textContent || '');
    if (!m) return;
    const n = (t) => Number(t.replace(/,/g, ''));
    const records = n(m[1]);
    if (records < w.last) w.wentDown = true;
    w.last = records;
    w.samples++;
    if (!w.doneAt && records === w.expected && n(m[2]) === w.expected) w.doneAt = now();
  };
  const start = () => new MutationObserver(check).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
`;

interface Drop {
  seconds: number;
  countsWentDown: boolean;
  updates: number;
}

async function drop(browser: Browser, url: string, paths: string[], expected: number): Promise<Drop> {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
    await page.addInitScript({ content: WATCH });
    await page.goto(url);
    const input = page.getByLabel('Open alert files');
    await input.waitFor({ state: 'attached' });
    await page.evaluate((n) => ((window as unknown as { __many: { expected: number } }).__many.expected = n), expected);
    await page.waitForTimeout(300); // worker start-up is not part of the drop
    // Playwright hands 10k paths to the browser slowly on a busy machine: not part of what is timed.
    await input.setInputFiles(paths, { timeout: 10 * 60_000 });
    await page.waitForFunction(() => (window as unknown as { __many: { doneAt: number } }).__many.doneAt > 0, undefined, { timeout: 20 * 60_000, polling: 100 });
    const w = await page.evaluate(() => (window as unknown as { __many: { changeAt: number; doneAt: number; wentDown: boolean; samples: number } }).__many);
    return { seconds: (w.doneAt - w.changeAt) / 1000, countsWentDown: w.wentDown, updates: w.samples };
  } finally {
    await context.close();
  }
}

/** Drops the N files, then the one file, `runs` times each (best kept); prints both and the ratio. */
export async function benchManyFiles(browser: Browser, url: string, n: number, runs: number): Promise<string[]> {
  const { files, single } = ensureManyFiles(n);
  let many: Drop | null = null;
  let one: Drop | null = null;
  for (let r = 0; r < runs; r++) {
    const o = await drop(browser, url, [single], n);
    const m = await drop(browser, url, files, n);
    if (!one || o.seconds < one.seconds) one = o;
    if (!many || m.seconds < many.seconds) many = m;
  }
  const ratio = many!.seconds / one!.seconds;
  const lines = [
    `== ${n.toLocaleString('en-US')} one-alert files against one file of the same ${n.toLocaleString('en-US')} lines (drop to "${n} records read")`,
    `  ${n} files   ${many!.seconds.toFixed(2).padStart(7)} s  ${Math.round(n / many!.seconds).toLocaleString('en-US').padStart(7)} files/s  (${many!.updates} count updates${many!.countsWentDown ? ', COUNT WENT DOWN' : ', counts only went up'})`,
    `  one file    ${one!.seconds.toFixed(2).padStart(7)} s`,
    `  ratio       ${ratio.toFixed(2).padStart(7)}x   target <= ${MANY_FILES_TARGET}x ${ratio <= MANY_FILES_TARGET ? 'PASS' : 'MISS'}`,
  ];
  for (const l of lines) console.log(l);
  return lines;
}
