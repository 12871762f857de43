import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRulesFile } from './rulesFile';
import { looksLikeRulesFile } from './detect';
import { generateRuleSchemaCheck } from '../../scripts/gen-rule-schema-check';

const fixture = (name: string) => readFileSync(`e2e/fixtures/rules/${name}`, 'utf8');

describe('readRulesFile', () => {
  it('reads lists, macros, rules and required_engine_version with their lines', () => {
    const { items, problems } = readRulesFile(fixture('10-acme-rules.yaml'), '10-acme-rules.yaml');
    expect(problems).toEqual([]);
    expect(items.map((i) => [i.kind, i.name, i.origin.line])).toEqual([
      ['required_engine_version', '', 3],
      ['list', 'acme_miner_pools', 5],
      ['list', 'acme_miner_ports', 8],
      ['macro', 'acme_outbound_connect', 11],
      ['macro', 'acme_miner_destination', 14],
      ['rule', 'ACME Outbound Connection to Mining Pool', 17],
    ]);
    expect(items[5]!.body.priority).toBe('CRITICAL');
  });

  it('reports a bad rule with file, line and reason, and loads the rules around it', () => {
    const { items, problems } = readRulesFile(fixture('bad-rules.yaml'), 'bad-rules.yaml');
    expect(items.map((i) => i.name)).toEqual(['Good rule before the bad ones', 'Good rule after the bad ones']);
    expect(problems).toHaveLength(2);
    // The schema problem points at the offending key's line.
    expect(problems[0]).toMatchObject({ file: 'bad-rules.yaml', line: 11 });
    expect(problems[0]!.message).toMatch(/rule "Rule with a bad priority" does not fit Falco's rule schema: priority must be one of EMERGENCY/);
    expect(problems[1]).toMatchObject({ file: 'bad-rules.yaml', line: 13 });
    expect(problems[1]!.message).toMatch(/has no output/);
  });

  it('reports broken YAML at its line and keeps the items before and after it', () => {
    const text = [
      '- list: a',
      '  items: [x, y]',
      '- macro: m',
      '  condition: "unclosed',
      '- list: b',
      '  items: [z]',
    ].join('\n');
    const { items, problems } = readRulesFile(text, 'broken.yaml');
    // An unclosed quote runs to the end of the file: everything from the macro on is lost.
    expect(items.map((i) => i.name)).toEqual(['a']);
    expect(problems).toEqual([{ file: 'broken.yaml', line: 3, message: 'not valid YAML, item skipped: Missing closing "quote (line 6)', excerpt: '- macro: m' }]);
    // An error the parser recovers from costs its item alone.
    const flow = readRulesFile(text.replace('"unclosed', '[unclosed') + '\n- list: c\n  items: [q]\n', 'flow.yaml');
    expect(flow.items.map((i) => i.name)).toEqual(['a', 'b', 'c']);
    expect(flow.problems.map((p) => [p.line, p.excerpt])).toEqual([[3, '- macro: m']]);
  });

  it('reads priorities in any case and a numeric engine version, as Falco does', () => {
    const text = '- required_engine_version: 9\n- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: Warning\n';
    expect(readRulesFile(text, 'f.yaml').problems).toEqual([]);
  });

  it('refuses unknown keys and override misuse', () => {
    const text = [
      '- rule: r1',
      '  desc: d',
      '  condition: evt.type=open',
      '  output: o',
      '  priority: NOTICE',
      '  severity: high',
      '- rule: r2',
      '  priority: NOTICE',
      '  override:',
      '    priority: append',
      '- rule: r3',
      '  condition: and not proc.name=x',
      '  override:',
      '    condition: append',
      '    output: replace',
    ].join('\n');
    const { items, problems } = readRulesFile(text, 'f.yaml');
    expect(items).toEqual([]);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [6, expect.stringMatching(/unknown key severity/)],
      [7, expect.stringMatching(/priority cannot be appended to, only replaced/)],
      [11, expect.stringMatching(/override names output, which the item does not set/)],
    ]);
  });

  it('says so when the document is not a list', () => {
    const { problems } = readRulesFile('rule: x\n', 'map.yaml');
    expect(problems[0]).toMatchObject({ file: 'map.yaml', line: 1 });
    expect(problems[0]!.message).toMatch(/YAML list/);
  });

  it('reads every stock rules file vendored from Falco without a problem', () => {
    for (const f of ['falco_rules.yaml', 'falco-incubating_rules.yaml', 'falco-sandbox_rules.yaml', 'plugins/k8s_audit_rules.yaml', 'plugins/aws_cloudtrail_rules.yaml', 'plugins/okta_rules.yaml', 'plugins/github.yaml']) {
      const { items, problems } = readRulesFile(readFileSync(`vendor/falco/rules/${f}`, 'utf8'), f);
      expect(problems, f).toEqual([]);
      expect(items.filter((i) => i.kind === 'rule').length, f).toBeGreaterThan(3);
    }
  });
});

describe('looksLikeRulesFile', () => {
  it('tells a rules file by its first item, after comments', () => {
    expect(looksLikeRulesFile(readFileSync('vendor/falco/rules/falco_rules.yaml', 'utf8').slice(0, 4096))).toBe(true);
    expect(looksLikeRulesFile('# local\n---\n- macro: m\n  condition: x\n')).toBe(true);
    expect(looksLikeRulesFile('- list: l\n')).toBe(true);
    expect(looksLikeRulesFile('{"rule":"x"}\n')).toBe(false);
    expect(looksLikeRulesFile('- name: ansible task\n')).toBe(false);
    expect(looksLikeRulesFile('17:48:58.590038385: Notice A shell was spawned (rule: x)\n')).toBe(false);
  });
});

describe('ruleSchemaCheck.gen.ts', () => {
  it('is what the generator writes from the vendored schema', () => {
    expect(readFileSync('src/ingest/ruleSchemaCheck.gen.ts', 'utf8')).toBe(generateRuleSchemaCheck(readFileSync('vendor/falco/rule-schema.json', 'utf8')));
  });
});
