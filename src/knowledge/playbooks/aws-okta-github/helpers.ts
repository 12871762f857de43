import type { Alert } from '../../../model';
import { fieldText } from '../../fieldValue';
import type { CommandTemplate } from '../../types';
import type { Arg } from '../../commands';
import { aws, field, gh, okta, quotedField, repeated, word, words } from '../../commands';
import { isPrivateIp } from '../../ip';

export { isPrivateIp };

/* ------------------------------------------------------------------ */
/* AWS CloudTrail                                                      */
/* ------------------------------------------------------------------ */

/** CloudTrail events of the principal in ct.user (IAM users; for roles Username is the session name). */
export const ctEventsByUser: CommandTemplate = {
  title: 'List the recent CloudTrail management events of the same principal',
  command: aws.lookupEvents('Username', field('ct.user')),
};

/** CloudTrail events of one API call name in the alert's region. */
export function ctEventsByName(eventName: string, title: string): CommandTemplate {
  return { title, command: aws.lookupEvents('EventName', eventName) };
}

/** CloudTrail events that touched one named resource (bucket, function, trail ...). */
/** `window`: the shifts from the alert time (default the day before to the hour after). */
export function ctEventsByResource(name: string, title: string, window: { from?: string; to?: string } = {}): CommandTemplate {
  return { title, command: aws.lookupEvents('ResourceName', field(name), window) };
}

/** Everything CloudTrail recorded from the alert's source IP for one event name (jq filters by IP). */
export function ctEventsFromIp(eventName: string, title: string): CommandTemplate {
  return {
    title,
    command: words(
      aws.lookupEvents('EventName', eventName, { output: 'json' }),
      '| jq -r --arg ip',
      word(field('ct.srcip')),
      word('.Events[].CloudTrailEvent | fromjson | select(.sourceIPAddress == $ip) | [.eventTime, .userIdentity.arn, .sourceIPAddress, .userAgent] | @tsv'),
    ),
  };
}

/** Common observations about the CloudTrail principal and source address. */
export function observeCloudTrail(alert: Alert): string[] {
  const notes: string[] = [];
  const srcip = fieldText(alert, 'ct.srcip');
  const user = fieldText(alert, 'ct.user');
  const arn = fieldText(alert, 'ct.user.arn');

  if (srcip) {
    if (srcip === 'AWS Internal') {
      notes.push('ct.srcip is "AWS Internal": AWS itself made the call on the principal\'s behalf, not a client machine.');
    } else if (/\.amazonaws\.com$/i.test(srcip)) {
      notes.push(
        `ct.srcip is the service endpoint ${srcip}: that AWS service made the call for the principal (for example a CloudFormation stack or a service-linked workflow), so look for the stack or automation that drove it.`,
      );
    } else if (isPrivateIp(srcip)) {
      notes.push(
        `ct.srcip ${srcip} is a private address: the call came from inside a VPC (an instance or a VPC endpoint), so the credentials were used from one of your own workloads.`,
      );
    }
  }

  if (user === 'AssumedRole' || user === 'FederatedUser' || user === 'AWSAccount') {
    notes.push(
      `ct.user is the placeholder "${user}": CloudTrail gave no user name for this identity type${user === 'AWSAccount' ? ' (a call from another AWS account)' : ''}, so identify the actor from ct.user.arn or the raw event.`,
    );
  }

  if (arn) {
    if (/:root$/.test(arn)) {
      notes.push('ct.user.arn is the account root user: no IAM policy can restrict what this identity does.');
    }
    const sso = /:assumed-role\/(AWSReservedSSO_[^/]+)\/(.+)$/.exec(arn);
    if (sso) {
      notes.push(
        `ct.user.arn is an IAM Identity Center session (permission set role ${sso[1]}, session ${sso[2]}): the person is the SSO user named by the session.`,
      );
    }
  }
  return notes;
}

/* ------------------------------------------------------------------ */
/* Okta System Log                                                     */
/* ------------------------------------------------------------------ */

/**
 * An Okta System Log query (commands/okta.ts). `filter` is the pieces of one `filter=` word,
 * alert values as `quotedField(...)`: written as the filter's double-quoted string literals, so a
 * `"` in a name cannot end the string and widen the query.
 */
export function oktaLog(title: string, filter: Arg): CommandTemplate {
  return { title, command: okta.logs(filter) };
}

/** The actor's recent System Log activity. */
export const oktaActorActivity: CommandTemplate = oktaLog(
  'List what the same actor did in Okta recently (time, event, login, IP, result)',
  [`filter=actor.displayName eq `, quotedField('okta.actor.name')],
);

/** Everything the source IP did in Okta. */
export const oktaIpActivity: CommandTemplate = oktaLog(
  'List every Okta event from the same client IP, whoever the actor',
  [`filter=client.ipAddress eq `, quotedField('okta.client.ip')],
);

/** Everything that happened to the target user. */
export const oktaTargetActivity: CommandTemplate = oktaLog(
  'List recent events that targeted the same user (resets, factor changes, sessions)',
  [`filter=target.displayName eq `, quotedField('okta.target.user.name')],
);

/** The actor's events of one type. */
export function oktaActorEvents(eventType: string, title: string): CommandTemplate {
  return oktaLog(title, [`filter=eventType eq "${eventType}" and actor.displayName eq `, quotedField('okta.actor.name')]);
}

/** Common observations about the Okta actor, target and client. */
export function observeOkta(alert: Alert): string[] {
  const notes: string[] = [];
  const actor = fieldText(alert, 'okta.actor.name');
  const target = fieldText(alert, 'okta.target.user.name');
  const ip = fieldText(alert, 'okta.client.ip');

  if (actor === 'Okta System') {
    notes.push('okta.actor.name is "Okta System": Okta performed this itself (a lifecycle policy, automation or import), not a person.');
  }
  if (actor && target && actor === target) {
    notes.push(`okta.actor.name and okta.target.user.name are both ${actor}: the user acted on their own account.`);
  }
  if (ip && isPrivateIp(ip)) {
    notes.push(
      `okta.client.ip ${ip} is a private address: Okta saw an internal address, which usually means an on-premises agent or a proxy that forwards the client address.`,
    );
  }
  return notes;
}

/* ------------------------------------------------------------------ */
/* GitHub                                                              */
/* ------------------------------------------------------------------ */

/** The repository as GitHub sees it now (visibility, owner, timestamps). */
export const ghRepoView: CommandTemplate = {
  title: 'Show the repository now: visibility, owner, creation and last push',
  command: gh.api(['repos/', field('github.repo.name', 'repo')], { '--jq': '.full_name, .visibility, .created_at, .pushed_at' }),
};

/** Organization audit log entries about the repository (GitHub Enterprise Cloud). */
export const ghRepoAudit: CommandTemplate = {
  title: 'Read the organization audit log for the repository (GitHub Enterprise Cloud)',
  command: gh.api(['orgs/', field('github.org', 'segment'), '/audit-log'], { '--method': 'GET', '--raw-field': repeated(['phrase=repo:', field('github.repo.name')], 'per_page=50') }),
};

/** Organization audit log entries of the acting user (GitHub Enterprise Cloud). */
export const ghActorAudit: CommandTemplate = {
  title: 'Read what the same user did across the organization (GitHub Enterprise Cloud audit log)',
  command: gh.api(['orgs/', field('github.org', 'segment'), '/audit-log'], { '--method': 'GET', '--raw-field': repeated(['phrase=actor:', field('github.user')], 'per_page=50') }),
};

/** The acting account: type, age, and whether it is a bot. */
export const ghUserProfile: CommandTemplate = {
  title: 'Look up the acting account: type (User or Bot), creation date, profile',
  command: gh.api(['users/', field('github.user', 'segment')]),
};

/** Common observations about the GitHub actor and ownership. */
export function observeGithub(alert: Alert): string[] {
  const notes: string[] = [];
  const user = fieldText(alert, 'github.user');
  const owner = fieldText(alert, 'github.owner');
  const org = fieldText(alert, 'github.org');
  const repo = fieldText(alert, 'github.repo.name');

  if (user && /\[bot\]$/i.test(user)) {
    notes.push(`github.user ${user} is a GitHub App or bot identity, so an integration acted, not a person typing.`);
  }
  if (repo && !org) {
    notes.push(`github.org is empty: ${repo} belongs to a personal account, outside any organization policy or audit log.`);
  }
  if (user && owner && !org && user.toLowerCase() !== owner.toLowerCase() && !/\[bot\]$/i.test(user)) {
    notes.push(`github.user ${user} is not the owner ${owner} of this personal repository: a collaborator acted on it.`);
  }
  return notes;
}
