import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { PRIORITIES } from '../model';
import { RULE_CATALOG, catalogEntry, ruleOutputFields } from './ruleCatalog';
import { RULES_FILES, generate, outputFieldsOf, type IndexEntry } from '../../scripts/ruleCatalogBuilder';
import { CATALOG_PATH, INDEX_PATH, VENDOR_RULES_DIR, vendoredRulesTexts } from '../../scripts/gen-rule-catalog';

const indexJson = readFileSync(INDEX_PATH, 'utf8');
const index = JSON.parse(indexJson) as IndexEntry[];

describe('ruleCatalog.ts and rules-index.json', () => {
  // Regenerated in memory from vendor/falco/rules/*.yaml: a vendored rules file changed without
  // `npm run gen:catalog` (or a hand edit of a generated file) fails here.
  const fresh = generate(vendoredRulesTexts());

  it('rules-index.json is what the vendored rules files give (regenerate: npm run gen:catalog)', () => {
    expect(indexJson).toBe(fresh.indexJson);
  });

  it('ruleCatalog.ts is what the vendored rules files give (regenerate: npm run gen:catalog)', () => {
    expect(readFileSync(CATALOG_PATH, 'utf8')).toBe(fresh.catalogTs);
  });

  it('reads every vendored rules file (a new one must be added to RULES_FILES)', () => {
    const yaml = readdirSync(VENDOR_RULES_DIR, { recursive: true, encoding: 'utf8' })
      .map((f) => f.split('\\').join('/'))
      .filter((f) => f.endsWith('.yaml'));
    expect(yaml.sort()).toEqual(RULES_FILES.map((s) => s.file).sort());
  });

  it('has every rule name of the index', () => {
    const names = new Set(index.map((e) => e.rule));
    expect(Object.keys(RULE_CATALOG).sort()).toEqual([...names].sort());
  });

  it('uses Falco priorities only', () => {
    for (const [rule, rec] of Object.entries(RULE_CATALOG)) {
      expect(PRIORITIES as readonly string[], rule).toContain(rec.priority);
    }
  });

  it('keeps the full definition over an override-only overlay', () => {
    const e = catalogEntry('Disallowed K8s User');
    expect(e?.source).toBe('k8s_audit');
    expect(e?.file).toBe('plugins/k8s_audit_rules.yaml');
    expect(e?.outputFields.length).toBeGreaterThan(0);
  });
});

describe('catalogEntry', () => {
  it.each([
    ['Terminal shell in container', 'syscall', 'Notice'],
    ['terminal SHELL in container', 'syscall', 'Notice'],
    ['  Attach/Exec Pod ', 'k8s_audit', 'Notice'],
  ])('%s', (rule, source, priority) => {
    const e = catalogEntry(rule);
    expect(e).toMatchObject({ source, priority });
    expect(e?.tags).toContain(source === 'syscall' ? 'container' : 'k8s');
  });

  it('names the macros and lists a condition consults, through macros', () => {
    // Terminal shell in container: `spawned_process and container and shell_procs and ...`;
    // shell_procs is `proc.name in (shell_binaries)`.
    const e = catalogEntry('Terminal shell in container');
    expect(e?.macros).toEqual(expect.arrayContaining(['spawned_process', 'container', 'shell_procs']));
    expect(e?.lists).toContain('shell_binaries');
    expect(catalogEntry('Create Symlink Over Sensitive Files')?.lists).toEqual(['sensitive_directory_names', 'sensitive_file_names']);
    expect(catalogEntry('Disallowed K8s User')?.lists).toContain('allowed_k8s_users');
    expect(catalogEntry('Github action with miners')).toMatchObject({ macros: [], lists: [] });
  });

  it('returns null for custom rules', () => {
    expect(catalogEntry('open_from_cat')).toBeNull();
    expect(ruleOutputFields('Fake rule')).toEqual([]);
  });
});

describe('output fields', () => {
  it.each<[string, string[]]>([
    ['a=%proc.name b=%proc.aname[2] c=%proc.name', ['proc.name', 'proc.aname[2]']],
    ['vol=%jevt.value[/requestObject/spec/volumes])', ['jevt.value[/requestObject/spec/volumes]']],
    ['cmd=%ka.uri.param[command] n=%okta.mfa.failure.countlast[300]', ['ka.uri.param[command]', 'okta.mfa.failure.countlast[300]']],
    ['end %container.info.', ['container.info']],
    ['100% sure', []],
  ])('%s', (output, fields) => {
    expect(outputFieldsOf(output)).toEqual(fields);
  });

  it('lists the rule output fields', () => {
    expect(ruleOutputFields('Terminal shell in container')).toEqual(
      expect.arrayContaining(['proc.name', 'proc.cmdline', 'user.name']),
    );
  });
});
