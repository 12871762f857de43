import { describe, expect, it } from 'vitest';
import type { TriageNote } from '../model/triage';
import { createTriageStore } from './triage';
import type { TriageChannel, TriageMessage, TriageRepository } from './triageRepository';

/** One in-memory "IndexedDB" and one "BroadcastChannel" shared by the tabs of a test. */
function origin(initial: Array<[string, unknown]> = []) {
  const rows = new Map<string, unknown>(initial);
  const listeners: Array<{ tab: number; fn: (m: TriageMessage) => void }> = [];
  let failWrites = false;
  let clock = 1000;
  const repository: TriageRepository = {
    loadAll: () => Promise.resolve([...rows]),
    put: (id, note) => (failWrites ? Promise.reject(new Error('QuotaExceededError')) : (rows.set(id, note), Promise.resolve())),
    remove: (id) => (rows.delete(id), Promise.resolve()),
    clear: () => (rows.clear(), Promise.resolve()),
  };
  let tabs = 0;
  const openTab = () => {
    const tab = ++tabs;
    const channel: TriageChannel = {
      // Like BroadcastChannel: every other tab hears it, the sender does not.
      post: (m) => listeners.filter((l) => l.tab !== tab).forEach((l) => l.fn(structuredClone(m))),
      listen: (fn) => void listeners.push({ tab, fn }),
    };
    return createTriageStore({ repository, channel, now: () => clock++ });
  };
  /** A message as a tab running another version might send it. */
  const broadcast = (m: TriageMessage) => listeners.forEach((l) => l.fn(m));
  return { rows, openTab, broadcast, failNextWrites: () => (failWrites = true) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('triage store', () => {
  it('sets one status on several incidents at once, keeps their notes, stores and shares each', async () => {
    const o = origin();
    const a = o.openTab();
    const b = o.openTab();
    await settle();
    a.getState().setNotes('i1', 'seen before');
    a.getState().setStatusMany(['i1', 'i2', 'i3'], 'benign');
    await settle();
    for (const id of ['i1', 'i2', 'i3']) {
      expect(a.getState().byIncident[id]?.status).toBe('benign');
      expect(b.getState().byIncident[id]?.status).toBe('benign');
      expect((o.rows.get(id) as TriageNote).status).toBe('benign');
    }
    expect(a.getState().byIncident.i1?.notes).toBe('seen before');
  });

  it('keeps both tabs’ notes: each write touches only its own incident', async () => {
    const o = origin();
    const a = o.openTab();
    const b = o.openTab();
    await settle();
    a.getState().setStatus('inc-a', 'malicious');
    a.getState().setNotes('inc-a', 'miner in /tmp');
    b.getState().setStatus('inc-b', 'benign');
    await settle();
    const fresh = o.openTab();
    await settle();
    expect(fresh.getState().byIncident['inc-a']).toMatchObject({ status: 'malicious', notes: 'miner in /tmp' });
    expect(fresh.getState().byIncident['inc-b']).toMatchObject({ status: 'benign' });
  });

  it('shows another tab’s change live', async () => {
    const o = origin();
    const a = o.openTab();
    const b = o.openTab();
    a.getState().setStatus('inc-a', 'investigating');
    expect(b.getState().byIncident['inc-a']?.status).toBe('investigating');
    b.getState().clearAll();
    expect(a.getState().byIncident['inc-a']).toBeUndefined();
    expect(o.rows.size).toBe(0);
  });

  it('lets the later change win when two tabs edit one incident', async () => {
    const o = origin();
    const a = o.openTab();
    const b = o.openTab();
    a.getState().setStatus('x', 'benign');
    b.getState().setStatus('x', 'malicious');
    expect(a.getState().byIncident.x?.status).toBe('malicious');
    // An older copy arriving late (a session saved last week) does not undo the newer one.
    const stale: TriageNote = { status: 'resolved', notes: '', updatedAt: 1 };
    a.getState().mergeAll({ x: stale });
    expect(a.getState().byIncident.x?.status).toBe('malicious');
  });

  it('drops stored entries that cannot be restored, and removes them from storage', async () => {
    const o = origin([
      ['good', { status: 'benign', notes: 'fine', updatedAt: 5 }],
      ['bad-notes', { status: 'new', notes: { html: '<b>' } }],
      ['bad-status', { status: 3 }],
      ['null', null],
    ]);
    const tab = o.openTab();
    await settle();
    expect(Object.keys(tab.getState().byIncident)).toEqual(['good']);
    expect([...o.rows.keys()]).toEqual(['good']);
  });

  it('says so when a note cannot be stored', async () => {
    const o = origin();
    const tab = o.openTab();
    o.failNextWrites();
    tab.getState().setNotes('inc', 'important');
    await settle();
    expect(tab.getState().writeError).toMatch(/QuotaExceededError/);
    expect(tab.getState().byIncident.inc?.notes).toBe('important');
  });

  it('ignores messages from another tab that cannot be restored', () => {
    const o = origin();
    const a = o.openTab();
    a.getState().setStatus('x', 'benign');
    o.broadcast({ incidentId: 'x', note: { status: 42, notes: 'x', updatedAt: 9e15 } });
    o.broadcast({ incidentId: 'y', note: null });
    expect(a.getState().byIncident.x?.status).toBe('benign');
    expect(a.getState().byIncident.y).toBeUndefined();
  });
});
