import type { Alert } from '../model';
import { fieldText } from '../knowledge/fieldValue';
import { classifyIp } from '../knowledge/ip';
import { isControlPlaneIdentity } from '../knowledge/playbooks';
import type { ContextRule, Evidence } from './riskRules';

/**
 * Risk context for audit sources (k8s_audit, gcp_auditlog, aws_cloudtrail, okta, github): who did
 * what from where. An audit rule's priority says what kind of change it watches; these factors say
 * whether this change was made by an administrator, by a person from the internet or by a workload
 * from inside, whether it opened a shell, erased identities or logs, or exposed something publicly.
 */

function first(alert: Alert, fields: readonly string[], accept: (value: string) => boolean): Evidence | null {
  for (const field of fields) {
    const value = fieldText(alert, field);
    if (value !== undefined && accept(value)) return { field, value };
  }
  return null;
}

/** Items of a Falco list value: `[a, b]`, `a,b` or a JSON array. */
function items(value: string): string[] {
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[,\s]+/)
    .map((s) => s.replace(/^"|"$/g, ''))
    .filter((s) => s !== '');
}

/** Default administrator names a cluster is bootstrapped with (upstream full_admin_k8s_users). */
const K8S_ADMIN_USERS = new Set(['admin', 'kubernetes-admin', 'kubernetes-admin@kubernetes', 'kubernetes-admin@cluster.local', 'minikube-user', 'cluster-admin']);
/** Groups that hold cluster-admin: system:masters bypasses RBAC, kubeadm 1.29+ binds kubeadm:cluster-admins. */
const K8S_ADMIN_GROUPS = new Set(['system:masters', 'kubeadm:cluster-admins']);

/**
 * Where the request came from. Okta's client IP is left out: every sign-in to a SaaS identity
 * provider comes from the internet, so a public address there says nothing by itself.
 */
const IP_FIELDS = ['ka.sourceips', 'gcp.callerIP', 'ct.srcip'] as const;

/** The first source address of the request, or null. */
function sourceIp(alert: Alert): Evidence | null {
  for (const field of IP_FIELDS) {
    const raw = fieldText(alert, field);
    if (raw === undefined) continue;
    const ip = items(raw)[0];
    if (ip !== undefined && classifyIp(ip)) return { field, value: raw };
  }
  return null;
}

function ipScope(evidence: Evidence): string | undefined {
  const ip = items(evidence.value)[0];
  return ip === undefined ? undefined : classifyIp(ip)?.scope;
}

type Actor = { kind: 'service' | 'person' | 'unknown'; field: string; value: string };

/** Who acted, and whether that identity is a workload/service or (most likely) a person. */
function actor(alert: Alert): Actor | null {
  const k8s = fieldText(alert, 'ka.user.name');
  if (k8s !== undefined) {
    const service = k8s.startsWith('system:') || k8s.endsWith('.gserviceaccount.com') || k8s.startsWith('eks:');
    return { kind: service ? 'service' : 'person', field: 'ka.user.name', value: k8s };
  }
  const gcp = fieldText(alert, 'gcp.user');
  if (gcp !== undefined) return { kind: gcp.endsWith('.gserviceaccount.com') ? 'service' : 'person', field: 'gcp.user', value: gcp };
  const typeField = fieldText(alert, 'ct.user.identitytype') !== undefined ? 'ct.user.identitytype' : 'ct.user.type';
  const awsType = fieldText(alert, typeField);
  if (awsType !== undefined) {
    // An assumed role is a person only when it is an SSO session; otherwise it cannot be told apart.
    const sso = /AWSReservedSSO_/.test(fieldText(alert, 'ct.user.arn') ?? '');
    const kind = awsType === 'AWSService' || awsType === 'AWSAccount' ? 'service' : awsType === 'AssumedRole' && !sso ? 'unknown' : 'person';
    return { kind, field: typeField, value: awsType };
  }
  const aws = fieldText(alert, 'ct.user');
  if (aws !== undefined) return { kind: 'unknown', field: 'ct.user', value: aws };
  const okta = fieldText(alert, 'okta.actor.name');
  if (okta !== undefined) return { kind: 'person', field: 'okta.actor.name', value: okta };
  const github = fieldText(alert, 'github.user');
  if (github !== undefined) return { kind: github.endsWith('[bot]') ? 'service' : 'person', field: 'github.user', value: github };
  return null;
}

/** The bindings a GCP policy delta adds (`[{"action":"ADD","member":"allUsers","role":"roles/..."}]`). */
function addedBindings(delta: string): { member: string; role: string }[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(delta);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed
    .filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null && b['action'] === 'ADD')
    .map((b) => ({ member: String(b['member'] ?? ''), role: String(b['role'] ?? '') }));
}

const DELETE_VERBS = new Set(['delete', 'deletecollection']);
const K8S_IDENTITY_RESOURCES = new Set(['serviceaccounts', 'roles', 'rolebindings', 'clusterroles', 'clusterrolebindings', 'certificatesigningrequests']);
/** CloudTrail calls that remove identities, credentials or the audit trail itself. */
const AWS_DESTRUCTIVE = new Set([
  'DeleteUser', 'DeleteRole', 'DeleteGroup', 'DeleteAccessKey', 'DeleteLoginProfile', 'DeactivateMFADevice', 'DeleteVirtualMFADevice',
  'DeleteTrail', 'StopLogging', 'UpdateTrail', 'PutEventSelectors', 'DeleteLogGroup', 'DeleteLogStream', 'DeleteFlowLogs', 'DeleteDetector',
  'DisableSecurityHub', 'DeleteConfigurationRecorder', 'StopConfigurationRecorder',
]);
/** Cloud Audit Logs methods that remove identities, keys, log sinks or logs. */
const GCP_DESTRUCTIVE = /(DeleteServiceAccount|DeleteServiceAccountKey|DisableServiceAccount|DeleteSink|DeleteLog|DeleteBucket|DeleteRole|UndeleteRole)$/;
/** Okta event types that remove a person's access or authentication factors. */
const OKTA_DESTRUCTIVE = /^(user\.lifecycle\.(delete|deactivate)|user\.mfa\.factor\.(deactivate|reset_all))/;

const K8S_EXPOSED_SERVICES = new Set(['NodePort', 'LoadBalancer']);

/** Rules of the github plugin whose very match is a repository made public. */
const GITHUB_PUBLIC_RULES = new Set(['Private Repository Becoming Public', 'Create Public Repository', 'Secret pushed into a public repository']);

export const AUDIT_CONTEXT_RULES: ContextRule[] = [
  {
    id: 'admin-identity',
    label: 'Administrator identity',
    delta: 15,
    reason: 'The actor holds full control (cluster-admin, system:masters, the root account): whatever it did, it could do anything else, and a leak of it is a takeover.',
    test: (a) =>
      first(a, ['ka.user.name'], (v) => K8S_ADMIN_USERS.has(v)) ??
      first(a, ['ka.user.groups'], (v) => items(v).some((g) => K8S_ADMIN_GROUPS.has(g))) ??
      first(a, ['ka.auth.reason'], (v) => /ClusterRole "cluster-admin"/.test(v)) ??
      first(a, ['ct.user.identitytype', 'ct.user.type'], (v) => v === 'Root') ??
      first(a, ['ct.user.arn'], (v) => /^arn:aws[\w-]*:iam::\d+:root$/.test(v)),
  },
  {
    id: 'grants-admin',
    label: 'Grants administrator rights',
    delta: 12,
    reason: 'The change hands full control (cluster-admin, Owner, Editor, an admin role) to someone: the fastest privilege escalation there is.',
    test: (a) =>
      first(a, ['ka.req.binding.role'], (v) => v === 'cluster-admin' || v === 'admin') ??
      first(a, ['gcp.policyDelta'], (v) => addedBindings(v).some((b) => b.role === 'roles/owner' || b.role === 'roles/editor')) ??
      first(a, ['github.collaborator.role'], (v) => v === 'admin') ??
      first(a, ['okta.evt.type'], (v) => v === 'user.account.privilege.grant'),
  },
  {
    id: 'person-from-internet',
    label: 'A person from a public IP',
    delta: 10,
    reason: 'A human identity acting from an internet address: a stolen credential is used exactly like this, so the address must belong to that person.',
    test: (a) => {
      const ip = sourceIp(a);
      return ip && ipScope(ip) === 'public' && actor(a)?.kind === 'person' ? ip : null;
    },
  },
  {
    id: 'workload-from-inside',
    label: 'A service identity from inside',
    delta: -8,
    reason: 'A service account acting from a private address is automation inside the environment, the usual source of such changes.',
    test: (a) => {
      const ip = sourceIp(a);
      const scope = ip ? ipScope(ip) : undefined;
      if (scope === undefined || scope === 'public') return null;
      const who = actor(a);
      return who?.kind === 'service' ? { field: who.field, value: who.value } : null;
    },
  },
  {
    id: 'control-plane',
    label: 'The control plane acting',
    delta: -10,
    reason: 'kube-controller-manager, the scheduler or the API server did this on behalf of an object someone else changed: routine reconciliation; the person to find is whoever changed that object.',
    test: (a) => first(a, ['ka.user.name'], isControlPlaneIdentity),
  },
  {
    id: 'interactive-exec',
    label: 'Interactive exec or attach into a pod',
    delta: 15,
    reason: 'exec and attach put a person inside a running container with its secrets, token and network position, without deploying anything.',
    test: (a) => first(a, ['ka.target.subresource'], (v) => v === 'exec' || v === 'attach'),
  },
  {
    id: 'destroys-identity-or-logs',
    label: 'Deletes identities, bindings or logs',
    delta: 12,
    reason: 'Removing accounts, keys, bindings or audit trails locks defenders out or erases the record of what happened.',
    test: (a) => {
      const verb = fieldText(a, 'ka.verb');
      if (verb !== undefined && DELETE_VERBS.has(verb)) {
        const target = first(a, ['ka.target.resource'], (v) => K8S_IDENTITY_RESOURCES.has(v));
        if (target) return target;
      }
      return (
        first(a, ['ct.name'], (v) => AWS_DESTRUCTIVE.has(v)) ??
        first(a, ['gcp.methodName'], (v) => GCP_DESTRUCTIVE.test(v)) ??
        first(a, ['okta.evt.type'], (v) => OKTA_DESTRUCTIVE.test(v))
      );
    },
  },
  {
    id: 'public-exposure',
    label: 'Exposes something to the internet',
    delta: 10,
    reason: 'The change makes data or a service reachable by anyone: exposure is immediate and copies cannot be recalled.',
    test: (a) =>
      first(a, ['gcp.policyDelta'], (v) => addedBindings(v).some((b) => b.member === 'allUsers' || b.member === 'allAuthenticatedUsers')) ??
      first(a, ['ka.req.service.type'], (v) => K8S_EXPOSED_SERVICES.has(v)) ??
      first(a, ['github.repo.public'], (v) => v === 'true') ??
      (GITHUB_PUBLIC_RULES.has(a.rule) && a.source === 'github' ? { field: 'rule', value: a.rule } : null),
  },
];
