import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { countOf, incidents, withUuid } from './helpers';

const SAMPLES = readFileSync(resolve(import.meta.dirname, '../src/samples/falco-samples.ndjson'), 'utf8').split('\n').filter(Boolean);
const GOOD = SAMPLES[0]!;
const GOOD2 = SAMPLES[1]!;
/** GOOD as a distinct alert per file (its own uuid): the same alert in two files is counted once. */
const goodIn = (file: string) => withUuid(GOOD, file);
const good2In = (file: string) => withUuid(GOOD2, `${file}-2`);

type FilePayload = { name: string; mimeType: string; buffer: Buffer };
const text = (name: string, content: string): FilePayload => ({ name, mimeType: 'application/x-ndjson', buffer: Buffer.from(content, 'utf8') });

/** Deterministic "random" bytes (xorshift), with NULs among them as in any binary file. */
function randomBytes(n: number, seed = 0x2545f491): Buffer {
  const out = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** The summary the user reads: "N records read = A alerts loaded + P problems". */
async function counts(page: Page): Promise<{ records: number; alerts: number; problems: number }> {
  const summary = page.locator('details.problems summary');
  await expect(summary).toHaveText(/[\d,]+ records? read = [\d,]+ alerts? loaded \+ ([\d,]+ duplicates? skipped \+ )?[\d,]+ problems?/);
  const m = /([\d,]+) records? read = ([\d,]+) alerts? loaded \+ (?:[\d,]+ duplicates? skipped \+ )?([\d,]+) problem/.exec((await summary.textContent())!)!;
  const n = (s: string) => Number(s.replaceAll(',', ''));
  return { records: n(m[1]!), alerts: n(m[2]!), problems: n(m[3]!) };
}

function problem(page: Page, where: string) {
  return page.getByRole('region', { name: 'Problems' }).getByRole('listitem').filter({ hasText: where });
}

test('bad files and bad lines: each problem names file, line and reason; good records load; counts add up', async ({ page }) => {
  const badUtf8 = Buffer.concat([
    Buffer.from(`${GOOD}\n`),
    Buffer.from('{"rule":"Bad '),
    Buffer.from([0xff, 0xfe, 0xc3]),
    Buffer.from(' utf8","output":"x","priority":"Warning","time":"2024-10-05T13:00:00Z","output_fields":{}}\n'),
    Buffer.from(`${GOOD2}\n`),
  ]);
  const files: FilePayload[] = [
    text('empty.ndjson', ''),
    { name: 'picture.png', mimeType: 'image/png', buffer: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(512, 7)]) },
    { name: 'random.bin', mimeType: 'application/octet-stream', buffer: randomBytes(4096) },
    { name: 'bad-utf8.ndjson', mimeType: 'application/x-ndjson', buffer: badUtf8 },
    text('truncated.ndjson', `${goodIn('truncated.ndjson')}\n${good2In('truncated.ndjson').slice(0, 120)}`),
    text('not-falco.ndjson', `${goodIn('not-falco.ndjson')}\n{"hello":"world","n":[1,2,3]}\n${good2In('not-falco.ndjson')}\n`),
    text('wrong-types.ndjson', `${goodIn('wrong-types.ndjson')}\n{"rule":5,"output":"x","priority":"Warning","time":"2024-10-05T13:00:00Z","output_fields":{}}\n`),
    text('unknown-priority.ndjson', `${goodIn('unknown-priority.ndjson')}\n${good2In('unknown-priority.ndjson').replace(/"priority":"\w+"/, '"priority":"Apocalyptic"')}\n`),
  ];
  await page.goto('./');
  await page.getByLabel('Open alert files').setInputFiles(files);
  const inputs = page.getByRole('list', { name: 'Inputs' });
  const expected: [string, number, number][] = [
    ['empty.ndjson', 0, 1],
    ['picture.png', 0, 1],
    ['random.bin', 0, 1],
    ['bad-utf8.ndjson', 2, 1],
    ['truncated.ndjson', 1, 1],
    ['not-falco.ndjson', 2, 1],
    ['wrong-types.ndjson', 1, 1],
    ['unknown-priority.ndjson', 1, 1],
  ];
  for (const [name, alerts, problems] of expected) {
    await expect(inputs.getByRole('listitem').filter({ hasText: `${name}:` })).toContainText(`${name}: ${countOf(alerts, 'alert')}, ${countOf(problems, 'problem')}`);
  }

  // The panel is open (1-20 problems) and lists each with file, line and reason.
  await expect(page.getByRole('region', { name: 'Problems' })).toBeVisible();
  await expect(problem(page, 'empty.ndjson')).toContainText(/empty/i);
  await expect(problem(page, 'picture.png')).toContainText(/not a text file.*PNG/i);
  await expect(problem(page, 'random.bin')).toContainText(/not a text file|binary/i);
  await expect(problem(page, 'bad-utf8.ndjson:2')).toContainText(/invalid UTF-8/i);
  await expect(problem(page, 'truncated.ndjson:2')).toContainText(/invalid JSON|truncated|unterminated/i);
  await expect(problem(page, 'not-falco.ndjson:2')).toContainText(/not a Falco alert/i);
  await expect(problem(page, 'wrong-types.ndjson:2')).toContainText(/"rule" must be a string, got number/);
  await expect(problem(page, 'unknown-priority.ndjson:2')).toContainText(/unknown priority "Apocalyptic"/);

  const c = await counts(page);
  const totalAlerts = expected.reduce((s, [, a]) => s + a, 0);
  const totalProblems = expected.reduce((s, [, , p]) => s + p, 0);
  expect(c).toEqual({ records: totalAlerts + totalProblems, alerts: totalAlerts, problems: totalProblems });
  expect(c.records).toBe(c.alerts + c.problems);
  await expect(page.getByRole('region', { name: 'Problems' }).getByRole('listitem')).toHaveCount(c.problems);
  await expect(page.locator('.session-stats')).toContainText(countOf(c.alerts, 'alert'));
  await expect(page.locator('.session-stats')).toContainText(countOf(c.problems, 'problem'));
  // The good records became incidents.
  await expect(incidents(page).first()).toBeVisible();
});

// 12 MB: past the 8 MiB a range may reach for a line's end, so the rest of the file is streamed
// (the path under test); 50 MB took most of a 60 s budget on a busy 2-core machine.
test('a 12 MB single-line alert loads, and so does the line after it', async ({ page }, testInfo) => {
  const huge = JSON.stringify({
    uuid: 'huge-1',
    time: '2024-10-05T13:00:00Z',
    priority: 'Warning',
    rule: 'Huge line',
    output: 'Warning a very long command line',
    source: 'syscall',
    output_fields: { 'proc.cmdline': `bash -c ${'A'.repeat(12 * 1024 * 1024)}`, 'proc.name': 'bash' },
  });
  const path = testInfo.outputPath('huge.ndjson');
  writeFileSync(path, `${huge}\n${GOOD}\n`);
  await page.goto('./');
  await page.getByLabel('Open alert files').setInputFiles(path);
  await expect(page.getByRole('list', { name: 'Inputs' })).toContainText('huge.ndjson: 2 alerts, 0 problems', { timeout: 30_000 });
  expect(await counts(page)).toEqual({ records: 2, alerts: 2, problems: 0 });
  await incidents(page).filter({ hasText: 'Huge line' }).click();
  await expect(page.getByRole('article', { name: 'Report: Huge line' })).toBeVisible({ timeout: 30_000 });
});

// Many files in one drop: every one read, counts exact and only ever growing. 600 files finish in
// seconds; the volume case (10,000 files against one file of the same lines) is measured in
// `npm run bench` (bench/manyFiles.ts), never asserted against a clock here.
const MANY = 600;

test(`${MANY} files dropped at once: all read, counts add up and only go up`, async ({ page }) => {
  const files: FilePayload[] = [];
  for (let i = 0; i < MANY; i++) {
    const line = withUuid(GOOD, `many-${i}`);
    // Every 100th file also has a broken second line: a problem naming that file and line.
    files.push(text(`alerts-${String(i).padStart(5, '0')}.ndjson`, i % 100 === 99 ? `${line}\n{"rule":\n` : `${line}\n`));
  }
  const broken = MANY / 100;
  await page.goto('./');
  // Every count the page shows on the way, from the first to the last.
  await page.evaluate(() => {
    const seen: number[][] = ((window as unknown as { __counts: number[][] }).__counts = []);
    new MutationObserver(() => {
      const m = /([\d,]+) records? read = ([\d,]+) alerts? loaded \+ ([\d,]+) problem/.exec(document.querySelector('details.problems summary')?.textContent ?? '');
      const n = (s: string) => Number(s.replaceAll(',', ''));
      if (m) seen.push([n(m[1]!), n(m[2]!), n(m[3]!)]);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await page.getByLabel('Open alert files').setInputFiles(files);
  await expect(page.locator('details.problems summary')).toHaveText(`${(MANY + broken).toLocaleString('en-US')} records read = ${MANY} alerts loaded + ${broken} problems`);
  const seen = await page.evaluate(() => (window as unknown as { __counts: number[][] }).__counts);
  expect(seen.length).toBeGreaterThan(0);
  for (let i = 0; i < seen.length; i++) {
    const [records, alerts, problems] = seen[i]!;
    expect(records, `update ${i}`).toBe(alerts! + problems!);
    if (i > 0) for (let k = 0; k < 3; k++) expect(seen[i]![k], `update ${i} against ${i - 1}`).toBeGreaterThanOrEqual(seen[i - 1]![k]!);
  }
  await expect(problem(page, 'alerts-00099.ndjson:2')).toContainText(/invalid JSON/);
  await expect(page.getByRole('region', { name: 'Problems' }).getByRole('listitem')).toHaveCount(broken);
  // A drop this big is summarised in the Inputs strip rather than listed file by file.
  await expect(page.getByRole('list', { name: 'Inputs' }).getByRole('listitem').first()).toHaveText(
    `${MANY} files: ${MANY} read, 0 reading, 0 queued · ${MANY} alerts, ${broken} problems`,
  );
  await expect(page.locator('.session-stats')).toContainText(`${MANY} alerts`);
  await expect(incidents(page).first()).toBeVisible();
});

test('a load that yields no alert says why at the top of the page, with the fix', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Open alert files').setInputFiles([
    // Falco's own log (its text alerts are read as alerts now, see other-formats.spec.ts).
    text('falco.log', 'Wed Dec  2 11:30:25 2026: Falco version: 0.41.0 (x86_64)\nWed Dec  2 11:30:25 2026: Loading rules from:\n'),
    { name: 'screenshot.png', mimeType: 'image/png', buffer: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(256, 3)]) },
  ]);
  const banner = page.getByRole('alert').filter({ hasText: 'no alerts loaded' });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('listitem').filter({ hasText: 'falco.log' })).toContainText("this is Falco's own log");
  await expect(banner.getByRole('listitem').filter({ hasText: 'falco.log' })).toContainText('file_output.filename');
  await expect(banner.getByRole('listitem').filter({ hasText: 'screenshot.png' })).toContainText('this is a PNG image');
  // Above the fold: the analyst sees it without scrolling.
  const box = await banner.boundingBox();
  expect(box!.y + box!.height).toBeLessThan(page.viewportSize()!.height);

  // Alerts arriving afterwards do not hide what was wrong with the first files, and a good file gets no banner line.
  await page.getByLabel('Open alert files').setInputFiles([text('good.ndjson', `${GOOD}\n`)]);
  await expect(incidents(page)).toHaveCount(1);
  await expect(banner.getByRole('listitem')).toHaveCount(2);
});
