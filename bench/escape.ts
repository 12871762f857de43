/**
 * Micro-benchmark of the Markdown escaping, on what a large export escapes: every string of every
 * report of the vendored real alerts and the hostile e2e fixture (field names, values, meanings,
 * summaries, observations, mitigations, risk evidence), repeated to `--strings` calls.
 *
 *   npx tsx bench/escape.ts [--strings 3600000] [--runs 3] [--module ./other-escape.ts]
 *
 * `--module` loads another implementation exporting `escapeInline(text)`, to compare before/after.
 * Prints the best of N runs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { AnalysisSession } from '../src/analyze/session';
import { ingestText } from '../src/ingest';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

function corpus(): string[] {
  const session = new AnalysisSession();
  const sink = { alert: (a: Parameters<AnalysisSession['addAlert']>[0]) => void session.addAlert(a), problem: () => {} };
  for (const path of ['../vendor/falco/alerts/real-alerts.ndjson', '../e2e/fixtures/hostile.ndjson']) {
    ingestText(readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8'), path, sink);
  }
  return session.summaries().flatMap((s) => {
    const r = session.report(s.id)!;
    return [
      r.incident.rule,
      r.incident.entity.label,
      ...r.summary,
      ...r.observations,
      ...r.fields.flatMap((f) => [f.field, f.value, f.meaning]),
      ...r.risk.factors.flatMap((f) => [f.label, f.field, f.value, f.reason]),
      ...r.mitigations.immediate,
      ...r.mitigations.shortTerm,
    ];
  });
}

const modulePath = arg('--module', '../src/export/escape.ts');
const { escapeInline } = (await import(pathToFileURL(resolve(fileURLToPath(new URL('.', import.meta.url)), modulePath)).href)) as { escapeInline: (text: string) => string };
const strings = corpus();
const calls = Number(arg('--strings', '3600000'));
const runs = Number(arg('--runs', '3'));
const chars = strings.reduce((n, s) => n + s.length, 0);
let best = Infinity;
let sink = 0;
for (let run = 0; run < runs; run++) {
  const start = performance.now();
  for (let i = 0; i < calls; i++) sink += escapeInline(strings[i % strings.length]!).length;
  best = Math.min(best, performance.now() - start);
}
const mb = ((chars / strings.length) * calls) / 1e6;
console.log(`${modulePath}: ${calls} calls (${strings.length} distinct strings, ${mb.toFixed(0)} M chars) in ${(best / 1000).toFixed(2)} s, best of ${runs} (${sink > 0 ? 'ok' : '?'})`);
