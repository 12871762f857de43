/**
 * Regenerates the vendored rules index and the rule catalog from the vendored Falco rules files.
 *
 *   npm run gen:catalog
 *       Reads vendor/falco/rules/*.yaml (the files of RULES_FILES, in load order) and writes
 *       vendor/falco/rules-index.json, src/knowledge/ruleCatalog.ts and src/knowledge/ruleOutputs.ts.
 *
 *   npm run gen:catalog -- --rules ~/src/falco-rules --plugins ~/src/falco-plugins
 *       First copies the upstream files byte for byte into vendor/falco/rules/ (same layout as now:
 *       the falcosecurity/rules files at the top and under archive/, the plugins' rules files under
 *       plugins/, each repository's LICENSE beside them), then regenerates as above. Either option
 *       may be given alone. Each path is a checkout of falcosecurity/rules or falcosecurity/plugins;
 *       the source path of every file is in scripts/ruleCatalogBuilder.ts (RULES_FILES) and in
 *       vendor/falco/PROVENANCE.md, whose commits you then update with the ones printed here.
 *
 * src/knowledge/ruleCatalog.test.ts fails when the committed index or catalog differ from what
 * this script would write, so run it after any change to the vendored rules files.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RULES_FILES, RULES_FOLDER_EXTRAS, generate, type IndexEntry, type RulesFileText, type Upstream } from './ruleCatalogBuilder';
import { renderRuleOutputs } from './ruleOutputsBuilder';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const VENDOR_RULES_DIR = join(ROOT, 'vendor/falco/rules');
export const INDEX_PATH = join(ROOT, 'vendor/falco/rules-index.json');
export const CATALOG_PATH = join(ROOT, 'src/knowledge/ruleCatalog.ts');
export const OUTPUTS_PATH = join(ROOT, 'src/knowledge/ruleOutputs.ts');

/** The texts of the vendored rules files, in load order. */
export function vendoredRulesTexts(): RulesFileText[] {
  return RULES_FILES.map((spec) => ({ file: spec.file, text: readFileSync(join(VENDOR_RULES_DIR, spec.file), 'utf8') }));
}

/** Copy every file that comes from `upstream` out of its checkout; returns the checkout's commit when git knows it. */
function copyFromCheckout(upstream: Upstream, checkout: string): string | null {
  const specs = [...RULES_FILES, ...RULES_FOLDER_EXTRAS].filter((s) => s.upstream === upstream);
  const missing = specs.map((s) => join(checkout, s.upstreamPath)).filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new Error(`${checkout} does not look like a falcosecurity/${upstream} checkout; missing:\n  ${missing.join('\n  ')}`);
  }
  for (const s of specs) {
    const to = join(VENDOR_RULES_DIR, s.file);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(checkout, s.upstreamPath), to);
  }
  try {
    return execFileSync('git', ['-C', checkout, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function main(): void {
  const { values } = parseArgs({ options: { rules: { type: 'string' }, plugins: { type: 'string' } } });
  for (const upstream of ['rules', 'plugins'] as const) {
    const checkout = values[upstream];
    if (checkout === undefined) continue;
    const commit = copyFromCheckout(upstream, resolve(checkout));
    console.log(`copied falcosecurity/${upstream} files from ${checkout}${commit ? ` @ ${commit}` : ''}: update vendor/falco/PROVENANCE.md`);
  }
  const { indexJson, catalogTs, rules } = generate(vendoredRulesTexts());
  writeFileSync(INDEX_PATH, indexJson);
  writeFileSync(CATALOG_PATH, catalogTs);
  writeFileSync(OUTPUTS_PATH, renderRuleOutputs(JSON.parse(indexJson) as IndexEntry[]));
  console.log(`wrote ${INDEX_PATH}, ${OUTPUTS_PATH} and ${rules} rules to ${CATALOG_PATH}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();
