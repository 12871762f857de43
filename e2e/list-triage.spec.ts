import { expect, test, type Page } from '@playwright/test';
import { downloadedText, dropFiles, incidents, loadSamples } from './helpers';

/** Issue 14, must-show 3: status at the list. */

const statusFacet = (page: Page) => page.getByRole('group', { name: 'Status', exact: true });
const chips = (page: Page) => incidents(page).locator('.status-chip');
const count = (page: Page) => page.locator('.list-count');

async function download(page: Page, button: ReturnType<Page['getByRole']>) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), text: await downloadedText(file) };
}

test('every row shows its status; tick a range, mark it benign, facet on status, export the filtered and the selected set', async ({ page }) => {
  await loadSamples(page);
  await expect(incidents(page)).toHaveCount(11);
  await expect(chips(page)).toHaveCount(11);
  await expect(chips(page)).toHaveText(Array(11).fill('new'));
  await expect(statusFacet(page).getByRole('button')).toHaveText([/^\s*new\s*11$/]);

  // Tick row 1, shift-tick row 3: rows 1-3 are selected, the open report does not change.
  const open = () => incidents(page).and(page.locator('[aria-selected=true]')).getAttribute('id');
  const openBefore = await open();
  const rules = await incidents(page).locator('.row-rule').allTextContents();
  await incidents(page).nth(0).locator('.row-tick').click();
  await incidents(page).nth(2).locator('.row-tick').click({ modifiers: ['Shift'] });
  await expect(page.getByText('3 selected', { exact: true })).toBeVisible();
  await expect(incidents(page).and(page.locator('[aria-checked=true]'))).toHaveCount(3);
  expect(await open()).toBe(openBefore);

  await page.getByRole('group', { name: 'Set status of selected' }).getByRole('button', { name: 'benign' }).click();
  await expect(chips(page)).toHaveText([...Array(3).fill('benign'), ...Array(8).fill('new')]);
  // Untriaged first, then in workflow order.
  await expect(statusFacet(page).getByRole('button')).toHaveText([/^\s*new\s*8$/, /^\s*benign\s*3$/]);

  // The selection exports as it is (here: Markdown and JSON of the three).
  const md = await download(page, page.getByRole('group', { name: /^Export 3 selected/ }).getByRole('button', { name: 'Markdown' }));
  expect(md.name).toMatch(/^falcoscope-selected-3-incidents-\d{4}-\d{2}-\d{2}\.md$/);
  expect(md.text).toMatch(/^# Falco incident report/);
  for (const rule of rules.slice(0, 3)) expect(md.text).toContain(rule);
  expect(md.text).not.toContain(`# ${rules[3]}`);
  const json = JSON.parse((await download(page, page.getByRole('group', { name: /^Export 3 selected/ }).getByRole('button', { name: 'JSON' }))).text);
  expect(json.incidents.map((i: { rule: string }) => i.rule)).toEqual(rules.slice(0, 3));
  expect(json.incidents.every((i: { status: string }) => i.status === 'benign')).toBe(true);

  // With nothing ticked, the export is what the filters show: here the untriaged incidents only.
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await statusFacet(page).getByRole('button', { name: /new/ }).click();
  await expect(count(page)).toHaveText('8 of 11 incidents · 8 alerts');
  expect(decodeURIComponent(page.url())).toContain('status=["new"]');
  const csv = await download(page, page.getByRole('group', { name: /^Export 8 shown/ }).getByRole('button', { name: 'CSV' }));
  expect(csv.name).toMatch(/^falcoscope-filtered-8-incidents-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = csv.text.trimEnd().split('\r\n');
  expect(lines).toHaveLength(9);
  expect(lines[0]).toMatch(/^id,rule,priority,source,entity,/);
  expect(lines.slice(1).every((l) => l.includes(',new,'))).toBe(true);
  for (const rule of rules.slice(3)) expect(csv.text).toContain(rule);

  // "Select all shown" takes the filtered list; keyboard: Space ticks the current row.
  await page.getByRole('button', { name: 'Select all 8 shown' }).click();
  await expect(page.getByText('8 selected', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await page.getByRole('listbox', { name: 'Incidents' }).focus();
  await page.keyboard.press('ArrowDown'); // the open incident (benign) is filtered out: open the first row
  await page.keyboard.press('Space');
  await expect(page.getByText('1 selected', { exact: true })).toBeVisible();
  await expect(page.getByRole('listbox', { name: 'Incidents' }).locator('[role="option"][aria-checked="true"]')).toHaveCount(1);
});

test('CSV export is safe against formula injection; file names differ per container and carry rule, entity and date', async ({ page }) => {
  await page.goto('./');
  const alert = (rule: string, container: string, output: string) =>
    JSON.stringify({ rule, priority: 'Warning', time: '2024-08-07T13:49:51.703Z', output, output_fields: { 'container.id': container, 'container.name': container, 'proc.cmdline': '@SUM(1+1)*cmd|/C calc' } });
  await dropFiles(page, [
    {
      name: 'hostile.ndjson',
      content: [
        alert('=HYPERLINK("http://evil.example","click")', 'aaaaaaaaaaaa', '+1 shell'),
        alert('Terminal shell in container', 'web/1', 'shell in web/1'),
        alert('Terminal shell in container', 'web?1', 'shell in web?1'),
      ].join('\n'),
    },
  ]);
  await expect(incidents(page)).toHaveCount(3);
  const csv = await download(page, page.getByRole('group', { name: /^Export 3 shown/ }).getByRole('button', { name: 'CSV' }));
  const hostile = csv.text.split('\r\n').find((l) => l.includes('HYPERLINK'))!;
  // The cell starts with a quote: a spreadsheet shows it as text, never runs it.
  expect(hostile).toContain(`,"'=HYPERLINK(""http://evil.example"",""click"")",`);
  expect(csv.text).not.toMatch(/(^|,)[=+@-]/m);

  const names: string[] = [];
  for (const container of ['web/1', 'web?1']) {
    await incidents(page).filter({ hasText: container }).click();
    await expect(page.getByRole('article', { name: 'Report: Terminal shell in container' })).toBeVisible();
    const md = await download(page, page.getByRole('button', { name: 'Export Markdown' }));
    expect(md.name).toMatch(/^falcoscope-Terminal-shell-in-container-container-web-1.*-2024-08-07-[0-9a-f]+\.md$/);
    names.push(md.name);
  }
  expect(names[0]).not.toBe(names[1]);
});
