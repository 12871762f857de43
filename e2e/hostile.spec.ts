import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { downloadedText, incidents } from './helpers';
import { HOSTILE, VISIBLE_NEEDLES } from './fixtures/make-hostile';

const FIXTURE = resolve(import.meta.dirname, 'fixtures/hostile.ndjson');
const PROTO_RULE = 'Hostile prototype keys';
const BIG_RUN = 'A'.repeat(2000);

/** Dialogs fail the test; they are dismissed so the page does not hang on one. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  return dialogs;
}

async function loadHostile(page: Page): Promise<void> {
  await page.goto('./');
  await page.getByLabel('Open alert files').setInputFiles(FIXTURE);
  await expect(page.getByRole('list', { name: 'Inputs' })).toContainText('hostile.ndjson: 9 alerts, 0 problems');
  await expect(incidents(page)).toHaveCount(9);
}

/** Nothing attacker-made became live markup: no script, handler, frame, javascript: link or remote image. */
async function expectInert(page: Page, where: string): Promise<void> {
  const state = await page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      polluted: ({} as { polluted?: unknown }).polluted,
      bodyScripts: document.querySelectorAll('body script').length,
      inlineScripts: document.querySelectorAll('script:not([src])').length,
      foreignScripts: [...document.querySelectorAll('script[src]')].filter((s) => !(s as HTMLScriptElement).src.startsWith(location.origin + '/')).length,
      handlers: all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).map((el) => el.outerHTML.slice(0, 120)),
      frames: document.querySelectorAll('iframe, frame, object, embed').length,
      jsLinks: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
        .flatMap((el) => ['href', 'src', 'action', 'formaction'].map((a) => el.getAttribute(a) ?? ''))
        .filter((v) => /^\s*javascript:/i.test(v)),
      foreignImages: [...document.querySelectorAll('img')].map((i) => i.getAttribute('src') ?? '').filter((src) => /^(https?:)?\/\//.test(src)),
    };
  });
  expect(state, where).toEqual({ pwned: undefined, polluted: undefined, bodyScripts: 0, inlineScripts: 0, foreignScripts: 0, handlers: [], frames: 0, jsLinks: [], foreignImages: [] });
}

test('hostile alerts render as inert text in every report, preview and export', async ({ page }) => {
  test.setTimeout(120_000);
  const dialogs = watchDialogs(page);
  await loadHostile(page);
  await expectInert(page, 'after load');

  const names = (await incidents(page).locator('.row-rule').allTextContents()).filter((n) => n !== PROTO_RULE);
  expect(names).toHaveLength(8);
  const seenInReports = new Set<string>();
  const seenInPreviews = new Set<string>();
  const markdowns: string[] = [];
  for (const name of names) {
    await incidents(page).filter({ has: page.locator('.row-rule', { hasText: name }) }).first().click();
    await page.getByRole('tab', { name: 'Report' }).click();
    const report = page.getByRole('article', { name: `Report: ${name}` });
    await expect(report, name).toBeVisible();
    await expectInert(page, `report of ${name}`);
    const reportText = await page.locator('body').innerText();
    for (const needle of [...VISIBLE_NEEDLES, BIG_RUN]) if (reportText.includes(needle)) seenInReports.add(needle);

    await page.getByRole('tab', { name: 'Markdown preview' }).click();
    const preview = page.locator('.markdown-preview');
    await expect(preview.locator('h1'), name).toBeVisible();
    await expectInert(page, `preview of ${name}`);
    // Alert text can make no link or image at all: URLs sit in code spans, which are never autolinked.
    expect(await preview.locator('.inert-image').count(), name).toBe(0);
    expect(await preview.locator('.inert-link').allTextContents(), name).toEqual([]);
    expect(await preview.locator('h1').count(), `${name}: one title, no injected headings`).toBe(1);
    const previewText = await preview.innerText();
    for (const needle of [...VISIBLE_NEEDLES, BIG_RUN]) if (previewText.includes(needle)) seenInPreviews.add(needle);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
    markdowns.push(await downloadedText(download));
  }
  await expectInert(page, 'after every incident');
  expect([...VISIBLE_NEEDLES, BIG_RUN].filter((n) => !seenInReports.has(n)), 'hostile values visible as text in the reports').toEqual([]);
  expect([...VISIBLE_NEEDLES, BIG_RUN].filter((n) => !seenInPreviews.has(n)), 'hostile values visible as text in the previews').toEqual([]);

  const md = markdowns.join('\n');
  // Alert values are code spans in the tables (GFM: `\|` inside a span is a pipe, line breaks show as ⏎).
  expect(md).toContain('| `proc.cmdline` | `<script>window.__pwned=1</script>` |');
  expect(md).toContain('| `proc.cmdline` | `<img src=x onerror="window.__pwned=1">` |');
  expect(md).toContain('| `proc.cmdline` | `javascript:alert(1) [x](javascript:alert(1)) ![x](http://127.0.0.1:9/x.png)` |');
  expect(md).toContain('| `proc.cmdline` | `a\\|b\\|\\|c⏎\\| --- \\|⏎row` |');
  expect(md).toContain('| `proc.cmdline` | ```` `id` ``whoami`` ```sh⏎rm -rf /⏎``` ```` |');
  expect(md).toContain(HOSTILE.rtl);
  expect(md).toContain(HOSTILE.zeroWidth);
  // Outside code fences and code spans, no tag, link, image, entity or backslash escape at all.
  const prose = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)/g, '');
  expect(prose).not.toMatch(/<[a-z/!]/i);
  expect(prose).not.toMatch(/\]\(/);
  expect(prose).not.toMatch(/&#?\w+;/);
  expect(prose).not.toMatch(/\\[^|]/);
  expect(dialogs).toEqual([]);
});

test('__proto__, constructor and toString keys in an alert are plain fields', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await loadHostile(page);
  await incidents(page).filter({ hasText: PROTO_RULE }).click();
  const report = page.getByRole('article', { name: `Report: ${PROTO_RULE}` });
  await expect(report).toBeVisible();
  await expect(report).toContainText('toString');
  await expect(report).toContainText('not a function');
  await expectInert(page, 'proto report');

  await page.getByRole('tab', { name: 'Markdown preview' }).click();
  await expect(page.locator('.markdown-preview h1')).toHaveText(PROTO_RULE);
  await expect(page.locator('.markdown-preview')).toContainText('not a function');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  const md = await downloadedText(download);
  expect(md).toContain('toString');
  expect(md).toContain('not a function');
  expect(await page.evaluate(() => ({}) as { polluted?: unknown }).then(() => page.evaluate(() => ({} as { polluted?: unknown }).polluted ?? null))).toBeNull();
  expect(await page.evaluate(() => typeof ({} as object).toString)).toBe('function');
  await expectInert(page, 'proto preview');
  expect(dialogs).toEqual([]);
});
