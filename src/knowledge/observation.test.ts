import { describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../model';
import { makeAlert } from '../testing/alerts';
import { buildReport } from '../analyze/report';
import { about, mergeObservations } from './observation';

describe('one wording per observation topic', () => {
  it('keeps the playbook wording when both speak of the same topic, whatever the words', () => {
    const common = [about('login-session', 'generic login note'), 'common only'];
    const specific = [about('login-session', 'a differently worded note about the same login fact'), 'specific only'];
    expect(mergeObservations(common, specific)).toEqual(['common only', 'a differently worded note about the same login fact', 'specific only']);
  });

  it('keeps notes on other topics even when their words overlap (no substring matching)', () => {
    const common = [about('event-generator', 'event-generator: a drill')];
    const specific = ['user.loginuid and event-generator are both mentioned here, but this note is about the terminal'];
    expect(mergeObservations(common, specific)).toEqual(['event-generator: a drill', specific[0]]);
  });

  it('says the same thing once: one note per topic and no repeated text', () => {
    expect(mergeObservations([about('test-payload', 'a'), 'x'], [about('test-payload', 'b'), about('test-payload', 'c'), 'x'])).toEqual(['x', 'b']);
  });

  it('a report on a runtime shell explains the missing login session once', () => {
    const alert = makeAlert({
      rule: 'Terminal shell in container',
      source: 'syscall',
      outputFields: { 'user.loginuid': -1, 'proc.name': 'bash', 'proc.pname': 'runc', 'container.id': 'f00dbabe1234', 'proc.tty': 34816 },
    });
    const incident = { id: 'x', rule: alert.rule, source: 'syscall', priority: alert.priority, count: 1, firstSeenMs: 0, lastSeenMs: 0, firstSeen: '', lastSeen: '', entity: { kind: 'container', value: 'f00dbabe1234' }, hostnames: [], tags: [], tactics: [], riskScore: 0 } as unknown as IncidentSummary;
    const notes = buildReport(incident, alert).observations;
    expect(notes.filter((n) => n.startsWith('user.loginuid=-1'))).toHaveLength(1);
    expect(notes.join('\n')).toContain('the runtime started the shell');
  });
});
