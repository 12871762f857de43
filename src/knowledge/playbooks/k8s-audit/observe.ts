import type { Alert } from '../../../model';
import { lookupTable } from '../../lookupTable';
import { fieldText } from '../../fieldValue';
import { eventGeneratorK8sObject } from '../../eventGenerator';
import { listValues } from '../../listValue';
import type { Note } from '../../observation';
import { about } from '../../observation';

/**
 * Pure observations about the concrete values of k8s_audit alerts. Each helper returns [] when
 * the field is absent or nothing about it stands out, and never states more than the value shows.
 */

/** kube-controller-manager controllers that create objects on behalf of whoever changed the owner. */
const CONTROLLER_SAS = new Set([
  'cronjob-controller',
  'daemon-set-controller',
  'deployment-controller',
  'job-controller',
  'replicaset-controller',
  'replication-controller',
  'statefulset-controller',
  'service-account-controller',
  'namespace-controller',
  'generic-garbage-collector',
  'clusterrole-aggregation-controller',
  'endpointslice-controller',
  'endpoint-controller',
  'node-controller',
  'persistent-volume-binder',
  'root-ca-cert-publisher',
  'bootstrap-signer',
  'token-cleaner',
]);

/** Names in the upstream full_admin_k8s_users list. */
const BOOTSTRAP_ADMINS = new Set([
  'admin',
  'kubernetes-admin',
  'kubernetes-admin@kubernetes',
  'kubernetes-admin@cluster.local',
  'minikube-user',
]);

const CONTROL_PLANE_USERS: Record<string, string> = lookupTable({
  'system:kube-controller-manager': 'the kube-controller-manager',
  'system:kube-scheduler': 'the kube-scheduler',
  'system:apiserver': 'the API server itself (loopback client, e.g. reconciling built-in RBAC at startup)',
  'system:kube-proxy': 'kube-proxy',
});

/**
 * The control plane acting on its own account: kube-controller-manager and its per-controller
 * service accounts, the scheduler, the API server's loopback client, kube-proxy. Shared with the
 * risk model, which lowers the score for what userObservations calls a control-plane component.
 */
export function isControlPlaneIdentity(user: string): boolean {
  if (CONTROL_PLANE_USERS[user] !== undefined) return true;
  const sa = /^system:serviceaccount:kube-system:(.+)$/.exec(user);
  return sa?.[1] !== undefined && CONTROLLER_SAS.has(sa[1]);
}

/** Who the ka.user.name value is. */
export function userObservations(alert: Alert): string[] {
  const user = fieldText(alert, 'ka.user.name');
  if (!user) return [];
  if (user === 'system:anonymous') {
    return [
      'ka.user.name is system:anonymous: the request carried no valid credential.',
    ];
  }
  const sa = /^system:serviceaccount:([^:]+):(.+)$/.exec(user);
  if (sa) {
    const [, ns, name] = sa;
    if (ns === 'kube-system' && name && CONTROLLER_SAS.has(name)) {
      return [
        `ka.user.name is the kube-system service account ${name}, a kube-controller-manager controller: it acted because some higher-level object changed, so the person to find is whoever changed that owner (Deployment, DaemonSet, Job, namespace ...).`,
      ];
    }
    if (ns === 'kube-system') {
      return [
        `ka.user.name is the service account ${name} in kube-system (system:serviceaccount:kube-system:*): a control-plane add-on identity, usually highly privileged. If no add-on of that name runs in kube-system, treat its token as stolen.`,
      ];
    }
    return [
      `ka.user.name is the service account ${name} of namespace ${ns}: a workload in that namespace (or someone holding its token) made the request, not a person.`,
    ];
  }
  const node = /^system:node:(.+)$/.exec(user);
  if (node) {
    return [
      `ka.user.name is the kubelet identity of node ${node[1]} (system:node:*). With the Node authorizer and NodeRestriction a kubelet may only touch objects tied to its own node; anything beyond that suggests its credential was taken off the node.`,
    ];
  }
  const cp = CONTROL_PLANE_USERS[user];
  if (cp) return [`ka.user.name ${user} is ${cp}, a control-plane component.`];
  if (user.startsWith('system:')) {
    return [`ka.user.name ${user} is a built-in Kubernetes identity (system: prefix), not a person.`];
  }
  if (BOOTSTRAP_ADMINS.has(user)) {
    return [
      `ka.user.name ${user} is one of the default administrator names created at cluster bootstrap (full_admin_k8s_users): typically a shared cluster-admin kubeconfig, so the name alone does not say which person or machine used it.`,
    ];
  }
  if (user.startsWith('eks:')) {
    return [`ka.user.name ${user} is an Amazon EKS control-plane identity (eks: prefix).`];
  }
  if (user.endsWith('@container-engine-robot.iam.gserviceaccount.com')) {
    return [
      `ka.user.name ${user} is the GKE control-plane robot account; the GKE overlay of Disallowed K8s User excepts it.`,
    ];
  }
  if (user.endsWith('.iam.gserviceaccount.com')) {
    return [`ka.user.name ${user} is a Google Cloud service account authenticating to GKE: automation, not a person.`];
  }
  if (user.startsWith('arn:aws:')) {
    return [`ka.user.name ${user} is an AWS IAM principal mapped into the cluster (EKS access entry or aws-auth).`];
  }
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(user)) {
    return [`ka.user.name ${user} is an email-style identity from cloud IAM or an OIDC provider: normally one person.`];
  }
  return [];
}

/** Outcome of the request, read from ka.response.code and ka.auth.decision. */
export function responseObservations(alert: Alert): string[] {
  const code = fieldText(alert, 'ka.response.code');
  const decision = fieldText(alert, 'ka.auth.decision');
  if (!code) return [];
  if (code.startsWith('2')) {
    return [`ka.response.code ${code}: the API server accepted and carried out the request.`];
  }
  if (code === '401') {
    return ['ka.response.code 401: authentication failed (missing, expired or forged credential); nothing was done.'];
  }
  if (code === '403') {
    if (decision === 'allow') {
      return [
        'ka.response.code 403 with ka.auth.decision allow: RBAC allowed it but an admission controller (Pod Security, a policy webhook) rejected it.',
      ];
    }
    return [
      'ka.response.code 403: the identity authenticated but was denied. One denial is usually a misconfigured client; a run of 403s across resources is permission probing.',
    ];
  }
  if (code === '404') return ['ka.response.code 404: the object did not exist, nothing was done.'];
  if (code === '409') return ['ka.response.code 409: conflict (the object already existed or changed meanwhile), nothing was done.'];
  if (code === '422') return ['ka.response.code 422: the object was rejected as invalid, nothing was done.'];
  if (code.startsWith('4')) return [`ka.response.code ${code}: the request was rejected, nothing was done.`];
  if (code.startsWith('5')) return [`ka.response.code ${code}: the API server failed to serve it; the outcome is uncertain.`];
  return [];
}

/** What ka.auth.reason says about the binding that allowed the request. */
export function authReasonObservations(alert: Alert): string[] {
  const reason = fieldText(alert, 'ka.auth.reason');
  if (!reason) return [];
  const m = /allowed by (ClusterRoleBinding|RoleBinding) "([^"]+)" of (ClusterRole|Role) "([^"]+)" to (User|Group|ServiceAccount) "([^"]+)"/.exec(
    reason,
  );
  if (!m) return [];
  const [, bindingKind, binding, roleKind, role, subjectKind, subject] = m;
  // Who the subject is, said in the same sentence: one fact, one place.
  const who =
    subject === 'system:unauthenticated' || subject === 'system:anonymous'
      ? ': callers with no credentials at all'
      : subject === 'system:authenticated'
        ? ': every authenticated identity in the cluster'
        : '';
  return [`ka.auth.reason: RBAC allowed it through ${bindingKind} ${binding} (${roleKind} ${role}) granted to ${subjectKind} ${subject}${who}.`];
}

/** Sensitive namespaces in ka.target.namespace (or, failing that, in ka.uri). */
export function namespaceObservations(alert: Alert): string[] {
  const ns = fieldText(alert, 'ka.target.namespace') ?? /\/namespaces\/([^/?]+)/.exec(fieldText(alert, 'ka.uri') ?? '')?.[1];
  if (ns === 'kube-system') {
    return ['The target namespace is kube-system: control-plane add-ons run there with powerful service accounts, and changes there affect the whole cluster.'];
  }
  if (ns === 'kube-public') {
    return ['The target namespace is kube-public: its contents are readable by every caller, including unauthenticated ones.'];
  }
  if (ns === 'kube-node-lease') {
    return ['The target namespace is kube-node-lease, which holds node heartbeat leases only.'];
  }
  return [];
}

export function eventGeneratorObservations(alert: Alert): Note[] {
  for (const field of ['ka.target.name', 'ka.resp.name', 'ka.req.configmap.name']) {
    const name = fieldText(alert, field);
    if (!name) continue;
    const hit = eventGeneratorK8sObject(name);
    if (hit) {
      return [
        about(
          'event-generator',
          `${field} ${name} matches the ${hit} object that falcosecurity's event-generator (k8saudit actions) creates to trigger this rule; confirm with its label app.kubernetes.io/part-of=falco-event-generator.`,
        ),
      ];
    }
  }
  return [];
}

/** The default set: who, outcome, which binding allowed it, where, and test-tool names. */
export function commonObservations(alert: Alert): Note[] {
  return [
    ...userObservations(alert),
    ...responseObservations(alert),
    ...authReasonObservations(alert),
    ...namespaceObservations(alert),
    ...eventGeneratorObservations(alert),
  ];
}

/** General-purpose and attacker-favourite images, by repository without registry or tag. */
const UTILITY_IMAGES = new Set([
  'busybox',
  'alpine',
  'ubuntu',
  'debian',
  'centos',
  'fedora',
  'nicolaka/netshoot',
  'curlimages/curl',
  'bitnami/kubectl',
  'kalilinux/kali-rolling',
  'kalilinux/kali-linux-docker',
  'praqma/network-multitool',
  'wbitt/network-multitool',
]);

/** Repository without registry and tag/digest, e.g. docker.io/library/busybox:1.36 -> busybox. */
function shortRepository(image: string): string {
  let repo = image.split('@')[0] ?? image;
  const lastSlash = repo.lastIndexOf('/');
  const colon = repo.lastIndexOf(':');
  if (colon > lastSlash) repo = repo.slice(0, colon);
  const parts = repo.split('/');
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) parts.shift();
  if (parts[0] === 'library' && parts.length > 1) parts.shift();
  return parts.join('/');
}

function hasRegistry(image: string): boolean {
  const first = image.split('/')[0] ?? '';
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
}

/** Observations about the images of a pod request (one field that holds a list). */
export function imageObservations(alert: Alert, field: string): string[] {
  const images = listValues(fieldText(alert, field) ?? '');
  const out: string[] = [];
  for (const image of images) {
    const repo = shortRepository(image);
    const notes: string[] = [];
    if (UTILITY_IMAGES.has(repo)) {
      notes.push('a general-purpose utility image, typical of hand-made debug pods and of attacker pods used to break out to the node');
    }
    if (!image.includes('@')) {
      const tagged = image.lastIndexOf(':') > image.lastIndexOf('/');
      if (!tagged || image.endsWith(':latest')) notes.push('not pinned to a version or digest');
    }
    if (!hasRegistry(image)) notes.push('no registry host, so it is pulled from Docker Hub');
    if (notes.length > 0) out.push(`${field} ${image}: ${notes.join('; ')}.`);
  }
  return out;
}

/** Pull objects out of a JSON array printed by Falco (rules, subjects); [] when it does not parse. */
function jsonArray(value: string | undefined): Record<string, unknown>[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null);
  } catch {
    return [];
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

/** What the rules of a Role/ClusterRole request (ka.req.role.rules) actually grant. */
export function roleRulesObservations(alert: Alert): string[] {
  const raw = fieldText(alert, 'ka.req.role.rules');
  const rules = jsonArray(raw);
  if (rules.length === 0) return [];
  const out: string[] = [];
  let wildcard = false;
  let secretsRead = false;
  let exec = false;
  const escalation = new Set<string>();
  let podCreate = false;
  for (const rule of rules) {
    const verbs = strings(rule['verbs']);
    const resources = strings(rule['resources']);
    const anyVerb = verbs.includes('*');
    const anyRes = resources.includes('*');
    if (anyVerb || anyRes) wildcard = true;
    if ((resources.includes('secrets') || anyRes) && (anyVerb || verbs.some((v) => ['get', 'list', 'watch'].includes(v)))) {
      secretsRead = true;
    }
    if (resources.includes('pods/exec') || resources.includes('pods/attach')) exec = true;
    for (const v of ['escalate', 'bind', 'impersonate']) if (verbs.includes(v)) escalation.add(v);
    if ((resources.includes('pods') || anyRes) && (anyVerb || verbs.includes('create'))) podCreate = true;
  }
  if (wildcard) out.push('ka.req.role.rules contains a wildcard (*) in verbs or resources: it also covers resources and verbs added later.');
  if (secretsRead) out.push('ka.req.role.rules lets the holder read secrets, which includes service-account tokens and credentials of every app in scope.');
  if (exec) out.push('ka.req.role.rules includes pods/exec or pods/attach: a shell in any pod in scope.');
  if (escalation.size > 0) {
    out.push(`ka.req.role.rules grants ${[...escalation].join(', ')}: verbs that let the holder raise its own privileges past this role.`);
  }
  if (podCreate) out.push('ka.req.role.rules allows creating pods, which lets the holder run code as any service account in scope and mount its secrets.');
  return out;
}

/** Subjects of a binding request (ka.req.binding.subjects) that grant far more than intended. */
export function bindingSubjectObservations(alert: Alert): string[] {
  const raw = fieldText(alert, 'ka.req.binding.subjects');
  if (!raw) return [];
  const subjects = jsonArray(raw);
  const names: { kind: string; name: string; ns: string }[] =
    subjects.length > 0
      ? subjects.map((s) => ({
          kind: typeof s['kind'] === 'string' ? s['kind'] : '',
          name: typeof s['name'] === 'string' ? s['name'] : '',
          ns: typeof s['namespace'] === 'string' ? s['namespace'] : '',
        }))
      : listValues(raw ?? '').map((name) => ({ kind: '', name, ns: '' }));
  const out: string[] = [];
  for (const s of names) {
    if (s.name === 'system:anonymous' || s.name === 'system:unauthenticated') {
      out.push(`The binding's subjects include ${s.name}: the role becomes available to callers with no credentials.`);
    } else if (s.name === 'system:authenticated') {
      out.push('The binding\'s subjects include system:authenticated: every identity that can log in, including every service account, gets the role.');
    } else if (s.name === 'system:serviceaccounts' || s.name.startsWith('system:serviceaccounts:')) {
      out.push(`The binding's subjects include the group ${s.name}: every service account ${s.name === 'system:serviceaccounts' ? 'in the cluster' : 'in that namespace'} gets the role.`);
    } else if (s.kind === 'ServiceAccount' && s.name === 'default') {
      out.push(`The binding's subjects include the default service account${s.ns ? ` of ${s.ns}` : ''}: every pod there that does not name a service account inherits the role.`);
    } else if (s.kind === 'ServiceAccount' && s.ns === 'kube-system') {
      out.push(`The binding's subjects include the kube-system service account ${s.name}.`);
    }
  }
  return out;
}

/** ka.req.binding.role values that amount to full or near-full control. */
export function boundRoleObservations(alert: Alert): string[] {
  const role = fieldText(alert, 'ka.req.binding.role');
  if (role === 'cluster-admin') return ['ka.req.binding.role is cluster-admin: unrestricted control of the cluster for the subjects.'];
  if (role === 'admin') return ['ka.req.binding.role is admin: full control of a namespace, including its secrets and RBAC.'];
  if (role === 'edit') return ['ka.req.binding.role is edit: can change workloads and read secrets, so it can run code as any service account in scope.'];
  return [];
}

/** Known secret naming schemes in ka.target.name. */
export function secretNameObservations(alert: Alert): string[] {
  const name = fieldText(alert, 'ka.target.name');
  if (!name) return [];
  if (name.startsWith('sh.helm.release.v1.')) {
    return [`${name} is Helm's release storage: Helm reads and writes these on every install, upgrade and status call.`];
  }
  if (name.startsWith('bootstrap-token-')) {
    return [`${name} is a node bootstrap token: whoever holds it can join machines to the cluster.`];
  }
  if (/-token-[a-z0-9]{5}$/.test(name)) {
    return [`${name} looks like a legacy long-lived service-account token secret: reading it yields a bearer token for that service account.`];
  }
  if (name.endsWith('-tls') || name.endsWith('-cert') || name.endsWith('-certs')) {
    return [`${name} looks like a TLS certificate secret (often managed by cert-manager or an ingress controller).`];
  }
  return [];
}
