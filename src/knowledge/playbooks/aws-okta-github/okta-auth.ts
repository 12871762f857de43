import { quotedField } from '../../commands';
import type { Alert } from '../../../model';
import { fieldText } from '../../fieldValue';
import type { Playbook } from '../../types';
import { observeOkta, oktaActorActivity, oktaActorEvents, oktaIpActivity, oktaLog } from './helpers';
import { CAPTURE_FIRST } from '../captureFirst';

const FAILURE_COUNT = 'okta.mfa.failure.countlast[300]';
const DENY_COUNT = 'okta.mfa.deny.countlast[300]';

/** The plugin's 5-minute counters: say how far above the threshold of 3 the alert is. */
function observeMfaCount(field: string, what: string) {
  return (alert: Alert): string[] => {
    const notes = observeOkta(alert);
    const raw = fieldText(alert, field);
    const count = raw === undefined ? NaN : Number(raw);
    if (Number.isFinite(count) && count >= 10) {
      notes.push(`${count} ${what} in five minutes is far above the threshold of 3: this is sustained and automated, not a user fumbling.`);
    } else if (Number.isFinite(count) && count > 3) {
      notes.push(`${count} ${what} in five minutes: the rule fires again on every event past the third, so expect a series of alerts for one burst.`);
    }
    const reason = fieldText(alert, 'okta.reason');
    if (reason) notes.push(`Okta gave the reason "${reason}" for the last event (okta.reason).`);
    return notes;
  };
}

export const OKTA_AUTH_PLAYBOOKS: Playbook[] = [
  {
    id: 'okta-password-changed',
    title: 'User Changing password in to OKTA',
    rules: ['User Changing password in to OKTA'],
    family: 'okta',
    detects: 'An event of type user.account.update_password: okta.actor.name changed their password from okta.client.ip. Disabled by default.',
    whyItMatters:
      'After taking over a session, an intruder changes the password to lock the owner out and keep the account; a change from an unusual address is often the first sign.',
    benignCauses: ['Routine or policy-forced password changes.', 'A user changing the password after a phishing warning.'],
    distinguish: [
      'Is okta.client.ip the user\'s usual address and country? A change from a new address right after a new-device sign-in is the takeover pattern.',
      'Did the user receive a password-change notification they did not expect? Ask them.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.okta, 'If the user did not make the change, suspend the account, clear sessions and reset password and factors with the owner.'],
      shortTerm: ['Review the sessions and app access of the account since the change.'],
      longTerm: ['Require MFA re-verification for password changes in the password policy.'],
    },
    investigate: [oktaActorActivity, oktaIpActivity],
    tuningFields: ['okta.actor.name', 'okta.client.ip'],
    observe: observeOkta,
  },
  {
    id: 'okta-sso-app-access',
    title: 'User accessing app via single sign on OKTA',
    rules: ['User accessing app via single sign on OKTA'],
    family: 'okta',
    detects:
      'An event of type user.authentication.sso: okta.actor.name signed in to the application okta.target.app.alternateid through Okta. Disabled by default because every SSO sign-in matches.',
    whyItMatters:
      'It is the record of which application a session reached; useful to see where a compromised identity went, not a finding by itself.',
    benignCauses: ['Every normal application sign-in.'],
    distinguish: [
      'Only interesting in context: a sensitive okta.target.app.alternateid reached by an account already under suspicion, or an app the user never used before.',
    ],
    mitigations: {
      immediate: ['If the session is compromised, clear it and sign the user out of the application as well.'],
      shortTerm: ['Keep this rule disabled and query SSO events during investigations instead.'],
      longTerm: ['Apply per-app sign-on policies that require stronger assurance for sensitive applications.'],
    },
    investigate: [
      oktaActorEvents('user.authentication.sso', 'List the applications the same user reached through SSO recently'),
      oktaActorActivity,
    ],
    tuningFields: ['okta.actor.name', 'okta.target.app.alternateid'],
    observe: observeOkta,
  },
  {
    id: 'okta-mfa-factor-removed',
    title: 'removing MFA factor from user in OKTA',
    rules: ['removing MFA factor from user in OKTA'],
    family: 'okta',
    detects:
      'An event of type user.mfa.factor.deactivate: okta.actor.name removed an MFA factor from an account (their own or another user\'s), from okta.client.ip.',
    whyItMatters:
      'Removing a factor is how an intruder makes room to enroll their own device, or downgrades an account to a weaker factor they can pass.',
    benignCauses: ['A user replacing a phone or security key.', 'Help desk removing a lost device at the user\'s request.'],
    distinguish: [
      'Look for a new factor enrolled on the same account right after: removal followed by enrolment from a new address is the takeover pattern.',
      'Check okta.client.ip against the user\'s usual locations.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.okta, 'If not requested, suspend the account, clear sessions and reset factors with the owner present.'],
      shortTerm: ['Review factors enrolled on the account in the last days.'],
      longTerm: ['Require phishing-resistant factors and identity verification for factor resets.'],
    },
    investigate: [
      oktaLog(
        'List recent factor changes made by the same actor',
        [`filter=eventType sw "user.mfa.factor" and actor.displayName eq `, quotedField('okta.actor.name')],
      ),
      oktaActorActivity,
      oktaIpActivity,
    ],
    tuningFields: ['okta.actor.name', 'okta.client.ip'],
    observe: observeOkta,
  },
  {
    id: 'okta-mfa-factors-reset-all',
    title: 'removing all MFA factor from user in OKTA',
    rules: ['removing all MFA factor from user in OKTA'],
    family: 'okta',
    detects: 'An event of type user.mfa.factor.reset_all: okta.actor.name reset every MFA factor of an account, from okta.client.ip.',
    whyItMatters:
      'A full factor reset leaves the account protected by its password alone until someone enrolls again; combined with a password reset, whoever enrolls first owns the account. It is the core of help-desk social-engineering attacks.',
    benignCauses: ['Help desk resetting a user who lost all devices.', 'Offboarding cleanup.'],
    distinguish: [
      'Is there a verified ticket? Was a password reset done for the same user around the same time?',
      'See who enrolled the next factor and from where: a new address or device type is the takeover.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.okta, 'If unverified, suspend the account and clear sessions; re-enroll factors only with the owner verified out of band.'],
      shortTerm: ['Review all resets by the same actor.'],
      longTerm: ['Restrict factor resets of admins to super admins and require manager or video verification for resets.'],
    },
    investigate: [
      oktaActorEvents('user.mfa.factor.reset_all', 'List the other full factor resets made by the same actor'),
      oktaActorActivity,
      oktaIpActivity,
    ],
    tuningFields: ['okta.actor.name'],
    observe: observeOkta,
  },
  {
    id: 'okta-rate-limit-violation',
    title: 'User hitting the rate limit on requests in OKTA',
    rules: ['User hitting the rate limit on requests in OKTA'],
    family: 'okta',
    detects: 'An event of type system.org.rate_limit.violation attributed to okta.actor.name and okta.client.ip.',
    whyItMatters:
      'Hitting Okta\'s rate limits usually means volume: credential stuffing against the sign-in endpoints, directory enumeration through the API with a stolen token, or a script that will also starve legitimate integrations.',
    benignCauses: ['A provisioning or sync integration processing a large batch.', 'A misbehaving script retrying in a loop.'],
    distinguish: [
      'Which endpoint and which client? Sign-in endpoints from unknown addresses point to stuffing; API endpoints from a known integration address point to a bug.',
      'Check whether okta.actor.name is an integration service account and okta.client.ip its host.',
    ],
    mitigations: {
      immediate: ['Block unknown addresses with a network zone; pause or fix the integration if it is the source.'],
      shortTerm: ['Give the integration its own rate-limit allocation or a dedicated service app.'],
      longTerm: ['Enable bot and breached-credential protections (ThreatInsight) on sign-in endpoints.'],
    },
    investigate: [oktaIpActivity, oktaActorActivity],
    tuningFields: ['okta.actor.name', 'okta.client.ip'],
    observe: observeOkta,
  },
  {
    id: 'okta-login-unknown-country',
    title: 'Detecting unknown logins using geolocation',
    rules: ['Detecting unknown logins using geolocation'],
    family: 'okta',
    detects:
      'A user.session.start event whose okta.client.geo.country is not in allowed_countries_list. The outcome is not checked, so failed sign-in attempts match too. Disabled by default.',
    whyItMatters:
      'Sign-ins from countries where you have no staff are a common sign of credential stuffing, phishing relays or a sold session; the alert is most useful for accounts that should never travel.',
    benignCauses: ['Travel and remote employees abroad.', 'VPN or privacy relays egressing in another country.'],
    distinguish: [
      'Check okta.client.geo.country against the user\'s HR location and travel plans, and okta.client.ip against VPN and proxy ranges.',
      'Check the result of the sign-in: failures from abroad are noise unless numerous; a success from an unexpected country is the case to chase.',
    ],
    mitigations: {
      immediate: ['If the sign-in succeeded and is not explained, clear the user\'s sessions and reset password and factors.'],
      shortTerm: ['Add the countries you really operate in to allowed_countries_list.'],
      longTerm: ['Use network zones in sign-on policies to block or step up sign-ins from countries you do not operate in.'],
    },
    investigate: [oktaActorActivity, oktaIpActivity],
    tuningFields: ['okta.client.geo.country', 'okta.actor.name'],
    allowList: {
      list: 'allowed_countries_list',
      field: 'okta.client.geo.country',
      note: 'Add a country when your organization has staff or infrastructure there; use an exception for a single travelling user instead.',
    },
    observe: (alert) => {
      const notes = observeOkta(alert);
      const country = fieldText(alert, 'okta.client.geo.country');
      if (country) {
        notes.push(
          `Unless allowed_countries_list was filled in (it ships empty), every sign-in fires this rule, including this one from ${country}.`,
        );
      }
      return notes;
    },
  },
  {
    id: 'okta-too-many-failed-mfa',
    title: 'Too many failed MFA in last 5min',
    rules: ['Too many failed MFA in last 5min'],
    family: 'okta',
    detects:
      'The Okta plugin counts failed user.authentication.auth_via_mfa events per actor; the rule fires when okta.actor.name has three or more in the last 300 seconds.',
    whyItMatters:
      'Repeated MFA failures mean someone who already has the password is trying to get past the second factor: guessing codes, relaying a phishing page, or testing stolen OTPs.',
    benignCauses: ['A user with a wrong clock on an OTP app, or typing old codes.', 'A misconfigured device retrying.'],
    distinguish: [
      'Check okta.reason and the client addresses of the failures: the user\'s own device and address suggest a mistake; unknown addresses mean the password is known to someone else.',
      'Ask the user whether they were signing in at that moment.',
    ],
    mitigations: {
      immediate: ['If the user was not signing in, reset the password and clear sessions: the first factor is compromised.'],
      shortTerm: ['Move the user to a phishing-resistant factor.'],
      longTerm: ['Retire SMS, voice and OTP factors for privileged users in favour of FastPass or FIDO2.'],
    },
    investigate: [
      oktaActorEvents('user.authentication.auth_via_mfa', 'List the MFA attempts of the same user with their addresses and results'),
      oktaActorActivity,
    ],
    tuningFields: ['okta.actor.name'],
    observe: observeMfaCount(FAILURE_COUNT, 'failed MFA attempts'),
  },
  {
    id: 'okta-too-many-denied-pushes',
    title: 'Too many denied MFA Pushes in last 5min',
    rules: ['Too many denied MFA Pushes in last 5min'],
    family: 'okta',
    detects:
      'The Okta plugin counts user.mfa.okta_verify.deny_push events per actor; the rule fires when okta.actor.name denied three or more Okta Verify pushes in the last 300 seconds.',
    whyItMatters:
      'A user denying repeated pushes is receiving prompts they did not start: someone has their password and is push-bombing them, hoping one tired tap approves the sign-in (MFA fatigue).',
    benignCauses: ['A user\'s own stale session or second device triggering pushes they do not recognise.'],
    distinguish: [
      'Almost always malicious: find the sign-in attempts that generated the pushes and their client addresses.',
      'Check whether any push was approved afterwards; an approved push following denials means the account is taken over.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.okta, 'Reset the user\'s password, clear their sessions, and block the addresses the sign-in attempts came from.'],
      shortTerm: ['Enable number challenge for Okta Verify pushes.'],
      longTerm: ['Replace push with phishing-resistant authenticators (Okta FastPass, FIDO2).'],
    },
    investigate: [
      oktaActorEvents('user.mfa.okta_verify.deny_push', 'List the denied pushes of the same user'),
      oktaActorEvents('user.session.start', 'List the sign-in attempts behind the pushes and where they came from'),
    ],
    tuningFields: ['okta.actor.name'],
    observe: observeMfaCount(DENY_COUNT, 'denied pushes'),
  },
];
