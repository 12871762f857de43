import type { Alert } from '../../../model';
import { fieldText } from '../../fieldValue';
import type { CommandTemplate, Playbook } from '../../types';
import { field, gcloud, variable } from '../../commands';
import {
  actorTrail,
  callerIpTrail,
  callerKeys,
  distinguishWith,
  logRead,
  methodBaseline,
  methodByUser,
  methodIs,
  projectIamPolicy,
} from './helpers';
import {
  asString,
  asStringList,
  findKey,
  listText,
  observePolicyChange,
  policyDeltaBindings,
  request,
  requestPolicyBindings,
  withCaller,
} from './observe';
import { CAPTURE_FIRST } from '../captureFirst';

const iamAdminByUser: CommandTemplate = logRead(
  "The principal's IAM admin calls in the day before the alert (accounts, keys, roles)",
  methodByUser('protoPayload.serviceName="iam.googleapis.com"'),
);

const saList: CommandTemplate = {
  title: 'List the service accounts of the project, with disabled state',
  command: gcloud.run('iam service-accounts list', { options: { '--format': 'json' } }),
};

const saKeys: CommandTemplate = {
  title: 'List user-managed keys of the target account (set SA_EMAIL from rawRequest)',
  command: gcloud.run('iam service-accounts keys list', { options: { '--iam-account': variable('SA_EMAIL', 'the service account email from the alert request'), '--managed-by': 'user' }, project: false }),
};

const saActivity: CommandTemplate = {
  title: 'What the target account did since (SA_EMAIL as above)',
  command: gcloud.loggingRead(
    '\'protoPayload.authenticationInfo.principalEmail="\'"${SA_EMAIL:?the service account email from the alert request}"\'"\'',
    { before: '-1h', after: '+1d' },
  ),
};

const customRoleHolders: CommandTemplate = {
  title: 'Who holds custom roles in the project',
  command:
    gcloud.run('projects get-iam-policy', { args: [field('gcp.projectId')], options: { '--flatten': 'bindings[].members', '--filter': 'bindings.role~^(projects|organizations)/', '--format': 'table(bindings.role,bindings.members)' }, project: false }),
};

/** Service account named by a request `name` such as projects/-/serviceAccounts/X[/keys/K]. */
function targetAccount(alert: Alert): { account?: string; key?: string } {
  const name = asString(findKey(request(alert), 'name'));
  const m = name === undefined ? null : /serviceAccounts\/([^/]+)(?:\/keys\/([^/]+))?/.exec(name);
  const out: { account?: string; key?: string } = {};
  if (m?.[1] !== undefined) out.account = m[1];
  if (m?.[2] !== undefined) out.key = m[2];
  return out;
}

function keyCreatedNotes(alert: Alert): string[] {
  const notes: string[] = [];
  const { account } = targetAccount(alert);
  const user = fieldText(alert, 'gcp.user');
  if (account !== undefined) {
    if (user !== undefined && account.toLowerCase() === user.toLowerCase()) {
      notes.push(`The caller created a key for its own account ${account}: a service account minting a long-lived copy of its credentials.`);
    } else {
      notes.push(`The key is for service account ${account}${user !== undefined ? `, not for the caller ${user}` : ''}: anyone holding the key file acts as that account.`);
    }
  }
  const type = asString(findKey(request(alert), 'privateKeyType'));
  if (type === '2' || type === 'TYPE_GOOGLE_CREDENTIALS_FILE') {
    notes.push('privateKeyType is a Google credentials JSON file: the private key left Google and exists as a downloadable file.');
  }
  return notes;
}

function keyDeletedNotes(alert: Alert): string[] {
  const { account, key } = targetAccount(alert);
  if (account === undefined) return [];
  return [`Key ${key ?? '(id not in request)'} of service account ${account} was deleted.`];
}

function accountNotes(alert: Alert): string[] {
  const body = request(alert);
  const notes: string[] = [];
  const id = asString(findKey(body, 'accountId'));
  if (id !== undefined) notes.push(`New account id: ${id}.`);
  const display = asString(findKey(body, 'displayName'));
  if (display !== undefined) notes.push(`Display name: ${display}.`);
  const { account } = targetAccount(alert);
  if (id === undefined && account !== undefined) notes.push(`Target service account: ${account}.`);
  return notes;
}

/** Permissions that let a holder escalate, persist or blind defenders. */
const SENSITIVE_PERMISSIONS = new Set([
  'iam.serviceaccounts.actas',
  'iam.serviceaccounts.getaccesstoken',
  'iam.serviceaccounts.getopenidtoken',
  'iam.serviceaccounts.signblob',
  'iam.serviceaccounts.signjwt',
  'iam.serviceaccounts.implicitdelegation',
  'iam.serviceaccountkeys.create',
  'iam.serviceaccounts.setiampolicy',
  'iam.roles.create',
  'iam.roles.update',
  'resourcemanager.projects.setiampolicy',
  'resourcemanager.folders.setiampolicy',
  'resourcemanager.organizations.setiampolicy',
  'storage.buckets.setiampolicy',
  'cloudfunctions.functions.create',
  'cloudfunctions.functions.update',
  'cloudfunctions.functions.setiampolicy',
  'compute.instances.setmetadata',
  'compute.projects.setcommoninstancemetadata',
  'compute.instances.setserviceaccount',
  'cloudbuild.builds.create',
  'deploymentmanager.deployments.create',
  'run.services.create',
  'orgpolicy.policy.set',
  'logging.sinks.delete',
  'logging.sinks.update',
  'cloudkms.cryptokeyversions.destroy',
  'secretmanager.versions.access',
]);

function roleNotes(alert: Alert): string[] {
  const body = request(alert);
  const notes: string[] = [];
  const roleId = asString(findKey(body, 'roleId'));
  const title = asString(findKey(body, 'title'));
  const label = [roleId, title !== undefined ? `titled "${title}"` : undefined].filter((v) => v !== undefined);
  if (label.length > 0) notes.push(`Role ${label.join(' ')}.`);
  const permissions = asStringList(findKey(body, 'includedPermissions'));
  if (permissions.length > 0) {
    const sensitive = permissions.filter((p) => SENSITIVE_PERMISSIONS.has(p.toLowerCase()));
    notes.push(`The role carries ${permissions.length} permission(s).`);
    if (sensitive.length > 0) {
      notes.push(`It includes privilege-escalation or defence-impairing permissions: ${listText(sensitive, 6)}.`);
    }
  }
  const mask = asString(findKey(body, 'updateMask'));
  if (mask !== undefined) notes.push(`Fields changed (updateMask): ${mask}.`);
  return notes;
}

function projectPolicyNotes(alert: Alert): string[] {
  const notes = observePolicyChange(alert);
  if (policyDeltaBindings(alert).length === 0) {
    const bindings = requestPolicyBindings(alert);
    if (bindings.length > 0) {
      const owners = bindings.filter((b) => b.role === 'roles/owner').map((b) => b.member);
      notes.unshift(
        `bindingPolicy (gcp.policyDelta) is empty for this event; the request carries the whole new policy (${bindings.length} member bindings), so diff it against the previous policy.`,
      );
      if (owners.length > 0) notes.push(`roles/owner in the new policy: ${listText(owners, 5)}.`);
    }
  }
  return notes;
}

export const IAM_PLAYBOOKS: Playbook[] = [
  {
    id: 'gcp-iam-service-account-created',
    title: 'GCP IAM service account created',
    rules: ['GCP IAM service account created', 'GCP IAM serviceAccount created'],
    family: 'gcp',
    detects: 'An IAM google.iam.admin.v1.CreateServiceAccount call: a new service account was created in a project.',
    whyItMatters:
      'A new service account is a fresh identity the attacker controls: once granted roles and given a key, it survives the removal of the compromised user and blends in with workload accounts.',
    benignCauses: [
      'Terraform or a project factory creating accounts for new workloads.',
      'Enabling a product whose setup creates a dedicated account.',
      'Developers creating accounts for a new service.',
    ],
    distinguish: distinguishWith(
      'gcp.request: the account id and display name. Names that follow your naming convention fit provisioning; generic or look-alike names (default, compute, admin, backup) created by a human are suspect.',
      'What follows: a role grant on the project and a CreateServiceAccountKey for the new account by the same gcp.user within minutes is the persistence pattern.',
    ),
    mitigations: {
      immediate: [
        'If unexpected, record the keys (gcloud iam service-accounts keys list), then disable the account (gcloud iam service-accounts disable SA_EMAIL) and its keys before deleting any.',
      ],
      shortTerm: [
        'Revoke IAM bindings granted to the account and check its activity in the audit logs.',
      ],
      longTerm: [
        'Create service accounts only through infrastructure as code and restrict iam.serviceAccounts.create; enforce constraints/iam.disableServiceAccountKeyCreation.',
      ],
    },
    investigate: [saList, iamAdminByUser, projectIamPolicy, saActivity],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(accountNotes),
  },
  {
    id: 'gcp-iam-service-account-deleted',
    title: 'GCP IAM service account deleted',
    rules: ['GCP IAM service account deleted', 'GCP IAM serviceAccount deleted'],
    family: 'gcp',
    detects: 'An IAM google.iam.admin.v1.DeleteServiceAccount call: a service account was deleted.',
    whyItMatters:
      'Deleting the identity of a workload breaks it (denial of service), and an attacker deletes the accounts it created to remove evidence; the audit trail then points at an identity that no longer exists.',
    benignCauses: [
      'Decommissioning workloads and cleaning up unused accounts.',
      'Terraform destroying a stack.',
    ],
    distinguish: distinguishWith(
      'Which account: the target in gcp.request. An account that runs production workloads, or one created shortly before by the same gcp.user, deserves a closer look.',
    ),
    mitigations: {
      immediate: [
        'If the deletion was not intended, undelete the account within 30 days using its unique id (gcloud iam service-accounts undelete ACCOUNT_ID) and re-grant its roles.',
      ],
      shortTerm: [
        'Reconstruct what the deleted account did from the audit logs before its removal.',
      ],
      longTerm: [
        'Restrict iam.serviceAccounts.delete to the provisioning pipeline; prefer disabling over deleting during cleanup.',
      ],
    },
    investigate: [iamAdminByUser, saActivity, methodBaseline(methodIs('google.iam.admin.v1.DeleteServiceAccount'), 'service account deletions')],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(accountNotes),
  },
  {
    id: 'gcp-iam-service-account-modified',
    title: 'GCP IAM service account modified',
    rules: ['GCP IAM service account modified', 'GCP IAM serviceAccount modified'],
    family: 'gcp',
    detects: 'An IAM google.iam.admin.v1.UpdateServiceAccount call: the display name or description of a service account changed. Other methods (patch, enable, disable) do not match.',
    whyItMatters:
      'Renaming an attacker-created account to look like a platform account, or relabelling a compromised one, helps it pass reviews; by itself the change grants nothing.',
    benignCauses: [
      'Tidying display names and descriptions.',
      'Terraform reconciling account metadata.',
    ],
    distinguish: distinguishWith(
      'gcp.request: a new display name that imitates a Google-managed or platform account on an account created recently by the same principal is suspect.',
    ),
    mitigations: {
      immediate: [
        CAPTURE_FIRST.gcp,
        'If the account was recently created by an unexpected principal, disable it and review its keys and bindings.',
      ],
      shortTerm: [
        'Compare the account metadata with infrastructure as code.',
      ],
      longTerm: [
        'Manage service account metadata only through infrastructure as code.',
      ],
    },
    investigate: [iamAdminByUser, saList, saKeys],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(accountNotes),
  },
  {
    id: 'gcp-iam-service-account-key-created',
    title: 'GCP IAM service account key created',
    rules: ['GCP IAM service account key created', 'GCP IAM serviceAccount key created'],
    family: 'gcp',
    detects: 'An IAM google.iam.admin.v1.CreateServiceAccountKey call: a new user-managed key was created for a service account.',
    whyItMatters:
      'A key file is a long-lived credential that works from anywhere, does not expire by default and bypasses MFA; creating one for a privileged account is the standard way to persist and to escalate to that account.',
    benignCauses: [
      'Legacy integrations (on-premises jobs, third-party SaaS) that still need a JSON key.',
      'Scheduled key rotation by a secrets pipeline.',
    ],
    distinguish: distinguishWith(
      'gcp.request: which account got the key. A key for the integration account during its rotation window is routine; a key for an account with Owner, Editor or IAM admin roles, or for a different account than the caller uses, is not.',
      'Follow the key: calls authenticated with it (authenticationInfo.serviceAccountKeyName) from addresses outside GCP show it being used.',
    ),
    mitigations: {
      immediate: [
        'If unexpected, record the key\'s use from the audit logs, then disable it (gcloud iam service-accounts keys disable KEY_ID --iam-account=SA_EMAIL) and delete it.',
      ],
      shortTerm: [
        'Review everything done with the key and with the target account since creation.',
      ],
      longTerm: [
        'Enforce constraints/iam.disableServiceAccountKeyCreation and move integrations to Workload Identity Federation; set constraints/iam.serviceAccountKeyExpiryHours where keys remain.',
      ],
    },
    investigate: [
      saKeys,
      saActivity,
      iamAdminByUser,
      methodBaseline(methodIs('google.iam.admin.v1.CreateServiceAccountKey'), 'key creation'),
    ],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(keyCreatedNotes),
  },
  {
    id: 'gcp-iam-service-account-key-deleted',
    title: 'GCP IAM service account key deleted',
    rules: ['GCP IAM service account key deleted', 'GCP IAM serviceAccount key deleted'],
    family: 'gcp',
    detects: 'An IAM google.iam.admin.v1.DeleteServiceAccountKey call: a user-managed key of a service account was deleted.',
    whyItMatters:
      'Usually hygiene, but an attacker deletes the key it used to cover its tracks, or deletes legitimate keys to break integrations.',
    benignCauses: [
      'Key rotation: the old key is deleted after the new one is deployed.',
      'Incident response revoking exposed keys.',
    ],
    distinguish: distinguishWith(
      'A deletion shortly after a CreateServiceAccountKey by the same gcp.user, with activity from the key in between, fits an attacker cleaning up; a deletion paired with a fresh key for the same account fits rotation.',
    ),
    mitigations: {
      immediate: [
        'Confirm the owning integration still works; if the deletion was an attacker clean-up, treat the key period as a compromise window.',
      ],
      shortTerm: [
        'Reconstruct activity authenticated with the deleted key from the audit logs.',
      ],
      longTerm: [
        'Replace user-managed keys with Workload Identity Federation so there are no keys to create or delete.',
      ],
    },
    investigate: [
      logRead(
        'Calls authenticated with the deleted key (set KEY_ID from rawRequest)',
        '"protoPayload.authenticationInfo.serviceAccountKeyName:\\"${KEY_ID:?the key id from the alert request}\\""',
        '-7d',
      ),
      saKeys,
      iamAdminByUser,
    ],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(keyDeletedNotes),
  },
  {
    id: 'gcp-iam-custom-role-created',
    title: 'GCP IAM custom role created',
    rules: ['GCP IAM custom role created'],
    family: 'gcp',
    detects: 'An IAM google.iam.admin.v1.CreateRole call: a custom role was defined in a project or organization.',
    whyItMatters:
      'A custom role can bundle escalation permissions (actAs, getAccessToken, setIamPolicy, key creation) under an innocent title, so a later grant of it looks harmless in reviews.',
    benignCauses: [
      'Least-privilege roles defined by the platform team through infrastructure as code.',
      'Vendors onboarding with a documented custom role.',
    ],
    distinguish: distinguishWith(
      'gcp.request: the included permissions. A narrow set matching a workload is routine; iam.serviceAccounts.actAs, getAccessToken, signBlob, key creation or any setIamPolicy is escalation material.',
    ),
    mitigations: {
      immediate: [
        'If unexpected, save the role (gcloud iam roles describe ROLE_ID --project=PROJECT), then delete it (gcloud iam roles delete) and revoke its bindings.',
      ],
      shortTerm: [
        'Find who holds the role and what they did with it.',
      ],
      longTerm: [
        'Restrict iam.roles.create and iam.roles.update to the IAM pipeline and review custom roles for escalation permissions.',
      ],
    },
    investigate: [
      {
        title: 'Show the role definition (set ROLE_ID from rawRequest)',
        command: gcloud.run('iam roles describe', { args: [variable('ROLE_ID', 'the custom role id from the alert request')], options: { '--format': 'json' } }),
      },
      customRoleHolders,
      iamAdminByUser,
    ],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(roleNotes),
  },
  {
    id: 'gcp-iam-custom-role-modified',
    title: 'GCP IAM custom role modified',
    rules: ['GCP IAM custom role modified'],
    family: 'gcp',
    detects: 'An IAM google.iam.admin.v1.UpdateRole call: an existing custom role changed (permissions, title, stage).',
    whyItMatters:
      'Adding permissions to a role that is already widely granted escalates every holder at once without a single new binding.',
    benignCauses: [
      'Extending a role for a new feature of the workload that uses it.',
      'Terraform reconciling role definitions.',
    ],
    distinguish: distinguishWith(
      'gcp.request: the updateMask and the new permission list; a role that suddenly includes IAM, key or token permissions is suspect.',
    ),
    mitigations: {
      immediate: [
        'Restore the previous permission set from infrastructure as code (gcloud iam roles update ROLE_ID --project=PROJECT --file=ROLE.yaml).',
      ],
      shortTerm: [
        'Review what holders of the role did with the added permissions.',
      ],
      longTerm: [
        'Restrict iam.roles.update and keep role definitions under code review.',
      ],
    },
    investigate: [
      {
        title: 'Show the role definition as it is now (set ROLE_ID from rawRequest)',
        command: gcloud.run('iam roles describe', { args: [variable('ROLE_ID', 'the custom role id from the alert request')], options: { '--format': 'json' } }),
      },
      customRoleHolders,
      iamAdminByUser,
    ],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(roleNotes),
  },
  {
    id: 'gcp-iam-policy-modified',
    title: 'GCP IAM policy modified',
    rules: ['GCP IAM policy modified', 'GCP IAM principle modified'],
    family: 'gcp',
    detects: 'A Cloud Resource Manager SetIamPolicy call: the IAM policy of a project (or folder or organization) was replaced.',
    whyItMatters:
      'Resource Manager IAM decides who controls the project; granting Owner, Editor or an IAM admin role to an attacker-held identity is full escalation and persistence in one call.',
    benignCauses: [
      'Onboarding and offboarding through Terraform or a project factory.',
      'Administrators granting roles in the Console.',
      'Google enabling a service and adding its service agent binding.',
    ],
    distinguish: distinguishWith(
      'gcp.policyDelta (bindingPolicy) or the policy in gcp.request: grants of roles/owner, roles/editor, IAM admin or token-creator roles, and members from unknown domains or Gmail, need an owner.',
      'Grants to Google-managed service agents (service-PROJECT_NUMBER@gcp-sa-SERVICE.iam.gserviceaccount.com) follow enabling an API and are benign.',
    ),
    mitigations: {
      immediate: [
        CAPTURE_FIRST.gcp,
        'Revoke an unexpected binding (gcloud projects remove-iam-policy-binding PROJECT --member=MEMBER --role=ROLE) and suspend the member.',
      ],
      shortTerm: [
        'Review what the granted member did, and whether the granting principal made other changes.',
      ],
      longTerm: [
        'Enforce constraints/iam.allowedPolicyMemberDomains, manage project IAM as code, and require approvals for Owner grants (Privileged Access Manager).',
      ],
    },
    investigate: [
      projectIamPolicy,
      {
        title: 'Every project IAM change in the 30 days before the alert with its binding deltas',
        command: gcloud.loggingRead('\'protoPayload.serviceName="cloudresourcemanager.googleapis.com" AND protoPayload.methodName="SetIamPolicy"\'', {
          before: '-30d',
          format: "'json(timestamp,protoPayload.authenticationInfo.principalEmail,protoPayload.serviceData.policyDelta)'",
        }),
      },
      actorTrail,
      callerIpTrail,
      callerKeys,
    ],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(projectPolicyNotes),
  },
];
