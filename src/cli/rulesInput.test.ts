import { describe, expect, it } from 'vitest';
import { collect } from './collect';

const RULES = 'e2e/fixtures/rules';

describe('cli: rules files among the inputs', () => {
  it('loads them in the order given and reports the custom rule from its definition', async () => {
    const files = ['vendor/falco/rules/falco_rules.yaml', `${RULES}/10-acme-rules.yaml`, `${RULES}/90-acme-overrides.yaml`, `${RULES}/bad-rules.yaml`, `${RULES}/acme-alerts.ndjson`];
    const result = await collect({ command: 'report', files, format: 'json' });
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.inputs.map((i: { format: string }) => i.format)).toEqual(['rules', 'rules', 'rules', 'rules', 'ndjson']);
    expect(json.problems.map((p: { file: string; line: number }) => [p.file, p.line])).toEqual([['bad-rules.yaml', 11], ['bad-rules.yaml', 13]]);
    const [incident] = json.incidents;
    expect(incident).toMatchObject({ rule: 'ACME Outbound Connection to Mining Pool', playbook: 'custom-rule' });
    expect(incident.loadedRule).toMatchObject({ file: '10-acme-rules.yaml', line: 17, enabled: true });
    expect(incident.loadedRule.lists).toEqual([
      { name: 'acme_miner_pools', items: ['pool.minexmr.com', 'xmr.pool.example.net'] },
      { name: 'acme_miner_ports', items: ['3333', '4444', '14444'] },
    ]);
    expect(incident.tuning).toContain('- name: acme_known_scanners');
    expect(incident.markdown).toContain('## The rule as loaded');
  });

  it('refuses an override that comes before the rule it changes, as Falco does', async () => {
    const result = await collect({ command: 'report', files: [`${RULES}/90-acme-overrides.yaml`, `${RULES}/10-acme-rules.yaml`, `${RULES}/acme-alerts.ndjson`], format: 'json' });
    const json = JSON.parse(result.stdout);
    expect(json.problems).toContainEqual({ file: '90-acme-overrides.yaml', line: 21, message: expect.stringMatching(/macro "acme_miner_destination" has override or append but no macro of that name is loaded before it/) });
  });
});
