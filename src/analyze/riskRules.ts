import type { Alert, Priority } from '../model';
import { lookupTable } from '../knowledge/lookupTable';
import { fieldText } from '../knowledge/fieldValue';
import { eventGeneratorVerdict } from '../knowledge/eventGenerator';
import type { ToolClaim } from '../knowledge/corroboration';
import { corroboratingEvidence } from '../knowledge/corroboration';
import { classifyIp } from '../knowledge/ip';
import { DOWNLOAD_TOOLS, INTERPRETERS, PACKAGE_MANAGERS, SHELLS, WEB_SERVERS, inTempDir } from '../knowledge/lists';
import { catalogEntry } from '../knowledge/ruleCatalog';
import { testPayload } from '../knowledge/testPayload';
import { AUDIT_CONTEXT_RULES } from './auditRisk';

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

/** The field and value behind a factor. */
export interface Evidence {
  field: string;
  value: string;
}

/** A context check: returns the evidence (field + value) when it applies. */
export interface ContextRule {
  id: string;
  label: string;
  delta: number;
  reason: string;
  test: (alert: Alert) => Evidence | null;
}

/**
 * Image builders and CI runners lower risk only when corroborated (knowledge/corroboration.ts): a
 * published image, or workload names fixed at deployment, never a process's name alone.
 */
const IMAGE_BUILDER: ToolClaim = {
  images: /^((docker\.io\/)?moby\/buildkit|gcr\.io\/kaniko-project\/executor|quay\.io\/buildah\/(stable|upstream)|(docker\.io\/)?(library\/)?docker)$/,
  names: /\b(buildkit|buildkitd|buildkit-runc|kaniko|buildah|dockerd|docker-build)\b/,
};
const CI_RUNNER: ToolClaim = {
  images:
    /^((docker\.io|ghcr\.io|registry\.gitlab\.com|quay\.io|gcr\.io)\/)?(gitlab\/gitlab-runner(-helper)?|gitlab-org\/gitlab-runner\/gitlab-runner-helper|actions\/actions-runner|summerwind\/actions-runner(-dind)?|jenkins\/(inbound-agent|agent|jnlp-slave)|buildkite\/agent|drone\/drone-runner-(docker|kube|exec)|circleci\/runner(-agent)?|tekton-releases\/github\.com\/tektoncd\/pipeline\/cmd\/[a-z-]+|concourse\/concourse)$/,
  names: /(gitlab-runner|actions-runner|github-runner|jenkins|buildkite|tekton|circleci|drone|argo-workflows|concourse)/i,
};

/** A cheap first look for isDownloadAndExecute: some download tool is named at all. */
const MENTIONS_DOWNLOAD_TOOL = new RegExp(`\\b(${[...DOWNLOAD_TOOLS].join('|')})\\b`);

/** Program names of a command line's words (`/usr/bin/curl` -> curl). */
function programs(cmdline: string): string[] {
  return cmdline.split(/[\s|;&()<>`$"']+/).map((w) => w.slice(w.lastIndexOf('/') + 1));
}

/**
 * A download handed straight to a shell or interpreter: `curl ... | sh`, `wget -O- ... | bash`,
 * `sh -c "$(curl ...)"`, `bash <(curl ...)`. Split at pipes and substitutions so that the tool
 * fetching and the program running are both named in the command line.
 */
export function isDownloadAndExecute(cmdline: string): boolean {
  if (!MENTIONS_DOWNLOAD_TOOL.test(cmdline)) return false;
  const runs = (word: string) => SHELLS.has(word) || INTERPRETERS.has(word);
  const pipe = cmdline.split('|');
  for (let i = 0; i + 1 < pipe.length; i++) {
    if (programs(pipe[i]!).some((w) => DOWNLOAD_TOOLS.has(w)) && runs(programs(pipe[i + 1]!).find((w) => w !== '' && w !== 'sudo' && w !== 'env') ?? '')) {
      return true;
    }
  }
  const substituted = /(\$\(|<\(|`)\s*(\S*\/)?(curl|wget)\b/.exec(cmdline);
  return substituted !== null && programs(cmdline.slice(0, substituted.index)).some(runs);
}

/** Health endpoints of the API server, anonymous by design. */
const PROBE_URIS = /^\/(healthz|livez|readyz)(\/|\?|$)/;
/** Bindings every cluster has from the start, granting read-only discovery to everyone. */
const DEFAULT_BINDINGS = /(ClusterRoleBinding|RoleBinding) "(system:public-info-viewer|system:discovery|system:basic-user|kubeadm:bootstrap-signer-clusterinfo)"/;
const READ_VERBS = new Set(['get', 'list', 'watch']);
/** Images of Falco and its companions, which do some things the rules flag, by design. */
const FALCO_IMAGES = /^((docker\.io|index\.docker\.io|public\.ecr\.aws)\/)?falcosecurity\/(falco|falco-no-driver|falco-distroless|falcosidekick|k8s-metacollector)(:|@|$)/;
/** Rules whose match is expected for Falco's own pods: it queries the API and runs privileged. */
const FALCO_EXPECTED_RULES = new Set(['Contact K8S API Server From Container', 'Launch Privileged Container']);

function first(alert: Alert, fields: string[], accept: (value: string) => boolean): Evidence | null {
  for (const field of fields) {
    const value = fieldText(alert, field);
    if (value !== undefined && accept(value)) return { field, value };
  }
  return null;
}

/** A read of /healthz, /livez or /readyz: the evidence (ka.uri), or null. */
function isHealthProbe(a: Alert): Evidence | null {
  const verb = fieldText(a, 'ka.verb');
  if (verb !== undefined && !READ_VERBS.has(verb)) return null;
  return first(a, ['ka.uri'], (v) => PROBE_URIS.test(v));
}

function isTrue(value: string): boolean {
  return value === 'true' || value === '1';
}


/** Context that raises or lowers risk. Each row is one factor; tests cover one row per case. */
const SYSCALL_AND_COMMON_RULES: ContextRule[] = [
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
    test: (a) => first(a, ['proc.exepath', 'proc.exe'], inTempDir),
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
    id: 'download-and-execute',
    label: 'Downloads code and runs it',
    delta: 20,
    reason: 'A download piped into a shell or interpreter runs whatever the remote server sends: the usual second stage of an intrusion.',
    test: (a) => first(a, ['proc.cmdline', 'proc.pcmdline'], isDownloadAndExecute),
  },
  {
    id: 'anonymous-k8s-user',
    label: 'Anonymous Kubernetes request',
    delta: 12,
    reason: 'Requests as system:anonymous bypass authentication; allowed ones expose the API.',
    // An anonymous health probe is what the health-probe factor explains (probes are anonymous by design).
    test: (a) => (isHealthProbe(a) ? null : first(a, ['ka.user.name'], (v) => v === 'system:anonymous')),
  },
  {
    id: 'test-tooling',
    label: "Falco's event-generator (corroborated)",
    delta: -35,
    reason:
      "falcosecurity's event-generator fires alerts on purpose to test Falco, and here its image, install path, command line or workload name agree with nothing against them: likely a drill.",
    test: (a) => {
      const verdict = eventGeneratorVerdict(a);
      const shown = verdict.support.find((s) => s.kind !== 'name') ?? verdict.support[0];
      return verdict.drill && shown ? { field: shown.field, value: shown.value } : null;
    },
  },
  {
    id: 'test-payload',
    label: 'Test payload, not an event',
    delta: -40,
    reason: 'The alert carries its own template (values equal to field names, unformatted %placeholders) or a test message: no event happened.',
    test: (a) => {
      const hit = testPayload(a);
      return hit ? { field: hit.field, value: hit.value } : null;
    },
  },
  {
    id: 'health-probe',
    label: 'Health probe the current rule excludes',
    delta: -30,
    reason: 'Anonymous reads of /healthz, /livez and /readyz are how load balancers and kubelets check the API server; the upstream rule now excludes them, so this alert comes from an outdated rules file.',
    test: (a) => isHealthProbe(a),
  },
  {
    id: 'default-binding',
    label: 'Allowed by a default binding',
    delta: -10,
    reason: 'The request was allowed only by a binding every cluster ships with (public info, discovery), which grants read-only facts, not access to workloads or secrets.',
    test: (a) => {
      const verb = fieldText(a, 'ka.verb');
      return verb !== undefined && READ_VERBS.has(verb) ? first(a, ['ka.auth.reason'], (v) => DEFAULT_BINDINGS.test(v)) : null;
    },
  },
  {
    id: 'falco-own-pod',
    label: "Falco's own pod",
    delta: -15,
    reason: 'Falco and its companions query the Kubernetes API and run privileged by design, which is what this rule flags.',
    test: (a) => (FALCO_EXPECTED_RULES.has(a.rule) ? first(a, ['container.image.repository'], (v) => FALCO_IMAGES.test(v)) : null),
  },
  {
    id: 'deprecated-rule',
    label: 'Rule deprecated upstream',
    delta: -5,
    reason: 'Falco moved this rule to its deprecated archive because it is noisy without site-specific lists; its alerts need those lists before they mean much.',
    test: (a) => {
      const entry = catalogEntry(a.rule);
      return entry && entry.file.startsWith('archive/') ? { field: 'rule', value: a.rule } : null;
    },
  },
  {
    id: 'image-build',
    label: 'Package manager during an image build (corroborated)',
    delta: -15,
    reason: "Package installs are expected while a builder assembles an image, and here the builder's image or workload names agree, with no process of that name running from a temporary directory.",
    test: (a) => {
      const proc = fieldText(a, 'proc.name');
      if (!proc || !PACKAGE_MANAGERS.has(proc)) return null;
      return corroboratingEvidence(a, IMAGE_BUILDER);
    },
  },
  {
    id: 'ci-runner',
    label: 'CI runner (corroborated)',
    delta: -12,
    reason: 'CI jobs install, build and run tests; much unusual-looking activity there is routine.',
    // A runner's image, or two workload names agreeing: a process can call itself or its parent
    // `jenkins`, and whoever deploys a pod picks its name.
    test: (a) => corroboratingEvidence(a, CI_RUNNER),
  },
  {
    id: 'request-denied',
    label: 'Request was denied',
    delta: -10,
    reason: 'The API refused the request, so the attempt did not take effect (the attempt itself still counts).',
    test: (a) => first(a, ['ka.response.code'], (v) => v === '401' || v === '403'),
  },
];

/** Context that raises or lowers risk, for every source. Each row is one factor; tests cover one row per case. */
export const CONTEXT_RULES: ContextRule[] = [...SYSCALL_AND_COMMON_RULES, ...AUDIT_CONTEXT_RULES];
