import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { PRIORITIES } from '../model';
import { RULE_CATALOG, catalogEntry, ruleOutputFields } from './ruleCatalog';
import {
  buildCatalog,
  outputFieldsOf,
  renderCatalog,
  type IndexEntry,
} from '../../scripts/gen-rule-catalog';

const indexUrl = new URL('../../vendor/falco/rules-index.json', import.meta.url);
const index = JSON.parse(readFileSync(indexUrl, 'utf8')) as IndexEntry[];

describe('ruleCatalog.ts', () => {
  it('is in sync with rules-index.json (regenerate: npx tsx scripts/gen-rule-catalog.ts)', () => {
    const onDisk = readFileSync(new URL('./ruleCatalog.ts', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderCatalog(buildCatalog(index)));
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
