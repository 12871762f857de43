import type { Alert } from '../../../model';
import { lookupTable } from '../../lookupTable';
import { fieldText } from '../../fieldValue';

/**
 * Pure readers of the values a gcp_auditlog alert carries. The plugin prints the caller, the
 * authorization checks and the raw request as JSON text; these helpers turn them into the few
 * sentences an analyst wants said. Nothing here claims what the alert does not contain.
 */

type Json = unknown;
type JsonObject = Record<string, Json>;

export function parseJson(text: string | undefined): Json {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'null') return undefined;
  try {
    return JSON.parse(trimmed) as Json;
  } catch {
    return undefined;
  }
}

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Key names compare without case and underscores, so `include_permissions` matches `includePermissions`. */
function normKey(key: string): string {
  return key.replace(/_/g, '').toLowerCase();
}

/** First value stored under any of `keys`, searching the JSON tree depth-first. */
export function findKey(root: Json, ...keys: string[]): Json {
  const wanted = new Set(keys.map(normKey));
  const stack: Json[] = [root];
  let guard = 0;
  while (stack.length > 0 && guard++ < 5000) {
    const node = stack.shift();
    if (Array.isArray(node)) {
      stack.push(...node);
    } else if (isObject(node)) {
      for (const [k, v] of Object.entries(node)) {
        if (wanted.has(normKey(k))) return v;
      }
      stack.push(...Object.values(node));
    }
  }
  return undefined;
}

export function asString(value: Json): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function asStringList(value: Json): string[] {
  if (Array.isArray(value)) return value.map(asString).filter((v): v is string => v !== undefined);
  const single = asString(value);
  return single === undefined ? [] : [single];
}

/** The raw request (gcp.request) as JSON, when the alert carries one. */
export function request(alert: Alert): Json {
  return parseJson(fieldText(alert, 'gcp.request'));
}

/** Short list for prose: "a, b, c and 4 more". */
export function listText(items: readonly string[], max = 4): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

// ---------------------------------------------------------------------------------------------
// Caller: principal, source address, client

const MASKED = /^[*x.\-=]+$/i;

/** What kind of principal gcp.user is, in one sentence, or undefined for an ordinary user account. */
export function describePrincipal(user: string, projectId: string | undefined): string | undefined {
  const email = user.toLowerCase();
  const at = email.lastIndexOf('@');
  const local = at >= 0 ? email.slice(0, at) : email;
  const domain = at >= 0 ? email.slice(at + 1) : '';
  if (domain === 'developer.gserviceaccount.com' && local.endsWith('-compute')) {
    return `gcp.user ${user} is the default Compute Engine service account: the call came from software on a VM (or a stolen VM token), not from a person.`;
  }
  if (domain === 'appspot.gserviceaccount.com') {
    return `gcp.user ${user} is the App Engine default service account, which Cloud Functions (1st gen) and App Engine run as unless told otherwise.`;
  }
  if (domain === 'cloudservices.gserviceaccount.com') {
    return `gcp.user ${user} is the Google APIs service agent, used by Google-run automation such as managed instance groups and Deployment Manager.`;
  }
  if (domain === 'cloudbuild.gserviceaccount.com') {
    return `gcp.user ${user} is the legacy Cloud Build service account: the change was made by a build; check which trigger or build ran at that time.`;
  }
  if (local.startsWith('service-') && domain.endsWith('.gserviceaccount.com')) {
    const agent = /^gcp-sa-([a-z0-9-]+)\.iam\.gserviceaccount\.com$/.exec(domain);
    const which = agent?.[1] !== undefined ? ` for ${agent[1]}` : '';
    return `gcp.user ${user} is a Google-managed service agent${which}: Google performed the call on behalf of a configured service.`;
  }
  const sa = /^[a-z0-9-]+@([a-z0-9-]+)\.iam\.gserviceaccount\.com$/.exec(email);
  if (sa !== null) {
    const home = sa[1] ?? '';
    if (projectId !== undefined && !MASKED.test(projectId) && home !== projectId.toLowerCase()) {
      return `gcp.user ${user} is a service account that belongs to project ${home}, not to ${projectId}: a cross-project grant lets it act here.`;
    }
    return `gcp.user ${user} is a user-managed service account: find the workload or pipeline that holds its credentials.`;
  }
  if (domain === 'gmail.com' || domain === 'googlemail.com') {
    return `gcp.user ${user} is a consumer Gmail account, not an identity managed by your organization's Cloud Identity or Workspace.`;
  }
  return undefined;
}

function ipv4(text: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (m === null) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : undefined;
}

/** One sentence about gcp.callerIP, or undefined when the value says nothing in particular. */
export function describeCallerIp(ip: string): string | undefined {
  const value = ip.trim();
  if (value === 'gce-internal-ip') {
    return 'gcp.callerIP is gce-internal-ip: the request came from a Compute Engine VM over its internal address, so the credentials were used from inside your VPC.';
  }
  if (value === 'private') {
    return 'gcp.callerIP is private: the request came from a private network path (for example Private Google Access), not from the internet.';
  }
  const v4 = ipv4(value);
  if (v4 === undefined) return undefined;
  const [a = 0, b = 0] = v4;
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) {
    return `gcp.callerIP=${value} is an RFC 1918 private address: the call came from inside a VPC or an interconnected network.`;
  }
  if (a === 100 && b >= 64 && b <= 127) {
    return `gcp.callerIP=${value} is in the carrier-grade NAT range 100.64.0.0/10.`;
  }
  if (a === 127 || (a === 169 && b === 254) || a === 0) return undefined;
  return `gcp.callerIP=${value} is a public address: compare it with your corporate egress, VPN and CI runner ranges.`;
}

/** Which client gcp.userAgent names, or undefined when it is not recognisable. */
export function describeUserAgent(agent: string): string | undefined {
  const ua = agent.toLowerCase();
  if (ua.includes('terraform')) return 'gcp.userAgent shows Terraform: an infrastructure-as-code run, which should match a reviewed plan.';
  if (ua.includes('pulumi')) return 'gcp.userAgent shows Pulumi: an infrastructure-as-code run, which should match a reviewed change.';
  if (ua.includes('cnrm') || ua.includes('config-connector')) {
    return 'gcp.userAgent shows Config Connector: the change was reconciled from a Kubernetes resource.';
  }
  if (ua.includes('google-cloud-sdk') || ua.includes('gcloud/')) {
    const command = /command\/(gcloud\.[a-z0-9._-]+)/.exec(ua)?.[1];
    return command !== undefined
      ? `gcp.userAgent shows the gcloud CLI running ${command}.`
      : 'gcp.userAgent shows the gcloud CLI: someone or a script ran it with these credentials.';
  }
  if (ua.includes('gsutil')) return 'gcp.userAgent shows gsutil.';
  if (ua.startsWith('mozilla/')) {
    return 'gcp.userAgent is a web browser: the change was made interactively in the Cloud Console.';
  }
  if (ua.startsWith('curl/') || ua.includes('python-requests') || ua.startsWith('go-http-client')) {
    return 'gcp.userAgent is a raw HTTP client (curl, python-requests or Go net/http): hand-built API calls are rare for administrators and common in attack tooling.';
  }
  return undefined;
}

interface AuthCheck {
  permission?: string;
  granted?: boolean;
  resource?: string;
}

export function authorizationChecks(alert: Alert): AuthCheck[] {
  const parsed = parseJson(fieldText(alert, 'gcp.authorizationInfo'));
  const list = Array.isArray(parsed) ? parsed : isObject(parsed) ? [parsed] : [];
  return list.filter(isObject).map((entry) => {
    const attrs = entry['resourceAttributes'];
    const resource =
      asString(entry['resource']) ?? (isObject(attrs) ? asString(attrs['name']) : undefined);
    const check: AuthCheck = {};
    const permission = asString(entry['permission']);
    if (permission !== undefined) check.permission = permission;
    if (typeof entry['granted'] === 'boolean') check.granted = entry['granted'];
    if (resource !== undefined) check.resource = resource;
    return check;
  });
}

/** Observations every GCP playbook makes: principal, source, client, denied checks, target. */
export function observeCaller(alert: Alert): string[] {
  const notes: string[] = [];
  const user = fieldText(alert, 'gcp.user');
  if (user === undefined) {
    notes.push('gcp.user is empty: the audit entry carried no principal email, so take the identity from the full log entry.');
  } else {
    const who = describePrincipal(user, fieldText(alert, 'gcp.projectId'));
    if (who !== undefined) notes.push(who);
  }
  const ip = fieldText(alert, 'gcp.callerIP');
  const where = ip === undefined ? undefined : describeCallerIp(ip);
  if (where !== undefined) notes.push(where);
  const agent = fieldText(alert, 'gcp.userAgent');
  const client = agent === undefined ? undefined : describeUserAgent(agent);
  if (client !== undefined) notes.push(client);

  const checks = authorizationChecks(alert);
  const denied = checks.filter((c) => c.granted === false);
  if (denied.length > 0) {
    const perms = [...new Set(denied.map((c) => c.permission ?? 'unknown permission'))];
    notes.push(
      `authorizationInfo shows ${listText(perms)} denied: the call was refused, so this is an attempt that did not take effect; look for the same principal probing other permissions.`,
    );
  }
  const resources = [...new Set(checks.map((c) => c.resource).filter((r): r is string => r !== undefined))];
  if (resources.length > 0) notes.push(`Target per authorizationInfo: ${listText(resources, 3)}.`);
  return notes;
}

// ---------------------------------------------------------------------------------------------
// IAM bindings (policy deltas and full policies)

const PUBLIC_MEMBERS: Record<string, string> = lookupTable({
  allusers: 'anyone on the internet, without signing in',
  allauthenticatedusers: 'any signed-in Google account, including ones outside your organization',
});

const POWERFUL_ROLES = new Set([
  'roles/owner',
  'roles/editor',
  'roles/iam.securityadmin',
  'roles/resourcemanager.projectiamadmin',
  'roles/iam.serviceaccountadmin',
  'roles/iam.serviceaccountkeyadmin',
  'roles/iam.serviceaccounttokencreator',
  'roles/iam.serviceaccountuser',
  'roles/iam.roleadmin',
  'roles/iam.workloadidentitypooladmin',
  'roles/storage.admin',
  'roles/compute.admin',
  'roles/cloudfunctions.admin',
  'roles/cloudkms.admin',
  'roles/logging.admin',
  'roles/bigquery.admin',
  'roles/cloudsql.admin',
]);

function memberDomain(member: string): string | undefined {
  const m = /^(?:user|group|domain):(?:[^@]*@)?(.+)$/i.exec(member);
  return m?.[1]?.toLowerCase();
}

function callerDomain(alert: Alert): string | undefined {
  const user = fieldText(alert, 'gcp.user');
  const at = user?.lastIndexOf('@') ?? -1;
  if (user === undefined || at < 0) return undefined;
  const domain = user.slice(at + 1).toLowerCase();
  return domain.endsWith('gserviceaccount.com') ? undefined : domain;
}

interface Binding {
  action?: string;
  role: string;
  member: string;
}

/** Sentences about a set of bindings: public members, powerful roles, outside members. */
export function bindingNotes(alert: Alert, bindings: readonly Binding[]): string[] {
  const notes: string[] = [];
  const home = callerDomain(alert);
  for (const b of bindings) {
    const adding = b.action === undefined || b.action.toUpperCase() === 'ADD';
    const verb = b.action === undefined ? 'holds' : adding ? 'adds' : 'removes';
    const who = PUBLIC_MEMBERS[b.member.toLowerCase()];
    if (who !== undefined) {
      if (b.action === undefined) notes.push(`The submitted policy grants ${b.role} to ${b.member}: ${who}.`);
      else if (adding) notes.push(`The change grants ${b.role} to ${b.member}: ${who}.`);
      else notes.push(`The change removes ${b.role} from ${b.member}, withdrawing that public access.`);
      continue;
    }
    const domain = memberDomain(b.member);
    if (adding && (domain === 'gmail.com' || domain === 'googlemail.com')) {
      notes.push(`${b.role} goes to ${b.member}, a consumer Gmail account outside your organization.`);
    } else if (adding && domain !== undefined && home !== undefined && domain !== home && !domain.endsWith('gserviceaccount.com')) {
      notes.push(`${b.role} goes to ${b.member}, whose domain differs from the caller's (${home}).`);
    } else if (POWERFUL_ROLES.has(b.role.toLowerCase())) {
      notes.push(
        b.action === undefined
          ? `The submitted policy gives ${b.role} to ${b.member}.`
          : `The change ${verb} ${b.role} ${adding ? 'for' : 'from'} ${b.member}.`,
      );
    } else if (adding && /^(projects|organizations)\/[^/]+\/roles\//.test(b.role)) {
      notes.push(`The change grants custom role ${b.role} to ${b.member}: read its permissions, a custom role can hide powerful ones behind a bland name.`);
    }
  }
  return notes;
}

/** Bindings from gcp.policyDelta (a JSON array of {action, member, role}). */
export function policyDeltaBindings(alert: Alert): Binding[] {
  const parsed = parseJson(fieldText(alert, 'gcp.policyDelta'));
  if (!Array.isArray(parsed)) return [];
  const out: Binding[] = [];
  for (const entry of parsed) {
    if (!isObject(entry)) continue;
    const role = asString(entry['role']);
    const member = asString(entry['member']);
    if (role === undefined || member === undefined) continue;
    const action = asString(entry['action']);
    out.push(action === undefined ? { role, member } : { action, role, member });
  }
  return out;
}

/** Bindings of a full policy in a SetIamPolicy request (gcp.request). */
export function requestPolicyBindings(alert: Alert): Binding[] {
  const bindings = findKey(request(alert), 'bindings');
  if (!Array.isArray(bindings)) return [];
  const out: Binding[] = [];
  for (const entry of bindings) {
    if (!isObject(entry)) continue;
    const role = asString(entry['role']);
    if (role === undefined) continue;
    for (const member of asStringList(entry['members'])) out.push({ role, member });
  }
  return out;
}

/** Policy-change observations: from the delta when the alert has it, else from the request. */
export function observePolicyChange(alert: Alert): string[] {
  const delta = policyDeltaBindings(alert);
  if (delta.length > 0) return bindingNotes(alert, delta);
  return bindingNotes(alert, requestPolicyBindings(alert));
}

// ---------------------------------------------------------------------------------------------
// Misc

/** The operation a compute request names in its @type, e.g. compute.firewalls.patch. */
export function requestOperation(alert: Alert): string | undefined {
  const parsed = request(alert);
  const type = isObject(parsed) ? asString(parsed['@type']) : undefined;
  if (type === undefined) return undefined;
  const slash = type.lastIndexOf('/');
  return slash >= 0 ? type.slice(slash + 1) : type;
}

export function isObjectValue(value: Json): value is JsonObject {
  return isObject(value);
}

/** Combine the caller notes with rule-specific notes (rule-specific first). */
export function withCaller(specific: (alert: Alert) => string[]): (alert: Alert) => string[] {
  return (alert) => [...specific(alert), ...observeCaller(alert)];
}
