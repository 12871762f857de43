/**
 * What makes a Falco exception safe, as facts about fields and values: which fields name WHO acted
 * (identity), which name WHAT ran or was acted on (workload), and which fields or values change with
 * every event (volatile). The tuning builder and the tuning validator both read these, so what the
 * product prints and what the tests accept cannot drift apart.
 */
import { NEVER_ALLOW_LIST, inTempDir, isGenericImage } from './lists';

/** Fields that say who acted: a user, a cloud principal, a Kubernetes identity. */
export const IDENTITY_FIELDS: ReadonlySet<string> = new Set([
  'user.name', 'user.uid', 'user.loginname', 'user.loginuid', 'group.name', 'group.gid',
  'ka.user.name', 'ka.user.groups', 'ka.impuser.name', 'ka.auth.openshift.username',
  'ct.user', 'ct.user.arn', 'ct.user.principalid', 'ct.user.accountid', 'ct.originaluser',
  'gcp.user',
  'okta.actor.name', 'okta.actor.alternateid', 'okta.actor.id',
  'github.user',
]);

/**
 * Fields that say what ran or what was acted on: the image, the executable's path, the namespace or
 * project, the pod's owner (a pod name prefix), the target object, repository or bucket. Process
 * *names* are not here: anyone can name a binary `kworker`.
 */
const WORKLOAD_EXACT = new Set([
  'container.image.repository', 'container.image', 'container.image.digest', 'container.image.id',
  'proc.exepath', 'proc.pexepath', 'k8s.ns.name', 'k8s.pod.name', 'k8smeta.ns.name', 'k8smeta.pod.name',
  'ka.target.namespace', 'ka.target.name', 'ka.uri', 'ka.req.configmap.name', 'ka.req.binding.role',
  'ka.req.pod.containers.image', 'ka.req.pod.containers.image.repository', 'ka.req.binding.subjects',
  'ct.region', 's3.bucket', 's3.key', 'ec2.name', 'ecr.repository', 'iam.role', 'iam.policy',
  'gcp.projectId', 'gcp.resourceName', 'gcp.storage.bucket', 'gcp.cloudsql.databaseId', 'gcp.cloudfunctions.function',
  'gcp.compute.instanceId', 'gcp.iam.serviceAccount', 'gcp.logging.sink', 'gcp.dns.zone',
  'okta.app', 'okta.target.user.name', 'okta.target.user.alternateid', 'okta.target.group.name', 'okta.target.app.alternateid',
  'github.repo', 'github.repo.name', 'github.repo.url', 'github.org', 'github.owner', 'github.workflow.filename',
  'github.collaborator.name',
]);

/**
 * Where a principal acted from. On audit events that name no target object (a login, an API
 * token, a rate limit hit by the actor's own session) the origin is the only "where" there is:
 * an identity with its origin is scoped; an origin alone is not.
 */
const ORIGIN_FIELDS = new Set(['okta.client.ip', 'okta.client.zone', 'ct.srcip', 'gcp.callerIP']);

export function isOriginField(field: string): boolean {
  return ORIGIN_FIELDS.has(field);
}

export function isIdentityField(field: string): boolean {
  return IDENTITY_FIELDS.has(field);
}

export function isWorkloadField(field: string): boolean {
  return WORKLOAD_EXACT.has(field) || /^proc\.aexepath\[\d+\]$/.test(field) || field.startsWith('ct.request.') || /^(k8s|k8smeta)\.pod\.label\[/.test(field);
}

const IMAGE_FIELDS = /^(container\.image(\.repository)?|ka\.req\.pod\.containers\.image(\.repository)?)$/;
const EXEPATH_FIELDS = /^(proc\.(exepath|pexepath)|proc\.aexepath\[\d+\])$/;

/**
 * Why a workload field's value scopes nothing, or undefined when it does:
 * - a generic image (alpine, busybox, python, nginx ...): anyone can start a container from it;
 * - an executable path in a temporary directory: anyone can write one there.
 * A list value (`in`) scopes when one of its items does (all of the pod's images must match).
 */
export function weakWorkloadReason(field: string, values: readonly string[]): string | undefined {
  if (IMAGE_FIELDS.test(field) && values.length > 0 && values.every(isGenericImage)) {
    return `${values.join(', ')} is a generic image anyone can run: pair it with the namespace, pod owner or executable path`;
  }
  if (EXEPATH_FIELDS.test(field) && values.some(inTempDir)) return `${values.join(', ')} is in a temporary directory, where anyone can write`;
  return undefined;
}

/** A workload field whose value really scopes the exception (see weakWorkloadReason). */
export function scopesWorkload(field: string, values: readonly string[]): boolean {
  return isWorkloadField(field) && weakWorkloadReason(field, values) === undefined;
}

/**
 * Audit sources record a principal acting on an object: an exception there must name both, or it
 * silences the action for anyone (who) or everywhere (what). On syscall events the workload (image,
 * executable path) is what identifies the benign actor; a user name alone never does.
 */
export function needsIdentity(source: string): boolean {
  return source !== 'syscall';
}

/** Fields whose value differs on every event (ids, pids, times, counters, addresses handed out per pod). */
const VOLATILE_EXACT = new Set([
  'container.id', 'container.full_id', 'container.ip', 'container.start_ts', 'container.duration', 'container.cni.json',
  'proc.pid', 'proc.ppid', 'proc.vpid', 'proc.pvpid', 'proc.tid', 'proc.sid', 'proc.vpgid', 'proc.pgid', 'proc.apid',
  'thread.tid', 'thread.vtid', 'proc.start_ts', 'proc.pstart_ts', 'proc.duration', 'proc.ppid.duration',
  'fd.num', 'fd.ino', 'fd.dev', 'fd.dev.major', 'fd.dev.minor',
  'k8s.pod.uid', 'k8s.pod.id', 'k8s.pod.sandbox_id', 'k8s.pod.full_sandbox_id', 'k8s.pod.ip', 'k8s.pod.cni.json', 'k8smeta.pod.uid',
  'ka.auditid', 'ka.sourceips',
  'ct.id', 'ct.requestid', 'ct.sharedeventid', 'ct.time', 'ct.response.reservationid',
  'okta.published', 'okta.transaction.id', 'okta.authentication.sessionid', 'okta.mfa.failure.countlast', 'okta.mfa.deny.countlast',
  'gcp.time', 'github.webhook.id',
  'evt.num', 'evt.cpu', 'evt.res', 'evt.rawres', 'evt.args', 'evt.info', 'evt.buffer', 'evt.buflen',
]);
const VOLATILE_PATTERN = /^evt\.((raw|rel|date)?time|datetime|latency|deltatime|count|around)|^evt\.arg\.(fd|newfd|oldfd|pid|tid|res|size|len|ret|ino|dev|addr|id)$|^evt\.arg\[/;

export function isVolatileField(field: string): boolean {
  const base = field.replace(/\[.*$/, '');
  return VOLATILE_EXACT.has(field) || VOLATILE_EXACT.has(base) || VOLATILE_PATTERN.test(field);
}

/** Kubernetes' generated-name alphabet (no vowels, no 0/1/3): what controllers append to pod names. */
const K8S_RAND = '[bcdfghjklmnpqrstvwxz2456789]';
/** `web-7d9f8b6c5-x2kq9` (Deployment: ReplicaSet hash + pod suffix) or `node-agent-x2kq9` (DaemonSet, Job). */
const GENERATED_POD_NAME = new RegExp(`^([a-z0-9](?:[-a-z0-9.]*?[a-z0-9])?-)(?:${K8S_RAND}{6,10}-)?${K8S_RAND}{5}$`);

/** Fields that carry pod names (where a generated suffix makes an exact match useless). */
function holdsPodName(field: string): boolean {
  return /(^|\.)pod\.name$/.test(field) || field === 'ka.target.name' || field === 'ka.resp.name' || field === 'container.name';
}

/**
 * The stable part of a controller-generated pod name, its owner's name: `web-7d9f8b6c5-x2kq9` ->
 * `web-` (the ReplicaSet hash changes with every rollout, so it is dropped too). Undefined
 * when the name does not look generated (a bare pod or a StatefulSet pod keeps its name).
 */
export function podOwnerPrefix(name: string): string | undefined {
  const m = GENERATED_POD_NAME.exec(name);
  return m ? m[1] : undefined;
}

/** A reason the value would never match again, or undefined when it is stable. */
export function volatileValueReason(field: string, value: string): string | undefined {
  if (/container:[0-9a-f]{12,64}/i.test(value)) return 'contains a container id (container:<hex>)';
  if (holdsPodName(field) && podOwnerPrefix(value) !== undefined) return `is a generated pod name (${value}); the next pod gets another`;
  if (/^evt\./.test(field) && /^-?\d+$/.test(value.trim())) return 'is an event number, size or result';
  if (/(^|[^0-9a-z])\/proc\/\d+(\/|$)/i.test(value)) return 'contains a process id (/proc/<pid>)';
  if (/^(proc\.(p?cmdline|args|exe|pexe|cwd)|fd\.name|fs\.path\.\w+)$/.test(field) || holdsPodName(field)) {
    const hex = value.match(/[0-9a-f]{12,}/gi) ?? [];
    if (hex.some((h) => /[a-f]/i.test(h) && /\d/.test(h))) return 'contains a hexadecimal id (container, pod or object id)';
    if (/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.test(value)) return 'contains a UUID';
  }
  return undefined;
}

/** Fields whose value names a process or executable. */
export function isProcessNameField(field: string): boolean {
  return /^proc\.(name|pname|exe|pexe|exepath|pexepath)$|^proc\.(aname|aexe|aexepath)\[\d+\]$/.test(field);
}

/** The program name a value refers to: the basename of a path, without a trailing version (python3.11). */
export function programName(value: string): string {
  return value.trim().replace(/^.*\//, '');
}

/**
 * True when the value names a general-purpose program (shell, interpreter, web server, coreutil,
 * download or privilege tool): allow-listing it by name silences anything run through it.
 */
export function isNeverAllowProgram(value: string): boolean {
  const name = programName(value);
  return NEVER_ALLOW_LIST.has(name) || NEVER_ALLOW_LIST.has(name.replace(/[\d.]+$/, ''));
}
