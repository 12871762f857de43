import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EngineHost } from './engineHost';
import { readSmallFiles } from './readGroup';
import { hashBytes } from '../ingest/contentHash';
import type { SessionStatus } from '../worker/protocol';
import { EMPTY_FILTER } from '../model';

const samples = readFileSync(new URL('../samples/falco-samples.ndjson', import.meta.url), 'utf8').split('\n').filter(Boolean);
const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });
const enc = (s: string) => new TextEncoder().encode(s);
/** A line of the samples with its own uuid: same length whatever `n` is (4 digits). */
const line = (i: number, n: number) => samples[i % samples.length]!.replace(/"uuid":"[^"]*"/, `"uuid":"id-${String(n).padStart(4, '0')}"`);
const MTIME = Date.UTC(2026, 10, 30);

describe('an input is known by its content', () => {
  it('loads two different files that share name, size and modification time, and tells them apart', async () => {
    const a = new File([`${line(0, 1)}\n${line(0, 2)}\n`], 'falco.ndjson', { lastModified: MTIME });
    const b = new File([`${line(0, 3)}\n${line(0, 4)}\n`], 'falco.ndjson', { lastModified: MTIME });
    expect(a.size).toBe(b.size);
    const host = new EngineHost();
    const [sa, sb] = await host.handle({ type: 'ingestFiles', files: [a, b] }, ctx());
    expect(sa).toMatchObject({ name: 'falco.ndjson', alerts: 2, problems: 0, cancelled: false });
    expect(sb).toMatchObject({ name: 'falco.ndjson', alerts: 2, problems: 0, cancelled: false });
    expect(sa!.contentHash).toBe(await hashBytes(new Uint8Array(await a.arrayBuffer())));
    expect(sb!.contentHash).toBe(await hashBytes(new Uint8Array(await b.arrayBuffer())));
    expect(sa!.contentHash).not.toBe(sb!.contentHash);
    expect(host.status()).toMatchObject({ alerts: 4, inputs: 2, reading: 0 });
  });

  it('gives the same bytes the same identity whichever way they are read: group, ranges and stream, BOM included', async () => {
    const text = `\ufeff${samples.join('\n')}\n`;
    const bytes = enc(text);
    const expected = await hashBytes(bytes);
    // Ranges of a few hundred bytes: many ranges, read out of order, and the BOM before them.
    const ranged = await new EngineHost(undefined, undefined, { first: 256, max: 512, longLine: 4096 }).handle({ type: 'ingestFile', file: new File([bytes], 'a.ndjson') }, ctx());
    const grouped = await new EngineHost().handle({ type: 'ingestFiles', files: [new File([bytes], 'b.ndjson')] }, ctx());
    expect(ranged).toMatchObject({ alerts: samples.length, contentHash: expected });
    expect(grouped[0]).toMatchObject({ alerts: samples.length, contentHash: expected });
    // Gzip is read as a stream: the identity is that of the file's (compressed) bytes.
    const gz = gzipSync(bytes);
    const streamed = await new EngineHost().handle({ type: 'ingestFile', file: new File([gz], 'c.ndjson.gz') }, ctx());
    expect(streamed).toMatchObject({ alerts: samples.length, gzip: true, contentHash: await hashBytes(gz) });
    // A JSON array, larger than the first read, streamed too.
    const array = enc(JSON.stringify(samples.map((l) => JSON.parse(l) as unknown), null, 2).repeat(1));
    const doc = await new EngineHost().handle({ type: 'ingestFile', file: new File([array], 'd.json') }, ctx());
    expect(doc).toMatchObject({ alerts: samples.length, contentHash: await hashBytes(array) });
  });

  it('hashes a file whose reader stopped at its first bytes (a binary file is rejected from them)', async () => {
    const binary = new Uint8Array(200_000).map((_, i) => (i * 7919) & 0xff);
    const [summary] = await new EngineHost().handle({ type: 'ingestFiles', files: [new File([binary], 'x.bin')] }, ctx());
    expect(summary).toMatchObject({ alerts: 0, problems: 1, contentHash: await hashBytes(binary) });
  });

  it('reads a group as one and cuts it back at each file, empty files included', async () => {
    const sizes = [0, 70_000, 3, 200_000, 0, 1];
    const files = sizes.map((n, i) => new File([new Uint8Array(n).fill(i + 1)], `f${i}`));
    const got: { name: string; bytes: number[] }[] = [];
    for await (const m of readSmallFiles(files, new AbortController().signal)) got.push({ name: m.file.name, bytes: [...new Set(m.bytes!)].concat(m.bytes!.length) });
    expect(got).toEqual(sizes.map((n, i) => ({ name: `f${i}`, bytes: n ? [i + 1, n] : [0] })));
  });

  it('reports the files of a cancelled group as cancelled, and keeps what was read before', async () => {
    const files = Array.from({ length: 50 }, (_, i) => new File([`${line(i, i)}\n`], `f${i}.ndjson`));
    const controller = new AbortController();
    const host = new EngineHost();
    const pending = host.handle({ type: 'ingestFiles', files }, { signal: controller.signal, progress: () => {} });
    controller.abort();
    const summaries = await pending;
    expect(summaries).toHaveLength(50);
    expect(summaries.some((s) => s.cancelled)).toBe(true);
    const alerts = summaries.reduce((n, s) => n + s.alerts, 0);
    expect(host.status().alerts).toBe(alerts);
    expect(summaries.filter((s) => s.cancelled && s.alerts === 0).every((s) => s.contentHash === undefined)).toBe(true);
  });

  it('notifies the page at once only after the last of its queued inputs', async () => {
    const changes: SessionStatus[] = [];
    const host = new EngineHost((s) => changes.push(s));
    await host.handle({ type: 'ingestText', name: 'x', text: `${samples[0]}\n` }, ctx());
    const afterFirst = changes.length; // the first notification is always due at once
    await host.handle({ type: 'ingestFiles', files: [new File([`${line(1, 1)}\n`], 'a')], more: true }, ctx());
    expect(changes.length).toBe(afterFirst); // more are coming: the regular beat will tell
    await host.handle({ type: 'ingestFiles', files: [new File([`${line(2, 2)}\n`], 'b')], more: false }, ctx());
    expect(changes.at(-1)).toMatchObject({ alerts: 3, inputs: 3, reading: 0 });
  });
});

describe('a group of small files', () => {
  it('adds up to what one file of the same lines gives, each file with its own counts and identity', async () => {
    // 60 files of one line each over a few incidents, the 61st a copy of the 3rd's line (a duplicate).
    const lines = Array.from({ length: 60 }, (_, i) => JSON.stringify({ ...(JSON.parse(samples[i % samples.length]!) as object), uuid: `g-${i}`, hostname: `node-${i % 4}` }));
    const files = [...lines, lines[2]!].map((l, i) => new File([`${l}\n`], `f${i}.ndjson`));
    const grouped = new EngineHost();
    const summaries = await grouped.handle({ type: 'ingestFiles', files }, ctx());
    const single = new EngineHost();
    await single.handle({ type: 'ingestFiles', files: [new File([`${lines.join('\n')}\n`], 'all.ndjson')] }, ctx());

    expect(summaries.slice(0, 60).every((s) => s.alerts === 1 && s.records === 1 && s.duplicates === 0 && s.problems === 0)).toBe(true);
    expect(summaries[60]).toMatchObject({ name: 'f60.ndjson', alerts: 0, duplicates: 1, records: 1 });
    for (const [i, s] of summaries.entries()) expect(s.contentHash).toBe(await hashBytes(enc(`${(i < 60 ? lines[i] : lines[2])!}\n`)));
    const once = single.status();
    expect(grouped.status()).toMatchObject({ alerts: once.alerts, incidents: once.incidents, problems: once.problems, duplicates: 1, inputs: 61, reading: 0 });

    const view = (host: EngineHost) => host.handle({ type: 'view', filter: EMPTY_FILTER, window: { offset: 0, limit: 100 } }, ctx());
    const strip = (rows: { id: string; count: number; riskScore: number; priority: string; hostnames: string[] }[]) =>
      rows.map(({ id, count, riskScore, priority, hostnames }) => ({ id, count, riskScore, priority, hostnames }));
    expect(strip((await view(grouped)).rows)).toEqual(strip((await view(single)).rows));
    // Each alert keeps its own file and line.
    const first = (await view(grouped)).rows[0]!;
    const alerts = await grouped.handle({ type: 'alerts', incidentId: first.id, offset: 0, limit: 100 }, ctx());
    expect(alerts.length).toBeGreaterThan(1);
    expect(alerts.every((a) => /^f\d+\.ndjson$/.test(a.file) && a.line === 1)).toBe(true);
  });
});
