import type { Alert } from '../../../model';
import { fieldText } from '../../fieldValue';
import type { CommandTemplate, Playbook } from '../../types';
import { ctEventsByName, ctEventsByResource, ctEventsByUser, observeCloudTrail } from './helpers';
import { aws, field, substitution, word, words } from '../../commands';
import { CAPTURE_FIRST } from '../captureFirst';

const credentialReport: CommandTemplate = {
  title: 'Read the credential report: password and MFA status, last use of every user and of root',
  command:
    words(
      aws.run('iam generate-credential-report', {}, { region: false }),
      '; sleep 10;',
      aws.run('iam get-credential-report', { '--query': 'Content', '--output': 'text' }, { region: false }),
      '| base64 -d',
    ),
};

const rootEvents: CommandTemplate = {
  title: 'List what the root user did recently (CloudTrail event history names it root)',
  command:
    aws.lookupEvents('Username', 'root'),
};

const accountSummary: CommandTemplate = {
  title: 'Check whether root has MFA and access keys right now (AccountMFAEnabled, AccountAccessKeysPresent)',
  command: aws.run('iam get-account-summary', { '--query': 'SummaryMap.[AccountMFAEnabled,AccountAccessKeysPresent]' }, { region: false }),
};

/** Session name of an assumed-role principal id (AROA...:session). */
function sessionName(alert: Alert): string | undefined {
  const principal = fieldText(alert, 'ct.user.principalid');
  if (!principal || !principal.includes(':')) return undefined;
  return principal.slice(principal.indexOf(':') + 1);
}

function observeRootLogin(alert: Alert): string[] {
  const notes = observeCloudTrail(alert);
  if (!fieldText(alert, 'ct.user')) {
    notes.push('ct.user is empty: root events often carry no user name in CloudTrail, so read the actor as the account root user.');
  }
  return notes;
}

export const AWS_IAM_PLAYBOOKS: Playbook[] = [
  {
    id: 'aws-console-login-assumed-role',
    title: 'Console Login Through Assume Role',
    rules: ['Console Login Through Assume Role'],
    family: 'aws',
    detects:
      'A successful ConsoleLogin event whose identity type is AssumedRole, that is, someone reached the AWS console with temporary role credentials (SAML or IAM Identity Center federation, or a sign-in URL minted from role credentials).',
    whyItMatters:
      'Anyone holding role credentials, for example ones lifted from an instance metadata service or a CI runner, can exchange them at the federation endpoint for a console session and then browse and change the account interactively with the role\'s permissions, outside the scripts that normally use it.',
    benignCauses: [
      'Staff signing in through IAM Identity Center or a SAML identity provider, which always lands as an assumed role.',
      'A federation broker that issues console sign-in links to employees.',
      'Break-glass procedures that assume an admin role and open the console.',
    ],
    distinguish: [
      'Look at the role in ct.user.arn: a human-facing role (an AWSReservedSSO_ permission-set role or a SAML role) is expected; a workload role (EC2 instance profile, Lambda or CI role) should never open a console.',
      'Read the session name after the colon in ct.user.principalid: SSO and SAML put the person\'s identity there; an instance id (i-...) or an SDK default name means machine credentials were turned into a console session.',
      'Check ct.srcip against your office, VPN and identity-provider egress ranges, and ct.region against where your people normally sign in.',
    ],
    mitigations: {
      immediate: [
        CAPTURE_FIRST.cloudtrail,
        'If the role is a workload role, revoke its active sessions (IAM console, Revoke active sessions, which adds a deny on aws:TokenIssueTime) and rotate whatever credentials it was issued from.',
        'Review what the console session changed in the following hour with CloudTrail and undo it.',
      ],
      shortTerm: [
        'Restrict sts:AssumeRole trust policies of workload roles to their service principals so people and other principals cannot assume them.',
        'Enforce IMDSv2 on instances so role credentials cannot be pulled through SSRF.',
      ],
      longTerm: [
        'Add an SCP or permission boundary that denies sts:GetFederationToken and console access (aws:ViaAWSService, source IP or VPC conditions) for workload roles.',
      ],
    },
    investigate: [
      {
        title: 'List the other actions taken under the same role session (Username is the session name)',
        command:
          aws.lookupEvents('Username', substitution(`printf %s ${word(field('ct.user.principalid'))} | cut -d: -f2-`)),
      },
      ctEventsByName('ConsoleLogin', 'List recent console sign-ins in the region to compare identities and source IPs'),
      {
        title: 'Show the role\'s trust policy: who is allowed to assume it',
        command:
          aws.run(
            'iam get-role',
            { '--role-name': substitution(`printf %s ${word(field('ct.user.arn'))} | cut -d/ -f2`), '--query': 'Role.AssumeRolePolicyDocument' },
            { region: false },
          ),
      },
    ],
    tuningFields: ['ct.user.arn', 'ct.srcip'],
    observe: (alert) => {
      const notes = observeCloudTrail(alert);
      const session = sessionName(alert);
      if (session && /^i-[0-9a-f]{8,17}$/.test(session)) {
        notes.push(
          `The session name ${session} in ct.user.principalid is an EC2 instance id: these are instance profile credentials, which a person should never use to open the console.`,
        );
      }
      return notes;
    },
  },
  {
    id: 'aws-console-login-without-mfa',
    title: 'Console Login Without MFA',
    rules: ['Console Login Without MFA'],
    family: 'aws',
    detects:
      'A successful ConsoleLogin by an identity that is not an assumed role (an IAM user or root) where CloudTrail records MFAUsed as No, so only a password protected the sign-in.',
    whyItMatters:
      'A password alone is what phishing, credential stuffing and leaked password files defeat. A console session for an IAM user gives the attacker everything the user\'s policies allow, interactively, and is often the first step before creating access keys for persistence.',
    benignCauses: [
      'An IAM user that never enrolled an MFA device, typically an old or shared account.',
      'A break-glass user whose MFA device was deliberately stored offline and not used.',
      'Console sign-ins through GetFederationToken brokers, where CloudTrail also records no MFA.',
    ],
    distinguish: [
      'Check ct.user: does this user have an MFA device registered at all? If it does and MFA was still not used, the sign-in path bypassed it and deserves scrutiny.',
      'Compare ct.srcip with the user\'s previous sign-ins; a new country, hosting provider or Tor exit is a strong signal.',
      'Look at what ct.user did right after signing in: CreateAccessKey, CreateLoginProfile, policy attachments or reading secrets point to a takeover.',
    ],
    mitigations: {
      immediate: [
        CAPTURE_FIRST.cloudtrail,
        'If the sign-in is not recognised, reset the user\'s password, deactivate its access keys (aws iam update-access-key --status Inactive) and attach a temporary deny-all inline policy.',
      ],
      shortTerm: [
        'Enroll an MFA device for ct.user, or, if it does not need the console, record its recent sign-ins from CloudTrail and then delete its console password (aws iam delete-login-profile).',
      ],
      longTerm: [
        'Attach a policy that denies everything except MFA self-management when aws:MultiFactorAuthPresent is false, and move people from IAM users to IAM Identity Center.',
      ],
    },
    investigate: [
      ctEventsByUser,
      {
        title: 'Check whether the user has any MFA device registered',
        command: aws.run('iam list-mfa-devices', { '--user-name': field('ct.user') }, { region: false }),
      },
      {
        title: 'List the user\'s access keys: a key created after the sign-in is a persistence sign',
        command: aws.run('iam list-access-keys', { '--user-name': field('ct.user') }, { region: false }),
      },
      credentialReport,
    ],
    tuningFields: ['ct.user', 'ct.srcip'],
    observe: observeCloudTrail,
  },
  {
    id: 'aws-console-root-login-without-mfa',
    title: 'Console Root Login Without MFA',
    rules: ['Console Root Login Without MFA'],
    family: 'aws',
    detects:
      'A successful ConsoleLogin by the account root user (identity type Root) with MFAUsed recorded as No.',
    whyItMatters:
      'Root cannot be limited by IAM policies: it can close the account, change billing and contact details, remove MFA, and reopen access for itself. A root password that works without MFA means the whole account rests on one secret.',
    benignCauses: [
      'An account owner doing one of the few tasks that require root (billing, support plan, account closure) on an account where root MFA was never set up.',
      'A newly created member account whose root credentials were just recovered through the password reset flow.',
    ],
    distinguish: [
      'Root use should be rare and announced: ask who owns root for this account and whether a change was planned at the time of the alert.',
      'Check ct.srcip against where the account owners work; any unfamiliar address for root is an incident.',
      'Read the root events that followed: changes to MFA, contact email, access keys or IAM are the signs of a takeover.',
    ],
    mitigations: {
      immediate: [
        'If unplanned, change the root password, enroll MFA on root, record root\'s access keys (aws iam list-access-keys as root) and deactivate them, and review the account contact and alternate contacts.',
      ],
      shortTerm: [
        'Enroll a hardware or passkey MFA on root and store the credentials in a break-glass process with two-person control.',
      ],
      longTerm: [
        'In AWS Organizations, use centralized root access management to remove member-account root credentials, and deny root actions in member accounts with an SCP.',
      ],
    },
    investigate: [rootEvents, accountSummary, credentialReport],
    tuningFields: ['ct.srcip'],
    noException:
      'Root console sign-in without MFA is never an accepted pattern: enrol MFA on root instead of excepting where it signs in from.',
    observe: observeRootLogin,
  },
  {
    id: 'aws-deactivate-root-mfa',
    title: 'Deactivate MFA for Root User',
    rules: ['Deactivate MFA for Root User'],
    family: 'aws',
    detects:
      'A successful DeactivateMFADevice call made by the root identity against the root user itself; ct.request.serialnumber names the device that was removed.',
    whyItMatters:
      'Removing root MFA is how an intruder who already has the root password makes the access durable and easier to reuse, and it is a common step after a root account recovery by someone who is not the owner.',
    benignCauses: [
      'Replacing a lost or broken MFA device: the old one is deactivated before the new one is enrolled.',
      'Moving root MFA from a virtual device to a hardware key or passkey.',
    ],
    distinguish: [
      'Check whether a new MFA device was enrolled for root within minutes (EnableMFADevice); a removal with no replacement is the dangerous case.',
      'Compare ct.srcip with the address of the root sign-in that preceded it and with the known location of the account owner.',
      'Ask the owner of the device in ct.request.serialnumber whether they replaced it.',
    ],
    mitigations: {
      immediate: [
        'Re-enroll MFA on root now, change the root password, and record then deactivate any root access keys.',
        'Check the account email and alternate contacts have not been changed, since they control root recovery.',
      ],
      shortTerm: ['Export every action root took in the session around the alert (CloudTrail) and revert unexpected changes.'],
      longTerm: [
        'Remove member-account root credentials with AWS Organizations centralized root access, and keep management-account root behind a two-person break-glass process.',
      ],
    },
    investigate: [
      rootEvents,
      accountSummary,
      {
        title: 'List assigned virtual MFA devices: is anything assigned to root now?',
        command: aws.run('iam list-virtual-mfa-devices', { '--assignment-status': 'Assigned' }, { region: false }),
      },
      ctEventsByName('EnableMFADevice', 'See whether a replacement MFA device was enrolled'),
    ],
    tuningFields: ['ct.srcip'],
    noException:
      'Removing root\'s MFA is never routine: every occurrence needs a person to confirm it, so nothing should silence it.',
    observe: observeRootLogin,
  },
  {
    id: 'aws-create-user',
    title: 'Create AWS user',
    rules: ['Create AWS user'],
    family: 'aws',
    detects:
      'A successful CreateUser API call; ct.request.username is the new user. The rule does not check the event source, so identity-store calls with the same name also match.',
    whyItMatters:
      'A new IAM user with its own password or access keys is a classic backdoor: it survives the revocation of whatever credentials the intruder used first and is easy to miss among legitimate accounts.',
    benignCauses: [
      'Infrastructure as code (Terraform, CloudFormation) or an onboarding pipeline creating service or human users.',
      'An administrator creating a user for a third-party integration that needs long-lived keys.',
      'IAM Identity Center provisioning users in its identity store, which logs the same event name.',
    ],
    distinguish: [
      'Is ct.user the pipeline or admin role that normally manages IAM, and is ct.srcip its usual address or an AWS service endpoint?',
      'Check the name in ct.request.username against your naming conventions; a user named like an AWS service or a support account is a frequent disguise.',
      'Look for CreateAccessKey, CreateLoginProfile, AttachUserPolicy or AddUserToGroup on the new user shortly after; admin rights on a fresh user are the malicious pattern.',
    ],
    mitigations: {
      immediate: [
        'If unexpected, record the new user\'s keys, policies and groups (aws iam get-user, list-access-keys, list-attached-user-policies), deactivate its access keys, then delete its login profile and detach its policies before deleting it.',
      ],
      shortTerm: ['Rotate the credentials of the principal in ct.user if it did not knowingly create the user.'],
      longTerm: [
        'Deny iam:CreateUser and iam:CreateAccessKey by SCP except for the IaC role, and provision people through IAM Identity Center instead of IAM users.',
      ],
    },
    investigate: [
      {
        title: 'Show the new user: creation time, path, tags',
        command: aws.run('iam get-user', { '--user-name': field('ct.request.username') }, { region: false }),
      },
      {
        title: 'List the policies and groups that give the new user its permissions',
        command:
          ['iam list-attached-user-policies', 'iam list-user-policies', 'iam list-groups-for-user']
            .map((sub) => aws.run(sub, { '--user-name': field('ct.request.username') }, { region: false }))
            .join(' && '),
      },
      {
        title: 'Check whether keys were issued for the new user',
        command: aws.run('iam list-access-keys', { '--user-name': field('ct.request.username') }, { region: false }),
      },
      ctEventsByResource('ct.request.username', 'List every API call made about the new user in the week since it was created', { from: '', to: '+7d' }),
      ctEventsByUser,
    ],
    tuningFields: ['ct.user', 'ct.request.username'],
    observe: observeCloudTrail,
  },
  {
    id: 'aws-create-group',
    title: 'Create Group',
    rules: ['Create Group'],
    family: 'aws',
    detects:
      'A successful CreateGroup API call; ct.request.groupname is the new group. Like Create AWS user, it matches any event source with that event name.',
    whyItMatters:
      'On its own a group grants nothing, but a new group with an admin policy attached and a new member added is a quiet way to hand out privileges that reviews of individual users miss.',
    benignCauses: [
      'IaC or an administrator organising IAM users by team or function.',
      'IAM Identity Center or a SCIM integration creating groups in the identity store.',
    ],
    distinguish: [
      'Check that ct.user is the identity that normally manages IAM and that ct.srcip is its usual address.',
      'Look at what happened to the group in ct.request.groupname next: AttachGroupPolicy with AdministratorAccess or an inline policy with wildcards, followed by AddUserToGroup, is the pattern to worry about.',
    ],
    mitigations: {
      immediate: ['If unexpected, record the group\'s policies and members (aws iam get-group, list-attached-group-policies), then detach the policies and take the members out.'],
      shortTerm: ['Confirm with the team that owns IAM whether the group belongs in their code or change log.'],
      longTerm: ['Restrict iam:CreateGroup, iam:AttachGroupPolicy and iam:PutGroupPolicy to the IaC role with an SCP or permission boundary.'],
    },
    investigate: [
      {
        title: 'Show the group and its current members',
        command: aws.run('iam get-group', { '--group-name': field('ct.request.groupname') }, { region: false }),
      },
      {
        title: 'List the policies attached to or embedded in the group',
        command:
          ['iam list-attached-group-policies', 'iam list-group-policies']
            .map((sub) => aws.run(sub, { '--group-name': field('ct.request.groupname') }, { region: false }))
            .join(' && '),
      },
      ctEventsByResource('ct.request.groupname', 'List the API calls made about the group since its creation'),
      ctEventsByUser,
    ],
    tuningFields: ['ct.user', 'ct.request.groupname'],
    observe: observeCloudTrail,
  },
  {
    id: 'aws-delete-group',
    title: 'Delete Group',
    rules: ['Delete Group'],
    family: 'aws',
    detects:
      'A successful DeleteGroup API call; ct.request.groupname is the group removed. IAM only accepts it once the group has no members or policies, so those were removed first.',
    whyItMatters:
      'Deleting a group can strip a deny or guardrail policy that was applied through it, cut off access for a team during an incident, or clean up a group the intruder created.',
    benignCauses: [
      'IaC removing a group that was dropped from the code.',
      'Cleanup of unused groups during an access review.',
    ],
    distinguish: [
      'Look at the calls on the group just before deletion (DetachGroupPolicy, DeleteGroupPolicy, RemoveUserFromGroup): which policies did it carry, and were any of them restrictive?',
      'Check whether ct.user is the IaC or IAM admin identity and whether the group appears in the last IaC plan.',
    ],
    mitigations: {
      immediate: ['If unplanned, recreate the group with its previous policies and members from IaC or CloudTrail history.'],
      shortTerm: ['Review the principal in ct.user for other IAM changes in the same session.'],
      longTerm: ['Keep guardrail denies in SCPs or permission boundaries rather than in group policies that can be deleted from inside the account.'],
    },
    investigate: [
      ctEventsByResource('ct.request.groupname', 'Reconstruct the group\'s last policies and members from the calls made on it'),
      ctEventsByUser,
    ],
    tuningFields: ['ct.user', 'ct.request.groupname'],
    observe: observeCloudTrail,
  },
];
