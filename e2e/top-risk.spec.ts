import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect as baseExpect, test, type Page } from '@playwright/test';

// Reads run in workers beside other suites on a shared machine: generous waits, never timing asserts.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 120_000 });
import { dropFiles, incidents } from './helpers';

/** Issue 14: after a load the riskiest incident of all is selected and shown; one set of counts. */

const SAMPLES = readFileSync(resolve(import.meta.dirname, '../src/samples/falco-samples.ndjson'), 'utf8');

/** `n` low-risk incidents (a Debug alert of a rule Falco does not ship, one container each). */
function lowRisk(n: number, alertsEach = 1): string {
  const lines: string[] = [];
  for (let i = 0; i < n * alertsEach; i++) {
    lines.push(
      JSON.stringify({
        uuid: `low-${i}`,
        rule: 'Quiet custom rule',
        priority: 'Debug',
        time: `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(9, '0')}Z`,
        output: `quiet ${i}`,
        output_fields: { 'container.id': `c${String(i % n).padStart(6, '0')}`, 'proc.name': 'quiet' },
      }),
    );
  }
  return lines.join('\n') + '\n';
}

const selectedRow = (page: Page) => page.getByRole('listbox', { name: 'Incidents' }).getByRole('option', { selected: true });
const badges = (page: Page) => page.locator('.incident-row .risk-badge');

test('the riskiest incident of every file is selected and scrolled to, not the first file\'s', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [{ name: 'quiet.ndjson', content: lowRisk(300) }]);
  await expect(page.locator('.list-count')).toHaveText('300 of 300 incidents · 300 alerts');
  const firstSelected = await selectedRow(page).textContent();
  expect(firstSelected).toContain('Quiet custom rule');
  // The analyst scrolls down the list while the next file loads.
  await page.getByRole('listbox', { name: 'Incidents' }).evaluate((el) => (el.scrollTop = el.scrollHeight));

  await dropFiles(page, [{ name: 'falco.ndjson', content: SAMPLES }]);
  await expect(page.locator('.list-count')).toHaveText('311 of 311 incidents · 311 alerts');
  const selected = selectedRow(page);
  await expect(selected).not.toContainText('Quiet custom rule');
  await expect(selected).toHaveAttribute('aria-posinset', '1');
  await expect(selected).toBeInViewport();
  const top = Number(await selected.locator('.risk-badge').textContent());
  const shown = (await badges(page).allTextContents()).map(Number);
  expect(Math.max(...shown)).toBe(top);
  await expect(page.getByRole('article', { name: /^Report: / })).toContainText((await selected.locator('.row-rule').textContent())!);
});

test('a choice of the analyst is kept while more files load', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [{ name: 'quiet.ndjson', content: lowRisk(20) }]);
  await incidents(page).nth(5).click();
  const chosen = await selectedRow(page).textContent();
  await dropFiles(page, [{ name: 'falco.ndjson', content: SAMPLES }]);
  await expect(page.locator('.list-count')).toHaveText('31 of 31 incidents · 31 alerts');
  await expect(selectedRow(page)).toHaveText(chosen!);
});

test('header, list and problems summary show the same counts at every moment of a load', async ({ page }, testInfo) => {
  await page.goto('./');
  await page.evaluate(() => {
    const seen: (number | null)[][] = ((window as unknown as { __counts: (number | null)[][] }).__counts = []);
    const num = (selector: string, re: RegExp) => {
      const m = re.exec(document.querySelector(selector)?.textContent ?? '');
      return m ? Number(m[1]!.replaceAll(',', '')) : null;
    };
    new MutationObserver(() => {
      seen.push([
        num('.session-stats', /([\d,]+) alerts/),
        num('.list-count', /· ([\d,]+) alerts/),
        num('details.problems summary', /= ([\d,]+) alerts loaded/),
        num('.session-stats', /([\d,]+) incidents/),
        num('.list-count', /of ([\d,]+) incidents/),
      ]);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  const path = testInfo.outputPath('many.ndjson');
  writeFileSync(path, lowRisk(1_000, 30)); // 30,000 alerts, ~6 MB: read in many steps
  await page.getByLabel('Open alert files').setInputFiles(path);
  await expect(page.locator('.list-count')).toHaveText('1,000 of 1,000 incidents · 30,000 alerts', { timeout: 90_000 });
  const seen = await page.evaluate(() => (window as unknown as { __counts: (number | null)[][] }).__counts);
  const complete = seen.filter((s) => s.every((v) => v !== null)) as number[][];
  expect(complete.length).toBeGreaterThan(0);
  for (const [header, list, problems, headerIncidents, listIncidents] of complete) {
    expect([list, problems]).toEqual([header, header]);
    expect(listIncidents).toBe(headerIncidents);
  }
});
