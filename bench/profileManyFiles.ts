/**
 * Where the time of a many-files drop goes: CPU profiles of the page and of every worker (engine and
 * parsers) while N one-alert files are dropped, written to bench-data/profile-*.cpuprofile (open in
 * Chrome DevTools) with the top functions by self time printed per thread.
 *
 *   npx tsx bench/profileManyFiles.ts [N]   (default 3000; BENCH_PORT, BENCH_APP_DIST as in browser.ts)
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type CDPSession } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../scripts/chromium';
import { ensureManyFiles } from './manyFiles';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = process.env.BENCH_APP_DIST ? resolve(process.env.BENCH_APP_DIST) : join(ROOT, 'bench-data', 'app-dist');
const PORT = Number(process.env.BENCH_PORT ?? 4183);
const N = Number(process.argv[2] ?? 3000);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

function top(profile: Profile, label: string): void {
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  });
  const total = (profile.endTime - profile.startTime) / 1000;
  const idle = [...self].filter(([k]) => k.startsWith('(idle)')).reduce((a, [, v]) => a + v, 0);
  console.log(`== ${label}: ${total.toFixed(0)} ms profiled, ${(total - idle).toFixed(0)} ms busy`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${v.toFixed(0).padStart(7)} ms  ${k}`);
}

async function main(): Promise<void> {
  const { files } = ensureManyFiles(N);
  const preview = spawn('npx', ['vite', 'preview', '--outDir', OUT_DIR, '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], { cwd: ROOT, stdio: 'ignore', detached: true });
  const url = `http://127.0.0.1:${PORT}/`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const bcdp = await browser.newBrowserCDPSession();
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(url);
    const input = page.getByLabel('Open alert files');
    await input.waitFor({ state: 'attached' });
    await page.waitForTimeout(1000);
    const pcdp: CDPSession = await context.newCDPSession(page);
    await pcdp.send('Profiler.enable');
    await pcdp.send('Profiler.setSamplingInterval', { interval: 200 });
    // Workers: non-flat sessions through the browser session.
    const pending = new Map<number, (r: unknown) => void>();
    let nextId = 1;
    bcdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
      const m = JSON.parse(e.message) as { id?: number; result?: unknown };
      if (m.id !== undefined) pending.get(m.id)?.(m.result);
    });
    const send = (sessionId: string, method: string, params: object = {}) =>
      new Promise<unknown>((res) => {
        const id = nextId++;
        pending.set(id, res);
        void bcdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      });
    const { targetInfos } = (await bcdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const workers: { sessionId: string; label: string }[] = [];
    for (const t of targetInfos.filter((t) => t.type === 'worker')) {
      const { sessionId } = (await bcdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false })) as { sessionId: string };
      await send(sessionId, 'Profiler.enable');
      await send(sessionId, 'Profiler.setSamplingInterval', { interval: 200 });
      workers.push({ sessionId, label: `worker ${workers.length} ${t.url.slice(0, 60)}` });
    }
    // The files go to an input of our own first (Playwright's transfer is not what is profiled),
    // then to the app's input with a change event, once every profiler runs.
    await page.evaluate(() => {
      const own = document.createElement('input');
      own.type = 'file';
      own.multiple = true;
      own.id = 'profile-files';
      own.hidden = true;
      document.body.append(own);
    });
    await page.locator('#profile-files').setInputFiles(files, { timeout: 10 * 60_000 });
    await pcdp.send('Profiler.start');
    for (const w of workers) await send(w.sessionId, 'Profiler.start');
    const t0 = Date.now();
    await page.evaluate(() => {
      const own = document.getElementById('profile-files') as HTMLInputElement;
      const app = document.querySelector('input[aria-label="Open alert files"]') as HTMLInputElement;
      app.files = own.files;
      app.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.waitForFunction(
      (n) => {
        const s = document.querySelector('details.problems summary');
        const m = s && /(\d+) records read = (\d+) alerts loaded/.exec(s.textContent || '');
        return !!m && Number(m[1]) === n && Number(m[2]) === n;
      },
      N,
      { timeout: 20 * 60_000, polling: 100 },
    );
    console.log(`${N} files: done ${((Date.now() - t0) / 1000).toFixed(2)} s after the change event`);
    const { profile } = (await pcdp.send('Profiler.stop')) as unknown as { profile: Profile };
    writeFileSync(join(ROOT, 'bench-data', 'profile-page.cpuprofile'), JSON.stringify(profile));
    top(profile, 'page');
    for (const [i, w] of workers.entries()) {
      const r = (await send(w.sessionId, 'Profiler.stop')) as { profile: Profile };
      writeFileSync(join(ROOT, 'bench-data', `profile-worker${i}.cpuprofile`), JSON.stringify(r.profile));
      top(r.profile, w.label);
    }
  } finally {
    await browser.close();
    if (preview.pid) process.kill(-preview.pid, 'SIGTERM');
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
