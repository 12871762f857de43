import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EngineHost } from './engineHost';
import { EMPTY_FILTER } from '../model';

const samples = readFileSync(new URL('../samples/falco-samples.ndjson', import.meta.url), 'utf8');
const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });

function line(rule: string, fields: Record<string, unknown>, time = '2024-10-05T13:00:00.000000000Z', hostname = 'node-a'): string {
  return JSON.stringify({ rule, priority: 'Warning', time, output: `${rule}`, output_fields: fields, source: 'syscall', tags: [], hostname });
}

/** Two incidents in one container: a shell and, under it, curl; a third elsewhere on the host. */
const tree = [
  line('Terminal shell in container', { 'container.id': 'c0ffee000001', 'proc.name': 'bash', 'proc.pid': 40, 'proc.sid': 40, 'proc.pname': 'runc', 'proc.ppid': 30, 'proc.aname[2]': 'containerd-shim', 'proc.apid[2]': 20, 'proc.aname[3]': 'systemd', 'proc.apid[3]': 1, 'user.name': 'root' }),
  line('Outbound connection', { 'container.id': 'c0ffee000001', 'proc.name': 'curl', 'proc.pid': 50, 'proc.pname': 'bash', 'proc.ppid': 40, 'proc.aname[2]': 'runc', 'proc.apid[2]': 30, 'fd.cip': '10.0.0.5', 'user.name': 'root' }, '2024-10-05T13:00:05.000000000Z'),
  line('Outbound connection', { 'container.id': 'c0ffee000001', 'proc.name': 'curl', 'proc.pid': 51, 'proc.pname': 'bash', 'proc.ppid': 40, 'user.name': 'root' }, '2024-10-05T13:00:06.000000000Z'),
  line('Read sensitive file', { 'container.id': 'host', 'proc.name': 'cat', 'proc.pid': 90, 'proc.pname': 'sshd', 'proc.ppid': 80, 'user.name': 'alice' }, '2024-10-05T13:30:00.000000000Z'),
].join('\n');

async function loaded(): Promise<EngineHost> {
  const host = new EngineHost();
  await host.handle({ type: 'ingestText', name: 'tree.ndjson', text: tree }, ctx());
  return host;
}

async function idOf(host: EngineHost, rule: string): Promise<string> {
  const view = await host.handle({ type: 'view', filter: EMPTY_FILTER }, ctx());
  return view.rows.find((r) => r.rule === rule)!.id;
}

describe('context requests', () => {
  it('merges the container incidents into one process tree from init to each alerting process', async () => {
    const host = await loaded();
    const t = await host.handle({ type: 'processTree', incidentId: await idOf(host, 'Outbound connection') }, ctx());
    expect(t!.scope).toMatchObject({ kind: 'container', value: 'c0ffee000001' });
    expect(t!.incidents).toBe(2);
    const systemd = t!.roots[0]!;
    expect(systemd).toMatchObject({ name: 'systemd', pid: '1' });
    const bash = systemd.children[0]!.children[0]!.children[0]!;
    expect(bash).toMatchObject({ name: 'bash', pid: '40', sid: '40' });
    expect(bash.incidents.map((i) => i.rule)).toEqual(['Terminal shell in container']);
    expect(bash.children.map((c) => `${c.name}:${c.pid}`)).toEqual(['curl:50', 'curl:51']);
    expect(bash.children[0]!.incidents.map((i) => i.rule)).toEqual(['Outbound connection']);
  });

  it('counts how common each value of the report alert is, and lists related incidents', async () => {
    const host = await loaded();
    const id = await idOf(host, 'Outbound connection');
    const p = await host.handle({ type: 'prevalence', incidentId: id }, ctx());
    expect(p).toMatchObject({ totalAlerts: 4, totalIncidents: 3 });
    expect(p!.items.find((i) => i.field === 'user.name')).toMatchObject({ value: 'root', alerts: 3, incidents: 2 });
    expect(p!.items.find((i) => i.field === 'hostname')).toMatchObject({ value: 'node-a', alerts: 4, incidents: 3 });
    expect(p!.items.find((i) => i.field === 'fd.cip')).toMatchObject({ alerts: 1, incidents: 1 });
    const r = await host.handle({ type: 'related', incidentId: id }, ctx());
    expect(r!.items.map((i) => [i.rule, i.shared.map((s) => s.field)])).toEqual([
      ['Terminal shell in container', ['container.id', 'user.name', 'hostname']],
      ['Read sensitive file', ['hostname']],
    ]);
    const narrow = await host.handle({ type: 'related', incidentId: id, windowMs: 60_000 }, ctx());
    expect(narrow!.items.map((i) => i.rule)).toEqual(['Terminal shell in container']);
  });

  it('gives the overview of the filtered incidents, with users', async () => {
    const host = await loaded();
    const o = await host.handle({ type: 'overview', filter: EMPTY_FILTER }, ctx());
    expect(o.top.rule[0]).toEqual({ value: 'Outbound connection', alerts: 2, incidents: 1 });
    expect(o.top.user).toEqual([{ value: 'root', alerts: 3, incidents: 2 }, { value: 'alice', alerts: 1, incidents: 1 }]);
    expect(o.timeline!.buckets.flat().reduce((a, b) => a + b, 0)).toBe(4);
    // Asked again on the same session: the same answer, not recomputed; a new alert recomputes it.
    expect(await host.handle({ type: 'overview', filter: EMPTY_FILTER }, ctx())).toBe(o);
    const filtered = await host.handle({ type: 'overview', filter: { ...EMPTY_FILTER, include: { rule: ['Read sensitive file'] } } }, ctx());
    expect(filtered.totalAlerts).toBe(1);
    expect(filtered.top.user).toEqual([{ value: 'alice', alerts: 1, incidents: 1 }]);
    await host.handle({ type: 'ingestText', name: 'more', text: line('Read sensitive file', { 'container.id': 'host', 'proc.name': 'cat', 'user.name': 'bob' }) }, ctx());
    const grown = await host.handle({ type: 'overview', filter: EMPTY_FILTER }, ctx());
    expect(grown).not.toBe(o);
    expect(grown.totalAlerts).toBe(5);
  });

  it('compares with a baseline read from files (a saved session too), and exports the diff', async () => {
    const host = new EngineHost();
    await host.handle({ type: 'ingestText', name: 'today', text: samples }, ctx());
    expect(await host.handle({ type: 'compare' }, ctx())).toBeNull();
    const yesterday = new File([tree], 'yesterday.ndjson');
    const summary = await host.handle({ type: 'openBaseline', files: [yesterday] }, ctx());
    expect(summary).toMatchObject({ names: ['yesterday.ndjson'], alerts: 4, incidents: 3 });
    const diff = await host.handle({ type: 'compare' }, ctx());
    expect(diff!.rules.filter((r) => r.status === 'gone').map((r) => r.key).sort()).toEqual(['Outbound connection', 'Read sensitive file']);
    // Both days have a terminal shell; every other rule of today's samples is new.
    expect(diff!.rules.find((r) => r.key === 'Terminal shell in container')).toMatchObject({ baseline: 1, current: 1, status: 'same' });
    expect(diff!.rules.filter((r) => r.status === 'new')).toHaveLength(new Set(samples.trim().split('\n').map((l) => JSON.parse(l).rule)).size - 1);
    // The current session is unchanged by the baseline.
    expect(host.status()).toMatchObject({ alerts: 11 });
    // Asked again, the same answer; new alerts in the session change it.
    expect(await host.handle({ type: 'compare' }, ctx())).toBe(diff);
    await host.handle({ type: 'ingestText', name: 'later', text: tree.split('\n')[3]! }, ctx());
    expect((await host.handle({ type: 'compare' }, ctx()))!.rules.find((r) => r.key === 'Read sensitive file')).toMatchObject({ baseline: 1, current: 1, status: 'same' });
    const saved = await host.handle({ type: 'saveSession', triage: {}, savedAt: '2026-12-01T00:00:00Z' }, ctx());
    await host.handle({ type: 'openBaseline', files: [new File([saved], 'monday.falcoscope.json')] }, ctx());
    const same = await host.handle({ type: 'compare' }, ctx());
    expect(same!.rules.every((r) => r.status === 'same')).toBe(true);
    expect(await host.handle({ type: 'compareMarkdown', generatedAt: 'now' }, ctx())).toContain('`monday.falcoscope.json`');
    await host.handle({ type: 'clearBaseline' }, ctx());
    expect(await host.handle({ type: 'compare' }, ctx())).toBeNull();
  });
});
