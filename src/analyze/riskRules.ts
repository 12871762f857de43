import type { Alert, Priority } from '../model';
import { lookupTable } from '../knowledge/lookupTable';
import { fieldText } from '../knowledge/fieldValue';
import { eventGeneratorMatch } from '../knowledge/eventGenerator';
import { classifyIp } from '../knowledge/ip';

/** Points a priority contributes on its own: the rule author's severity is the starting point. */
export const PRIORITY_BASE: Record<Priority, number> = {
  Emergency: 85,
  Alert: 75,
  Critical: 65,
  Error: 50,
  Warning: 40,
  Notice: 25,
  Informational: 12,
  Debug: 5,
};

/**
 * Extra weight of an ATT&CK tactic. Only the heaviest tactic of a rule counts: a rule tagged
 * with two tactics describes one behaviour, not two.
 */
export const TACTIC_WEIGHT: Record<string, number> = lookupTable({
  privilege_escalation: 15,
  credential_access: 12,
  exfiltration: 12,
  lateral_movement: 10,
  command_and_control: 10,
  impact: 10,
  defense_evasion: 8,
  persistence: 8,
  initial_access: 8,
  execution: 5,
  collection: 5,
  discovery: 3,
  reconnaissance: 3,
});

/** A context check: returns the evidence (field + value) when it applies. */
export interface ContextRule {
  id: string;
  label: string;
  delta: number;
  reason: string;
  test: (alert: Alert) => { field: string; value: string } | null;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'csh', 'tcsh', 'fish', 'busybox']);
const WEB_SERVERS = new Set([
  'nginx', 'httpd', 'apache', 'apache2', 'lighttpd', 'caddy', 'php-fpm', 'php', 'uwsgi', 'gunicorn',
  'tomcat', 'catalina.sh', 'java', 'node', 'puma', 'unicorn', 'traefik', 'envoy',
]);
const PACKAGE_MANAGERS = new Set([
  'apt', 'apt-get', 'aptitude', 'dpkg', 'yum', 'dnf', 'rpm', 'microdnf', 'zypper', 'apk', 'pip', 'pip3',
  'npm', 'yarn', 'gem', 'conda',
]);
const IMAGE_BUILDERS = /\b(buildkit|buildkitd|buildkit-runc|kaniko|buildah|dockerd|docker-build)\b/;
const CI_RUNNERS = /(gitlab-runner|actions-runner|github-runner|jenkins|buildkite|tekton|circleci|drone|argo-workflows|concourse)/i;
const TEMP_DIRS = /^(\/tmp\/|\/dev\/shm\/|\/var\/tmp\/|\/run\/shm\/)/;

function first(alert: Alert, fields: string[], accept: (value: string) => boolean) {
  for (const field of fields) {
    const value = fieldText(alert, field);
    if (value !== undefined && accept(value)) return { field, value };
  }
  return null;
}

function isTrue(value: string): boolean {
  return value === 'true' || value === '1';
}


/** Context that raises or lowers risk. Each row is one factor; tests cover one row per case. */
export const CONTEXT_RULES: ContextRule[] = [
  {
    id: 'container-escape',
    label: 'Container escape technique',
    delta: 12,
    reason: 'Escaping to the host (ATT&CK T1611) turns one compromised workload into a compromised node.',
    test: (a) => (a.tags.includes('T1611') ? { field: 'tags', value: 'T1611' } : null),
  },
  {
    id: 'root-user',
    label: 'Runs as root',
    delta: 10,
    reason: 'A root process can read any file, load modules and escape weak isolation.',
    test: (a) => first(a, ['user.uid'], (v) => v === '0') ?? first(a, ['user.name'], (v) => v === 'root'),
  },
  {
    id: 'privileged-container',
    label: 'Privileged container',
    delta: 12,
    reason: 'A privileged container has all capabilities and host devices: a short step to the node.',
    test: (a) => first(a, ['container.privileged', 'ka.req.pod.containers.privileged'], isTrue),
  },
  {
    id: 'host-namespaces',
    label: 'Shares host network, PID or IPC',
    delta: 10,
    reason: 'Host namespaces let a workload see and reach node processes and interfaces.',
    test: (a) => first(a, ['ka.req.pod.host_network', 'ka.req.pod.host_pid', 'ka.req.pod.host_ipc'], isTrue),
  },
  {
    id: 'interactive-tty',
    label: 'Interactive terminal',
    delta: 8,
    reason: 'A terminal attached means a person typing, not an automated workload.',
    test: (a) => first(a, ['proc.tty'], (v) => v !== '0' && /^\d+$/.test(v)),
  },
  {
    id: 'kube-system',
    label: 'In kube-system',
    delta: 8,
    reason: 'kube-system holds cluster control components and powerful service accounts.',
    test: (a) => first(a, ['k8s.ns.name', 'ka.target.namespace'], (v) => v === 'kube-system'),
  },
  {
    id: 'temp-dir-exec',
    label: 'Runs from a temporary directory',
    delta: 12,
    reason: 'Binaries in /tmp or /dev/shm are typical of dropped payloads; packaged software lives elsewhere.',
    test: (a) => first(a, ['proc.exepath', 'proc.exe'], (v) => TEMP_DIRS.test(v)),
  },
  {
    id: 'public-destination',
    label: 'Talks to a public IP',
    delta: 10,
    reason: 'Traffic to an internet address can be command and control or exfiltration.',
    test: (a) => first(a, ['fd.rip', 'fd.sip'], (v) => classifyIp(v)?.scope === 'public'),
  },
  {
    id: 'web-server-shell',
    label: 'Shell spawned by a web server',
    delta: 15,
    reason: 'A web server starting a shell is the classic sign of remote code execution through the app.',
    test: (a) => {
      const proc = fieldText(a, 'proc.name');
      const parent = first(a, ['proc.pname'], (v) => WEB_SERVERS.has(v));
      return proc && SHELLS.has(proc) && parent ? parent : null;
    },
  },
  {
    id: 'anonymous-k8s-user',
    label: 'Anonymous Kubernetes request',
    delta: 12,
    reason: 'Requests as system:anonymous bypass authentication; allowed ones expose the API.',
    test: (a) => first(a, ['ka.user.name'], (v) => v === 'system:anonymous'),
  },
  {
    id: 'test-tooling',
    label: "Falco's event-generator",
    delta: -35,
    reason: "falcosecurity's event-generator fires alerts on purpose to test Falco: likely a drill.",
    test: (a) => eventGeneratorMatch(a) ?? null,
  },
  {
    id: 'image-build',
    label: 'Package manager during an image build',
    delta: -15,
    reason: 'Package installs are expected while a builder assembles an image.',
    test: (a) => {
      const proc = fieldText(a, 'proc.name');
      if (!proc || !PACKAGE_MANAGERS.has(proc)) return null;
      return first(a, ['proc.pname', 'proc.aname[2]', 'container.image.repository', 'container.name'], (v) => IMAGE_BUILDERS.test(v));
    },
  },
  {
    id: 'ci-runner',
    label: 'CI runner',
    delta: -12,
    reason: 'CI jobs install, build and run tests; much unusual-looking activity there is routine.',
    test: (a) => first(a, ['container.image.repository', 'container.name', 'proc.pname', 'k8s.ns.name', 'k8s.pod.name'], (v) => CI_RUNNERS.test(v)),
  },
  {
    id: 'request-denied',
    label: 'Request was denied',
    delta: -10,
    reason: 'The API refused the request, so the attempt did not take effect (the attempt itself still counts).',
    test: (a) => first(a, ['ka.response.code'], (v) => v === '401' || v === '403'),
  },
];
