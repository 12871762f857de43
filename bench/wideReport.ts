/**
 * One alert with 100,000 output_fields keys (the 1.9 MB record that froze the tab for 72 s) and
 * one with a 1 MiB rule name, through the engine as the page drives it (EngineHost.handle):
 *
 * - ingest: the file read and parsed as the page reads one (a batch of lines, cloned as a parser
 *   worker posts it), grouped, counted for prevalence;
 * - open: the report built and cloned as the worker posts it to the page (the page lays out at most
 *   REPORT_FIELDS fields and REPORT_VALUE_CHARS characters per value: the report carries no more);
 * - more fields: the next page of fields ("Show more" in the Alert fields section);
 * - Markdown: the incident's Markdown export.
 *
 * Wall time on a shared machine says little, so the CPU time of the process is printed beside it.
 * Target: open under 200 ms, ingest well under a second.
 *
 *   npx tsx bench/wideReport.ts [--keys 100000] [--runs 3]
 */
import { openAsBlob, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineHost } from '../src/engine/engineHost';
import { InlineParsers, type BatchParsers, type ParseInput, type ParsedIn } from '../src/engine/batchParsers';
import { EMPTY_FILTER, REPORT_FIELDS, type EngineRequest, type EngineResponses } from '../src/model';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const KEYS = Number(arg('--keys', '100000'));
const RUNS = Number(arg('--runs', '3'));
const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });

function wideLine(): string {
  const fields: Record<string, string> = { 'proc.name': 'bash', 'container.id': 'f00dbabe1234' };
  for (let i = 0; i < KEYS; i++) fields[`custom.field_${i}`] = `value ${i}`;
  return JSON.stringify({ time: '2024-08-07T13:49:51.703Z', rule: 'Terminal shell in container', priority: 'Notice', source: 'syscall', output: 'x', output_fields: fields });
}

function longRuleLine(): string {
  return JSON.stringify({ time: '2024-08-07T13:49:51.703Z', rule: 'R'.repeat(1024 * 1024), priority: 'Notice', source: 'syscall', output: 'x', output_fields: { 'proc.name': 'bash' } });
}

/** Parses inline, and clones each parsed batch as a parser worker's postMessage does. */
class CloningParsers implements BatchParsers {
  private readonly inline = new InlineParsers();
  async parse(job: number, input: ParseInput): Promise<ParsedIn> {
    return structuredClone(await this.inline.parse(job, input));
  }
  endJob(job: number): void {
    this.inline.endJob(job);
  }
}

interface Timing {
  wall: number;
  cpu: number;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; t: Timing }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { value, t: { wall, cpu: (used.user + used.system) / 1000 } };
}

const best = (a: Timing | undefined, b: Timing): Timing => (a && a.cpu <= b.cpu ? a : b);
const shown = (t: Timing) => `${t.wall.toFixed(0)} ms (CPU ${t.cpu.toFixed(0)} ms)`;

async function measure(label: string, line: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wide-report-'));
  const path = join(dir, 'wide.ndjson');
  writeFileSync(path, `${line}\n`);
  const timings: Record<'ingest' | 'open' | 'more' | 'markdown', Timing | undefined> = { ingest: undefined, open: undefined, more: undefined, markdown: undefined };
  let carried = '';
  try {
    for (let r = 0; r < RUNS; r++) {
      const host = new EngineHost(() => {}, new CloningParsers());
      const ask = <T extends EngineRequest>(request: T): Promise<EngineResponses[T['type']]> => host.handle(request, ctx());
      const file = Object.assign(await openAsBlob(path), { name: 'wide.ndjson' }) as File;
      const ingest = await timed(() => ask({ type: 'ingestFile', file }));
      const id = (await ask({ type: 'view', filter: EMPTY_FILTER, window: { offset: 0, limit: 1 } })).rows[0]!.id;
      // The worker posts the report to the page: the clone is part of opening it.
      const open = await timed(async () => structuredClone(await ask({ type: 'report', incidentId: id })));
      const more = await timed(async () => structuredClone(await ask({ type: 'reportFields', incidentId: id, offset: REPORT_FIELDS, limit: REPORT_FIELDS })));
      const markdown = await timed(() => ask({ type: 'markdown', incidentIds: [id], triage: {}, generatedAt: '2024-08-07T14:00:00Z' }));
      const report = open.value!;
      carried = `report ${(JSON.stringify(report).length / 1e3).toFixed(0)} kB with ${report.fields.length} of ${report.fieldCount.toLocaleString('en')} fields; Markdown ${(markdown.value.length / 1e3).toFixed(0)} kB`;
      timings.ingest = best(timings.ingest, ingest.t);
      timings.open = best(timings.open, open.t);
      timings.more = best(timings.more, more.t);
      timings.markdown = best(timings.markdown, markdown.t);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const verdict = timings.open!.cpu < 200 ? 'ok' : 'MISS';
  // The yardstick: what parsing the line alone costs on this machine now (every path does it once).
  let parse: Timing | undefined;
  for (let r = 0; r < RUNS; r++) parse = best(parse, (await timed(async () => JSON.parse(line) as unknown)).t);
  console.log(`${label}: (JSON.parse of the line alone: ${shown(parse!)})`);
  console.log(`  ingest ${shown(timings.ingest!)}; open report ${shown(timings.open!)} (${verdict}, target < 200 ms)`);
  console.log(`  next ${REPORT_FIELDS} fields ${shown(timings.more!)}; Markdown export ${shown(timings.markdown!)}`);
  console.log(`  ${carried}`);
}

console.log(`== wide report (best of ${RUNS}, by CPU time)`);
const wide = wideLine();
await measure(`${KEYS.toLocaleString('en')} output_fields keys (${(wide.length / 1e6).toFixed(1)} MB)`, wide);
await measure('1 MiB rule name', longRuleLine());
