import { cmd } from '../../commands';
import { fieldText } from '../../fieldValue';
import type { Alert } from '../../../model';
import type { Playbook } from '../../types';
import { baseNotes, fx, namespaceNotes } from './helpers';
import { parentNotes, tempPathInCmdline } from './observe';
import type { Note } from '../../observation';
import { CAPTURE_FIRST } from '../captureFirst';

/** Container-to-host boundaries and container drift: host mounts, devices, runc, kubectl cp. */

const HOST_TARGETS: Array<[RegExp, string]> = [
  [/\/etc\/(shadow|sudoers)/, 'host account or sudo data'],
  [/\/var\/lib\/kubelet\//, 'the kubelet\'s credentials and every pod volume on the node, secrets included'],
  [/\/(root|home\/[^/]+)\/\.ssh\//, 'host SSH keys'],
  [/\/etc\/kubernetes\//, 'node or control-plane Kubernetes credentials'],
  [/\/(etc\/cron|var\/spool\/cron)/, 'host scheduled jobs'],
];

const hostTargetNotes = (alert: Alert): string[] => {
  const file = fieldText(alert, 'fd.name');
  const hit = file === undefined ? undefined : HOST_TARGETS.find(([re]) => re.test(file));
  return hit ? [`fd.name=${file} reaches ${hit[1]}.`] : [];
};

const hostPaths: Playbook = {
  id: 'fs-container-host-sensitive-paths',
  title: 'Container Access to Host Sensitive Paths',
  rules: ['Container Access to Host Sensitive Paths'],
  family: 'filesystem',
  detects:
    'A process in a container opens for reading or writing a file under /host/, /rootfs/ or /hostfs/, the customary mount points for the node\'s root filesystem. Container runtime processes (containerd, dockerd, runc, crio, conmon, podman and related) are excluded.',
  whyItMatters:
    'Whoever reads and writes the node\'s filesystem owns the node: kubelet credentials, every pod\'s mounted secrets, host SSH keys, and cron or systemd units for persistence outside any container.',
  benignCauses: [
    'Node agents that mount the host root by design: Falco itself, node-exporter, log collectors, security and vulnerability scanners.',
    'Debug pods (kubectl debug node/...) that mount the node filesystem under /host.',
  ],
  distinguish: [
    'container.image.repository and k8s.ns.name: a known agent DaemonSet in its own namespace versus an application image.',
    'fd.name and evt.type: agents mostly read /host/proc, /host/sys or logs; writes, or reads of /host/etc/shadow, kubelet data or .ssh, are not agent behaviour.',
    'proc.name and proc.cmdline: the agent\'s own binary versus a shell, cat, tar or chroot.',
  ],
  mitigations: {
    immediate: ['If this is not a known agent, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy, then delete the pod and check the node for changes (cron, systemd units, authorized_keys, kubelet certificates).'],
    shortTerm: ['Enforce Pod Security Admission baseline or restricted on application namespaces; both reject hostPath volumes.'],
    longTerm: ['Allow hostPath only to named agent service accounts through an admission policy, and mount only the subpaths they need, read-only.'],
  },
  investigate: [cmd.podSpec, cmd.containerInspect, fx.procByName, cmd.containerProcesses],
  tuningFields: ['container.image.repository', 'proc.name'],
  observe: (alert) => [...baseNotes(alert), ...hostTargetNotes(alert), ...namespaceNotes(alert), ...parentNotes(alert)],
};

const DRIFT_BENIGN = [
  'Entrypoint scripts that chmod +x scripts or binaries they unpack at start.',
  'Package installs or builds inside a running container (apt-get install, pip with native tools, CI build containers).',
  'Applications that download and run plugins or language toolchains at runtime.',
];

const driftDistinguish = (fileField: string): string[] => [
  `${fileField}: a file in /tmp, /dev/shm, /var/tmp or a hidden directory is a staging pattern; a path the image owns by design is not.`,
  'proc.name and proc.pname: the image\'s entrypoint or package manager versus a shell reached through kubectl exec or the application, curl, wget or an interpreter.',
  'container.image.repository: if the image is meant to be immutable (most production services), any new executable is drift worth explaining.',
];

const DRIFT_MITIGATIONS = {
  immediate: ['Copy the new file out for analysis (hash, file type) and stop the pod if it is not part of the application.'],
  shortTerm: ['Set readOnlyRootFilesystem: true and mount writable emptyDir volumes only where needed.'],
  longTerm: ['Build everything into the image, run as non-root, and block runtime installs by removing package managers from production images.'],
};

const driftNotes = (alert: Alert): Note[] => {
  const notes = baseNotes(alert);
  const file = fieldText(alert, 'evt.arg.filename') ?? fieldText(alert, 'evt.arg.name');
  if (file !== undefined && /^\/(tmp|var\/tmp|dev\/shm)\//.test(file)) {
    notes.push(`${file} is in a temporary or shared-memory directory, a common staging place for dropped tools.`);
  }
  return [...notes, ...parentNotes(alert)];
};

const driftChmod: Playbook = {
  id: 'fs-container-drift-chmod',
  title: 'Container Drift Detected (chmod)',
  rules: ['Container Drift Detected (chmod)'],
  family: 'filesystem',
  detects:
    'A successful chmod, fchmod or fchmodat inside a container that sets an execute bit (S_IXUSR, S_IXGRP or S_IXOTH in evt.arg.mode), except runc\'s own work on /exec.fifo and /var/lib/docker.',
  whyItMatters:
    'Making a file executable is the step between downloading a tool (miner, scanner, reverse shell) and running it. Executables that were not in the image are the clearest sign the container is being used for something it was not built for.',
  benignCauses: DRIFT_BENIGN,
  distinguish: driftDistinguish('evt.arg.filename'),
  mitigations: DRIFT_MITIGATIONS,
  investigate: [
    { title: 'Inspect the file that was made executable', command: 'crictl exec ⟦container.id⟧ ls -la ⟦evt.arg.filename⟧' },
    fx.dockerDiff,
    cmd.containerProcesses,
    cmd.containerInspect,
  ],
  tuningFields: ['container.image.repository', 'proc.name'],
  observe: driftNotes,
};

const driftOpenCreate: Playbook = {
  id: 'fs-container-drift-open-create',
  title: 'Container Drift Detected (open+create)',
  rules: ['Container Drift Detected (open+create)'],
  family: 'filesystem',
  detects:
    'A successful open, openat, openat2 or creat inside a container that creates a file with execute permission (evt.is_open_exec=true), except runc\'s own work on /exec.fifo and /var/lib/docker.',
  whyItMatters:
    'Writing a file that is executable from the start is how droppers save a payload in one step. Executables that were not in the image show the container is running code nobody shipped.',
  benignCauses: DRIFT_BENIGN,
  distinguish: driftDistinguish('evt.arg.filename'),
  mitigations: DRIFT_MITIGATIONS,
  investigate: [
    { title: 'Inspect the created executable', command: 'crictl exec ⟦container.id⟧ ls -la ⟦evt.arg.filename⟧' },
    fx.dockerDiff,
    cmd.containerProcesses,
    cmd.containerInspect,
  ],
  tuningFields: ['container.image.repository', 'proc.name'],
  observe: driftNotes,
};

const modifyEntrypoint: Playbook = {
  id: 'fs-modify-container-entrypoint',
  title: 'Modify Container Entrypoint',
  rules: ['Modify Container Entrypoint'],
  family: 'filesystem',
  detects:
    'Inside a container, /proc/self/exe or a /proc/self/fd/ entry opened for writing by a process that is not a Docker binary (docker_binaries) and is not runc init. This is the access pattern of CVE-2019-5736, where a container overwrites the host\'s runc binary through /proc/self/exe.',
  whyItMatters:
    'On a vulnerable runc, overwriting the runtime binary from inside a container means the next docker exec or kubectl exec runs attacker code as root on the node: a full container escape.',
  benignCauses: [
    'Programs that write logs to /proc/self/fd/1 or /proc/self/fd/2 (stdout and stderr), a common container logging trick.',
    'Test suites or scanners checking for CVE-2019-5736.',
  ],
  distinguish: [
    'fd.name: /proc/self/exe is the exploit path; /proc/self/fd/1 or /proc/self/fd/2 is almost always logging.',
    'proc.name and proc.cmdline: the application\'s normal process versus a freshly dropped binary or a script run from a shell.',
    'The node\'s runc version: a patched runc makes the exploit fail, but the attempt still means hostile code in the container.',
  ],
  mitigations: {
    immediate: [CAPTURE_FIRST.workload, 'If fd.name is /proc/self/exe, stop exec-ing into the container, isolate the node, and verify the runc binary (hash against the package) before using the runtime again.'],
    shortTerm: ['Upgrade runc and the container runtime on all nodes to releases that include the CVE-2019-5736 fix (runc --version).'],
    longTerm: ['Run containers as non-root with user namespaces or SELinux/AppArmor confinement, which block writes to the host runtime.'],
  },
  investigate: [
    { title: 'Show the runc version on the node', command: 'runc --version' },
    { title: 'Check that the runc binary still matches its package', command: 'rpm -Vf "$(command -v runc)" || dpkg --verify runc' },
    fx.procByName,
    cmd.containerInspect,
  ],
  tuningFields: ['container.image.repository', 'proc.name'],
  observe: (alert) => {
    const notes = baseNotes(alert);
    const file = fieldText(alert, 'fd.name');
    if (file === '/proc/self/exe') notes.push('fd.name=/proc/self/exe is the exact path used by the CVE-2019-5736 runc overwrite.');
    if (file === '/proc/self/fd/1' || file === '/proc/self/fd/2') {
      notes.push(`fd.name=${file} is the process's stdout or stderr: writing there is normal logging, not an exploit.`);
    }
    return notes;
  },
};

const mountPrivileged: Playbook = {
  id: 'fs-mount-in-privileged-container',
  title: 'Mount Launched in Privileged Container',
  rules: ['Mount Launched in Privileged Container'],
  family: 'filesystem',
  detects:
    'Execution of mount with real arguments (not bare mount, -V, -l or -h) inside a container running privileged. The GKE, AKS and EKS disk and secrets-store CSI drivers in kube-system (or system, for the secrets-store driver) are excluded.',
  whyItMatters:
    'A privileged container can see the node\'s block devices; mounting the host disk hands over the host filesystem, from which cron, SSH keys or kubelet credentials give full node control. It is the most common privileged-container escape.',
  benignCauses: [
    'Storage drivers and CSI node plugins other than the cloud ones excluded (Longhorn, Rook/Ceph, OpenEBS, NFS provisioners).',
    'Docker-in-Docker, system containers and node-maintenance tools.',
  ],
  distinguish: [
    'proc.cmdline: a host block device (/dev/sda1, /dev/nvme0n1p1, /dev/xvda1) or / bind-mounted to a new place is an escape attempt; a volume device handed to a CSI driver is normal.',
    'container.image.repository and k8s.ns.name: a known storage driver in its namespace versus an application or ad-hoc debug image.',
    'proc.pname: the driver process versus a shell reached through kubectl exec.',
  ],
  mitigations: {
    immediate: ['If unexplained, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy, then delete the pod and inspect the node for changes made through the mount (cron, systemd units, authorized_keys).'],
    shortTerm: ['Drop privileged: true from the workload spec; grant only the specific capabilities and devices it needs.'],
    longTerm: ['Enforce Pod Security Admission baseline or restricted so only named system namespaces may run privileged pods.'],
  },
  investigate: [
    cmd.podSpec,
    { title: 'List the mounts now visible in the container', command: 'crictl exec ⟦container.id⟧ cat /proc/self/mountinfo' },
    cmd.containerInspect,
    cmd.podDescribe,
  ],
  tuningFields: ['container.image.repository', 'proc.pname'],
  observe: (alert) => {
    const notes = baseNotes(alert);
    const dev = fieldText(alert, 'proc.cmdline')?.match(/\/dev\/(sd|nvme|vd|xvd|hd|mapper\/)\S*/)?.[0];
    if (dev !== undefined) notes.push(`proc.cmdline mounts the block device ${dev}: from a privileged container this is typically the node's own disk.`);
    return [...notes, ...namespaceNotes(alert), ...parentNotes(alert)];
  },
};

const deviceAccess: Playbook = {
  id: 'fs-privileged-container-device-access',
  title: 'Privileged Container Device Access',
  rules: ['Privileged Container Device Access'],
  family: 'filesystem',
  detects:
    'A process in a container opens for reading or writing a block device (/dev/sd*, /dev/nvme*, /dev/vd*, /dev/xvd*) or physical or kernel memory (/dev/mem, /dev/kmem).',
  whyItMatters:
    'Raw access to the node\'s disk lets a container read any file of the host or other pods and write to them behind the filesystem\'s back; /dev/mem and /dev/kmem expose memory. Either is a container escape.',
  benignCauses: [
    'Storage software that manages disks directly (Ceph OSDs, Longhorn, CSI node plugins).',
    'Disk health or inventory tools (smartctl, node exporters reading device data).',
  ],
  distinguish: [
    'container.image.repository and k8s.ns.name: a storage or monitoring DaemonSet versus an application image.',
    'proc.name and proc.cmdline: the storage daemon versus dd, cat, debugfs, mount or a shell.',
    'fd.name: /dev/mem or /dev/kmem from anything other than a hardware-diagnostics tool is hostile.',
  ],
  mitigations: {
    immediate: ['If unexplained, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy, then delete the pod, check the node disk for changed files and treat secrets on that node as exposed.'],
    shortTerm: ['Drop privileged: true and device mounts from the workload spec; expose only the devices a driver needs.'],
    longTerm: ['Restrict privileged pods to storage namespaces by admission policy.'],
  },
  investigate: [cmd.podSpec, cmd.containerInspect, fx.procByName, cmd.containerProcesses],
  tuningFields: ['container.image.repository', 'proc.name'],
  observe: (alert) => {
    const notes = baseNotes(alert);
    const dev = fieldText(alert, 'fd.name');
    if (dev === '/dev/mem' || dev === '/dev/kmem') notes.push(`fd.name=${dev} exposes physical or kernel memory.`);
    return [...notes, ...namespaceNotes(alert), ...parentNotes(alert)];
  },
};

const kubectlCpExfil: Playbook = {
  id: 'fs-exfiltration-via-kubectl-cp',
  title: 'Exfiltrating Artifacts via Kubernetes Control Plane',
  rules: ['Exfiltrating Artifacts via Kubernetes Control Plane'],
  family: 'filesystem',
  detects:
    'tar, started directly by the container runtime (no parent, or a parent such as runc, containerd-shim, crio or conmon) and without a terminal, reads a file inside a container. This is what kubectl cp from a pod looks like. Reads under /etc, /proc, /lib, /run and /usr, and of / itself, are ignored as side effects.',
  whyItMatters:
    'kubectl cp streams files out through the API server and the kubelet, so no connection from the pod appears and egress controls never see it: a quiet way to take databases, keys or source code.',
  benignCauses: [
    'Administrators copying logs, dumps or reports out of a pod while debugging.',
    'CI or support tooling that fetches artifacts from pods with kubectl cp.',
  ],
  distinguish: [
    'fd.name: what was read; application data, keys, database files or home directories matter more than a log file.',
    'The requesting identity: the API server audit log records who ran the exec (kubectl cp uses pods/exec with a tar command); a person with a reason versus an unfamiliar user or service account.',
    'Volume and timing: many files or a whole data directory, outside working hours, is exfiltration-shaped.',
  ],
  mitigations: {
    immediate: [CAPTURE_FIRST.workload, 'Identify the caller from the audit log and, if unauthorised, revoke their credentials and rotate anything in the copied paths.'],
    shortTerm: ['Remove create on pods/exec from roles that do not need it; kubectl cp needs exec rights.'],
    longTerm: ['Require break-glass access (just-in-time role bindings) for exec into production pods, and keep tar out of production images.'],
  },
  investigate: [
    {
      title: 'On a self-managed control plane, find the exec request and its user in the API audit log (use your --audit-log-path)',
      command: 'grep -hF -- ⟦k8s.pod.name⟧ /var/log/kubernetes/audit.log | grep -F command=tar',
    },
    {
      title: 'List who is bound to roles in the namespace (exec rights come from these bindings or cluster-wide ones)',
      command: 'kubectl get --namespace=⟦k8s.ns.name⟧ --output=wide -- rolebindings',
    },
    cmd.podDescribe,
  ],
  tuningFields: ['container.image.repository', 'k8s.ns.name'],
  observe: (alert) => [...baseNotes(alert), ...tempPathInCmdline(alert)],
};

export const CONTAINER_FS_PLAYBOOKS: Playbook[] = [
  hostPaths,
  driftChmod,
  driftOpenCreate,
  modifyEntrypoint,
  mountPrivileged,
  deviceAccess,
  kubectlCpExfil,
];
