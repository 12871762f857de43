import { okta, quotedField } from '../../commands';
import type { Alert } from '../../../model';
import type { CommandTemplate, Playbook } from '../../types';
import {
  observeOkta,
  oktaActorActivity,
  oktaIpActivity,
  oktaLog,
  oktaTargetActivity,
} from './helpers';
import { CAPTURE_FIRST } from '../captureFirst';

const adminAssignees: CommandTemplate = {
  title: 'List every user that holds an Okta admin role now',
  command: okta.get('iam/assignees/users'),
};

const apiTokens: CommandTemplate = {
  title: 'List the active API tokens with their owner, creation date and network restriction',
  command: okta.get('api-tokens', [], '.[] | [.id, .name, .userId, .clientName, .created, .network.connection] | @tsv'),
};

/** The upstream rule reuses the lockout output text for privilege grants. */
function observePrivilegeGrant(alert: Alert): string[] {
  const notes = observeOkta(alert);
  if (/locked out/i.test(alert.output)) {
    notes.push(
      'The output text says a user was locked out: the upstream rule reuses that message, but the event is an admin privilege grant (user.account.privilege.grant).',
    );
  }
  return notes;
}

export const OKTA_PRIVILEGE_PLAYBOOKS: Playbook[] = [
  {
    id: 'okta-admin-permission-granted',
    title: 'Admin permission has been assigned to a user in OKTA',
    rules: ['Admin permission has been assigned to a user in OKTA'],
    family: 'okta',
    detects:
      'An event of type user.account.privilege.grant: okta.actor.name gave an administrator role to okta.target.user.name.',
    whyItMatters:
      'An Okta admin role controls identities for every connected application: it can reset passwords and MFA, assign apps, and create tokens. Granting it to a second account is how intruders who reached one admin make their access permanent.',
    benignCauses: [
      'A new member of the IT or identity team receiving a role through a change request.',
      'Temporary elevation for a project or an access-request workflow.',
    ],
    distinguish: [
      'Is there a ticket for okta.target.user.name getting this role? A grant to a recently created or rarely used account is the classic backdoor.',
      'Check okta.client.ip and the recent sign-in of okta.actor.name: a new device or address for the granting admin suggests the admin session itself is compromised.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.okta, 'Revoke the role from the target if unapproved, clear its sessions, and investigate the granting admin\'s session.'],
      shortTerm: ['Review every admin assignment and reduce Super Admins to a small named group.'],
      longTerm: [
        'Grant admin roles only through time-bound access requests, and require phishing-resistant MFA in the Okta Admin Console sign-on policy.',
      ],
    },
    investigate: [oktaActorActivity, oktaTargetActivity, adminAssignees],
    tuningFields: ['okta.actor.name', 'okta.target.user.name'],
    observe: observePrivilegeGrant,
  },
  {
    id: 'okta-api-token-created',
    title: 'Creating a new OKTA API token',
    rules: ['Creating a new OKTA API token'],
    family: 'okta',
    detects: 'An event of type system.api_token.create: okta.actor.name created an SSWS API token from okta.client.ip.',
    whyItMatters:
      'An API token acts with its creator\'s admin rights, needs no MFA, and keeps working after the creator\'s password is reset; it is one of the most durable footholds in an Okta org.',
    benignCauses: [
      'Setting up an integration (SIEM collector, HR sync, provisioning script) that still uses SSWS tokens.',
      'Rotating an existing integration token.',
    ],
    distinguish: [
      'Is the token tied to a known integration project? Check its name and owner in the token list.',
      'Is okta.client.ip the admin\'s usual address? A token created from a new address shortly after an unusual sign-in is highly suspicious.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.okta, 'Revoke tokens nobody can account for, from the API Tokens page of the Admin Console or with a DELETE on the token id under /api/v1/api-tokens.'],
      shortTerm: ['Restrict remaining tokens to known network zones and to service accounts with minimal roles.'],
      longTerm: ['Replace SSWS tokens with OAuth 2.0 service apps using scoped, short-lived access tokens.'],
    },
    investigate: [apiTokens, oktaActorActivity, oktaIpActivity],
    tuningFields: ['okta.actor.name', 'okta.client.ip'],
    observe: observeOkta,
  },
  {
    id: 'okta-admin-console-access',
    title: 'User accessing OKTA admin section',
    rules: ['User accessing OKTA admin section'],
    family: 'okta',
    detects: 'An event of type user.session.access_admin_app: okta.actor.name opened the Okta Admin Console from okta.client.ip.',
    whyItMatters:
      'The Admin Console is where identities, MFA and app access are changed; an admin session in the wrong hands, often a hijacked session cookie, is a full identity-provider compromise.',
    benignCauses: ['Administrators doing their daily work.', 'Help-desk staff with limited admin roles resetting users.'],
    distinguish: [
      'Is okta.actor.name supposed to have any admin role? Console access by a non-admin means a role was granted recently.',
      'Is okta.client.ip the admin\'s usual address and country? A new address, particularly right after a sign-in elsewhere, can mean a stolen session.',
    ],
    mitigations: {
      immediate: ['If the address is unknown, clear the admin\'s sessions and reset their password and factors.'],
      shortTerm: ['Bind admin sessions to network zones or managed devices in the Admin Console sign-on policy.'],
      longTerm: ['Require phishing-resistant MFA for the Admin Console and keep admin roles few and time-bound.'],
    },
    investigate: [oktaActorActivity, oktaIpActivity, adminAssignees],
    tuningFields: ['okta.actor.name', 'okta.client.ip'],
    observe: observeOkta,
  },
  {
    id: 'okta-group-membership-added',
    title: 'Adding user in OKTA group',
    rules: ['Adding user in OKTA group'],
    family: 'okta',
    detects:
      'An event of type group.user_membership.add: okta.actor.name added okta.target.user.name to the group okta.target.group.name. Disabled by default.',
    whyItMatters:
      'Groups carry app assignments and often admin roles; adding an account to the right group is a quiet way to grant access to AWS, GitHub or the Okta admin itself.',
    benignCauses: [
      'Group rules and directory sync (actor Okta System) moving users by attribute.',
      'Access requests approved by an app owner.',
    ],
    distinguish: [
      'What does okta.target.group.name grant? Admin roles or production access make the change sensitive.',
      'Check okta.actor.name: automated membership is routine; a manual add to a privileged group needs a ticket.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.okta, 'Revoke the membership if unapproved and review what the user accessed through the group.'],
      shortTerm: ['Make privileged groups managed only by group rules or an access-request workflow.'],
      longTerm: ['Assign admin roles to a few dedicated groups and review their membership regularly.'],
    },
    investigate: [
      oktaLog(
        'List recent membership changes of the same group',
        [`filter=eventType sw "group.user_membership" and target.displayName eq `, quotedField('okta.target.group.name')],
      ),
      oktaTargetActivity,
      oktaActorActivity,
    ],
    tuningFields: ['okta.actor.name', 'okta.target.group.name'],
    observe: observeOkta,
  },
  {
    id: 'okta-app-membership-added',
    title: 'Adding user to application membership in OKTA',
    rules: ['Adding user to application membership in OKTA'],
    family: 'okta',
    detects:
      'An event of type application.user_membership.add: okta.actor.name assigned okta.target.user.name to the application okta.target.app.alternateid. Disabled by default.',
    whyItMatters:
      'An app assignment is what lets an identity sign in to that application through SSO; assigning a controlled account to a sensitive app (cloud console, code hosting, finance) grants access without touching the app itself.',
    benignCauses: [
      'Assignments made by group membership or provisioning rules.',
      'Access requests approved by the app owner.',
    ],
    distinguish: [
      'How sensitive is okta.target.app.alternateid, and does okta.target.user.name\'s role need it?',
      'Was it assigned by Okta System through a group, or by a person directly? Direct assignments bypass the group-based process.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.okta, 'Revoke unapproved assignments and check the app\'s own logs for what the user did.'],
      shortTerm: ['Assign sensitive apps only through groups with owners.'],
      longTerm: ['Require an access-request approval for sensitive applications.'],
    },
    investigate: [oktaTargetActivity, oktaActorActivity],
    tuningFields: ['okta.actor.name', 'okta.target.app.alternateid'],
    observe: observeOkta,
  },
  {
    id: 'okta-impersonation-initiated',
    title: 'User initiating impersonation session in OKTA',
    rules: ['User initiating impersonation session in OKTA'],
    family: 'okta',
    detects:
      'An event of type user.session.impersonation.initiate: okta.actor.name started a session acting as okta.target.user.name, the mechanism used by Okta support to access an org.',
    whyItMatters:
      'An impersonation session acts with the target\'s rights, typically an administrator, so whoever initiates it can change the org as that admin. Okta\'s own support environment has been a breach vector before, so unexplained support sessions deserve scrutiny.',
    benignCauses: ['An open support case for which an administrator granted Okta Support access.'],
    distinguish: [
      'Look for a preceding user.session.impersonation.grant by one of your administrators and an open support case; without both, treat it as an incident.',
      'Review what was done in the impersonated session and whether okta.client.ip fits the support provider.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.okta, 'Revoke Okta Support access in the Admin Console and clear the target\'s sessions if the session was not expected.'],
      shortTerm: ['Review every change made during the session.'],
      longTerm: ['Grant support access only for the time of a case and review grants in every incident postmortem.'],
    },
    investigate: [
      oktaLog(
        'List recent impersonation grants, starts and ends in the org',
        'filter=eventType sw "user.session.impersonation"',
      ),
      oktaTargetActivity,
      oktaIpActivity,
    ],
    tuningFields: ['okta.actor.name', 'okta.target.user.name'],
    observe: observeOkta,
  },
  {
    id: 'okta-admin-password-reset',
    title: 'User password reset by OKTA admin',
    rules: ['User password reset by OKTA admin'],
    family: 'okta',
    detects: 'An event of type user.account.reset_password: okta.actor.name reset the password of okta.target.user.name.',
    whyItMatters:
      'Help-desk password resets are a favourite takeover route: an attacker who talks or phishes their way to a reset, or controls an admin, receives a working password for the target, often followed by an MFA reset.',
    benignCauses: ['A verified help-desk request from a user who forgot the password.', 'Onboarding flows that reset a temporary password.'],
    distinguish: [
      'Is there a ticket from okta.target.user.name, and was the requester\'s identity verified out of band?',
      'Look for an MFA reset and a sign-in from a new address on the target right after the reset; together they are the takeover pattern.',
      'Privileged targets (admins, finance, engineering leads) deserve a callback even with a ticket.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.okta, 'If unverified, suspend the target, clear its sessions, reset password and factors with the real owner present.'],
      shortTerm: ['Review the actor\'s other resets in the same shift.'],
      longTerm: ['Require strong identity verification (video or manager approval) for help-desk resets of privileged users.'],
    },
    investigate: [oktaTargetActivity, oktaActorActivity, oktaIpActivity],
    tuningFields: ['okta.actor.name'],
    observe: observeOkta,
  },
];
