import { describe, expect, it } from 'vitest';
import { assessRisk, riskLevel } from './risk';
import { makeAlert } from '../testing/alerts';
import type { OutputFields } from '../model';

const base = { priority: 'Notice' as const, tags: [] as string[] };

describe('risk factors: one row per factor', () => {
  it.each<[string, OutputFields, number]>([
    ['root-user', { 'user.uid': 0 }, 10],
    ['root-user', { 'user.name': 'root' }, 10],
    ['privileged-container', { 'container.privileged': true }, 12],
    ['host-namespaces', { 'ka.req.pod.host_network': 'true' }, 10],
    ['interactive-tty', { 'proc.tty': 34816 }, 8],
    ['kube-system', { 'k8s.ns.name': 'kube-system' }, 8],
    ['kube-system', { 'ka.target.namespace': 'kube-system' }, 8],
    ['temp-dir-exec', { 'proc.exepath': '/tmp/x/miner' }, 12],
    ['temp-dir-exec', { 'proc.exepath': '/dev/shm/payload' }, 12],
    ['public-destination', { 'fd.rip': '8.8.8.8' }, 10],
    ['web-server-shell', { 'proc.name': 'bash', 'proc.pname': 'nginx' }, 15],
    ['anonymous-k8s-user', { 'ka.user.name': 'system:anonymous' }, 12],
    ['test-tooling', { 'proc.name': 'event-generator' }, -35],
    ['test-tooling', { 'container.image.repository': 'docker.io/falcosecurity/event-generator' }, -35],
    ['image-build', { 'proc.name': 'apt-get', 'proc.pname': 'buildkit-runc' }, -15],
    ['ci-runner', { 'container.image.repository': 'gitlab/gitlab-runner' }, -12],
    ['request-denied', { 'ka.response.code': '403' }, -10],
  ])('%s fires on %j', (id, fields, delta) => {
    const factor = assessRisk(makeAlert({ ...base, outputFields: fields })).factors.find((f) => f.id === id);
    expect(factor).toBeDefined();
    expect(factor!.delta).toBe(delta);
    expect(Object.keys(fields)).toContain(factor!.field);
    expect(factor!.value).toBe(String(fields[factor!.field]));
  });

  it.each<[string, OutputFields]>([
    ['root-user', { 'user.uid': 1000, 'user.name': 'app' }],
    ['interactive-tty', { 'proc.tty': 0 }],
    ['public-destination', { 'fd.rip': '10.0.0.8' }],
    ['public-destination', { 'fd.rip': '169.254.169.254' }],
    ['public-destination', { 'fd.rip': '<NA>' }],
    ['web-server-shell', { 'proc.name': 'bash', 'proc.pname': 'sshd' }],
    ['image-build', { 'proc.name': 'apt-get', 'proc.pname': 'bash' }],
    ['request-denied', { 'ka.response.code': '200' }],
  ])('%s does not fire on %j', (id, fields) => {
    expect(assessRisk(makeAlert({ ...base, outputFields: fields })).factors.map((f) => f.id)).not.toContain(id);
  });

  it('weighs only the heaviest tactic, naming the tags', () => {
    const risk = assessRisk(makeAlert({ ...base, tags: ['mitre_execution', 'mitre_privilege_escalation', 'T1055.008'] }));
    const tactics = risk.factors.filter((f) => f.id === 'tactic');
    expect(tactics).toHaveLength(1);
    expect(tactics[0]!.label).toMatch(/privilege escalation/);
    expect(tactics[0]!.delta).toBe(15);
  });

  it('counts a container escape technique on top of its tactic', () => {
    const ids = assessRisk(makeAlert({ ...base, tags: ['mitre_privilege_escalation', 'T1611'] })).factors.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['tactic', 'container-escape']));
  });

  it('sums factors into a clamped score and a level', () => {
    const risk = assessRisk(
      makeAlert({ priority: 'Critical', tags: ['mitre_privilege_escalation'], outputFields: { 'user.uid': 0, 'proc.tty': 1, 'container.privileged': true, 'k8s.ns.name': 'kube-system' } }),
    );
    expect(risk.score).toBe(Math.min(100, risk.factors.reduce((s, f) => s + f.delta, 0)));
    expect(risk.level).toBe('critical');
    const drill = assessRisk(makeAlert({ priority: 'Debug', outputFields: { 'proc.name': 'event-generator' } }));
    expect(drill.score).toBe(0);
  });

  it.each([[95, 'critical'], [80, 'critical'], [79, 'high'], [60, 'high'], [45, 'medium'], [20, 'low'], [19, 'info'], [0, 'info']] as const)(
    'score %i is %s',
    (score, level) => expect(riskLevel(score)).toBe(level),
  );
});
