import { quotedField } from '../../commands';
import type { Playbook } from '../../types';
import {
  observeOkta,
  oktaActorActivity,
  oktaIpActivity,
  oktaLog,
  oktaTargetActivity,
} from './helpers';
import { CAPTURE_FIRST } from '../captureFirst';

const ACTOR_IS_ADMIN_OR_SYSTEM =
  'Check okta.actor.name: Okta System or your HR/directory integration acting is routine provisioning; an individual admin doing it by hand should match a ticket.';

export const OKTA_LIFECYCLE_PLAYBOOKS: Playbook[] = [
  {
    id: 'okta-user-created',
    title: 'Creating a new OKTA user account',
    rules: ['Creating a new OKTA user account'],
    family: 'okta',
    detects:
      'An Okta System Log event of type user.lifecycle.create: okta.actor.name created the account okta.target.user.name. Disabled by default.',
    whyItMatters:
      'An extra Okta account is a persistent identity that can sign in to every application it gets assigned, survives password resets of the compromised admin, and blends in with ordinary joiners.',
    benignCauses: [
      'Joiners provisioned from the HR system or an Active Directory/LDAP import.',
      'An administrator creating a contractor or service account.',
    ],
    distinguish: [
      ACTOR_IS_ADMIN_OR_SYSTEM,
      'Check okta.target.user.name against HR records and naming conventions; then see whether it was quickly added to admin groups, privileged apps or granted a role.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.okta, 'If nobody expects the account, suspend it and clear its sessions, then review what it was assigned.'],
      shortTerm: ['Review the actor\'s other admin actions in the same session.'],
      longTerm: ['Provision accounts only from the HR source of truth and restrict the user-admin role to the provisioning integration and a few named admins.'],
    },
    investigate: [oktaActorActivity, oktaTargetActivity],
    tuningFields: ['okta.actor.name'],
    observe: observeOkta,
  },
  {
    id: 'okta-user-activated',
    title: 'User has been activated in OKTA',
    rules: ['User has been activated in OKTA'],
    family: 'okta',
    detects:
      'An event of type user.lifecycle.activate: okta.actor.name activated okta.target.user.name, making the account usable. Disabled by default.',
    whyItMatters:
      'Activation is the moment a staged or newly created account becomes able to sign in; an intruder who created a backdoor account activates it to start using it.',
    benignCauses: [
      'Activation of new joiners, often automatic on their start date.',
      'Reactivation of a returning employee.',
    ],
    distinguish: [
      ACTOR_IS_ADMIN_OR_SYSTEM,
      'Check whether okta.target.user.name was created by the same actor moments earlier and whether it then signed in from okta.client.ip or another unusual address.',
    ],
    mitigations: {
      immediate: ['Suspend an account nobody can vouch for and clear its sessions.'],
      shortTerm: ['Confirm the account with HR or its manager.'],
      longTerm: ['Drive activation from the HR start date rather than manual admin action.'],
    },
    investigate: [oktaTargetActivity, oktaActorActivity, oktaIpActivity],
    tuningFields: ['okta.actor.name'],
    observe: observeOkta,
  },
  {
    id: 'okta-user-deactivated',
    title: 'User has been deactivated in OKTA',
    rules: ['User has been deactivated in OKTA'],
    family: 'okta',
    detects:
      'An event of type user.lifecycle.deactivate: okta.actor.name deactivated okta.target.user.name, removing its access and app assignments. Disabled by default.',
    whyItMatters:
      'Deactivating accounts locks people out: intruders use it against administrators and responders to slow the response, or to erase a temporary account once it has served its purpose.',
    benignCauses: [
      'Leavers processed from the HR system.',
      'Cleanup of stale or duplicate accounts.',
    ],
    distinguish: [
      ACTOR_IS_ADMIN_OR_SYSTEM,
      'Is okta.target.user.name an administrator or a member of the security team? Deactivation of privileged people without an HR event is an incident.',
      'Several deactivations in a row by the same actor point to sabotage.',
    ],
    mitigations: {
      immediate: ['Reactivate wrongly deactivated accounts and contain the actor if it was not a sanctioned change.'],
      shortTerm: ['Keep at least two break-glass super admins that the ordinary admin roles cannot deactivate.'],
      longTerm: ['Restrict lifecycle actions on admin accounts to super admins, with change approval.'],
    },
    investigate: [oktaActorActivity, oktaTargetActivity],
    tuningFields: ['okta.actor.name'],
    observe: observeOkta,
  },
  {
    id: 'okta-user-suspended',
    title: 'User has been suspended in OKTA',
    rules: ['User has been suspended in OKTA'],
    family: 'okta',
    detects:
      'An event whose type equals user.lifecycle.suspended, where okta.actor.name suspended okta.target.user.name. Okta publishes suspensions as user.lifecycle.suspend, so check that this condition matches your events before relying on it.',
    whyItMatters:
      'A suspension blocks sign-in while keeping the account intact. Done by an intruder it silences a responder or the real owner of an account they are using; done by your team it is often the first containment step.',
    benignCauses: [
      'Containment of an account by the security team.',
      'Leave of absence or a pending investigation by HR.',
    ],
    distinguish: [
      ACTOR_IS_ADMIN_OR_SYSTEM,
      'Is there a ticket or incident for okta.target.user.name? Suspensions of admins or responders with none are suspicious.',
    ],
    mitigations: {
      immediate: ['Unsuspend wrongly suspended users and review the actor\'s session if the change was not sanctioned.'],
      shortTerm: ['Check whether other admins were suspended or deactivated by the same actor.'],
      longTerm: ['Limit who holds user-lifecycle admin rights and monitor those changes on privileged accounts.'],
    },
    investigate: [oktaActorActivity, oktaTargetActivity],
    tuningFields: ['okta.actor.name'],
    observe: observeOkta,
  },
  {
    id: 'okta-user-unsuspended',
    title: 'User has been moved from suspended status in OKTA.',
    rules: ['User has been moved from suspended status in OKTA.'],
    family: 'okta',
    detects:
      'An event of type user.lifecycle.unsuspend: okta.actor.name lifted the suspension of okta.target.user.name. Disabled by default.',
    whyItMatters:
      'Unsuspending revives an account that was blocked, sometimes on purpose during an investigation; an intruder with admin rights can restore an account that was contained.',
    benignCauses: ['A user returning from leave.', 'The end of an investigation that cleared the user.'],
    distinguish: [
      'Who suspended okta.target.user.name and why? If it was suspended for security reasons, lifting it without the incident owner\'s approval is suspicious.',
      'Check okta.client.ip and whether the account signed in from an unusual address right after.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.okta, 'Re-suspend the account if the incident it was suspended for is still open.'],
      shortTerm: ['Confirm the change with the incident owner or HR.'],
      longTerm: ['Tag security suspensions (for example in the profile) and require security approval to lift them.'],
    },
    investigate: [oktaTargetActivity, oktaActorActivity],
    tuningFields: ['okta.actor.name'],
    observe: observeOkta,
  },
  {
    id: 'okta-user-locked-out',
    title: 'User has been locked out in OKTA',
    rules: ['User has been locked out in OKTA'],
    family: 'okta',
    detects:
      'An event of type user.account.lock: the account okta.actor.name reached the failed sign-in limit and Okta locked it; okta.client.ip is where the last attempt came from.',
    whyItMatters:
      'Lockouts are the visible edge of password guessing and credential stuffing against the account; many across different users from the same address is password spraying.',
    benignCauses: [
      'A user who forgot or recently changed the password, or a device still trying an old one (mail client, VPN, Wi-Fi).',
      'A scripted integration using a stale password.',
    ],
    distinguish: [
      'Check okta.client.ip: the user\'s usual address, office or VPN suggests a typo or stale device; a hosting provider, proxy or foreign country suggests guessing.',
      'Look at the failed sign-ins from okta.client.ip: one user repeatedly is guessing or a stale device; many users is spraying.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.okta, 'If the attempts come from an unknown address, block it with an Okta network zone and keep the account locked until the user is contacted.'],
      shortTerm: ['Confirm the user\'s password is not reused or leaked, and reset it if in doubt.'],
      longTerm: ['Move the user to phishing-resistant or passwordless authentication so passwords alone cannot be guessed into a session.'],
    },
    investigate: [
      oktaIpActivity,
      oktaLog(
        'List the failed sign-ins of the same user',
        [`filter=eventType eq "user.session.start" and outcome.result eq "FAILURE" and actor.displayName eq `, quotedField('okta.actor.name')],
      ),
      oktaActorActivity,
    ],
    tuningFields: ['okta.actor.name', 'okta.client.ip'],
    observe: observeOkta,
  },
];
