import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AnalysisSession } from '../engine/store/session';
import { ingestText } from '../ingest';
import { VENDORED_ALERTS_DIR } from './vendored';
import { gunzipSync } from 'node:zlib';

/** Every alert file in vendor/falco/alerts (recursively), except the provenance side-file. */
export function vendoredAlertFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return walk(VENDORED_ALERTS_DIR)
    .filter((path) => !path.endsWith('.sources.ndjson'))
    .sort();
}

/** Load files into one session (gzip handled by hand here: ingestText takes text). */
export function sessionOf(paths: string[]): AnalysisSession {
  const session = new AnalysisSession();
  const sink = { alert: (a: Parameters<AnalysisSession['addAlert']>[0]) => void session.addAlert(a), problem: (p: Parameters<AnalysisSession['addProblem']>[0]) => session.addProblem(p) };
  for (const path of paths) {
    const bytes = readFileSync(path);
    const text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    ingestText(text, path.slice(VENDORED_ALERTS_DIR.length), sink);
  }
  return session;
}
