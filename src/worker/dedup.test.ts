import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { EngineHost } from '../engine/engineHost';
import { InlineParsers } from '../engine/batchParsers';
import type { RangeSizes } from '../engine/ranges';
import { EMPTY_FILTER } from '../model';

/**
 * The same alert arriving again is counted once, however it arrives: the same file twice, a
 * renamed or gzipped copy, overlapping exports, a saved session reopened (twice), pasted text.
 */
const samples = readFileSync(new URL('../samples/falco-samples.ndjson', import.meta.url), 'utf8');
const lines = samples.split('\n').filter(Boolean);
const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });
/** Small ranges, so that a file is parsed in many batches (the path of large files). */
const SMALL: RangeSizes = { first: 600, max: 1500, longLine: 1 << 20 };

async function ingest(host: EngineHost, name: string, text: string | Uint8Array) {
  return host.handle({ type: 'ingestFile', file: new File([text as BlobPart], name) }, ctx());
}

async function totals(host: EngineHost) {
  const view = await host.handle({ type: 'view', filter: EMPTY_FILTER }, ctx());
  const inIncidents = view.rows.reduce((n, r) => n + r.count, 0);
  return { ...host.status(), inIncidents, histogram: view.histogram?.buckets.flat().reduce((a, b) => a + b, 0) };
}

describe('alerts are counted once', () => {
  it('a renamed copy adds nothing and says how many it skipped', async () => {
    const host = new EngineHost();
    const first = await ingest(host, 'falco.ndjson', samples);
    const copy = await ingest(host, 'falco (copy).ndjson', samples);
    expect(first).toMatchObject({ alerts: 11, duplicates: 0 });
    expect(copy).toMatchObject({ alerts: 0, duplicates: 11, records: 11 });
    // Not "a file with no alert": its alerts were all there already.
    expect(copy.noAlerts).toBeUndefined();
    expect(await totals(host)).toMatchObject({ alerts: 11, duplicates: 11, incidents: 11, inIncidents: 11, histogram: 11 });
  });

  it('overlapping files: only the alerts not seen before count, also parsed in many batches', async () => {
    for (const parsers of [undefined, new InlineParsers()]) {
      const host = parsers ? new EngineHost(() => {}, parsers, SMALL) : new EngineHost();
      const a = await ingest(host, 'a.ndjson', lines.slice(0, 7).join('\n'));
      const b = await ingest(host, 'b.ndjson', lines.slice(4).join('\n'));
      expect(a).toMatchObject({ alerts: 7, duplicates: 0 });
      expect(b).toMatchObject({ alerts: 4, duplicates: 3 });
      expect(await totals(host)).toMatchObject({ alerts: 11, duplicates: 3, inIncidents: 11, histogram: 11 });
    }
  });

  it('an alert repeated within one file, and a gzipped copy', async () => {
    const host = new EngineHost(() => {}, new InlineParsers(), SMALL);
    const repeated = await ingest(host, 'twice.ndjson', [...lines, ...lines, lines[0]].join('\n'));
    expect(repeated).toMatchObject({ alerts: 11, duplicates: 12 });
    const gz = await ingest(host, 'falco.ndjson.gz', gzipSync(samples));
    expect(gz).toMatchObject({ alerts: 0, duplicates: 11, gzip: true });
    expect(await totals(host)).toMatchObject({ alerts: 11, inIncidents: 11, histogram: 11 });
  });

  it('a saved session opened twice, and beside the file it was saved from', async () => {
    const origin = new EngineHost();
    await ingest(origin, 'falco.ndjson', samples);
    const saved = await origin.handle({ type: 'saveSession', triage: {}, savedAt: '2026-12-02T10:00:00Z' }, ctx());
    const host = new EngineHost();
    expect(await ingest(host, 'mine.falcoscope.json', saved)).toMatchObject({ format: 'session', alerts: 11, duplicates: 0 });
    expect(await ingest(host, 'mine (1).falcoscope.json', saved)).toMatchObject({ format: 'session', alerts: 0, duplicates: 11 });
    expect(await ingest(host, 'falco.ndjson', samples)).toMatchObject({ alerts: 0, duplicates: 11 });
    expect(await totals(host)).toMatchObject({ alerts: 11, duplicates: 22, incidents: 11, inIncidents: 11, histogram: 11 });
  });

  it('pasted text already read from a file', async () => {
    const host = new EngineHost();
    await ingest(host, 'falco.ndjson', samples);
    const pasted = await host.handle({ type: 'ingestText', name: 'Pasted', text: lines.slice(2, 5).join('\n') }, ctx());
    expect(pasted).toMatchObject({ alerts: 0, duplicates: 3 });
  });

  it('the incident view and its alerts hold each alert once', async () => {
    const host = new EngineHost();
    await ingest(host, 'a.ndjson', samples);
    await ingest(host, 'b.ndjson', samples);
    const view = await host.handle({ type: 'view', filter: EMPTY_FILTER }, ctx());
    expect(view.matchedAlerts).toBe(11);
    for (const row of view.rows) {
      const alerts = await host.handle({ type: 'alerts', incidentId: row.id, offset: 0, limit: 100 }, ctx());
      expect(alerts.map((a) => a.file)).toEqual(['a.ndjson']);
    }
  });
});
