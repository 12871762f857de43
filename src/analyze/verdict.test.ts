import { describe, expect, it } from 'vitest';
import type { Risk, RiskFactor, VerdictKind } from '../model';
import { riskLevel } from './risk';
import { judgeRisk, topFactors } from './verdict';

const f = (id: string, delta: number, field = 'proc.name', value = 'x'): RiskFactor => ({ id, label: id.replaceAll('-', ' '), delta, field, value, reason: 'because' });
const risk = (...factors: RiskFactor[]): Risk => {
  const score = Math.max(0, Math.min(100, factors.reduce((s, x) => s + x.delta, 0)));
  return { score, level: riskLevel(score), factors };
};

describe('judgeRisk', () => {
  const table: [string, Risk, boolean, VerdictKind, RegExp][] = [
    ['test payload', risk(f('priority', 40), f('test-payload', -40, 'evt.type', 'evt.type')), false, 'likely-drill', /test payload, not an event: evt\.type = evt\.type/],
    ['corroborated event-generator', risk(f('priority', 40), f('test-tooling', -35, 'container.image.repository', 'falcosecurity/event-generator')), false, 'likely-drill', /event-generator ran it, corroborated by container\.image\.repository/],
    ['a name that only claims to be event-generator, low score', risk(f('priority', 40)), true, 'needs-investigation', /decoy/],
    ['a name that only claims to be event-generator, high score', risk(f('priority', 65)), true, 'likely-malicious', /decoy/],
    ['a drill factor with a claim against it is not a drill', risk(f('priority', 40), f('test-tooling', -35)), true, 'needs-investigation', /decoy/],
    ['download piped to a shell at high risk', risk(f('priority', 50), f('download-and-execute', 20, 'proc.cmdline', 'curl x | sh')), false, 'likely-malicious', /downloads? and execute \(proc\.cmdline = curl x \| sh\)/],
    ['two hostile factors at high risk', risk(f('priority', 40), f('privileged-container', 12), f('public-destination', 10)), false, 'likely-malicious', /privileged container .* and public destination/],
    ['one mild hostile factor at high risk', risk(f('priority', 65), f('public-destination', 10)), false, 'needs-investigation', /^Public destination \(proc\.name = x\) raises the risk; nothing suggests a drill/],
    ['hostile factor but low score', risk(f('priority', 25), f('download-and-execute', 20)), false, 'needs-investigation', /^Download and execute \(proc\.name = x\) raises the risk/],
    ['routine cause below medium', risk(f('priority', 25), f('ci-runner', -12, 'k8s.ns.name', 'gitlab-runner')), false, 'likely-benign', /routine cause fits: ci runner \(k8s\.ns\.name = gitlab-runner\)/],
    ['routine cause but a hostile factor too', risk(f('priority', 25), f('ci-runner', -12), f('temp-dir-exec', 12)), false, 'needs-investigation', /^Temp dir exec/],
    ['routine cause at medium or more', risk(f('priority', 65), f('falco-own-pod', -15)), false, 'needs-investigation', /Only the rule's priority \(x\) sets the risk/],
    ['informational rule, nothing raising it', risk(f('priority', 12, 'priority', 'Informational')), false, 'likely-benign', /rule's own Informational priority/],
    ['warning rule, nothing else', risk(f('priority', 40, 'priority', 'Warning')), false, 'needs-investigation', /^Only the rule's priority \(Warning\) sets the risk; nothing suggests a drill or a routine cause/],
  ];
  it.each(table)('%s', (_name, r, claimsToBeDrill, kind, reason) => {
    const verdict = judgeRisk(r, { claimsToBeDrill });
    expect(verdict.kind).toBe(kind);
    expect(verdict.reason).toMatch(reason);
    expect(verdict.label).toMatch(/^(Likely drill|Likely benign|Needs investigation|Likely malicious)$/);
  });

  it('says why the alert is a test payload when the report found it', () => {
    const verdict = judgeRisk(risk(f('priority', 40), f('test-payload', -40)), { claimsToBeDrill: false, testPayloadWhy: '12 of 12 values are their own field names' });
    expect(verdict.reason).toBe('The alert is a test payload, not an event: 12 of 12 values are their own field names.');
  });

  it('quotes at most 80 characters of a value, so the verdict stays one line', () => {
    const verdict = judgeRisk(risk(f('priority', 40), f('test-payload', -40, 'evt.type', 'x'.repeat(5000))));
    expect(verdict.reason.length).toBeLessThan(160);
    expect(verdict.reason).toContain('…');
  });

  it('never repeats a factor\'s own reason sentence (the Risk section says it)', () => {
    const r = risk(f('priority', 50), f('download-and-execute', 20));
    expect(judgeRisk(r).reason).not.toContain('because');
  });
});

describe('topFactors', () => {
  it('takes the three that moved the score most, either way, largest first', () => {
    const r = risk(f('priority', 40), f('tactic', 15), f('test-payload', -40), f('root-user', 10));
    expect(topFactors(r).map((x) => x.id)).toEqual(['priority', 'test-payload', 'tactic']);
  });
});
