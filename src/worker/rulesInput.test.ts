import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EngineHost } from '../engine/engineHost';
import { EMPTY_FILTER } from '../model';

const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });
const fixture = (name: string) => new File([readFileSync(`e2e/fixtures/rules/${name}`)], name);
const stock = () => new File([readFileSync('vendor/falco/rules/falco_rules.yaml')], 'falco_rules.yaml');
const CUSTOM = 'ACME Outbound Connection to Mining Pool';

async function loaded() {
  const host = new EngineHost();
  // Rules and alerts in one drop, in any order: the alerts come first here.
  const summaries = await host.handle({ type: 'ingestFiles', files: [fixture('acme-alerts.ndjson'), stock(), fixture('10-acme-rules.yaml'), fixture('90-acme-overrides.yaml')] }, ctx());
  return { host, summaries };
}

describe('rules files as input', () => {
  it('are told from alerts by their content and load without a problem', async () => {
    const { host, summaries } = await loaded();
    expect(summaries.map((s) => [s.name, s.format, s.alerts, s.problems])).toEqual([
      ['acme-alerts.ndjson', 'ndjson', 3, 0],
      ['falco_rules.yaml', 'rules', 0, 0],
      ['10-acme-rules.yaml', 'rules', 0, 0],
      ['90-acme-overrides.yaml', 'rules', 0, 0],
    ]);
    expect(summaries[2]!.rulesItems).toBe(6);
    expect(summaries.every((s) => s.noAlerts === undefined)).toBe(true);
    const rules = await host.handle({ type: 'rules' }, ctx());
    expect(rules.find((r) => r.name === CUSTOM)).toMatchObject({ file: '10-acme-rules.yaml', line: 17, priority: 'CRITICAL', stock: false });
  });

  it("give a custom rule's incident a report from its definition", async () => {
    const { host } = await loaded();
    const [row] = (await host.handle({ type: 'view', filter: { ...EMPTY_FILTER, text: 'xmrig' } }, ctx())).rows;
    const report = (await host.handle({ type: 'report', incidentId: row!.id }, ctx()))!;
    expect(report.playbook).toEqual({ id: 'custom-rule', title: 'Custom rule from 10-acme-rules.yaml', generic: false });
    expect(report.detects).toMatch(/defined in 10-acme-rules\.yaml:17\. Its author describes it: A process in an ACME workload connected to a cryptocurrency mining pool/);
    expect(report.rule!.expandedCondition).toMatch(/^\(\(evt\.type in \(connect\)[^]*\(fd\.sip\.name in \(acme_miner_pools\) or fd\.sport in \(acme_miner_ports\)\) or fd\.sport = 5555\) and container\.id != host$/);
    expect(report.rule!.lists.map((l) => [l.name, l.items.length])).toEqual([['acme_miner_pools', 2], ['acme_miner_ports', 3]]);
    expect(report.rule!.rule.output).toMatch(/^Mining pool contacted by ACME workload \(pool=%fd\.sip\.name/);
    expect(report.mitre).toEqual([{ id: 'T1496', name: 'Resource Hijacking', tactic: 'Impact', tacticId: 'TA0040' }]);
    expect(report.risk.factors.find((f) => f.id === 'priority')).toMatchObject({ value: 'Critical' });
    // Tuning appends values to the rule's own named exception, fields left to its definition.
    expect(parse(report.tuning.yaml)).toEqual([
      {
        rule: CUSTOM,
        exceptions: [{ name: 'acme_known_scanners', values: [['registry.acme.example/shop-frontend', '/tmp/.x/xmrig']] }],
        override: { exceptions: 'append' },
      },
    ]);
    expect(report.tuning.explanation).toMatch(/rule's own exception acme_known_scanners \(defined in 10-acme-rules\.yaml:17 on container\.image\.repository, proc\.exepath\)/);
  });

  it("show a stock rule's effective condition and what the local files changed", async () => {
    const { host } = await loaded();
    const shell = await host.handle({ type: 'rule', name: 'Terminal shell in container' }, ctx());
    expect(shell.detail!.stock).toBe(true);
    expect(shell.detail!.rule.condition).toMatch(/ and not container\.image\.repository in \(acme_build_images\)$/);
    expect(shell.detail!.lists.map((l) => l.name)).toEqual(expect.arrayContaining(['shell_binaries', 'acme_build_images']));
    expect(shell.detail!.lists.find((l) => l.name === 'shell_binaries')!.items).toContain('busybox');
    const off = await host.handle({ type: 'rule', name: 'Search Private Keys or Passwords' }, ctx());
    expect(off.detail!.rule.enabled).toBe(false);
    expect(off.detail!.rule.changes[0]!.text).toMatch(/disabled the rule/);
  });

  it('answer the rule view with the incidents and alerts a rule matched', async () => {
    const { host } = await loaded();
    const view = await host.handle({ type: 'rule', name: CUSTOM }, ctx());
    expect(view.alerts).toBe(3);
    expect(view.incidents.reduce((n, i) => n + i.count, 0)).toBe(3);
    expect(view.detail!.rule.exceptions[0]!.name).toBe('acme_known_scanners');
  });

  it('report a bad rule with file and line, load the rest, and read pasted rules too', async () => {
    const host = new EngineHost();
    const bad = await host.handle({ type: 'ingestText', name: 'pasted.yaml', text: readFileSync('e2e/fixtures/rules/bad-rules.yaml', 'utf8') }, ctx());
    expect(bad).toMatchObject({ format: 'rules', problems: 2, rulesItems: 2 });
    const problems = await host.handle({ type: 'problems', offset: 0, limit: 10 }, ctx());
    expect(problems.items.map((p) => [p.file, p.line])).toEqual([['pasted.yaml', 11], ['pasted.yaml', 13]]);
    expect((await host.handle({ type: 'rules' }, ctx())).map((r) => r.name)).toEqual(['Good rule before the bad ones', 'Good rule after the bad ones']);
  });

  it('load in the order given even when a later request is read first', async () => {
    const host = new EngineHost();
    const alerts = readFileSync('e2e/fixtures/rules/acme-alerts.ndjson', 'utf8').repeat(200);
    const defines = new File(['- macro: m\n  condition: evt.type = open\n'], 'a-defines.yaml');
    const appends = '- macro: m\n  condition: or evt.type = openat\n  override:\n    condition: append\n';
    // The first request reads an alerts file before its rules file; the second is a short paste.
    const first = host.handle({ type: 'ingestFiles', files: [new File([alerts], 'alerts.ndjson'), defines] }, ctx());
    const second = host.handle({ type: 'ingestText', name: 'b-appends.yaml', text: appends }, ctx());
    const [, pasted] = await Promise.all([first, second]);
    expect(pasted.problems).toBe(0);
    const problems = await host.handle({ type: 'problems', offset: 0, limit: 10 }, ctx());
    expect(problems.total).toBe(0);
  });
});
