import type { Alert } from '../../../model';
import type { Playbook } from '../../types';
import { fieldText } from '../../fieldValue';
import { alertTime, field, kubectl } from '../../commands';
import { FAMILY, kc, subresourceHistory } from './helpers';
import { commonObservations, imageObservations, namespaceObservations, userObservations } from './observe';
import { CAPTURE_FIRST } from '../captureFirst';

/** Who reaches the API and how: unknown users, admin and anonymous access, exec, tunnels, nodes. */

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'csh', 'tcsh', 'busybox', '/bin/sh', '/bin/bash', '/bin/ash', '/usr/bin/bash']);
const RECON_TOOLS = new Set(['curl', 'wget', 'nc', 'ncat', 'env', 'printenv', 'id', 'whoami', 'mount', 'nsenter', 'chroot', 'python', 'python3', 'perl']);

function execCommandObservations(alert: Alert): string[] {
  const command = fieldText(alert, 'ka.uri.param[command]');
  if (!command) return [];
  const base = command.split('/').pop() ?? command;
  if (SHELLS.has(command) || SHELLS.has(base)) {
    return [`ka.uri.param[command] is ${command}: an interactive shell session, not a one-off command. The audit log requestURI lists any further arguments.`];
  }
  if (RECON_TOOLS.has(base)) {
    return [`ka.uri.param[command] is ${command}: a tool commonly used to look around or fetch payloads from inside a container.`];
  }
  return [`ka.uri.param[command] shows only the first word (${command}); the audit log requestURI carries the full argument list.`];
}

const PROBE_URIS = /^\/(healthz|livez|readyz)(\/|\?|$)/;

export const ACCESS_PLAYBOOKS: Playbook[] = [
  {
    id: 'k8s-disallowed-user',
    title: 'Disallowed K8s User',
    rules: ['Disallowed K8s User'],
    family: FAMILY,
    detects:
      'Any completed API request, allowed or denied, whose ka.user.name does not start with system: and is in neither allowed_k8s_users nor eks_allowed_k8s_users; the GKE overlay also skips users ending in @container-engine-robot.iam.gserviceaccount.com.',
    whyItMatters:
      'Every step of a cluster intrusion goes through the API server, so an unregistered identity is the earliest sign of a leaked kubeconfig, token or client certificate used from outside the team, or of broad-rights tooling slipping in unreviewed.',
    benignCauses: [
      'A new component (CSI driver, cloud controller, operator) with its own non-system user name, e.g. csi-cinder-controller on OpenStack.',
      'A new engineer, CI pipeline or GitOps tool with its own kubeconfig, never added to the list.',
      'Managed-cluster identities (IAM roles, OIDC emails) the upstream list cannot know.',
    ],
    distinguish: [
      'ka.user.name: map it to a known person, pipeline or component. Component-style names (...-controller, ...-provisioner) usually are one; generic or personal names need an owner.',
      'ka.verb, ka.target.resource and ka.uri: components repeat one narrow action (patch volumeattachments/status, update leases); reads of secrets, roles or pods/exec, or a sweep across resource types, look like reconnaissance.',
      'ka.response.code: a burst of 403 for one user is permission probing; 2xx means the action happened.',
      'Source IPs and user agent: take them from the audit log and compare with component pod IPs, node IPs or your VPN ranges.',
    ],
    mitigations: {
      immediate: [
        'If nobody owns the identity, save the bindings that grant it rights (binding query below, kubectl get -o yaml), delete them and revoke its credential (the service-account token secret or the cloud IAM mapping).',
      ],
      shortTerm: ['Add each confirmed component or person to allowed_k8s_users in a local rules file.'],
      longTerm: [
        'Issue human access only through SSO (OIDC or cloud IAM) with short-lived tokens, not static tokens or long-lived client certificates, so every user name maps to one owner.',
      ],
    },
    investigate: [kc.actorTimeline, kc.actorSources, kc.actorBindings, kc.actorPermissions],
    tuningFields: ['ka.user.name'],
    allowList: {
      list: 'allowed_k8s_users',
      field: 'ka.user.name',
      note: 'Append the user once it is identified as a sanctioned component or person; unlike an exception it keeps the rule watching everyone else.',
    },
    observe: commonObservations,
  },
  {
    id: 'k8s-full-admin-access',
    title: 'Full K8s Administrative Access',
    rules: ['Full K8s Administrative Access'],
    family: FAMILY,
    detects:
      'Completed API requests by one of the default bootstrap administrator names in full_admin_k8s_users (admin, kubernetes-admin and its @kubernetes / @cluster.local variants, minikube-user). Off by default: the allowed_full_admin_users macro is always true until overridden.',
    whyItMatters:
      'These names normally belong to the admin kubeconfig produced at cluster creation: cluster-admin rights, often copied to laptops and CI systems. Whoever holds it can do anything, and everybody using it shows up as the same user, which erases accountability.',
    benignCauses: [
      'An administrator running everyday kubectl with the bootstrap kubeconfig.',
      'CI/CD or GitOps tooling configured with the admin kubeconfig.',
      'Local or lab clusters (minikube, kind, kubeadm test beds) where it is the only account.',
    ],
    distinguish: [
      'ka.verb and ka.uri: routine deploys and reads versus RBAC changes, secret reads, exec into pods or changes in kube-system.',
      'Source IPs and user agent from the audit log: one known admin workstation or runner versus several machines, cloud IPs or a client you do not use.',
      'ka.response.code: with cluster-admin nearly everything is 2xx, so a 403 points at a different credential reusing the name.',
    ],
    mitigations: {
      immediate: [
        'If use cannot be tied to a known admin, cut the credential off: client certificates cannot be revoked one by one, so save and then revoke the RBAC binding it relies on (kubeadm 1.29+ binds the kubeadm:cluster-admins group) or, if it is in system:masters, plan a cluster CA rotation.',
      ],
      shortTerm: ['Give each administrator a personal identity bound to cluster-admin or narrower roles, and move pipelines to dedicated service accounts.'],
      longTerm: ['Keep the bootstrap kubeconfig offline as break-glass only and enable this rule (override allowed_full_admin_users) so any use is reported.'],
    },
    investigate: [kc.actorSources, kc.actorTimeline, kc.actorBindings],
    tuningFields: ['ka.user.name'],
    observe: commonObservations,
  },
  {
    id: 'k8s-anonymous-request-allowed',
    title: 'Anonymous Request Allowed',
    rules: ['Anonymous Request Allowed'],
    family: FAMILY,
    detects:
      'Completed requests by system:anonymous that the authorizer allowed (ka.auth.decision allow), except the /healthz, /livez and /readyz probes.',
    whyItMatters:
      'Anything system:anonymous may do, anyone reaching the API server can do without a credential: such bindings have exposed entire clusters, and even read-only discovery reveals the version and API surface.',
    benignCauses: [
      '/version reads under the default system:public-info-viewer binding (load balancer checks, scanners).',
      'kubeadm join reading the cluster-info ConfigMap in kube-public, open to anonymous callers on purpose.',
      'Old rules files without the /readyz or /livez exclusion.',
    ],
    distinguish: [
      'ka.uri: /version and /api/v1/namespaces/kube-public/configmaps/cluster-info come from default bindings; secrets, pods, namespaces or any write mean real permissions were bound to anonymous callers.',
      'ka.auth.reason names the binding and role that allowed it: system:public-info-viewer and the kubeadm cluster-info role are defaults; any other binding needs an owner.',
      'ka.verb: a write verb from system:anonymous should never happen.',
      'Source IPs (audit log) outside the cluster and your networks mean the endpoint is reachable from outside.',
    ],
    mitigations: {
      immediate: ['Save the binding named in ka.auth.reason (kubectl get -o yaml), then delete it if it grants system:anonymous or system:unauthenticated more than the defaults.'],
      shortTerm: ['Limit who can reach the API server (authorized networks, security groups, private endpoint).'],
      longTerm: [
        'Run kube-apiserver with --anonymous-auth=false where probes allow, or on 1.32+ limit anonymous access to the health endpoints in the anonymous section of the AuthenticationConfiguration file.',
      ],
    },
    investigate: [
      { title: 'List what an anonymous caller can do right now', command: 'kubectl auth can-i --list --as=system:anonymous' },
      {
        title: 'Find bindings that grant anything to anonymous or unauthenticated callers',
        command: `kubectl get clusterrolebindings,rolebindings -A -o json | jq -r '.items[] | select(any(.subjects[]?; .name == "system:anonymous" or .name == "system:unauthenticated")) | [.kind, .metadata.namespace // "-", .metadata.name, .roleRef.name] | @tsv'`,
      },
      {
        title: 'All allowed anonymous requests in the audit log, with source IPs',
        command: `jq -c 'select(.user.username == "system:anonymous" and .stage == "ResponseComplete" and .annotations["authorization.k8s.io/decision"] == "allow") | [.requestReceivedTimestamp, .verb, .requestURI, .responseStatus.code, (.sourceIPs // [] | join(",")), .userAgent]' "\${AUDIT_LOG:?path of the API server audit log (JSON lines)}"`,
      },
    ],
    tuningFields: ['ka.uri', 'ka.verb'],
    observe: (alert) => {
      const out = commonObservations(alert);
      const uri = fieldText(alert, 'ka.uri');
      const verb = fieldText(alert, 'ka.verb');
      if (uri && PROBE_URIS.test(uri)) {
        out.push(`ka.uri ${uri} is a health probe the current upstream rule excludes: an older rules file raised this harmless alert.`);
      } else if (uri === '/version' || uri?.startsWith('/version?')) {
        out.push('ka.uri /version is public cluster information served to anonymous callers by default.');
      } else if (uri?.includes('/namespaces/kube-public/configmaps/cluster-info')) {
        out.push('ka.uri is the kube-public cluster-info ConfigMap that kubeadm opens to anonymous callers for node joins.');
      }
      if (verb && ['create', 'update', 'patch', 'delete', 'deletecollection'].includes(verb)) {
        out.push(`ka.verb ${verb} is a write: anonymous callers can change cluster state.`);
      }
      return out;
    },
  },
  {
    id: 'k8s-attach-exec-pod',
    title: 'Attach/Exec Pod',
    rules: ['Attach/Exec Pod'],
    family: FAMILY,
    detects:
      'A create or get on a pod\'s exec or attach subresource, matched when the response stream starts (stage ResponseStarted), as these sessions are long-lived. user_known_exec_pod_activities, the exclusion hook, is empty by default.',
    whyItMatters:
      'exec and attach give a process in the container, with its files, mounted secrets, service-account token and network position, without deploying anything. A stolen credential with pods/exec moves from workload to workload, harvesting credentials.',
    benignCauses: [
      'Engineers debugging with kubectl exec.',
      'Automation running commands in pods: backup hooks (Velero), database dumps or migrations from CI.',
      'Dashboards and IDE plugins (Lens, k9s, the Kubernetes dashboard) opening a shell.',
    ],
    distinguish: [
      'ka.user.name: an on-call engineer or known automation account, or an unknown user or another workload\'s service account.',
      'ka.uri.param[command]: one named tool (pg_dump, a health script), or a shell or commands that read tokens, list the environment or download.',
      'ka.target.namespace and ka.target.name: production and kube-system pods, or pods with powerful service accounts, raise the stakes.',
      'Syscall alerts from the same pod at that time (a shell in a container, sensitive file reads) show what the session did.',
    ],
    mitigations: {
      immediate: ['If the session was not approved, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy; rotate the secrets and service-account token it mounted, and only then delete the pod so its controller replaces it.'],
      shortTerm: ['Revoke create on pods/exec and pods/attach from this user\'s roles; grant it through a time-boxed group instead.'],
      longTerm: ['Reject CONNECT on pods/exec and pods/attach in production namespaces (ValidatingAdmissionPolicy or a policy engine), with a reviewed break-glass path.'],
    },
    investigate: [
      subresourceHistory(['exec', 'attach'], 'Every exec/attach into this pod from the audit log, with the full command in requestURI'),
      kc.targetPodDescribe,
      {
        title: "Preserve the pod's logs from an hour before the exec, before anyone deletes or restarts it",
        command: kubectl.logs({ ns: field('ka.target.namespace'), pod: field('ka.target.name'), sinceTime: alertTime('-1h') }),
      },
      kc.actorPermissionsNs,
      kc.actorTimeline,
    ],
    tuningFields: ['ka.user.name', 'ka.target.namespace', 'ka.target.name'],
    observe: (alert) => [...commonObservations(alert), ...execCommandObservations(alert)],
  },
  {
    id: 'k8s-port-forward',
    title: 'port-forward',
    rules: ['port-forward'],
    family: FAMILY,
    detects:
      'Any audit event on the portforward subresource of a pod. There is no stage or user filter (only the empty user_known_portforward_activities hook), so one session can raise several alerts.',
    whyItMatters:
      'Port-forwarding tunnels a port inside the pod to the caller through the API server and kubelet, straight into the pod network namespace, so Services, Ingress and NetworkPolicies do not apply. It exposes databases and admin interfaces meant to stay internal and can serve as a quiet channel into the cluster.',
    benignCauses: [
      'Developers reaching a database, message broker or admin UI with kubectl port-forward.',
      'Desktop tools (Lens, k9s, IDE plugins) that forward ports for the user.',
      'CI smoke tests that port-forward to a freshly deployed service.',
    ],
    distinguish: [
      'ka.user.name: a developer of the owning team versus an unknown user or a service account.',
      'ka.target.namespace and ka.target.name: the data stores, secret managers and kube-system pods are what an attacker wants to reach.',
      'The forwarded ports are in the audit log requestURI (ports parameter): a database or admin port versus the app port.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.k8sAudit, 'If unapproved, revoke the binding that gives this user create on pods/portforward and rotate credentials of the service that was reachable (database passwords, admin tokens).'],
      shortTerm: ['Keep pods/portforward out of general developer roles; grant it per namespace to a small group.'],
      longTerm: ['Reject CONNECT on pods/portforward in production with an admission policy and provide an audited access path (bastion or identity-aware proxy) to internal services.'],
    },
    investigate: [
      subresourceHistory(['portforward'], 'Every port-forward to this pod from the audit log, with the ports in requestURI'),
      kc.targetPodDescribe,
      kc.actorPermissionsNs,
    ],
    tuningFields: ['ka.user.name', 'ka.target.namespace', 'ka.target.name'],
    observe: commonObservations,
  },
  {
    id: 'k8s-ephemeral-container-created',
    title: 'EphemeralContainers Created',
    rules: ['EphemeralContainers Created'],
    family: FAMILY,
    detects:
      'A completed create, update or patch on the ephemeralcontainers subresource of a pod, which is how kubectl debug adds a container to a running pod. user_known_pod_debug_activities is the empty exclusion hook.',
    whyItMatters:
      'An ephemeral container joins a running pod with an image of the caller\'s choosing, shares its network and, with a target container, its processes, so it can read the app\'s memory, files, secrets and token. The pod is not restarted and the workload manifest does not change, which makes it a discreet foothold.',
    benignCauses: [
      'Engineers running kubectl debug against a pod with no shell in its image (distroless).',
      'Troubleshooting sessions with network tooling images such as netshoot.',
    ],
    distinguish: [
      'ka.user.name: an engineer on the owning team versus an unknown user or a service account.',
      'The ephemeral container image (jevt.value[/requestObject/ephemeralContainers/0/image]): your vetted debug image versus an arbitrary public image. Current kubectl debug sends a patch, so this field usually prints <NA>; read the image from the pod spec instead.',
      'ka.target.namespace and ka.target.name: which workload, and whether its service account is powerful.',
    ],
    mitigations: {
      immediate: ['If unapproved, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy (including the ephemeral container\'s logs: kubectl logs -c with its name), then delete the pod (an ephemeral container cannot be taken out any other way) and rotate the secrets and token it mounted.'],
      shortTerm: ['Restrict update and patch on pods/ephemeralcontainers to a debug group.'],
      longTerm: ['Enforce Pod Security Admission (it covers ephemeral containers) and allow only a vetted debug image through an admission policy.'],
    },
    investigate: [
      {
        title: 'Show the pod spec, including spec.ephemeralContainers with their image and securityContext',
        command: 'kubectl get --namespace=⟦ka.target.namespace⟧ --output=yaml -- pod ⟦ka.target.name⟧',
      },
      subresourceHistory(['ephemeralcontainers'], 'Every ephemeral-container request on this pod from the audit log'),
      kc.actorTimeline,
    ],
    tuningFields: ['ka.user.name', 'ka.target.namespace', 'ka.target.name'],
    observe: (alert) => {
      const out = commonObservations(alert);
      const imageField = 'jevt.value[/requestObject/ephemeralContainers/0/image]';
      if (fieldText(alert, imageField)) out.push(...imageObservations(alert, imageField));
      else out.push('The ephemeral container image was not captured (the request body was a patch); it is in the pod spec under spec.ephemeralContainers.');
      return out;
    },
  },
  {
    id: 'k8s-untrusted-node-joined',
    title: 'Untrusted Node Successfully Joined the Cluster',
    rules: ['Untrusted Node Successfully Joined the Cluster'],
    family: FAMILY,
    detects:
      'A successful create of a Node object whose name (ka.target.name) is not in allowed_k8s_nodes. Off by default: the allow_all_k8s_nodes macro is always true until overridden.',
    whyItMatters:
      'A node under an attacker\'s control receives pods with their secrets and service-account tokens, and a kubelet credential that can read objects bound to it. A leaked bootstrap token or kubelet certificate is enough to join such a machine.',
    benignCauses: [
      'Autoscaling (cluster-autoscaler, Karpenter, managed node groups) adding nodes with generated names.',
      'Planned scale-out, node replacement or upgrades.',
    ],
    distinguish: [
      'ka.user.name: kubelets register themselves as system:node:<node name>; a user that does not match ka.target.name, or a non-node identity, is abnormal.',
      'ka.target.name: does it follow your cloud or node-pool naming, and does the node\'s providerID and internal IP match an instance you own?',
      'Whether a matching certificate signing request was approved by your usual approver (kubectl get csr).',
    ],
    mitigations: {
      immediate: ['If the node is not yours: save the Node object (kubectl get node -o yaml) and the token list (kubeadm token list), kubectl cordon it, then delete the Node object and the bootstrap token that was used (kubeadm token delete).'],
      shortTerm: ['Rotate bootstrap tokens and restrict automatic CSR approval to your node groups.'],
      longTerm: ['Keep NodeRestriction enabled and use provider-attested node registration so a foreign machine cannot obtain a kubelet identity.'],
    },
    investigate: [
      { title: 'Show the node: internal IP, OS, kubelet version, age', command: 'kubectl get --output=wide -- node ⟦ka.target.name⟧' },
      { title: 'Describe the node: providerID, labels, conditions', command: 'kubectl describe -- node ⟦ka.target.name⟧' },
      { title: 'List pods already scheduled onto it', command: 'kubectl get -A --output=wide --field-selector=spec.nodeName=⟦ka.target.name|dnsname⟧ -- pods' },
      { title: 'Check certificate signing requests: requestor and approval', command: 'kubectl get -- csr' },
    ],
    tuningFields: ['ka.target.name', 'ka.user.name'],
    allowList: {
      list: 'allowed_k8s_nodes',
      field: 'ka.target.name',
      note: 'Once allow_all_k8s_nodes is overridden, list the node names you expect; the list holds exact names, so it suits fixed fleets, not autoscaled ones.',
    },
    observe: (alert) => {
      const out = userObservations(alert);
      const user = fieldText(alert, 'ka.user.name');
      const node = fieldText(alert, 'ka.target.name');
      if (user?.startsWith('system:node:') && node && user !== `system:node:${node}`) {
        out.push(`ka.user.name ${user} registered a node with a different name (${node}): kubelets normally register only themselves.`);
      }
      return out;
    },
  },
  {
    id: 'k8s-untrusted-node-join-failed',
    title: 'Untrusted Node Unsuccessfully Tried to Join the Cluster',
    rules: ['Untrusted Node Unsuccessfully Tried to Join the Cluster'],
    family: FAMILY,
    detects:
      'A create of a Node object that did not succeed, for a name not in allowed_k8s_nodes. Off by default: the allow_all_k8s_nodes macro is always true until overridden.',
    whyItMatters:
      'A failed registration from an unknown machine can be someone testing a stolen bootstrap token or kubelet certificate before it works.',
    benignCauses: [
      'A kubelet restarting and re-registering a node that already exists (conflict).',
      'Nodes of a pool whose bootstrap credentials expired or were rotated.',
    ],
    distinguish: [
      'ka.response.reason: AlreadyExists or Conflict is a re-registration; Forbidden or Unauthorized means the credential is not valid for that node.',
      'ka.user.name: system:node:<same name> is the machine itself; anonymous or unrelated identities are not.',
      'ka.target.name: whether it matches your node naming and cloud inventory.',
    ],
    mitigations: {
      immediate: ['If the machine is unknown, record the bootstrap tokens (kubeadm token list), then delete the one it may hold (kubeadm token delete) and block its source IP at the API endpoint.'],
      shortTerm: ['Rotate bootstrap tokens and give them short TTLs.'],
      longTerm: ['Use provider-attested node registration and keep the API endpoint off the internet.'],
    },
    investigate: [
      kc.objectHistory,
      { title: 'Check certificate signing requests: requestor and approval', command: 'kubectl get -- csr' },
      { title: 'List current nodes to compare names and IPs', command: 'kubectl get --output=wide -- nodes' },
    ],
    tuningFields: ['ka.target.name', 'ka.user.name'],
    allowList: {
      list: 'allowed_k8s_nodes',
      field: 'ka.target.name',
      note: 'Once allow_all_k8s_nodes is overridden, list the node names you expect so only unknown names alert.',
    },
    observe: (alert) => {
      const out = userObservations(alert);
      const reason = fieldText(alert, 'ka.response.reason');
      if (reason === 'AlreadyExists' || reason === 'Conflict') {
        out.push(`ka.response.reason ${reason}: the node already exists, typical of a kubelet re-registering.`);
      } else if (reason === 'Forbidden' || reason === 'Unauthorized') {
        out.push(`ka.response.reason ${reason}: the caller was not allowed to register this node.`);
      }
      return out;
    },
  },
  {
    id: 'k8s-all-audit-events',
    title: 'All K8s Audit Events',
    rules: ['All K8s Audit Events'],
    family: FAMILY,
    detects:
      'Every completed audit event. Off by default (consider_all_events is never true); when enabled it is a firehose for debugging or export, not a detection.',
    whyItMatters:
      'It signals nothing by itself. Its value is context: it records who did what, with the full object in jevt.obj, around other alerts. Seeing it unexpectedly means someone changed the Falco rules configuration.',
    benignCauses: ['Rule development or debugging of the k8s audit pipeline.', 'A deliberate full export of audit events to a SIEM through Falco.'],
    distinguish: [
      'Treat each event by its content: ka.user.name, ka.verb and ka.uri, the same way as the specific rules do.',
      'If nobody meant to enable it, find who changed the Falco rules ConfigMap or Helm values.',
    ],
    mitigations: {
      immediate: ['If it was enabled by mistake, restore consider_all_events to never-true to end the volume.'],
      shortTerm: ['Ship audit logs to storage with the API server\'s own backends instead of routing all of them through alert outputs.'],
      longTerm: ['Keep Falco rules under version control so configuration changes are reviewed.'],
    },
    investigate: [kc.actorTimeline, kc.actorPermissions],
    tuningFields: ['ka.user.name', 'ka.verb'],
    observe: (alert) => [...userObservations(alert), ...namespaceObservations(alert)],
  },
];
