import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRulesFile } from '../ingest/rulesFile';
import type { RulesFileItem } from '../model';
import { buildRuleSet, listLoadedRules } from './ruleSet';
import { ruleDetail } from './ruleDetail';

const read = (path: string, name = path.split('/').pop()!): RulesFileItem[] => readRulesFile(readFileSync(path, 'utf8'), name).items;
const items = (text: string, file = 'f.yaml') => {
  const r = readRulesFile(text, file);
  expect(r.problems).toEqual([]);
  return r.items;
};
const STOCK = 'vendor/falco/rules/falco_rules.yaml';
const ACME = 'e2e/fixtures/rules/10-acme-rules.yaml';
const OVERRIDES = 'e2e/fixtures/rules/90-acme-overrides.yaml';

describe('buildRuleSet', () => {
  it('applies the files in the order given: overrides change what was loaded before them', () => {
    const { set, problems } = buildRuleSet([...read(STOCK), ...read(ACME), ...read(OVERRIDES)]);
    expect(problems).toEqual([]);
    expect(set.files).toEqual(['falco_rules.yaml', '10-acme-rules.yaml', '90-acme-overrides.yaml']);
    const shell = set.rules.find((r) => r.name === 'Terminal shell in container')!;
    expect(shell.origin.file).toBe('falco_rules.yaml');
    expect(shell.condition).toMatch(/^spawned_process and container\b[\s\S]* and not container\.image\.repository in \(acme_build_images\)$/);
    expect(shell.changes).toEqual([{ origin: { file: '90-acme-overrides.yaml', line: 5 }, key: 'condition', mode: 'append', text: 'appended to the condition: and not container.image.repository in (acme_build_images)' }]);
    expect(set.lists.find((l) => l.name === 'shell_binaries')!.items.slice(-1)).toEqual(['busybox']);
    expect(set.rules.find((r) => r.name === 'Search Private Keys or Passwords')!.enabled).toBe(false);
    // append: true (the older syntax) on a macro.
    expect(set.macros.find((m) => m.name === 'acme_miner_destination')!.condition).toBe('(fd.sip.name in (acme_miner_pools) or fd.sport in (acme_miner_ports)) or fd.sport = 5555');
  });

  it('refuses an override of something not loaded before it, unless it is a stock rule', () => {
    const { set, problems } = buildRuleSet([...read(OVERRIDES), ...read(ACME)]);
    // acme_miner_destination is defined after its append; shell_binaries is not loaded at all.
    expect(problems.map((p) => [p.file, p.line, p.message])).toEqual([
      ['90-acme-overrides.yaml', 10, expect.stringMatching(/list "shell_binaries" has override or append but no list of that name is loaded before it/)],
      ['90-acme-overrides.yaml', 21, expect.stringMatching(/macro "acme_miner_destination" has override or append/)],
    ]);
    // A stock rule changed without its file loaded: known from the catalog, the change kept.
    const shell = set.rules.find((r) => r.name === 'Terminal shell in container')!;
    expect(shell).toMatchObject({ stockOnly: true, appendedCondition: 'and not container.image.repository in (acme_build_images)', priority: 'Notice' });
    const unknown = buildRuleSet(items('- rule: Nobody defined me\n  enabled: false\n'));
    expect(unknown.problems[0]!.message).toMatch(/no rule of that name is loaded before it \(nor is it a stock Falco rule\)/);
  });

  it('replaces a redefined rule, replaces or appends keys, and appends values to a named exception', () => {
    const text = [
      '- rule: R',
      '  desc: first',
      '  condition: evt.type = open',
      '  output: o',
      '  priority: NOTICE',
      '  exceptions:',
      '    - name: known',
      '      fields: [proc.name]',
      '      values: [[a]]',
      '- rule: R',
      '  condition: and proc.name != b',
      '  exceptions:',
      '    - name: known',
      '      values: [[c]]',
      '    - name: extra',
      '      fields: proc.exepath',
      '      values: [/bin/x]',
      '  override:',
      '    condition: append',
      '    exceptions: append',
      '- rule: R',
      '  priority: ERROR',
      '  override:',
      '    priority: replace',
      '- rule: R',
      '  condition: or evt.type = openat',
      '  append: true',
    ].join('\n');
    const { set, problems } = buildRuleSet(items(text));
    expect(problems).toEqual([]);
    const r = set.rules[0]!;
    expect(r.condition).toBe('evt.type = open and proc.name != b or evt.type = openat');
    expect(r.priority).toBe('ERROR');
    expect(r.exceptions).toEqual([
      { name: 'known', fields: ['proc.name'], values: [['a'], ['c']] },
      { name: 'extra', fields: 'proc.exepath', values: ['/bin/x'] },
    ]);
    expect(r.changes.map((c) => c.origin.line)).toEqual([10, 10, 21, 25]);

    const redefined = buildRuleSet(items(`${text.split('\n').slice(0, 5).join('\n')}\n- rule: R\n  desc: second\n  condition: evt.type = close\n  output: o2\n  priority: DEBUG\n`));
    expect(redefined.set.rules).toHaveLength(1);
    expect(redefined.set.rules[0]).toMatchObject({ desc: 'second', condition: 'evt.type = close', origin: { line: 6 } });
  });

  it('lists every loaded rule with its output template, priority and source', () => {
    const { set } = buildRuleSet(read(ACME));
    expect(listLoadedRules(set)).toEqual([
      {
        name: 'ACME Outbound Connection to Mining Pool',
        output: expect.stringMatching(/^Mining pool contacted by ACME workload \(pool=%fd\.sip\.name/),
        priority: 'CRITICAL',
        source: 'syscall',
        condition: 'acme_outbound_connect and acme_miner_destination and container.id != host',
        file: '10-acme-rules.yaml',
        line: 17,
        enabled: true,
        stock: false,
      },
    ]);
  });
});

describe('ruleDetail', () => {
  it('expands macros and finds the lists the condition consults, with their items', () => {
    const { set } = buildRuleSet([...read(ACME), ...read(OVERRIDES).filter((i) => i.name === 'acme_miner_destination')]);
    const d = ruleDetail(set, 'ACME Outbound Connection to Mining Pool')!;
    expect(d.stock).toBe(false);
    expect(d.macros.map((m) => m.name)).toEqual(['acme_outbound_connect', 'acme_miner_destination']);
    expect(d.lists.map((l) => [l.name, l.items])).toEqual([
      ['acme_miner_pools', ['pool.minexmr.com', 'xmr.pool.example.net']],
      ['acme_miner_ports', ['3333', '4444', '14444']],
    ]);
    expect(d.expandedCondition).toBe(
      '((evt.type in (connect) and evt.dir=< and fd.typechar=4 and fd.num>=0)) and ((fd.sip.name in (acme_miner_pools) or fd.sport in (acme_miner_ports)) or fd.sport = 5555) and container.id != host',
    );
    expect(ruleDetail(set, 'not loaded')).toBeNull();
  });

  it('names the stock macros a condition uses that no loaded file defines', () => {
    const { set } = buildRuleSet(read(OVERRIDES).filter((i) => i.kind === 'rule'));
    const d = ruleDetail(set, 'Terminal shell in container')!;
    expect(d.stock).toBe(true);
    expect(d.rule.condition).toBe('and not container.image.repository in (acme_build_images)');
    const withMacro = buildRuleSet(items('- rule: Uses stock\n  desc: d\n  condition: spawned_process and proc.name in (shell_binaries)\n  output: o\n  priority: NOTICE\n'));
    expect(ruleDetail(withMacro.set, 'Uses stock')!.undefinedNames).toEqual(['shell_binaries', 'spawned_process']);
  });

  it('leaves quoted text and fields alone', () => {
    const { set } = buildRuleSet(items('- macro: m\n  condition: evt.type = open\n- rule: q\n  desc: d\n  condition: m and proc.cmdline contains "m" and fd.name = m.txt\n  output: o\n  priority: NOTICE\n'));
    expect(ruleDetail(set, 'q')!.expandedCondition).toBe('(evt.type = open) and proc.cmdline contains "m" and fd.name = m.txt');
  });
});
