import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import Ajv from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json';
import { parse } from 'yaml';
import { AnalysisSession } from '../engine/store/session';
import type { TuningCatalog } from '../analyze/tuningValidator';
import { ingestText } from '../ingest';
import { catalogEntry } from '../knowledge/ruleCatalog';

/** The repository's vendored Falco data (vendor/falco, see its PROVENANCE.md). */
export const VENDOR_FALCO = fileURLToPath(new URL('../../vendor/falco/', import.meta.url));

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

/**
 * Every rule, list and macro the vendored upstream rules files define, as the catalog Falco would
 * have loaded: a tuning snippet may only override what is in it.
 */
export function vendoredRulesCatalog(): TuningCatalog {
  const rules = new Map<string, string>();
  const lists = new Set<string>();
  const macros = new Set<string>();
  for (const path of walk(join(VENDOR_FALCO, 'rules')).filter((p) => p.endsWith('.yaml'))) {
    const items = (parse(readFileSync(path, 'utf8')) ?? []) as Record<string, unknown>[];
    for (const item of items) {
      if (typeof item.rule === 'string') rules.set(item.rule, typeof item.source === 'string' ? item.source : 'syscall');
      if (typeof item.list === 'string') lists.add(item.list);
      if (typeof item.macro === 'string') macros.add(item.macro);
    }
  }
  return {
    ruleSource: (name) => catalogEntry(name)?.source ?? rules.get(name),
    hasList: (name) => lists.has(name),
    hasMacro: (name) => macros.has(name),
  };
}

/** Falco's rules-file JSON schema (vendor/falco/rule-schema.json, draft-06) as a check function. */
export function ruleSchemaCheck(): (doc: unknown) => string[] {
  const schema = JSON.parse(readFileSync(join(VENDOR_FALCO, 'rule-schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft6);
  const validate = ajv.compile(schema);
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`));
}

/** Every vendored alert file (recursively), loaded into one session. */
export function vendoredAlertsSession(): AnalysisSession {
  const dir = join(VENDOR_FALCO, 'alerts');
  const session = new AnalysisSession();
  const sink = {
    alert: (a: Parameters<AnalysisSession['addAlert']>[0]) => void session.addAlert(a),
    problem: (p: Parameters<AnalysisSession['addProblem']>[0]) => session.addProblem(p),
  };
  for (const path of walk(dir).filter((p) => !p.endsWith('.sources.ndjson') && !p.endsWith('.md')).sort()) {
    const bytes = readFileSync(path);
    ingestText((path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'), path.slice(dir.length), sink);
  }
  return session;
}
