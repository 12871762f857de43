import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { downloadedText, incidents } from './helpers';

const RULES = resolve(import.meta.dirname, 'fixtures/rules');
const file = (path: string, name = path.split('/').pop()!) => ({ name, mimeType: 'text/plain', buffer: readFileSync(path) });
/** A stock-rule alert (Terminal shell in container), from Falco's published examples. */
const SHELL_ALERT = readFileSync(resolve(import.meta.dirname, '../vendor/falco/alerts/real-alerts.ndjson'), 'utf8').split('\n')[0]!;

test('a rules file and its custom rule: the report explains the rule, the rule view shows it as loaded', async ({ page }) => {
  // A long journey through six inputs (one the 60 KB stock rules file) and two dialogs' worth of steps.
  test.setTimeout(180_000);
  await page.goto('./');
  await page.getByLabel('Open alert files').setInputFiles([
    file(resolve(RULES, 'acme-alerts.ndjson')),
    file(resolve(import.meta.dirname, '../vendor/falco/rules/falco_rules.yaml')),
    file(resolve(RULES, '10-acme-rules.yaml')),
    file(resolve(RULES, '90-acme-overrides.yaml')),
    file(resolve(RULES, 'bad-rules.yaml')),
    { name: 'shell.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${SHELL_ALERT}\n`) },
  ]);
  const inputs = page.getByRole('list', { name: 'Inputs' });
  await expect(inputs.getByRole('listitem').filter({ hasText: '10-acme-rules.yaml:' })).toContainText('rules file, 6 items loaded, 0 alerts, 0 problems', {
    // The stock rules file before it is 60 KB of YAML: parsed and schema-checked item by item.
    timeout: 30_000,
  });
  await expect(inputs.getByRole('listitem').filter({ hasText: 'bad-rules.yaml:' })).toContainText('rules file, 2 items loaded, 0 alerts, 2 problems');

  // A bad rule is a problem with file and line; the rules around it load.
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems.getByRole('listitem').filter({ hasText: 'bad-rules.yaml' }).first()).toContainText('11');
  await expect(problems).toContainText(/priority must be one of EMERGENCY/);

  await incidents(page).filter({ hasText: 'ACME Outbound Connection to Mining Pool' }).click();
  const report = page.getByRole('article', { name: /Report: ACME Outbound Connection to Mining Pool/ });
  await expect(report.getByRole('note')).toContainText('Custom rule: no playbook covers it, so this report is built from its definition in 10-acme-rules.yaml (line 17).');
  await expect(report).toContainText('Its author describes it: A process in an ACME workload connected to a cryptocurrency mining pool');
  const rule = report.getByRole('region', { name: 'The rule as loaded' });
  await expect(rule.getByLabel('Expanded condition')).toContainText('((fd.sip.name in (acme_miner_pools) or fd.sport in (acme_miner_ports)) or fd.sport = 5555)');
  await expect(rule.getByRole('list', { name: 'Lists' })).toContainText('acme_miner_pools (10-acme-rules.yaml:5): pool.minexmr.com, xmr.pool.example.net');
  await expect(rule.getByLabel('Output template')).toContainText('Mining pool contacted by ACME workload (pool=%fd.sip.name');
  await expect(report.getByRole('region', { name: 'MITRE ATT&CK' })).toContainText('Resource Hijacking');
  await expect(report.getByRole('region', { name: 'Tuning' })).toContainText("Appends a row of values to the rule's own exception acme_known_scanners");
  await expect(report.getByRole('region', { name: 'Tuning' })).toContainText('- name: acme_known_scanners');

  // The rule view, from the report: the rule as loaded and what it matched in this session.
  await rule.getByRole('button', { name: 'Open in rule view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rules loaded' });
  await expect(dialog.getByLabel('Matched in this session')).toHaveText('Matched in this session: 3 alerts in 1 incident');
  await expect(dialog.getByRole('list', { name: 'Exceptions' })).toContainText('acme_known_scanners on container.image.repository, proc.exepath');

  // Searchable: the condition text finds the stock rule the local file changed.
  await dialog.getByRole('searchbox', { name: 'Search rules' }).fill('acme_build_images');
  const found = dialog.getByRole('list', { name: 'Loaded rules' }).getByRole('button');
  await expect(found).toHaveCount(1);
  await found.first().click();
  const detail = dialog.getByRole('region', { name: 'Rule Terminal shell in container' });
  await expect(detail).toContainText('a stock Falco rule');
  await expect(detail).toContainText('90-acme-overrides.yaml:5 appended to the condition: and not container.image.repository in (acme_build_images)');
  await expect(detail.getByRole('list', { name: 'Lists' })).toContainText(/shell_binaries \(falco_rules\.yaml:\d+, changed by 90-acme-overrides\.yaml:10\): .*busybox/);
  await expect(detail.getByLabel('Matched in this session')).toHaveText('Matched in this session: 1 alert in 1 incident');

  // Its incident's report, from the rule view, says what the local files changed.
  await detail.getByRole('list', { name: 'Incidents of this rule' }).getByRole('button').click();
  await expect(dialog).toBeHidden();
  const shellReport = page.getByRole('article', { name: /Report: Terminal shell in container/ });
  await expect(shellReport).toContainText('Your rules files change this stock rule: 90-acme-overrides.yaml:5 appended to the condition');
});

test('the rules files survive a reload and a saved session: the custom rule is still explained from its definition', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await page.getByLabel('Open alert files').setInputFiles([file(resolve(RULES, 'acme-alerts.ndjson')), file(resolve(RULES, '10-acme-rules.yaml'))], { timeout: 60_000 });
  const inputs = page.getByRole('list', { name: 'Inputs' }).getByRole('listitem');
  await expect(inputs.filter({ hasText: '10-acme-rules.yaml:' })).toContainText('rules file, 6 items loaded');
  const custom = 'Custom rule: no playbook covers it, so this report is built from its definition in 10-acme-rules.yaml (line 17).';
  const report = page.getByRole('article', { name: /Report: ACME Outbound Connection to Mining Pool/ });
  const open = async () => {
    await incidents(page).filter({ hasText: 'ACME Outbound Connection to Mining Pool' }).click();
    await expect(report.getByRole('note')).toContainText(custom);
  };
  await open();

  // Reload: the workspace kept in the browser loads the rules file again, before the alerts' reports are read.
  await page.reload();
  await expect(inputs.filter({ hasText: '10-acme-rules.yaml:' })).toContainText('rules file, 6 items loaded', { timeout: 30_000 });
  await open();

  // Save session, clear, reopen the file: the session file carries the rules file.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save session' }).click()]);
  const saved = JSON.parse(await downloadedText(download)) as { rules: { name: string; text: string }[] };
  expect(saved.rules.map((r) => r.name)).toEqual(['10-acme-rules.yaml']);
  const path = testInfo.outputPath('acme.falcoscope.json');
  await download.saveAs(path);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Clear session' }).click();
  await expect(inputs).toHaveCount(0);
  await page.getByLabel('Open alert files').setInputFiles(path, { timeout: 60_000 });
  await expect(inputs).toHaveCount(1);
  await open();
  await expect(report.getByRole('region', { name: 'The rule as loaded' }).getByLabel('Expanded condition')).toContainText('fd.sip.name in (acme_miner_pools)');
});
