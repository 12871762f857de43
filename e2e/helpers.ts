import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, type Download, type Page } from '@playwright/test';

/** The published Falco alerts vendored in this repository as fixtures (vendor/falco/alerts, see its PROVENANCE.md). */
export const VENDORED_ALERTS = resolve(import.meta.dirname, '../vendor/falco/alerts');

export function vendoredAlertPaths(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
  return walk(VENDORED_ALERTS).filter((p) => !p.endsWith('.sources.ndjson')).sort();
}

export async function downloadedText(download: Download): Promise<string> {
  const path = await download.path();
  return readFileSync(path!, 'utf8');
}

/**
 * A fixture line as an alert of its own: its uuid replaced by (or given) `uuid`. Identical lines
 * are one alert (the same alert read twice counts once), so a spec that means N alerts gives each
 * line its own uuid with this.
 */
export function withUuid(line: string, uuid: string): string {
  return line.includes('"uuid"') ? line.replace(/"uuid"\s*:\s*"[^"]*"/, `"uuid":"${uuid}"`) : line.replace('{', `{"uuid":"${uuid}",`);
}

/** A count as the page prints it: `1 alert`, `12,345 alerts` (src/ui/format.ts countOf). */
export function countOf(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/** The incident rows (not the options of the sort <select>). */
export function incidents(page: Page) {
  return page.getByRole('listbox', { name: 'Incidents' }).getByRole('option');
}

/** Start from an empty app and load the built-in samples. */
export async function loadSamples(page: Page): Promise<void> {
  await page.goto('./');
  await page.getByRole('button', { name: 'Load sample alerts' }).first().click();
  await expect(incidents(page).first()).toBeVisible();
}

/** Drop files on the page the way a browser does: a real DataTransfer with File objects. */
export async function dropFiles(page: Page, files: { name: string; content: string; type?: string }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.content], f.name, { type: f.type ?? 'application/json' }));
    return dt;
  }, files);
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent('body', type, { dataTransfer });
  }
}
