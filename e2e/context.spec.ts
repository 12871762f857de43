import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { downloadedText, incidents } from './helpers';

// The machine these run on is shared: a first load can take 20 s there. Waiting longer changes no assertion.
const expect = baseExpect.configure({ timeout: 30_000 });
test.slow();

const TODAY = resolve(import.meta.dirname, 'fixtures/context-today.ndjson');
const YESTERDAY = resolve(import.meta.dirname, 'fixtures/context-yesterday.ndjson');

async function loadToday(page: Page): Promise<void> {
  await page.goto('./');
  await page.getByLabel('Open alert files').setInputFiles(TODAY);
  await expect(incidents(page)).toHaveCount(4);
}

async function open(page: Page, rule: RegExp): Promise<void> {
  await incidents(page).filter({ hasText: rule }).first().click();
  await expect(page.locator('.report-title')).toHaveText(rule);
}

test('process tree: the chain from init to curl, shared with the shell incident; a node filters, a chip opens', async ({ page }) => {
  await loadToday(page);
  await open(page, /Outbound connection/);
  const tree = page.getByRole('list', { name: /Process tree of container c0ffee000001/ });
  await expect(tree).toBeVisible();
  // systemd (pid 1) > containerd-shim > runc > bash > curl: nested lists, one per level.
  const chain = ['systemd', 'containerd-shim', 'runc', 'bash', 'curl'];
  let level = tree;
  for (const name of chain) {
    const item = level.locator(':scope > li').filter({ has: page.locator(':scope > .tree-row .tree-process', { hasText: name }) }).first();
    await expect(item).toBeVisible();
    level = item.locator(':scope > ul');
  }
  await expect(tree.locator('.tree-meta', { hasText: 'session 40' })).toBeVisible();
  // The shell incident alerted at bash; the chip opens its report.
  await tree.getByRole('button', { name: /Open incident: Terminal shell in container/ }).click();
  await expect(page.locator('.report-title')).toHaveText('Terminal shell in container');
  // Keyboard: the process buttons are in the tab order; Enter on bash filters the list to its alerts.
  const bash = page.getByRole('list', { name: /Process tree/ }).getByRole('button', { name: /^bash pid 40$/ });
  await bash.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Search alerts')).toHaveValue('/bin/bash');
  await expect(incidents(page)).toHaveCount(1);
});

test('prevalence: counts beside each value, rare ones flagged, a click filters; related incidents listed', async ({ page }) => {
  await loadToday(page);
  await open(page, /Outbound connection/);
  const table = page.locator('.prevalence-table');
  const userRow = table.locator('tr', { has: page.locator('th code', { hasText: /^user\.name$/ }) });
  await expect(userRow.getByRole('button')).toHaveText(/3 alerts · 2 incidents/);
  const cipRow = table.locator('tr', { has: page.locator('th code', { hasText: /^fd\.cip$/ }) });
  await expect(cipRow.getByRole('button')).toContainText('rare');
  // Related: the shell shares container, pod, user and host; the host-level read shares the host only.
  const related = page.locator('.related-list > li');
  await expect(related).toHaveCount(2);
  await expect(related.first()).toContainText('Terminal shell in container');
  await expect(related.first()).toContainText('container.id');
  await page.getByLabel(/^Within/).selectOption({ label: '15 minutes' });
  await expect(related).toHaveCount(1);
  // Click the namespace count: the list keeps only that namespace's incidents.
  const nsRow = table.locator('tr', { has: page.locator('th code', { hasText: /^k8s\.ns\.name$/ }) });
  await nsRow.getByRole('button').click();
  await expect(incidents(page)).toHaveCount(2);
});

test('prevalence beside each value in the Alert fields: counts, rare ones flagged, a click filters the list', async ({ page }) => {
  await loadToday(page);
  await open(page, /Outbound connection/);
  const report = page.getByRole('article', { name: /^Report: Outbound connection/ });
  await report.locator('details.field-glossary summary').click();
  const fields = report.locator('table.fields');
  const row = (field: string) => fields.locator('tbody tr', { has: page.locator('th code', { hasText: new RegExp(`^${field.replaceAll('.', '\\.')}$`) }) });
  // The badge sits in the value's cell, beside the value.
  await expect(row('user.name').locator('td.value').getByRole('button')).toHaveText(/3 alerts · 2 incidents/);
  await expect(row('hostname').locator('td.value').getByRole('button')).toContainText(/\d+ alerts? · \d+ incidents?/);
  await expect(row('fd.cip').locator('td.value').getByRole('button')).toContainText('rare');
  // Top-level fields that are not counted (the rule, its priority) have no badge.
  await expect(row('rule').getByRole('button')).toHaveCount(0);
  // A click filters the list to the incidents sharing the value, with the list's own filter.
  await row('k8s.ns.name').locator('td.value').getByRole('button').click();
  await expect(incidents(page)).toHaveCount(2);
});

test('overview: top bars filter the list, the timeline answers the keyboard, sparklines drawn', async ({ page }) => {
  await loadToday(page);
  await page.getByRole('button', { name: 'Overview' }).click();
  const overview = page.getByLabel('Overview', { exact: true });
  await expect(overview.getByText('MITRE tactics')).toBeVisible();
  await expect(overview.locator('.top-bars', { hasText: 'Users' }).getByRole('button')).toHaveCount(3);
  await expect(overview.locator('.sparkline')).toHaveCount(4);
  const slider = overview.getByRole('slider', { name: 'Alerts over time' });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(overview.getByRole('tooltip')).toContainText('3 alerts');
  await page.keyboard.press('End');
  await expect(overview.getByRole('tooltip')).toContainText('1 alert (1 Critical)');
  const hosts = overview.locator('.top-bars', { hasText: 'Hosts' });
  await hosts.getByRole('button', { name: /node-b/ }).click();
  await expect(incidents(page)).toHaveCount(1);
  await expect(hosts.getByRole('button', { name: /node-b/ })).toHaveAttribute('aria-pressed', 'true');
});

test('compare: a baseline shows what is new, gone and the same; the diff exports as Markdown', async ({ page }) => {
  await loadToday(page);
  await page.getByRole('button', { name: 'Compare with a baseline' }).click();
  await page.getByLabel('Open a baseline session or alert files').setInputFiles(YESTERDAY);
  await expect(page.getByRole('status').filter({ hasText: 'Baseline' })).toContainText('4 alerts, 3 incidents');
  const rules = page.locator('.diff-table').filter({ has: page.locator('caption', { hasText: 'By rule' }) });
  await expect(rules.locator('tr.diff-new')).toHaveCount(2);
  await expect(rules.locator('tr.diff-gone')).toContainText('Launch Package Management Process in Container');
  await rules.locator('..').getByRole('button', { name: /Show 2 unchanged/ }).click();
  await expect(rules.locator('tr.diff-same')).toHaveCount(2);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the diff as Markdown' }).click()]);
  const markdown = await downloadedText(download);
  expect(markdown).toContain('# What changed since the baseline');
  expect(markdown).toContain('| Gone | `Launch Package Management Process in Container` | 1 | 0 | -1 |');
  expect(markdown).toContain('`context-yesterday.ndjson`');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`context views pass axe (contrast included) in ${colorScheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await loadToday(page);
    await open(page, /Outbound connection/);
    await page.getByRole('button', { name: 'Overview' }).click();
    await expect(page.getByRole('slider', { name: 'Alerts over time' })).toBeVisible();
    await expect(page.locator('.prevalence-table')).toBeVisible();
    const results = await new AxeBuilder({ page }).include('.session-context').include('.report-context').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    expect(serious).toEqual([]);
  });
}
