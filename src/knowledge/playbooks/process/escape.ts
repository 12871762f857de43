/** Container posture at start-up and direct container escape attempts. */
import type { Alert } from '../../../model';
import { lookupTable } from '../../lookupTable';
import type { CommandTemplate, Playbook } from '../../types';
import { cmd } from '../../commands';
import { fieldText } from '../../fieldValue';
import { compact, eventGeneratorNote, SHELL_NAMES, ttyNote } from './common';

const whoCreatedPod: CommandTemplate = {
  title: 'Show the pod owner references and managed fields: which client created or changed it, and when',
  command: 'kubectl get --namespace=⟦k8s.ns.name⟧ --show-managed-fields --output=yaml -- pod ⟦k8s.pod.name⟧',
};

// ---------------------------------------------------------------- capabilities

const RISKY_CAPS: Readonly<Record<string, string>> = lookupTable({
  CAP_SYS_ADMIN: 'mount filesystems and cgroups, the usual escape primitive',
  CAP_SYS_MODULE: 'load kernel modules into the node kernel',
  CAP_SYS_RAWIO: 'raw access to devices and I/O ports',
  CAP_SYS_PTRACE: 'trace and inject into other processes (node processes too with hostPID)',
  CAP_SYS_BOOT: 'reboot the node or load a new kernel',
  CAP_SYSLOG: 'read the kernel log, which leaks kernel addresses useful to exploits',
  CAP_DAC_READ_SEARCH: 'open files by handle, the basis of the known open_by_handle_at host file read escape',
  CAP_NET_ADMIN: 'change interfaces, routes and firewall rules (the node ones with hostNetwork)',
  CAP_BPF: 'load eBPF programs into the kernel',
});

export function riskyCapabilities(raw: string): string[] {
  const caps = new Set(raw.split(/[\s,]+/).map((c) => c.trim().toUpperCase()).filter(Boolean));
  return Object.keys(RISKY_CAPS).filter((c) => caps.has(c));
}

function capabilityNote(alert: Alert, field: string): string | undefined {
  const raw = fieldText(alert, field);
  if (raw === undefined) return undefined;
  const found = riskyCapabilities(raw);
  if (found.length === 0) return undefined;
  if (found.length === Object.keys(RISKY_CAPS).length) {
    return `${field} holds every high-risk capability the rule checks, which is what privileged: true or an all-capabilities grant looks like.`;
  }
  return `${field} includes ${found.map((c) => `${c} (${RISKY_CAPS[c]})`).join('; ')}.`;
}

// ---------------------------------------------------------------- mounts

const SENSITIVE_SOURCES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/var\/run\/docker\.sock$|^\/run\/docker\.sock$/, 'the Docker API socket: control of the Docker daemon is root on the node'],
  [/^\/run\/containerd\/containerd\.sock$/, 'the containerd socket: it can start privileged containers on the node'],
  [/^\/var\/run\/crio\/crio\.sock$/, 'the CRI-O socket: it can start privileged containers on the node'],
  [/^\/var\/lib\/kubelet(\/pki)?$/, 'kubelet state and credentials'],
  [/^\/etc\/kubernetes(\/manifests)?$/, 'Kubernetes node configuration; files written to manifests become static pods'],
  [/^\/etc$/, 'the node /etc, including shadow, sudoers and cron'],
  [/^\/proc/, 'the node /proc, exposing every host process'],
  [/^\/root/, "root's home directory on the node (SSH keys, cloud credentials)"],
  [/^\/home\/admin$/, 'an administrator home directory on the node'],
  [/^\/$/, 'the node root filesystem'],
];

export function sensitiveMounts(raw: string): Array<{ source: string; dest: string; writable: boolean | undefined; meaning: string }> {
  const out: Array<{ source: string; dest: string; writable: boolean | undefined; meaning: string }> = [];
  for (const item of raw.split(/[\s,]+/)) {
    const parts = item.split(':');
    const source = parts[0];
    const dest = parts[1] ?? '';
    if (!source) continue;
    const hit = SENSITIVE_SOURCES.find(([re]) => re.test(source));
    if (!hit) continue;
    const rdwr = parts[3];
    out.push({ source, dest, writable: rdwr === 'true' ? true : rdwr === 'false' ? false : undefined, meaning: hit[1] });
  }
  return out;
}

function mountNote(alert: Alert): string | undefined {
  const raw = fieldText(alert, 'container.mounts');
  if (raw === undefined) return undefined;
  const found = sensitiveMounts(raw);
  if (found.length === 0) return undefined;
  const parts = found.map(
    (m) => `${m.source} mounted at ${m.dest || 'an unknown path'}${m.writable === true ? ' read-write' : m.writable === false ? ' read-only' : ''} (${m.meaning})`,
  );
  return `container.mounts: ${parts.join('; ')}.`;
}

// ---------------------------------------------------------------- entrypoints

function hostEntryNote(alert: Alert): string | undefined {
  const cmdline = fieldText(alert, 'proc.cmdline');
  if (cmdline === undefined) return undefined;
  if (/\bnsenter\b/.test(cmdline) || /\bchroot\s+\/host/.test(cmdline)) {
    return `proc.cmdline=${cmdline}: the container was started to enter the node (nsenter or chroot into a host mount). Attack tools and node-shell utilities start pods exactly like this.`;
  }
  const name = fieldText(alert, 'proc.name');
  if (name !== undefined && SHELL_NAMES.has(name)) {
    return `proc.name=${name}: the container runs a shell as its main process, typical of ad hoc debug or attack pods rather than a packaged workload.`;
  }
  if (/^sleep\s+(infinity|\d{4,})/.test(cmdline)) {
    return `proc.cmdline=${cmdline}: the container only sleeps, a placeholder kept alive so someone can exec into it.`;
  }
  return undefined;
}

function releaseAgentWriterNote(alert: Alert): string | undefined {
  const name = fieldText(alert, 'proc.name');
  if (name === undefined) return undefined;
  if (name === 'systemd') {
    return 'proc.name=systemd: systemd writes release_agent when it boots as init inside a privileged container on a cgroup v1 host (kind nodes, system containers). Confirm the alert coincides with the container start.';
  }
  if (SHELL_NAMES.has(name) || name === 'echo' || name === 'tee') {
    return `proc.name=${name}: the file was written from a shell, which is how the manual release_agent escape is performed.`;
  }
  return undefined;
}

function debugfsNote(alert: Alert): string | undefined {
  const cmdline = fieldText(alert, 'proc.cmdline');
  if (cmdline === undefined) return undefined;
  const device = /\/dev\/\S+/.exec(cmdline)?.[0];
  const write = /\s-w\b/.test(cmdline);
  if (!device && !write) return undefined;
  return `proc.cmdline=${cmdline}:${device ? ` it opens ${device}` : ''}${write ? `${device ? ',' : ''} in write mode (-w), so files on that filesystem can be changed with no permission checks` : ''}.`;
}

export const ESCAPE_PLAYBOOKS: Playbook[] = [
  {
    id: 'container-release-agent-escape',
    title: 'Detect release_agent File Container Escapes',
    rules: ['Detect release_agent File Container Escapes'],
    family: 'container',
    detects:
      'Inside a container, a file whose name ends in release_agent is opened for writing by root or by a thread with CAP_DAC_OVERRIDE, while the thread also has CAP_SYS_ADMIN in its effective capabilities.',
    whyItMatters:
      'On cgroup v1, the kernel runs the program named in release_agent as root in the host namespaces when a cgroup empties. Writing it from a container (after mounting a cgroup hierarchy) is a well-known escape to root on the node (T1611, also CVE-2022-0492).',
    benignCauses: [
      'systemd booting as init inside a privileged system container (kind nodes, LXC-style containers) on a cgroup v1 host.',
      'Security training or container-escape test environments reproducing the technique on purpose.',
    ],
    distinguish: [
      'proc.name and proc.cmdline: systemd at container start is the known benign case; sh, bash or echo writing a path into release_agent is the exploit.',
      'fd.name: which hierarchy was targeted; a freshly mounted cgroup under /tmp or another scratch directory is typical of the exploit.',
      'thread.cap_effective: the container had CAP_SYS_ADMIN; find out why it was granted.',
    ],
    mitigations: {
      immediate: [
        'Unless this is systemd at container start, treat the node as compromised: copy the release_agent files and what they point to, cordon the node and snapshot its disk, then drain and rebuild it.',
      ],
      shortTerm: ['Drop privileged: true and CAP_SYS_ADMIN from the workload spec and patch kernels affected by CVE-2022-0492.'],
      longTerm: ['Move nodes to cgroup v2, which has no release_agent, and keep the RuntimeDefault seccomp and AppArmor profiles, which block mounting cgroup filesystems.'],
    },
    investigate: [
      { title: 'On the node, show what each cgroup v1 hierarchy would run as release agent', command: 'grep -H . /sys/fs/cgroup/*/release_agent' },
      { title: 'List the mounts inside the container (look for cgroup mounts)', command: 'crictl exec ⟦container.id⟧ cat /proc/mounts' },
      cmd.containerInspect,
      cmd.podSpec,
    ],
    tuningFields: ['proc.name', 'proc.exepath'],
    observe: (alert) => compact(eventGeneratorNote(alert), releaseAgentWriterNote(alert), capabilityNote(alert, 'thread.cap_effective')),
  },
  {
    id: 'container-debugfs-privileged',
    title: 'Debugfs Launched in Privileged Container',
    rules: ['Debugfs Launched in Privileged Container'],
    family: 'container',
    detects: 'debugfs, the ext2/3/4 filesystem debugger, is started inside a container that runs with privileged: true.',
    whyItMatters:
      'A privileged container sees the node block devices. debugfs can open the node disk directly and read or write any file, bypassing permissions and audit: read /etc/shadow and keys, or plant SSH keys and cron jobs to take over the node (T1611).',
    benignCauses: [
      'Administrators recovering or inspecting a node filesystem from a privileged debug pod.',
      'Storage or disk maintenance tooling in privileged DaemonSets.',
    ],
    distinguish: [
      'proc.cmdline: which device and whether -w (write mode) was used; read-only inspection during a ticketed incident is different from writing to the root disk.',
      'proc.pname and proc.tty: an interactive shell from an exec versus an automated maintenance job.',
      'Who created the pod: a known platform team tool versus an unknown or newly created privileged pod.',
    ],
    mitigations: {
      immediate: ['Save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy, then stop the container and check the node for changes debugfs could have made (authorized_keys, /etc/shadow, crontabs, systemd units).'],
      shortTerm: ['Drop privileged: true from the workload spec; Pod Security Admission baseline forbids it.'],
      longTerm: ['Enforce admission policies that deny privileged pods outside a short allow-list of system namespaces.'],
    },
    investigate: [
      { title: 'List the block devices visible inside the container', command: 'crictl exec ⟦container.id⟧ ls -l /dev' },
      cmd.containerInspect,
      cmd.podSpec,
      whoCreatedPod,
    ],
    tuningFields: ['proc.pname', 'proc.cmdline'],
    observe: (alert) => compact(eventGeneratorNote(alert), debugfsNote(alert), ttyNote(alert)),
  },
  {
    id: 'container-launch-privileged',
    title: 'Launch Privileged Container',
    rules: ['Launch Privileged Container'],
    family: 'container',
    detects:
      'A container starts (its first process, vpid 1, is executed) with privileged: true, unless the image is a known infrastructure image (falco_privileged_images, trusted_images, OpenShift, EKS core, Istio proxy, Sysdig) or a listed Red Hat image.',
    whyItMatters:
      'A privileged container has every capability, every host device and no seccomp or AppArmor confinement. Anyone with a shell in it can mount the node disk, load kernel modules or enter host namespaces, so it is root on the node (T1610).',
    benignCauses: [
      'Node agents: CNI and CSI plugins, GPU device plugins, kube-proxy, monitoring and security agents.',
      'CI runners using Docker-in-Docker, and kind or other nested-cluster nodes.',
    ],
    distinguish: [
      'Image and owner: a DaemonSet from a known vendor in a system namespace is expected; a bare pod or a Deployment in an application namespace is not.',
      'proc.cmdline: a packaged agent command is expected; a shell, sleep infinity, nsenter or chroot into a host mount is how attack pods are launched.',
      'Who created it: check the Kubernetes audit log or docker events for the identity and the client that created the pod.',
    ],
    mitigations: {
      immediate: ['If the container is unknown, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy, then delete it, find the identity that created it and revoke its rights to create pods.'],
      shortTerm: [
        'Enforce Pod Security Admission baseline on application namespaces, which rejects privileged pods.',
        'For legitimate privileged images, override user_privileged_containers for that image rather than disabling the rule.',
      ],
      longTerm: ['Replace privileged: true with the specific capabilities and devices the workload needs.'],
    },
    investigate: [cmd.containerInspect, cmd.podSpec, whoCreatedPod, cmd.containerInspectDocker],
    tuningFields: ['proc.name', 'proc.cmdline'],
    observe: (alert) => compact(eventGeneratorNote(alert), hostEntryNote(alert)),
  },
  {
    id: 'container-launch-excessively-capable',
    title: 'Launch Excessively Capable Container',
    rules: ['Launch Excessively Capable Container'],
    family: 'container',
    detects:
      'A container starts whose first process has any of CAP_SYS_ADMIN, CAP_SYS_MODULE, CAP_SYS_RAWIO, CAP_SYS_PTRACE, CAP_SYS_BOOT, CAP_SYSLOG, CAP_DAC_READ_SEARCH, CAP_NET_ADMIN or CAP_BPF in its permitted set, unless the image is a known infrastructure image.',
    whyItMatters:
      'Each of these capabilities is an escape or host-impact primitive: mounting and cgroup tricks, kernel modules, raw devices, process injection, handle-based host file reads, host network changes, kernel eBPF. Added capabilities survive even when privileged: true is banned (T1610).',
    benignCauses: [
      'Networking components needing CAP_NET_ADMIN (service mesh init containers, VPN and WireGuard sidecars, CNI agents).',
      'Observability and security agents needing CAP_BPF, CAP_SYS_PTRACE or CAP_SYS_ADMIN.',
      'Debug containers deliberately started with extra capabilities.',
    ],
    distinguish: [
      'thread.cap_permitted: which capabilities were granted; one specific capability for a networking sidecar is different from the whole high-risk set.',
      'proc.name and proc.cmdline: does the main process plausibly need those capabilities.',
      'Image and namespace: infrastructure in system namespaces versus application workloads.',
    ],
    mitigations: {
      immediate: ['For an unexpected container, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy, then stop it and identify who added the capabilities (Kubernetes audit log for the pod creation).'],
      shortTerm: ['Set capabilities drop: ALL and add back only what the workload proves it needs; Pod Security Admission restricted enforces the drop.'],
      longTerm: ['Gate capability additions through admission policy with named exceptions per image.'],
    },
    investigate: [cmd.containerInspect, cmd.podSpec, whoCreatedPod],
    tuningFields: ['proc.name', 'proc.cmdline'],
    observe: (alert) => compact(eventGeneratorNote(alert), capabilityNote(alert, 'thread.cap_permitted'), hostEntryNote(alert)),
  },
  {
    id: 'container-launch-sensitive-mount',
    title: 'Launch Sensitive Mount Container',
    rules: ['Launch Sensitive Mount Container'],
    family: 'container',
    detects:
      'A container starts with a sensitive host path mounted: /proc, the Docker, containerd or CRI-O socket, /var/lib/kubelet, /etc, /etc/kubernetes, /root, /home/admin or the node root filesystem. Known infrastructure images (falco_sensitive_mount_images, trusted_images and a few others) are excluded.',
    whyItMatters:
      'These mounts hand the container the node itself: a runtime socket starts privileged containers, /etc and / allow rewriting accounts and cron, kubelet directories hold node credentials, and /proc exposes every host process (T1610).',
    benignCauses: [
      'Monitoring and security agents that read /proc or the runtime socket.',
      'CI runners mounting the Docker socket to build images.',
      'Node maintenance DaemonSets mounting / or /etc to manage the host.',
    ],
    distinguish: [
      'container.mounts: which host path, where it lands and whether it is read-write; a read-only /proc for an agent differs from a writable / or a runtime socket.',
      'proc.name and proc.cmdline: the main process of an agent versus a shell or sleep kept alive for exec sessions.',
      'Owner: a vendor DaemonSet versus an ad hoc pod created by a person.',
    ],
    mitigations: {
      immediate: ['For an unknown container, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy, then delete it and find who created it; if it mounted a runtime socket or / read-write and was used interactively, treat the node as compromised.'],
      shortTerm: ['Replace socket mounts in CI with rootless builders (BuildKit rootless, Kaniko-style builders) and make remaining hostPath mounts read-only.'],
      longTerm: ['Enforce Pod Security Admission baseline or an admission policy that restricts hostPath to an allow-list of paths and images.'],
    },
    investigate: [cmd.containerInspect, cmd.podSpec, whoCreatedPod],
    tuningFields: ['proc.name', 'proc.cmdline'],
    observe: (alert) => compact(eventGeneratorNote(alert), mountNote(alert), hostEntryNote(alert)),
  },
  {
    id: 'container-launch-disallowed',
    title: 'Launch Disallowed Container',
    rules: ['Launch Disallowed Container'],
    family: 'container',
    detects:
      'A container starts and does not match the allowed_containers macro. Upstream that macro matches every container, so this rule only fires once you override it with your own image allow-list; an alert means the image is outside your list.',
    whyItMatters:
      'An image outside the approved set may be attacker tooling (miners, scanners, reverse shells), a typo-squatted or compromised registry image, or a deployment that skipped review (T1610).',
    benignCauses: [
      'A new release or new service whose image was not added to the allow-list yet.',
      'A registry mirror or renamed repository that no longer matches the list.',
      'Debug images started by engineers.',
    ],
    distinguish: [
      'Image repository and registry: a new tag of an approved image versus an unknown public image.',
      'proc.name and proc.cmdline: a packaged service versus a shell, sleep or tool.',
      'Who started it: CI or a GitOps controller versus a human or an unexpected service account.',
    ],
    mitigations: {
      immediate: ['If the image is unknown, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy, then stop the container and find who deployed it and from where the image came.'],
      shortTerm: ['Update the allowed_containers override for legitimate new images, keyed on repository.'],
      longTerm: ['Enforce the same allow-list at admission (registry restrictions, signed images) so disallowed images never start.'],
    },
    investigate: [cmd.containerInspect, cmd.podDescribe, whoCreatedPod],
    tuningFields: ['proc.name', 'proc.cmdline'],
    observe: (alert) => compact(eventGeneratorNote(alert), hostEntryNote(alert)),
  },
  {
    id: 'container-run-as-root',
    title: 'Container Run as Root User',
    rules: ['Container Run as Root User'],
    family: 'container',
    detects:
      "A container's first process starts as UID 0, unless the image is in run_as_root_image_list. The rule is disabled by default.",
    whyItMatters:
      'Root in a container is one kernel bug, one capability or one writable host mount away from root on the node, and it can modify everything inside the container. Running as non-root removes a whole class of escapes (T1610).',
    benignCauses: [
      'Base images that never set a USER, which is still the default for many public images.',
      'Entrypoints that start as root to fix permissions or bind low ports, then drop privileges.',
    ],
    distinguish: [
      'proc.name and proc.cmdline: an entrypoint known to drop privileges (gosu, su-exec, or a server that switches user) versus one that stays root.',
      'Image: whether the image supports running as non-root; many only need runAsUser set.',
    ],
    mitigations: {
      immediate: ['No containment needed for this alone; prioritise root containers that also have host mounts, added capabilities or internet exposure.'],
      shortTerm: ['Set runAsNonRoot: true and a runAsUser in the pod securityContext, or a USER in the Dockerfile.'],
      longTerm: ['Enforce Pod Security Admission restricted, and consider user namespaces (hostUsers: false) so container root is not node root.'],
    },
    investigate: [cmd.containerInspect, cmd.podSpec],
    tuningFields: ['proc.name', 'proc.cmdline'],
    allowList: {
      list: 'run_as_root_image_list',
      field: 'container.image.repository',
      note: 'Append an image that must run as root and cannot be changed, after confirming it has no host mounts or extra capabilities.',
    },
    observe: (alert) => compact(eventGeneratorNote(alert), hostEntryNote(alert)),
  },
];
