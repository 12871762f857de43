import { expect, test, type Page } from '@playwright/test';
import { dropFiles, incidents, loadSamples } from './helpers';

/** Issue 14, must-show 6: a layout for the job. */

const line = (rule: string, container: string, second: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ rule, priority: 'Warning', time: new Date(Date.UTC(2024, 7, 7, 13, 0, second)).toISOString(), output: `${rule} #${second}`, output_fields: { 'container.id': container, ...extra } });

/** Elements of `selector` whose text is cut (wider than their box). */
const clipped = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent));

test.describe('at 1280 px', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('rule names and facet counts fit; the list can be widened from the keyboard', async ({ page }) => {
    await loadSamples(page);
    expect(await clipped(page, '.incident-row .row-rule')).toEqual([]);
    expect(await clipped(page, '.facet-count')).toEqual([]);
    // Every facet count is inside the filters pane.
    const pane = (await page.locator('.filters').boundingBox())!;
    for (const box of await page.locator('.facet-count').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.right).toBeLessThanOrEqual(pane.x + pane.width);
    }
    const list = page.locator('.list-pane');
    const before = (await list.boundingBox())!.width;
    const splitter = page.getByRole('separator', { name: 'Resize the incident list' });
    await splitter.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await list.boundingBox())!.width).toBeGreaterThan(before + 40);
    await expect(splitter).toHaveAttribute('aria-valuenow', String(Math.round(before) + 48));
  });

  test('a skip link is the first Tab stop and lands on the incident list', async ({ page }) => {
    await loadSamples(page);
    // Start the Tab order from the top of the page, as on arrival.
    await page.evaluate(() => {
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute('tabindex');
    });
    await page.keyboard.press('Tab');
    const skip = page.getByRole('button', { name: 'Skip to the incident list' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('listbox', { name: 'Incidents' })).toBeFocused();
  });

  test('facet values can be searched, counts have thousands separators', async ({ page }) => {
    await page.goto('./');
    const lines = Array.from({ length: 20 }, (_, i) => line(`Generated rule ${String(i).padStart(2, '0')}`, `c${i}`, i));
    // Each a different alert (the same line twice would be the same alert, counted once).
    for (let i = 0; i < 1500; i++) lines.push(line('Noisy rule', 'busy', i % 60, { 'proc.pid': i }));
    await dropFiles(page, [{ name: 'many.ndjson', content: lines.join('\n') }]);
    await expect(page.locator('.list-count')).toHaveText('21 of 21 incidents · 1,520 alerts');
    await expect(incidents(page).first()).toContainText('×1,500');
    await expect(page.locator('.session-stats')).toContainText('1,520 alerts');
    const rules = page.getByRole('group', { name: 'Rule', exact: true });
    await expect(rules.getByRole('button', { name: /Noisy rule\s*1,500/ })).toBeVisible();
    await expect(rules).toContainText('+13 more: search above');
    await expect(rules.getByRole('button', { name: /Generated rule 17/ })).toHaveCount(0);
    await rules.getByLabel('Search Rule values').fill('rule 17');
    await expect(rules.getByRole('button')).toHaveText([/Generated rule 17\s*1$/]);
    await rules.getByRole('button', { name: /Generated rule 17/ }).click();
    await expect(page.locator('.list-count')).toHaveText('1 of 21 incidents · 1 alert');
    await rules.getByLabel('Search Rule values').fill('no such rule');
    await expect(rules).toContainText('No value contains');
    // The active value stays, so it can be cleared.
    await expect(rules.getByRole('button', { name: /Generated rule 17/ })).toBeVisible();
  });

  test('the Alerts tab lists alerts in time order, each time on one line', async ({ page }) => {
    await page.goto('./');
    const seconds = [40, 5, 59, 12, 30, 1];
    await dropFiles(page, [{ name: 'shuffled.ndjson', content: seconds.map((s) => line('Shuffled rule', 'c1', s)).join('\n') }]);
    await incidents(page).first().click();
    await page.getByRole('tab', { name: 'Alerts' }).click();
    const times = page.locator('.alerts-tab .alert-time');
    await expect(times).toHaveCount(6);
    const shown = await times.allTextContents();
    expect(shown).toEqual([...seconds].sort((a, b) => a - b).map((s) => `2024-08-07 13:00:${String(s).padStart(2, '0')}`));
    const heights = await times.evaluateAll((els) => els.map((e) => (e as HTMLElement).getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight || '20')));
    for (const h of heights) expect(h).toBeLessThan(1.9);
  });

  test('arrow keys over the triage status never change it; Enter on a status button does', async ({ page }) => {
    await loadSamples(page);
    const status = page.getByRole('group', { name: 'Triage status' });
    await expect(status.getByRole('button', { name: 'new', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await status.getByRole('button', { name: 'investigating' }).focus();
    for (const key of ['ArrowDown', 'ArrowUp', 'ArrowRight', 'ArrowLeft', 'ArrowDown', 'PageDown', 'End']) await page.keyboard.press(key);
    await expect(status.getByRole('button', { name: 'new', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(incidents(page).locator('.status-chip').first()).toHaveText('new');
    await status.getByRole('button', { name: 'investigating' }).focus();
    await page.keyboard.press('Enter');
    await expect(status.getByRole('button', { name: 'investigating' })).toHaveAttribute('aria-pressed', 'true');
    await expect(status.getByRole('button', { name: 'new', exact: true })).toHaveAttribute('aria-pressed', 'false');
  });
});

test.describe('on a 390 px phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('tapping an incident brings its report into view', async ({ page }) => {
    await loadSamples(page);
    const row = incidents(page).filter({ hasText: 'PTRACE attached to process' });
    await row.scrollIntoViewIfNeeded();
    await row.tap();
    const report = page.getByRole('article', { name: /Report: PTRACE attached to process/ });
    await expect(report).toBeVisible();
    await expect(page.locator('.report-title')).toBeInViewport();
    // Nothing sticks out sideways: the page is one column at this width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
