import { expect, test } from '@playwright/test';
import { incidents, loadSamples, VENDORED_ALERTS } from './helpers';

const SECTIONS = ['Summary', 'Alert fields', 'Risk assessment', 'MITRE ATT&CK', 'Mitigation', 'Tuning', 'Next steps'];

test.use({ viewport: { width: 1280, height: 720 } });

test('at 1280x720 every sample report shows its verdict and first action without scrolling', async ({ page }, info) => {
  await loadSamples(page);
  const rows = incidents(page);
  const count = await rows.count();
  expect(count).toBeGreaterThan(5);
  for (let i = 0; i < count; i++) {
    await rows.nth(i).click();
    const report = page.getByRole('article', { name: /^Report: / });
    const verdict = report.getByRole('region', { name: 'Verdict' });
    await expect(verdict.locator('.verdict-label')).toHaveText(/^(Likely drill|Likely benign|Needs investigation|Likely malicious)\.$/);
    // Clicking a row may scroll the list into view: start from the top of the page and the pane,
    // as an analyst opening the report does, then the block must be fully inside the window.
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      document.getElementById('report-pane')!.scrollTop = 0;
    });
    await expect(verdict.locator('.verdict-line')).toBeInViewport({ ratio: 1 });
    await expect(verdict.locator('.first-action')).toBeInViewport({ ratio: 1 });
    await expect(verdict.locator('.risk-bar')).toBeInViewport({ ratio: 1 });
  }
  await rows.filter({ hasText: 'PTRACE attached to process' }).click();
  await page.screenshot({ path: info.outputPath('ptrace-1280x720.png') });
});

test('the PTRACE drill: verdict, command on top, moot mitigations gone, glossary collapsed, sections in order', async ({ page }) => {
  await loadSamples(page);
  await incidents(page).filter({ hasText: 'PTRACE attached to process' }).click();
  const report = page.getByRole('article', { name: /Report: PTRACE attached to process/ });
  const verdict = report.getByRole('region', { name: 'Verdict' });
  await expect(verdict).toContainText('Likely drill.');
  await expect(verdict).toContainText('event-generator');
  const command = verdict.getByLabel('First action command');
  await expect(command).toContainText('ps -o pid,ppid,user,lstart,args');
  expect(await report.getByRole('heading', { level: 2 }).allTextContents()).toEqual(SECTIONS);

  const mitigation = report.getByRole('region', { name: 'Mitigation' });
  await expect(mitigation).not.toContainText(/rotate secrets|known-good image/i);
  await expect(mitigation).toContainText('drill');

  const glossary = report.locator('details.field-glossary');
  await expect(glossary).not.toHaveAttribute('open');
  await expect(report.locator('table.fields')).toBeHidden();
  await glossary.locator('summary').click();
  await expect(report.locator('table.fields')).toBeVisible();
});

test('jump links reach each section; Copy as Markdown copies that section', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await loadSamples(page);
  await incidents(page).filter({ hasText: 'Terminal shell in container' }).first().click();
  const report = page.getByRole('article', { name: /^Report: / });
  const nav = report.getByRole('navigation', { name: 'Report sections' });
  expect(await nav.getByRole('link').allTextContents()).toEqual(SECTIONS);
  const hash = await page.evaluate(() => location.hash);
  await nav.getByRole('link', { name: 'Tuning' }).click();
  const tuning = report.getByRole('heading', { level: 2, name: 'Tuning' });
  await expect(tuning).toBeInViewport();
  await expect(tuning).toBeFocused();
  // The hash keeps naming the selected incident.
  expect(await page.evaluate(() => location.hash)).toBe(hash);

  const summary = report.getByRole('region', { name: 'Summary' });
  await summary.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(summary.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^## Summary\n\n/);
  expect(copied).not.toContain('## Alert fields');
  expect(copied).not.toMatch(/&#\d+;/);
});

test('printing shows only the report', async ({ page }) => {
  await loadSamples(page);
  await incidents(page).filter({ hasText: 'PTRACE attached to process' }).click();
  const report = page.getByRole('article', { name: /Report: PTRACE/ });
  await expect(report).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(report).toBeVisible();
  await expect(report.getByRole('region', { name: 'Verdict' })).toBeVisible();
  await expect(page.getByRole('listbox', { name: 'Incidents' })).toBeHidden();
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.locator('.filters')).toBeHidden();
  await expect(page.getByRole('tablist', { name: 'Report views' })).toBeHidden();
  await expect(report.getByRole('button', { name: 'Copy as Markdown' }).first()).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export Markdown' })).toBeHidden();
});

test('the Summary draws the incident\'s alerts over time', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Open alert files').setInputFiles(`${VENDORED_ALERTS}/real-alerts.ndjson`);
  // A low-risk incident sits below the rows the list draws: find it by search.
  await page.getByLabel('Search alerts').fill('metrics snapshot');
  await incidents(page).filter({ hasText: 'Falco internal: metrics snapshot' }).first().click();
  const summary = page.getByRole('region', { name: 'Summary' });
  const chart = summary.getByRole('img', { name: /^Alerts over time: \d+ alerts? from / });
  await expect(chart).toBeVisible();
  // Bars where snapshots fall, the rest of the span empty.
  expect(await chart.locator('rect').count()).toBeGreaterThan(0);
});
