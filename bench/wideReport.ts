/**
 * One alert with 100,000 output_fields keys (the 1.9 MB record that froze the tab for 72 s) and
 * one with a 1 MB rule name: how long ingesting it and building its report (fields, risk,
 * tuning, next steps) take, and how long its Markdown export takes. The page renders at most
 * FIELD_LIMIT fields and DISPLAY_LIMIT characters per value (ui/report), so opening the report
 * costs the report build plus a bounded render. Target: under 200 ms to open.
 *
 *   npx tsx bench/wideReport.ts [--keys 100000] [--runs 3]
 */
import { AnalysisSession } from '../src/engine/store/session';
import { ingestText } from '../src/ingest';
import { reportToMarkdown } from '../src/export/markdown';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const KEYS = Number(arg('--keys', '100000'));
const RUNS = Number(arg('--runs', '3'));

function wideLine(): string {
  const fields: Record<string, string> = { 'proc.name': 'bash', 'container.id': 'f00dbabe1234' };
  for (let i = 0; i < KEYS; i++) fields[`custom.field_${i}`] = `value ${i}`;
  return JSON.stringify({ time: '2024-08-07T13:49:51.703Z', rule: 'Terminal shell in container', priority: 'Notice', source: 'syscall', output: 'x', output_fields: fields });
}

function longRuleLine(): string {
  return JSON.stringify({ time: '2024-08-07T13:49:51.703Z', rule: 'R'.repeat(1024 * 1024), priority: 'Notice', source: 'syscall', output: 'x', output_fields: { 'proc.name': 'bash' } });
}

function measure(label: string, line: string): void {
  let bestOpen = Infinity;
  let bestMd = Infinity;
  for (let r = 0; r < RUNS; r++) {
    const session = new AnalysisSession();
    const sink = { alert: (a: Parameters<AnalysisSession['addAlert']>[0]) => void session.addAlert(a), problem: () => {} };
    const t0 = performance.now();
    ingestText(line, 'wide.ndjson', sink);
    const id = session.summaries()[0]!.id;
    const report = session.report(id)!;
    const t1 = performance.now();
    reportToMarkdown(report);
    const t2 = performance.now();
    bestOpen = Math.min(bestOpen, t1 - t0);
    bestMd = Math.min(bestMd, t2 - t1);
  }
  const verdict = bestOpen < 200 ? 'ok' : 'MISS';
  console.log(`${label}: ingest + report ${bestOpen.toFixed(0)} ms (${verdict}, target < 200 ms); Markdown export ${bestMd.toFixed(0)} ms`);
}

console.log(`== wide report (best of ${RUNS})`);
measure(`${KEYS.toLocaleString('en')} output_fields keys (${(wideLine().length / 1e6).toFixed(1)} MB)`, wideLine());
measure('1 MiB rule name', longRuleLine());
