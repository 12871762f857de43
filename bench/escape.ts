/**
 * Micro-benchmark of the Markdown escaping, on what a large export escapes: every string of every
 * report (field names, values, meanings, summaries, observations, mitigations, risk evidence) of
 * the vendored real alerts, then of the hostile e2e fixture, each repeated to `--strings` calls.
 *
 *   npx tsx bench/escape.ts [--strings 3600000] [--runs 3] [--module a.ts --module b.ts]
 *
 * Each `--module` is an implementation exporting `escapeInline(text)` (default: the current one);
 * several are run in turns to compare before/after. Prints the best of N runs of each.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { AnalysisSession } from '../src/engine/store/session';
import { ingestText } from '../src/ingest';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

function corpus(paths: string[]): string[] {
  const session = new AnalysisSession();
  const sink = { alert: (a: Parameters<AnalysisSession['addAlert']>[0]) => void session.addAlert(a), problem: () => {} };
  for (const path of paths) {
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

const here = fileURLToPath(new URL('.', import.meta.url));
const modulePaths = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--module' ? [a] : []));
if (!modulePaths.length) modulePaths.push('../src/export/escape.ts');
const impls: { path: string; escapeInline: (text: string) => string }[] = [];
for (const path of modulePaths) {
  const mod = (await import(pathToFileURL(resolve(here, path)).href)) as { escapeInline: (text: string) => string };
  impls.push({ path, escapeInline: mod.escapeInline });
}
const calls = Number(arg('--strings', '3600000'));
const runs = Number(arg('--runs', '3'));
const corpora = {
  'real alerts': corpus(['../vendor/falco/alerts/real-alerts.ndjson']),
  'hostile fixture (100 kB values)': corpus(['../e2e/fixtures/hostile.ndjson']),
};
let sink = 0;
for (const [name, strings] of Object.entries(corpora)) {
  const chars = strings.reduce((n, s) => n + s.length, 0);
  const best = impls.map(() => Infinity);
  // Implementations take turns, so a busy machine slows them alike; the best run of each is kept.
  for (let run = 0; run < runs; run++) {
    impls.forEach((impl, k) => {
      const start = performance.now();
      for (let i = 0; i < calls; i++) sink += impl.escapeInline(strings[i % strings.length]!).length;
      best[k] = Math.min(best[k]!, performance.now() - start);
    });
  }
  const mb = ((chars / strings.length) * calls) / 1e6;
  impls.forEach((impl, k) => {
    console.log(`${name}, ${impl.path}: ${calls} calls (${strings.length} distinct strings, ${mb.toFixed(0)} M chars) in ${(best[k]! / 1000).toFixed(2)} s, best of ${runs}${sink > 0 ? '' : ' (?)'}`);
  });
}
