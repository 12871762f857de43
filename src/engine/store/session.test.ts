import { describe, expect, it } from 'vitest';
import { AnalysisSession } from './session';
import { parseBatch } from './parseBatch';
import { KeyTable } from './incidentBatch';
import { makeAlert } from '../../testing/alerts';
import { sessionOf, vendoredAlertFiles } from '../../testing/vendoredAlerts';

const record = (overrides: Parameters<typeof makeAlert>[0]) => {
  const { id: _id, ...rest } = makeAlert(overrides);
  return rest;
};

describe('AnalysisSession', () => {
  it('groups by rule and container, counting and spanning time', () => {
    const session = new AnalysisSession();
    const fields = { 'container.id': 'abc123def456', 'proc.name': 'sh' };
    session.addAlert(record({ outputFields: { ...fields }, time: '2024-01-01T00:00:01Z', timeMs: 1000, hostname: 'node-a' }));
    session.addAlert(record({ outputFields: { ...fields }, time: '2024-01-01T00:00:05Z', timeMs: 5000, hostname: 'node-b', priority: 'Critical' }));
    session.addAlert(record({ outputFields: { 'container.id': 'other' }, timeMs: 2000 }));
    session.addAlert(record({ rule: 'Write below root', outputFields: { ...fields }, timeMs: 3000 }));
    const [a, b, c] = [...session.summaries()];
    expect(session.stats()).toEqual({ alerts: 4, problems: 0, incidents: 3, duplicates: 0 });
    expect(a).toMatchObject({ count: 2, firstSeenMs: 1000, lastSeenMs: 5000, priority: 'Critical', hostnames: ['node-a', 'node-b'], sampleAlertId: 1 });
    expect(a!.entity).toMatchObject({ kind: 'container', value: 'abc123def456' });
    expect(b!.count).toBe(1);
    expect(c!.rule).toBe('Write below root');
  });

  it('groups host processes by name and audit events by principal', () => {
    const session = new AnalysisSession();
    session.addAlert(record({ outputFields: { 'container.id': 'host', 'proc.name': 'sshd' }, hostname: 'h1' }));
    // Two events of alice's (different times): one identical record twice would be one alert.
    session.addAlert(record({ rule: 'Attach/Exec Pod', source: 'k8s_audit', outputFields: { 'ka.user.name': 'alice' }, timeMs: 1000 }));
    session.addAlert(record({ rule: 'Attach/Exec Pod', source: 'k8s_audit', outputFields: { 'ka.user.name': 'alice' }, timeMs: 2000 }));
    const entities = session.summaries().map((s) => [s.entity.kind, s.entity.value, s.count]);
    expect(entities).toEqual([
      ['process', 'sshd', 1],
      ['k8s-user', 'alice', 2],
    ]);
  });

  it('shares repeated strings between alerts', () => {
    const session = new AnalysisSession();
    const a = session.addAlert(record({ outputFields: { 'proc.cmdline': ['sh', '-c', 'x'].join(' ') } }));
    const b = session.addAlert(record({ outputFields: { 'proc.cmdline': ['sh', '-c', 'x'].join(' ') } }));
    expect(Object.is(a.outputFields['proc.cmdline'], b.outputFields['proc.cmdline'])).toBe(true);
    expect(a.tags).toBe(b.tags);
  });

  it('fills missing tags from the rule catalog', () => {
    const session = new AnalysisSession();
    const alert = session.addAlert(record({ rule: 'Terminal shell in container', tags: [] }));
    expect(alert.tags).toContain('mitre_execution');
  });

  it('pages the alerts of an incident on demand', () => {
    const session = new AnalysisSession();
    for (let i = 0; i < 250; i++) session.addAlert(record({ outputFields: { 'container.id': 'c1' }, timeMs: i }));
    const [incident] = session.summaries();
    expect(session.alertsOf(incident!.id, 200, 100).map((a) => a.timeMs)).toEqual([...Array(50).keys()].map((i) => i + 200));
  });

  it('loads every shared alert file with nothing lost', () => {
    const session = sessionOf(vendoredAlertFiles());
    const { alerts, problems, duplicates } = session.stats();
    const inIncidents = session.summaries().reduce((n, s) => n + s.count, 0);
    expect(inIncidents).toBe(alerts);
    // Some shared files hold the same alerts (same uuid): each is counted once, the rest skipped.
    expect(alerts + duplicates).toBeGreaterThan(90);
    expect(duplicates).toBeGreaterThan(0);
    expect(problems).toBe(1); // odd-and-malformed line 1: invalid JSON (the .sources.ndjson side-file is excluded)
  });
});

describe('prevalence of parsed batches', () => {
  const line = (pid: number, user: string, uuid?: string) =>
    JSON.stringify({ uuid, rule: 'Terminal shell in container', priority: 'Notice', time: `2024-10-05T13:00:0${pid % 10}.000000000Z`, output: 'shell', source: 'syscall', hostname: 'node-a', output_fields: { 'container.id': 'c1', 'proc.name': 'bash', 'proc.pid': pid, 'user.name': user } });
  const batch = (lines: string[], table: KeyTable) => parseBatch({ bytes: new TextEncoder().encode(lines.join('\n')), firstLine: 1, file: 'f.ndjson' }, table);

  it('counts each alert once: duplicates within a batch, and of an earlier batch, are not counted again', () => {
    const session = new AnalysisSession();
    const first = new KeyTable();
    // Line 3 repeats line 1 within the batch.
    session.addBatch(batch([line(1, 'root'), line(2, 'root'), line(1, 'root')], first), 'a');
    expect(session.stats()).toMatchObject({ alerts: 2, duplicates: 1 });
    expect(session.prevalence.lookup('proc.name', 'bash')).toMatchObject({ alerts: 2, incidents: 1 });
    expect(session.prevalence.lookup('proc.pid', '1')).toMatchObject({ alerts: 1, incidents: 1 });
    expect(session.prevalence.lookup('hostname', 'node-a')).toMatchObject({ alerts: 2, incidents: 1 });
    // Another file: one repeat of the first (also by uuid), one new alert.
    session.addBatch(batch([line(2, 'root'), line(3, 'www')], new KeyTable()), 'b');
    expect(session.stats()).toMatchObject({ alerts: 3, duplicates: 2 });
    expect(session.prevalence.lookup('proc.name', 'bash')).toMatchObject({ alerts: 3, incidents: 1 });
    expect(session.prevalence.lookup('user.name', 'root')).toMatchObject({ alerts: 2, incidents: 1 });
    expect(session.prevalence.lookup('user.name', 'www')).toMatchObject({ alerts: 1, incidents: 1 });
    // The same file read again: nothing counted.
    session.addBatch(batch([line(1, 'root'), line(2, 'root'), line(3, 'www')], new KeyTable()), 'c');
    expect(session.stats()).toMatchObject({ alerts: 3, duplicates: 5 });
    expect(session.prevalence.lookup('proc.name', 'bash')).toMatchObject({ alerts: 3, incidents: 1 });
    expect(session.prevalence.lookup('proc.pid', '3')).toMatchObject({ alerts: 1, incidents: 1 });
  });

  it('counts by uuid identity: the same uuid twice is one alert', () => {
    const session = new AnalysisSession();
    session.addBatch(batch([line(1, 'root', 'u-1'), line(1, 'root', 'u-1'), line(2, 'root', 'u-2')], new KeyTable()), 'a');
    expect(session.prevalence.lookup('user.name', 'root')).toMatchObject({ alerts: 2, incidents: 1 });
  });
});
