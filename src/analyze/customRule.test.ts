import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRulesFile } from '../ingest/rulesFile';
import { makeAlert } from '../testing/alerts';
import { buildRuleSet } from './ruleSet';
import { ruleDetail } from './ruleDetail';
import { buildTuning } from './tuning';
import { buildReport } from './report';
import { validateTuning } from './tuningValidator';
import { alertCatalog } from './tuning';
import type { IncidentSummary } from '../model';

const RULE = 'ACME Outbound Connection to Mining Pool';
const load = (...texts: [string, string][]) => buildRuleSet(texts.flatMap(([name, text]) => readRulesFile(text, name).items)).set;
const acme = () => load(['10-acme-rules.yaml', readFileSync('e2e/fixtures/rules/10-acme-rules.yaml', 'utf8')]);
const alert = (fields: Record<string, string>, tags: string[] = []) =>
  makeAlert({ rule: RULE, priority: 'Critical', tags, output: 'Mining pool contacted', outputFields: { 'fd.sip.name': 'pool.minexmr.com', ...fields } });
const incident = (a: ReturnType<typeof alert>): IncidentSummary => ({
  id: 'i', rule: a.rule, source: a.source, priority: a.priority, count: 1, firstSeenMs: NaN, lastSeenMs: NaN, firstSeen: '', lastSeen: '',
  entity: { kind: 'container', value: 'c', label: 'container c' }, hostnames: [], tags: a.tags, tactics: [], riskScore: 0, riskLevel: 'low', sampleAlertId: 0, playbookId: null,
} as unknown as IncidentSummary);

describe('tuning of a custom rule', () => {
  it('appends to the named exception only with values the exception policy allows', () => {
    const detail = ruleDetail(acme(), RULE)!;
    const ok = buildTuning(alert({ 'container.image.repository': 'registry.acme.example/netprobe2', 'proc.exepath': '/opt/netprobe/bin/probe' }), null, detail);
    expect(parse(ok.yaml)[0].exceptions).toEqual([{ name: 'acme_known_scanners', values: [['registry.acme.example/netprobe2', '/opt/netprobe/bin/probe']] }]);
    // curl is a download tool: the rule's own exception does not get it; a new exception may not either.
    const curl = buildTuning(alert({ 'container.image.repository': 'registry.acme.example/shop', 'proc.exepath': '/usr/bin/curl' }), null, detail);
    expect(curl.yaml).not.toContain('acme_known_scanners');
    // The alert lacks a field of the exception: no row of it can be written.
    const partial = buildTuning(alert({ 'container.image.repository': 'registry.acme.example/shop' }), null, detail);
    expect(partial.yaml).not.toContain('acme_known_scanners');
  });

  it('validates an append to a named exception against the loaded rule', () => {
    const detail = ruleDetail(acme(), RULE)!;
    const catalog = alertCatalog(alert({}), detail);
    const withFields = `- rule: ${RULE}\n  exceptions:\n    - name: acme_known_scanners\n      fields: [proc.name]\n      values: [[x]]\n  override:\n    exceptions: append\n`;
    expect(validateTuning(withFields, { catalog }).map((p) => p.reason)).toContainEqual(expect.stringMatching(/append values only/));
    const shell = `- rule: ${RULE}\n  exceptions:\n    - name: acme_known_scanners\n      values: [[registry.acme.example/x, /bin/bash]]\n  override:\n    exceptions: append\n`;
    expect(validateTuning(shell, { catalog }).map((p) => p.check)).toContain('never-allow');
    const other = `- rule: Some rule nobody loaded\n  exceptions:\n    - name: x\n      fields: [proc.exepath, container.image.repository]\n      values: [[/opt/a, r]]\n  override:\n    exceptions: append\n`;
    expect(validateTuning(other, { catalog }).map((p) => p.check)).toContain('target');
  });
});

describe('report of a custom rule', () => {
  it('takes tags, MITRE and description from the loaded rule when the alert has none', () => {
    const a = alert({ 'container.image.repository': 'registry.acme.example/shop', 'proc.exepath': '/tmp/x' });
    const report = buildReport(incident(a), a, ruleDetail(acme(), RULE));
    expect(report.alert.tags).toEqual(['acme', 'network', 'mitre_impact', 'T1496']);
    expect(report.mitre.map((m) => m.id)).toEqual(['T1496']);
    expect(report.summary.at(-1)).toMatch(/built from its definition in 10-acme-rules\.yaml:17/);
    expect(report.benignCauses[0]).toMatch(/acme_known_scanners \(container\.image\.repository, proc\.exepath: 1 value rows\)/);
    // Without the rules file, the same alert gets the generic report.
    expect(buildReport(incident(a), a).playbook!.generic).toBe(true);
  });

  it("says what the user's files changed in a stock rule", () => {
    const set = load(['90-acme-overrides.yaml', readFileSync('e2e/fixtures/rules/90-acme-overrides.yaml', 'utf8')]);
    const a = makeAlert({ outputFields: { 'proc.name': 'bash' } });
    const report = buildReport(incident(a), a, ruleDetail(set, 'Terminal shell in container'));
    expect(report.summary).toContainEqual(
      'Your rules files change this stock rule: 90-acme-overrides.yaml:5 appended to the condition: and not container.image.repository in (acme_build_images).',
    );
    expect(report.playbook!.generic).toBe(false);
    // A list the condition consults, changed by the local file, is said too.
    const stock = readRulesFile(readFileSync('vendor/falco/rules/falco_rules.yaml', 'utf8'), 'falco_rules.yaml').items;
    const both = buildRuleSet([...stock, ...readRulesFile(readFileSync('e2e/fixtures/rules/90-acme-overrides.yaml', 'utf8'), '90-acme-overrides.yaml').items]).set;
    const full = buildReport(incident(a), a, ruleDetail(both, 'Terminal shell in container'));
    expect(full.summary.at(-1)).toMatch(/^Your rules files change this stock rule: 90-acme-overrides\.yaml:5 appended to the condition: .* 90-acme-overrides\.yaml:10 changed the list shell_binaries it consults \(now \d+ items\)\.$/);
  });
});
