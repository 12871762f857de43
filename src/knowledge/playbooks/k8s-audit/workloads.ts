import type { Alert } from '../../../model';
import { lookupTable } from '../../lookupTable';
import type { Playbook } from '../../types';
import { fieldText } from '../../fieldValue';
import { FAMILY, kc, podSweep } from './helpers';
import { commonObservations, imageObservations } from './observe';
import type { Note } from '../../observation';

/** Pods and Deployments: risky pod specs, images and placements. */

const IMAGES = 'ka.req.pod.containers.image';

const podObserve = (alert: Alert): Note[] => [...commonObservations(alert), ...imageObservations(alert, IMAGES)];

const POD_DISTINGUISH_ACTOR =
  'ka.user.name: a controller service account (replicaset-controller, daemon-set-controller, job-controller) means the pod comes from a workload object; find who created or changed that owner. A person creating a bare pod is rarer and more suspicious.';

/** Why a host path listed by the sensitive_vol_mount macro matters. */
const HOST_PATH_MEANING: Record<string, string> = lookupTable({
  '/': 'the whole host filesystem',
  '/proc': 'every host process, their environment and memory maps',
  '/var/run/docker.sock': 'the Docker API, i.e. root on the node',
  '/var/run/crio/crio.sock': 'the CRI-O API, i.e. control of every container on the node',
  '/run/containerd/containerd.sock': 'the containerd API, i.e. control of every container on the node',
  '/etc': 'host configuration, including shadow, sudoers and cron',
  '/root': "root's home, including SSH keys and shell history",
  '/home/admin': "the admin user's home directory",
  '/var/lib/kubelet': "the kubelet's state, including other pods' volumes and secrets",
  '/var/lib/kubelet/pki': "the kubelet's client certificate and key",
  '/etc/kubernetes': 'control-plane and kubelet kubeconfigs and PKI',
  '/etc/kubernetes/manifests': 'static pod manifests: write access runs any pod on the node, outside the API server',
});

function hostPathObservations(alert: Alert): string[] {
  const raw = fieldText(alert, 'jevt.value[/requestObject/spec/volumes]');
  if (!raw) return [];
  const paths = new Set<string>();
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed)) {
      for (const v of parsed) {
        const path = (v as { hostPath?: { path?: unknown } } | null)?.hostPath?.path;
        if (typeof path === 'string') paths.add(path);
      }
    }
  } catch {
    for (const m of raw.matchAll(/"path"\s*:\s*"([^"]+)"/g)) if (m[1]) paths.add(m[1]);
  }
  const out: string[] = [];
  for (const p of paths) {
    const normalised = p.length > 1 ? p.replace(/\/+$/, '') : p;
    const meaning = HOST_PATH_MEANING[normalised];
    if (meaning) out.push(`hostPath ${p} exposes ${meaning}.`);
  }
  return out;
}

function extraImageObservations(alert: Alert): string[] {
  return [
    ...imageObservations(alert, 'ka.req.pod.initContainers.image'),
    ...imageObservations(alert, 'ka.req.pod.ephemeralContainers.image'),
  ];
}

function hostNamespacePlaybook(opts: {
  id: string;
  rule: string;
  key: 'hostNetwork' | 'hostPID' | 'hostIPC';
  list: string;
  what: string;
  why: string;
  benign: string[];
  distinguish: string;
}): Playbook {
  return {
    id: opts.id,
    title: opts.rule,
    rules: [opts.rule],
    family: FAMILY,
    detects: `A pod create request (any outcome) with ${opts.key} set to true, unless the container image repositories are in ${opts.list}.`,
    whyItMatters: opts.why,
    benignCauses: opts.benign,
    distinguish: [
      POD_DISTINGUISH_ACTOR,
      `${IMAGES}: an agent you deploy on purpose versus a general-purpose image (busybox, alpine, ubuntu) or an unknown registry.`,
      opts.distinguish,
      'ka.target.namespace: agents live in their own platform namespaces; an application namespace is unusual.',
    ],
    mitigations: {
      immediate: [`If the pod is not a known ${opts.what}, save the pod's spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy, then delete it (and its owning workload) and check the node it ran on for changes.`],
      shortTerm: [`Add the image repository to ${opts.list} when it is a vetted agent, so new cases stand out.`],
      longTerm: [`Enforce the Pod Security Admission baseline or restricted level on application namespaces; both forbid ${opts.key}.`],
    },
    investigate: [
      kc.createdPodSpec,
      kc.workloadChanges,
      podSweep(`.spec.${opts.key} == true`, `List every running pod with ${opts.key} to compare against the new one`),
    ],
    tuningFields: ['ka.target.namespace', IMAGES],
    allowList: {
      list: opts.list,
      field: 'ka.req.pod.containers.image.repository',
      note: `Add the repository part of ${IMAGES} (no tag) for a vetted agent that needs ${opts.key}.`,
    },
    observe: podObserve,
  };
}

export const WORKLOAD_PLAYBOOKS: Playbook[] = [
  {
    id: 'k8s-create-disallowed-pod',
    title: 'Create Disallowed Pod',
    rules: ['Create Disallowed Pod'],
    family: FAMILY,
    detects:
      'A pod create request (any outcome) whose images fail the allowed_k8s_containers macro. That macro is always true upstream, so the rule stays silent until you override it with your own image repositories.',
    whyItMatters:
      'Pods from images outside your supply chain are how attackers run their own tooling (miners, scanners, shells) in the cluster, and how unvetted third-party code gets in.',
    benignCauses: [
      'A new or updated image that was not added to the override of allowed_k8s_containers.',
      'Debug pods started by engineers with public images.',
      'falcosecurity event-generator runs (disallowed-pod-deployment).',
    ],
    distinguish: [
      `${IMAGES}: your registry and naming versus public images, unknown registries or mining and hacking tool names.`,
      POD_DISTINGUISH_ACTOR,
      'ka.target.namespace: an application namespace with a one-off image is more suspicious than a sandbox namespace.',
    ],
    mitigations: {
      immediate: ['If the image is unknown, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy, then delete the pod and its owner, and check the node for its activity (syscall alerts on the same node).'],
      shortTerm: ['Extend the allowed_k8s_containers override with the vetted repository if legitimate.'],
      longTerm: ['Enforce allowed registries at admission (ValidatingAdmissionPolicy or a policy engine) and require signed images.'],
    },
    investigate: [kc.createdPodDescribe, kc.createdPodSpec, kc.workloadChanges],
    tuningFields: ['ka.target.namespace', IMAGES],
    observe: podObserve,
  },
  {
    id: 'k8s-create-privileged-pod',
    title: 'Create Privileged Pod',
    rules: ['Create Privileged Pod'],
    family: FAMILY,
    detects:
      'A pod create request (any outcome) in which a container, init container or ephemeral container sets privileged: true, unless the container image repositories are in k8s_audit_privileged_images.',
    whyItMatters:
      'A privileged container has every capability and access to all host devices, which makes escaping to the node trivial (mount the host disk, load kernel modules). From the node an attacker reaches the kubelet credential and every pod scheduled there.',
    benignCauses: [
      'Node agents: CNI plugins, CSI node drivers, storage and security agents whose repositories are not in the list.',
      'GPU or hardware device plugins.',
      'falcosecurity event-generator runs (privileged-deployment).',
    ],
    distinguish: [
      POD_DISTINGUISH_ACTOR,
      `${IMAGES}, ka.req.pod.initContainers.image and ka.req.pod.ephemeralContainers.image: a documented node agent versus a general-purpose image running a shell.`,
      'ka.target.namespace: agents run in platform namespaces; privileged pods in application namespaces are rarely needed.',
      'Whether it got scheduled: the alert does not print the response code; if the pod exists, look for hostPath mounts and a command that sleeps or opens a shell.',
    ],
    mitigations: {
      immediate: ['If not a known agent, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy, then delete the pod and its owner, and treat the node it ran on as compromised (cordon, snapshot its disk, rotate the kubelet credential, rebuild).'],
      shortTerm: ['Add the repository to k8s_audit_privileged_images only for vetted agents; give others specific capabilities instead of privileged.'],
      longTerm: ['Enforce the Pod Security Admission baseline level (which forbids privileged) on every application namespace.'],
    },
    investigate: [
      kc.createdPodSpec,
      kc.workloadChanges,
      podSweep('any(.spec.containers[]?, .spec.initContainers[]?; .securityContext.privileged == true)', 'List every running pod with a privileged container'),
    ],
    tuningFields: ['ka.target.namespace', IMAGES],
    allowList: {
      list: 'k8s_audit_privileged_images',
      field: 'ka.req.pod.containers.image.repository',
      note: `Add the repository part of ${IMAGES} (no tag) for a vetted node agent that truly needs privileged mode.`,
    },
    observe: (alert) => [...podObserve(alert), ...extraImageObservations(alert)],
  },
  {
    id: 'k8s-create-sensitive-mount-pod',
    title: 'Create Sensitive Mount Pod',
    rules: ['Create Sensitive Mount Pod'],
    family: FAMILY,
    detects:
      'A pod create request (any outcome) with a hostPath volume on a sensitive host path (/, /proc, /etc, /root, /home/admin, container runtime sockets, /var/lib/kubelet and its pki, /etc/kubernetes and its manifests), unless the image repositories are in k8s_audit_sensitive_mount_images.',
    whyItMatters:
      'These mounts hand the pod the node: the runtime socket starts privileged containers, /etc/kubernetes and the kubelet directories hold cluster credentials, and the manifests directory runs static pods outside API control. It is the most common escape path from a pod to the node.',
    benignCauses: [
      'Monitoring, logging and security agents reading /proc or the runtime socket.',
      'CSI and CNI node components mounting kubelet directories.',
      'falcosecurity event-generator runs (sensitive-mount-deployment).',
    ],
    distinguish: [
      'jevt.value[/requestObject/spec/volumes]: which host paths and whether they are read-only; runtime sockets, / and /etc/kubernetes are the worst.',
      `${IMAGES}: a documented agent versus a general-purpose image.`,
      POD_DISTINGUISH_ACTOR,
      'ka.target.namespace: platform namespaces for agents versus application namespaces.',
    ],
    mitigations: {
      immediate: ['If not a known agent, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy, then delete the pod and its owner and inspect the node for files written through the mount (static pod manifests, cron, SSH keys).'],
      shortTerm: ['Add the repository to k8s_audit_sensitive_mount_images only for vetted agents, and make their mounts read-only.'],
      longTerm: ['Enforce the Pod Security Admission baseline level (no hostPath) on application namespaces.'],
    },
    investigate: [
      kc.createdPodSpec,
      kc.workloadChanges,
      podSweep('any(.spec.volumes[]?; .hostPath != null)', 'List every running pod with a hostPath volume'),
    ],
    tuningFields: ['ka.target.namespace', IMAGES],
    allowList: {
      list: 'k8s_audit_sensitive_mount_images',
      field: 'ka.req.pod.containers.image.repository',
      note: `Add the repository part of ${IMAGES} (no tag) for a vetted agent that needs the host path.`,
    },
    observe: (alert) => [...podObserve(alert), ...hostPathObservations(alert)],
  },
  hostNamespacePlaybook({
    id: 'k8s-create-hostnetwork-pod',
    rule: 'Create HostNetwork Pod',
    key: 'hostNetwork',
    list: 'k8s_audit_hostnetwork_images',
    what: 'networking or node agent',
    why: 'With the host network the pod binds host ports, sees every interface and reaches services on the node\'s loopback (kubelet, container runtime, metadata endpoints) that NetworkPolicies do not cover. It can sniff node traffic and impersonate node services.',
    benign: [
      'CNI, kube-proxy replacements, ingress controllers and node-local DNS.',
      'Monitoring agents exporting node metrics.',
      'falcosecurity event-generator runs (hostnetwork-deployment).',
    ],
    distinguish: 'Ports the pod listens on and whether it needs them on the host, from the pod spec.',
  }),
  hostNamespacePlaybook({
    id: 'k8s-create-hostpid-pod',
    rule: 'Create HostPid Pod',
    key: 'hostPID',
    list: 'k8s_audit_hostpid_images',
    what: 'monitoring or security agent',
    why: 'Sharing the host PID namespace shows every process on the node, their command lines and environment, and with enough privilege lets the pod signal, trace or enter them (nsenter into PID 1 is a one-line node escape).',
    benign: ['Security and observability agents that inspect host processes.', 'Debug pods started by node administrators.'],
    distinguish: 'Combination with privileged or SYS_PTRACE in the pod spec: hostPID plus privileges equals root on the node.',
  }),
  hostNamespacePlaybook({
    id: 'k8s-create-hostipc-pod',
    rule: 'Create HostIPC Pod',
    key: 'hostIPC',
    list: 'k8s_audit_hostipc_images',
    what: 'agent',
    why: 'Sharing the host IPC namespace exposes shared memory and message queues of host processes and other host-IPC pods, which can leak data or be tampered with.',
    benign: ['Legacy or HPC workloads that use shared memory with host processes.', 'Some monitoring agents.'],
    distinguish: 'Whether other settings (hostPID, privileged) come with it in the pod spec.',
  }),
  {
    id: 'k8s-pod-in-kube-namespace',
    title: 'Pod Created in Kube Namespace',
    rules: ['Pod Created in Kube Namespace'],
    family: FAMILY,
    detects:
      'A pod create request (any outcome) in kube-system or kube-public whose image repositories are in neither allowed_kube_namespace_image_list nor user_allowed_kube_namespace_image_list.',
    whyItMatters:
      'kube-system pods run beside the control-plane add-ons, often with their powerful service accounts, and few people review what runs there. Attackers hide workloads there and use its service accounts to escalate.',
    benignCauses: [
      'Add-ons installed into kube-system (CNI, CSI, metrics, cloud controllers) with repositories not in the lists.',
      'DaemonSets rolling out new versions whose image moved registry.',
    ],
    distinguish: [
      `${IMAGES}: a known add-on from its official registry versus a general-purpose image or unknown registry.`,
      POD_DISTINGUISH_ACTOR,
      'The pod\'s service account and mounts (pod spec): a new pod borrowing an add-on\'s powerful account is a red flag.',
    ],
    mitigations: {
      immediate: ['If no add-on owns the pod, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy, then delete it and its owner and review the service account it used.'],
      shortTerm: ['Add legitimate add-on repositories to user_allowed_kube_namespace_image_list.'],
      longTerm: ['Restrict create on pods and workloads in kube-system to the platform pipeline.'],
    },
    investigate: [kc.createdPodSpec, kc.createdPodDescribe, kc.workloadChanges],
    tuningFields: [IMAGES, 'ka.user.name'],
    allowList: {
      list: 'user_allowed_kube_namespace_image_list',
      field: 'ka.req.pod.containers.image.repository',
      note: `Add the repository part of ${IMAGES} (no tag) of an add-on you deliberately run in kube-system or kube-public.`,
    },
    observe: podObserve,
  },
  {
    id: 'k8s-deployment-created',
    title: 'K8s Deployment Created',
    rules: ['K8s Deployment Created'],
    family: FAMILY,
    detects: 'A successful create of a Deployment. Activity stream rule.',
    whyItMatters:
      'A Deployment keeps its pods running and recreates them when deleted, which makes it the natural way to persist a miner or backdoor and to run code as a chosen service account.',
    benignCauses: ['CI/CD and GitOps rollouts of new applications.', 'Helm installs.', 'falcosecurity event-generator runs (vanilla-deployment and others).'],
    distinguish: [
      'ka.user.name: the deployment pipeline or GitOps controller versus a person or an application service account.',
      'ka.target.namespace and ka.target.name: expected application names versus random-looking names in unusual namespaces.',
      'The Deployment\'s images, service account and securityContext (kubectl get deployment).',
    ],
    mitigations: {
      immediate: ['If unexplained, save its spec and its pods\' logs (kubectl get deployment -o yaml, kubectl logs), scale it to zero and keep it for analysis, then delete it once its images are recorded.'],
      shortTerm: ['Remove create on deployments from identities that do not deploy.'],
      longTerm: ['Deploy only from the pipeline and admit only images from approved registries.'],
    },
    investigate: [
      { title: 'Show the deployment: images, service account, securityContext, volumes', command: 'kubectl get --namespace=⟦ka.target.namespace⟧ --output=yaml -- deployment ⟦ka.target.name⟧' },
      kc.actorTimeline,
      kc.namespaceEvents,
    ],
    tuningFields: ['ka.user.name', 'ka.target.namespace'],
    observe: commonObservations,
  },
  {
    id: 'k8s-deployment-deleted',
    title: 'K8s Deployment Deleted',
    rules: ['K8s Deployment Deleted'],
    family: FAMILY,
    detects: 'A successful delete of a Deployment. Activity stream rule.',
    whyItMatters:
      'Deleting Deployments takes services down (sabotage, ransom pressure) and removes attacker workloads once they served their purpose.',
    benignCauses: ['Application retirement, Helm uninstalls and GitOps pruning.', 'falcosecurity event-generator clean-up.'],
    distinguish: [
      'ka.user.name: the pipeline or owning team versus someone else.',
      'Volume: many deletions by one identity in a short time point to sabotage or a runaway tool.',
      'The Deployment\'s history in the audit log: created shortly before by the same identity.',
    ],
    mitigations: {
      immediate: ['If unexpected, record what the deleting identity did (audit log export for the period), revoke its write access, then redeploy from the source of truth.'],
      shortTerm: ['Review other deletes by the same identity.'],
      longTerm: ['Limit delete on workloads to the pipeline and keep GitOps self-healing enabled.'],
    },
    investigate: [kc.objectHistory, kc.actorTimeline],
    tuningFields: ['ka.user.name', 'ka.target.namespace'],
    observe: commonObservations,
  },
];
