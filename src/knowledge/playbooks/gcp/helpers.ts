import type { CommandTemplate } from '../../types';
import { field, gcloud } from '../../commands';

/**
 * Shared pieces of the GCP audit-log playbooks. Every gcp_auditlog rule prints gcp.projectId,
 * gcp.user, gcp.callerIP and gcp.userAgent, so these commands work for all of them.
 */

/**
 * `gcloud logging read` over the alert's project with a filter that is one shell word ending in a
 * single-quoted piece, over the window from `before` the alert (e.g. `-1d`, `-30d`) to an hour after.
 */
export function logRead(title: string, filter: string, before = '-1d', limit = 50, after = '+1h'): CommandTemplate {
  return { title, command: gcloud.loggingRead(filter, { before, after, limit }) };
}

/** A quoted filter fragment matching the alert's principal. */
export const BY_USER = 'protoPayload.authenticationInfo.principalEmail=\'⟦gcp.user|dq⟧\'';

/** Quoted filter: a method-name clause and the principal, e.g. `'protoPayload.methodName="X" AND ...'`. */
export function methodByUser(methodClause: string): string {
  return `'${methodClause} AND ${BY_USER}'`;
}

/** Filter clause for exact method names (one or several). */
export function methodIs(...methods: string[]): string {
  if (methods.length === 1) return `protoPayload.methodName="${methods[0]}"`;
  return `protoPayload.methodName=(${methods.map((m) => `"${m}"`).join(' OR ')})`;
}

/** Filter clause for a method-name substring (compute methods come as v1./beta. prefixed). */
export function methodHas(fragment: string): string {
  return `protoPayload.methodName:"${fragment}"`;
}

export const actorTrail: CommandTemplate = logRead(
  'Everything this principal did in the project in the day before the alert',
  `'${BY_USER}'`,
);

export const callerIpTrail: CommandTemplate = logRead(
  'Every call made from the same source address in the day before the alert, by any principal',
  '\'protoPayload.requestMetadata.callerIp=\'⟦gcp.callerIP|dq⟧',
);

/** Who normally performs this operation: a 30-day baseline of the same method(s). */
export function methodBaseline(clause: string, what: string): CommandTemplate {
  return logRead(
    `Who else performed ${what} in the 30 days before the alert (baseline of normal operators)`,
    `'${clause}'`,
    '-30d',
    100,
  );
}

/** When the caller is a service account: its user-managed keys (a leaked key explains off-GCP use). */
export const callerKeys: CommandTemplate = {
  title: 'If gcp.user is a service account: list its user-managed keys and their creation dates',
  command: gcloud.run('iam service-accounts keys list', { options: { '--iam-account': field('gcp.user'), '--managed-by': 'user' }, project: false }),
};

export const projectIamPolicy: CommandTemplate = {
  title: "Read the project's current IAM policy to see what the principal is allowed to do",
  command: gcloud.run('projects get-iam-policy', { args: [field('gcp.projectId')], options: { '--format': 'json' }, project: false }),
};

/** Distinguish items every GCP audit playbook shares. */
export const COMMON_DISTINGUISH: readonly string[] = [
  'gcp.user: the owning deployment or CI service account is the usual benign actor; a human, a default compute or App Engine account, or another project\'s service account is not.',
  'gcp.userAgent and gcp.callerIP: Terraform or gcloud from CI or corporate egress fits a pipeline; a browser, curl or raw client library from an unfamiliar public address does not.',
];

/** Join the shared distinguish items after the rule-specific ones. */
export function distinguishWith(...specific: string[]): string[] {
  return [...specific, ...COMMON_DISTINGUISH];
}
