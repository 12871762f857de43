import { describe, expect, it } from 'vitest';
import type { Mitigations, Risk, Verdict } from '../model';
import { fitMitigations, fitProse, unanswered } from './reportFit';
import { sessionOf, vendoredAlertFiles } from '../testing/vendoredAlerts';
import { responseOrderProblems } from '../testing/responseOrder';
import { ALL_PLAYBOOKS } from '../knowledge/playbooks';

const mitigations: Mitigations = {
  immediate: ['Stop the tracer and restart the traced service from a known-good image.', 'Rotate secrets the traced process held in memory.'],
  shortTerm: ['Drop CAP_SYS_PTRACE from pod securityContext.', 'Rotate the node credentials.'],
  longTerm: ['Set kernel.yama.ptrace_scope to 2 on production nodes.'],
};
const verdict = (kind: Verdict['kind']): Verdict => ({ kind, label: kind, reason: 'r' });
const risk = (id: string): Risk => ({ score: 10, level: 'info', factors: [{ id, label: id, delta: -40, field: 'f', value: 'v', reason: 'r' }] });

describe('fitMitigations', () => {
  it('replaces the response to a compromise with confirming the drill', () => {
    const fitted = fitMitigations(mitigations, verdict('likely-drill'), risk('test-tooling'));
    expect(fitted.immediate).toEqual([expect.stringMatching(/event-generator.*drill/)]);
    expect(fitted.shortTerm).toEqual(['Drop CAP_SYS_PTRACE from pod securityContext.']);
    expect(fitted.longTerm).toEqual(mitigations.longTerm);
    expect(JSON.stringify(fitted)).not.toMatch(/rotate|known-good/i);
  });

  it('says no event happened for a test payload', () => {
    expect(fitMitigations(mitigations, verdict('likely-drill'), risk('test-payload')).immediate[0]).toMatch(/^No event happened/);
  });

  it.each(['likely-benign', 'needs-investigation', 'likely-malicious'] as const)('keeps the playbook advice as written when the verdict is %s', (kind) => {
    expect(fitMitigations(mitigations, verdict(kind), risk('priority'))).toBe(mitigations);
  });

  it('leaves no isolating or removing step before a capture in any playbook\'s drill report', () => {
    for (const p of ALL_PLAYBOOKS) {
      const fitted = fitMitigations(p.mitigations, verdict('likely-drill'), risk('test-tooling'));
      expect(responseOrderProblems(fitted), p.id).toEqual([]);
    }
  });

  it('leaves no vendored drill report advising to rotate secrets or rebuild', () => {
    const session = sessionOf(vendoredAlertFiles());
    const drills = session.summaries().map((s) => session.report(s.id)!).filter((r) => r.headline.verdict.kind === 'likely-drill');
    expect(drills.length).toBeGreaterThan(3);
    for (const r of drills) expect(JSON.stringify(r.mitigations), r.incident.rule).not.toMatch(/\brotate\b|known-good|re-?image/i);
  });
});

describe('fitProse', () => {
  const prose = {
    summary: ['detects', 'why'],
    benignCauses: ['An engineer debugging.'],
    distinguish: ['proc.tty: a terminal means a person.', 'Target: the traced process.'],
    observations: ['proc.tty=34816: an interactive session.', 'drill note'],
  };
  it('drops what a drill settles, and the notes the verdict repeats', () => {
    expect(fitProse(prose, verdict('likely-drill'), ['drill note'])).toEqual({ summary: ['detects'], benignCauses: [], distinguish: [], observations: ['proc.tty=34816: an interactive session.'] });
  });
  it('drops the list of benign causes when the verdict names one, keeps how to confirm it', () => {
    expect(fitProse(prose, verdict('likely-benign'), [])).toMatchObject({ summary: ['detects'], benignCauses: [], distinguish: ['Target: the traced process.'] });
  });
  it('keeps everything open for an investigation but the checks an observation answered', () => {
    expect(fitProse(prose, verdict('needs-investigation'), [])).toEqual({ ...prose, distinguish: ['Target: the traced process.'] });
  });
});

describe('unanswered', () => {
  it.each([
    [['`proc.name` and `proc.exepath`: packaged or not.'], ['proc.exepath=/tmp/x: in a temp dir.'], []],
    [['proc.aname[2]: who launched it.'], ['proc.aname[2]=bash: a shell.'], []],
    [['proc.name: packaged or not.'], ['The process is the tracer.'], ['proc.name: packaged or not.']],
    [['Who: the audit log, e.g. for k8s.pod.name.'], ['user.loginuid=-1: no login.'], ['Who: the audit log, e.g. for k8s.pod.name.']],
    [['gcp.userAgent and gcp.callerIP: a pipeline or a person.'], ['gcp.userAgent is a web browser: the Cloud Console.'], []],
    [['gcp.user: a deployment account or a person.'], ['The change grants a role to allUsers.'], ['gcp.user: a deployment account or a person.']],
  ])('%j with observations %j keeps %j', (checks, observations, kept) => {
    expect(unanswered(checks, observations)).toEqual(kept);
  });
});
