import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { expect, test } from '@playwright/test';
import { downloadedText, dropFiles, incidents, loadSamples, vendoredAlertPaths, VENDORED_ALERTS } from './helpers';

const REPORT_SECTIONS = ['Summary', 'Alert fields', 'Risk assessment', 'MITRE ATT&CK', 'Mitigation', 'Tuning', 'Next steps'];

test('the first screen explains itself and offers the samples', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: /Triage Falco alerts/ })).toBeVisible();
  await expect(page.getByText(/Nothing is uploaded/)).toBeVisible();
  await expect(page.getByLabel('Open alert files')).toBeAttached();
  await expect(page.getByRole('button', { name: 'Load sample alerts' }).first()).toBeEnabled();
});

test('samples: incidents listed, the PTRACE report has every section in order and exports', async ({ page }) => {
  await loadSamples(page);
  const list = page.getByRole('listbox', { name: 'Incidents' });
  await expect(list.getByRole('option')).toHaveCount(11);
  await list.getByRole('option', { name: /PTRACE attached to process/ }).click();

  const report = page.getByRole('article', { name: /Report: PTRACE attached to process/ });
  await expect(report).toBeVisible();
  const headings = await report.getByRole('heading', { level: 2 }).allTextContents();
  expect(headings).toEqual(REPORT_SECTIONS);
  await expect(report).toContainText('event-generator');
  await expect(report).toContainText('known_ptrace_binaries');
  await expect(report.getByLabel('Falco tuning YAML')).toContainText('override:');
  await expect(report).toContainText('T1055.008');

  // Raw JSON is one click away.
  await report.getByRole('button', { name: 'Show raw JSON' }).click();
  await expect(report.locator('.raw-json')).toContainText('"rule": "PTRACE attached to process"');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  expect(download.suggestedFilename()).toMatch(/PTRACE.*\.md$/);
  const markdown = await downloadedText(download);
  expect(markdown).toMatch(/^# PTRACE attached to process/);
  const order = REPORT_SECTIONS.map((s) => markdown.indexOf(`## ${s}`));
  expect(order.every((i) => i > 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(markdown).toContain('- rule: PTRACE attached to process');
});

test('the Markdown preview renders exactly the exported string', async ({ page }) => {
  await loadSamples(page);
  await incidents(page).filter({ hasText: 'Terminal shell in container' }).click();
  await page.getByRole('tab', { name: 'Markdown preview' }).click();
  const preview = page.locator('.markdown-preview');
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText('Terminal shell in container');
  await expect(preview.getByRole('heading', { level: 2, name: 'Risk assessment' })).toBeVisible();
  await expect(preview.locator('table').first()).toContainText('proc.cmdline');
  await expect(preview).toContainText('sh -c clear; (bash || ash || sh)');
  // evt.time as Falco wrote it (JSON.parse alone would show 1685022245478446000).
  await expect(preview).toContainText('1685022245478445995');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  const markdown = await downloadedText(download);
  expect(markdown).toContain('Terminal shell in container');
});

test('open every vendored alert file: all load, problems are listed with file and line', async ({ page }) => {
  await page.goto('./');
  const paths = vendoredAlertPaths();
  await page.getByLabel('Open alert files').setInputFiles(paths);
  const inputs = page.getByRole('list', { name: 'Inputs' });
  for (const path of paths) await expect(inputs).toContainText(`${basename(path)}:`);
  await expect(page.locator('.session-stats')).toContainText(/ problems?\b/);
  await expect(page.getByText(/records read = [\d,]+ alerts? loaded \+ ([\d,]+ duplicates? skipped \+ )?1 problem/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('odd-and-malformed.ndjson:1');
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText(/invalid JSON/);
  await expect(incidents(page).first()).toBeVisible();
});

test('drop a gzip file and a syslog file on the page', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [{ name: 'syslog-wrapped.log', content: readFileSync(`${VENDORED_ALERTS}/syslog-wrapped.log`, 'utf8'), type: 'text/plain' }]);
  await expect(page.getByRole('list', { name: 'Inputs' })).toContainText('syslog-wrapped.log: 6 alerts, 0 problems');
  // gzip bytes go through a real file input (DataTransfer strings cannot carry binary).
  await page.getByLabel('Open alert files').setInputFiles(`${VENDORED_ALERTS}/real-alerts.ndjson.gz`);
  await expect(page.getByRole('list', { name: 'Inputs' })).toContainText(/real-alerts\.ndjson\.gz: \d+ alerts, 0 problems(, \d+ duplicates skipped)?/);
});

test('paste an alert', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Paste alerts' }).first().click();
  await page.getByLabel('Alert JSON').fill(readFileSync(`${VENDORED_ALERTS}/single-pretty.json`, 'utf8'));
  await page.getByRole('button', { name: 'Analyze' }).click();
  await expect(incidents(page).filter({ hasText: 'Write below root' })).toBeVisible();
  await expect(page.getByRole('article')).toContainText('/wjd-test');
});

test('export all: one Markdown document with every incident', async ({ page }) => {
  await loadSamples(page);
  await expect(page.locator('.session-stats')).toContainText('11 incidents');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all' }).click()]);
  const markdown = await downloadedText(download);
  expect(markdown).toMatch(/^# Falco incident report/);
  expect(markdown.match(/^## (?!Incidents)/gm)).toHaveLength(11);
  expect(markdown).toContain('PTRACE attached to process');
  expect(markdown).toContain('K8s Serviceaccount Created');
});

test('a report screenshot (UPDATE_SCREENSHOT=1 refreshes the README one)', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1500, height: 950 });
  await loadSamples(page);
  await incidents(page).filter({ hasText: 'PTRACE attached to process' }).click();
  await expect(page.getByRole('article')).toBeVisible();
  const path = process.env.UPDATE_SCREENSHOT ? 'docs/report.png' : testInfo.outputPath('report.png');
  await page.screenshot({ path });
  expect(statSync(path).size).toBeGreaterThan(20_000);
});
