/**
 * Node benchmark of the engine alone, for regression tracking: no browser, no worker, no UI.
 *
 *   npx tsx bench/analyzer.ts [--size 100] [--runs 3]
 *
 * Reads the generated file with `ingestStream` (Readable.toWeb(createReadStream)) twice per run:
 *   1. ingest only: records go to a sink that discards them (stream, split, JSON.parse, normalise);
 *   2. ingest + analyze: the engine's path (EngineHost, batches of lines parsed inline into
 *      positions and incident deltas, folded into the session), as the CLI runs it.
 * The difference between the two locates a regression in ingest/ or in analyze/. Best of N runs.
 */
import { createReadStream, openAsBlob, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { EngineHost } from '../src/engine/engineHost';
import { ingestStream, type RecordSink } from '../src/ingest';
import { ensureFile } from './generate';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

function webStream(path: string): ReadableStream<Uint8Array> {
  // 1 MiB reads, about what Chromium's file.stream() hands the worker.
  const web = Readable.toWeb(createReadStream(path, { highWaterMark: 1 << 20 })) as WebReadableStream<Uint8Array>;
  return web as unknown as ReadableStream<Uint8Array>;
}

interface Run {
  seconds: number;
  /** user + system CPU of this process over the phase: on a shared machine it varies far less than wall time. */
  cpuSeconds: number;
  alerts: number;
  incidents?: number;
  heapMB: number;
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1e6;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function ingestOnly(path: string): Promise<Run> {
  gc();
  let alerts = 0;
  const sink: RecordSink = {
    alert: () => {
      alerts++;
    },
    problem: () => {},
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await ingestStream(webStream(path), path, sink);
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, cpuSeconds: cpuSince(cpu0), alerts, heapMB: process.memoryUsage().heapUsed / 1e6 };
}

async function ingestAnalyze(path: string): Promise<Run> {
  gc();
  // The engine's own path, as the CLI drives it: a file-backed Blob, batches parsed inline.
  const host = new EngineHost();
  const file = Object.assign(await openAsBlob(path), { name: basename(path) }) as File;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await host.handle({ type: 'ingestFile', file }, { signal: new AbortController().signal, progress: () => {} });
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuSince(cpu0);
  const stats = host.status();
  gc();
  const heapMB = process.memoryUsage().heapUsed / 1e6;
  return { seconds, cpuSeconds, alerts: stats.alerts, incidents: stats.incidents, heapMB };
}

function line(label: string, bytes: number, r: Run): string {
  const mbs = bytes / 1e6 / r.seconds;
  return (
    `  ${label.padEnd(18)} ${r.seconds.toFixed(2).padStart(7)} s (CPU ${r.cpuSeconds.toFixed(2)} s)  ${mbs.toFixed(1).padStart(6)} MB/s  ` +
    `${Math.round(r.alerts / r.seconds).toLocaleString('en-US').padStart(9)} alerts/s` +
    (r.incidents !== undefined ? `  ${r.incidents.toLocaleString('en-US')} incidents, heap after ${r.heapMB.toFixed(0)} MB` : '')
  );
}

async function main(): Promise<void> {
  const size = Number(arg('--size', process.env.BENCH_ANALYZER_SIZE ?? '100'));
  const runs = Math.max(1, Number(arg('--runs', process.env.BENCH_ANALYZER_RUNS ?? '3')));
  const path = await ensureFile(size);
  const bytes = statSync(path).size;
  const best = (a: Run | null, b: Run) => (!a || b.seconds < a.seconds ? b : a);
  let only: Run | null = null;
  let full: Run | null = null;
  for (let i = 0; i < runs; i++) {
    only = best(only, await ingestOnly(path));
    full = best(full, await ingestAnalyze(path));
  }
  console.log(`analyzer (Node ${process.version}, ${size} MB file, ${only!.alerts.toLocaleString('en-US')} alerts, best of ${runs}${(globalThis as { gc?: unknown }).gc ? '' : ', no --expose-gc'}):`);
  console.log(line('ingest only', bytes, only!));
  console.log(line('ingest + analyze', bytes, full!));
  const share = 1 - only!.seconds / full!.seconds;
  console.log(`  analyze share of the time: ${(share * 100).toFixed(0)}% (of the CPU: ${((1 - only!.cpuSeconds / full!.cpuSeconds) * 100).toFixed(0)}%)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
