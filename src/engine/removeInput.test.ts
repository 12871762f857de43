import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EngineHost } from './engineHost';
import { EMPTY_FILTER } from '../model';

const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });
const samples = readFileSync(new URL('../samples/falco-samples.ndjson', import.meta.url), 'utf8').trim().split('\n');
/** Sample line `i` with a uuid of its own (`n`): distinct alerts, whatever their content. */
const line = (i: number, n: number) => `{"uuid":"id-${n}",${samples[i % samples.length]!.replace(/"uuid":"[^"]*",?/, '').slice(1)}`;
const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => line(from + k, from + k)).join('\n');
const file = (name: string, text: string) => new File([text], name);

/** What a session shows: counts and, per incident, its rule, entity and alert count. */
async function snapshot(host: EngineHost) {
  const view = await host.handle({ type: 'view', filter: EMPTY_FILTER }, ctx());
  const status = await host.handle({ type: 'status' }, ctx());
  const problems = await host.handle({ type: 'problems', offset: 0, limit: 100 }, ctx());
  return {
    counts: { alerts: status.alerts, incidents: status.incidents, problems: status.problems, duplicates: status.duplicates, inputs: status.inputs },
    incidents: view.rows.map((r) => `${r.id} ${r.count}`).sort(),
    problems: problems.items.map((p) => `${p.file}:${p.line} ${p.message}`),
  };
}

describe('closing an input', () => {
  it('drops only its alerts and problems: the session is what opening the others alone gives', async () => {
    // b shares alerts 20..24 with a, and has a bad line of its own; a has one too.
    const a = `${lines(0, 25)}\nnot json a\n`;
    const b = `${lines(20, 40)}\nnot json b\n`;
    const host = new EngineHost();
    await host.handle({ type: 'ingestFile', file: file('a.ndjson', a), id: 'a' }, ctx());
    const bSummary = await host.handle({ type: 'ingestFile', file: file('b.ndjson', b), id: 'b' }, ctx());
    expect(bSummary).toMatchObject({ alerts: 15, duplicates: 5, problems: 1 });

    const left = await host.handle({ type: 'removeInput', id: 'a' }, ctx());
    // The alerts b shared with a are b's now.
    expect(left).toEqual([{ id: 'b', summary: expect.objectContaining({ name: 'b.ndjson', alerts: 20, duplicates: 0, problems: 1, records: 21 }) }]);

    const alone = new EngineHost();
    await alone.handle({ type: 'ingestFile', file: file('b.ndjson', b) }, ctx());
    expect(await snapshot(host)).toEqual(await snapshot(alone));
    expect((await snapshot(host)).problems).toEqual([expect.stringMatching(/^b\.ndjson:21 /)]);
  });

  it('re-derives from memory: the other files are not read again', async () => {
    const host = new EngineHost();
    let reads = 0;
    class CountingFile extends File {
      override slice(...args: Parameters<File['slice']>): Blob {
        reads++;
        return super.slice(...args);
      }
      override arrayBuffer(): Promise<ArrayBuffer> {
        reads++;
        return super.arrayBuffer();
      }
      override stream(): ReturnType<File['stream']> {
        reads++;
        return super.stream();
      }
      override text(): Promise<string> {
        reads++;
        return super.text();
      }
    }
    // Large enough to be read in ranges (the column store keeps its lines as bytes).
    const big = Array.from({ length: 400 }, (_, n) => line(n, n)).join('\n');
    await host.handle({ type: 'ingestFile', file: new CountingFile([big], 'big.ndjson'), id: 'big' }, ctx());
    await host.handle({ type: 'ingestText', name: 'pasted', text: line(1, 99_999), id: 'paste' }, ctx());
    const readsBefore = reads;
    expect(readsBefore).toBeGreaterThan(0);
    await host.handle({ type: 'removeInput', id: 'paste' }, ctx());
    expect(reads).toBe(readsBefore);
    const alone = new EngineHost();
    await alone.handle({ type: 'ingestFile', file: file('big.ndjson', big) }, ctx());
    expect(await snapshot(host)).toEqual(await snapshot(alone));
    // An alert parsed again from the kept bytes is the one read.
    const [top] = (await host.handle({ type: 'view', filter: EMPTY_FILTER }, ctx())).rows;
    const [mine] = await host.handle({ type: 'alerts', incidentId: top!.id, offset: 0, limit: 1 }, ctx());
    const [theirs] = await alone.handle({ type: 'alerts', incidentId: top!.id, offset: 0, limit: 1 }, ctx());
    expect(mine).toEqual(theirs);
  });

  it('a file opened twice is one input: its problems count once, and closing the first keeps the second', async () => {
    const text = `${lines(0, 10)}\nnot json\n{"rule": 1}\n`;
    const host = new EngineHost();
    const first = await host.handle({ type: 'ingestFile', file: file('a.ndjson', text), id: 'a' }, ctx());
    const second = await host.handle({ type: 'ingestFile', file: file('a-copy.ndjson', text), id: 'copy' }, ctx());
    expect(first).toMatchObject({ alerts: 10, problems: 2 });
    expect(second).toMatchObject({ alerts: 0, duplicates: 10, problems: 0, records: 10, duplicateOf: 'a.ndjson' });
    expect((await snapshot(host)).counts).toEqual({ alerts: 10, incidents: expect.any(Number), problems: 2, duplicates: 10, inputs: 2 });

    const left = await host.handle({ type: 'removeInput', id: 'a' }, ctx());
    expect(left[0]!.summary).toMatchObject({ name: 'a-copy.ndjson', alerts: 10, duplicates: 0, problems: 2 });
    expect(left[0]!.summary.duplicateOf).toBeUndefined();
    const alone = new EngineHost();
    await alone.handle({ type: 'ingestFile', file: file('a-copy.ndjson', text) }, ctx());
    expect(await snapshot(host)).toEqual(await snapshot(alone));
    // Its alerts say the file they are now read from.
    const [top] = (await host.handle({ type: 'view', filter: EMPTY_FILTER }, ctx())).rows;
    const [alert] = await host.handle({ type: 'alerts', incidentId: top!.id, offset: 0, limit: 1 }, ctx());
    expect(alert!.file).toBe('a-copy.ndjson');
  });

  it('closing a rules file unloads its rules; closing alerts keeps the rules', async () => {
    const rules = readFileSync(new URL('../../e2e/fixtures/rules/10-acme-rules.yaml', import.meta.url), 'utf8');
    const alerts = readFileSync(new URL('../../e2e/fixtures/rules/acme-alerts.ndjson', import.meta.url), 'utf8');
    const host = new EngineHost();
    await host.handle({ type: 'ingestText', name: '10-acme-rules.yaml', text: rules, id: 'rules' }, ctx());
    await host.handle({ type: 'ingestText', name: 'acme.ndjson', text: alerts, id: 'alerts' }, ctx());
    await host.handle({ type: 'ingestText', name: 'more.ndjson', text: line(0, 7), id: 'more' }, ctx());
    const rule = 'ACME Outbound Connection to Mining Pool';
    await host.handle({ type: 'removeInput', id: 'more' }, ctx());
    expect((await host.handle({ type: 'rule', name: rule }, ctx())).detail?.rule.name).toBe(rule);
    await host.handle({ type: 'removeInput', id: 'rules' }, ctx());
    expect((await host.handle({ type: 'rule', name: rule }, ctx())).detail).toBeNull();
    expect(await host.handle({ type: 'rules' }, ctx())).toEqual([]);
    expect((await snapshot(host)).counts.inputs).toBe(1);
  });

  it('waits for a read under way, then closes the input', async () => {
    const host = new EngineHost();
    const reading = host.handle({ type: 'ingestText', name: 'a', text: lines(0, 50), id: 'a' }, ctx());
    const removed = host.handle({ type: 'removeInput', id: 'a' }, ctx());
    await reading;
    expect(await removed).toEqual([]);
    expect((await snapshot(host)).counts).toMatchObject({ alerts: 0, inputs: 0 });
  });
});
