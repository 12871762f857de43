import type { Alert } from '../../../model';
import type { CommandTemplate, Playbook } from '../../types';
import { actorTrail, callerKeys, distinguishWith, logRead, methodBaseline, methodByUser, methodIs } from './helpers';
import { asString, findKey, isObjectValue, listText, request, withCaller } from './observe';
import { field, gcloud, variable } from '../../commands';
import { CAPTURE_FIRST } from '../captureFirst';

// ---------------------------------------------------------------------------------------------
// Cloud Functions

const functionDescribe: CommandTemplate = {
  title: 'Describe the function: runtime, service account, trigger, ingress, source (add --region if not your default)',
  command: gcloud.run('functions describe', { args: [field('gcp.cloudfunctions.function')], options: { '--format': 'json' } }),
};

const functionIam: CommandTemplate = {
  title: 'Who may invoke or manage the function (allUsers means anyone can call it)',
  command: gcloud.run('functions get-iam-policy', { args: [field('gcp.cloudfunctions.function')], options: { '--format': 'json' } }),
};

const functionRuns: CommandTemplate = logRead(
  "The function's own execution logs in the day before the alert",
  '\'resource.type="cloud_function" AND resource.labels.function_name=\'⟦gcp.cloudfunctions.function|dq⟧',
);

const functionAdminByUser: CommandTemplate = logRead(
  "The principal's Cloud Functions admin calls in the day before the alert",
  methodByUser('protoPayload.serviceName="cloudfunctions.googleapis.com"'),
);

function functionNotes(alert: Alert): string[] {
  const body = request(alert);
  if (body === undefined) return [];
  const notes: string[] = [];
  const sa = asString(findKey(body, 'serviceAccountEmail'));
  if (sa !== undefined && sa.endsWith('@appspot.gserviceaccount.com')) {
    notes.push(`The function runs as the App Engine default service account ${sa}, which often holds Editor on the project.`);
  } else if (sa !== undefined) {
    notes.push(`The function runs as ${sa}: its code can call every API that account may use.`);
  }
  if (findKey(body, 'httpsTrigger') !== undefined) notes.push('The function has an HTTPS trigger.');
  const ingress = asString(findKey(body, 'ingressSettings'));
  if (ingress === 'ALLOW_ALL') notes.push('ingressSettings is ALLOW_ALL: the endpoint is reachable from the internet.');
  const source =
    asString(findKey(body, 'sourceArchiveUrl')) ?? asString(findKey(body, 'sourceUploadUrl')) ?? asString(findKey(body, 'url'));
  if (source !== undefined) notes.push(`Source: ${source.slice(0, 200)}.`);
  const runtime = asString(findKey(body, 'runtime'));
  const entry = asString(findKey(body, 'entryPoint'));
  if (runtime !== undefined || entry !== undefined) {
    notes.push(`Runtime ${runtime ?? 'unknown'}${entry !== undefined ? `, entry point ${entry}` : ''}.`);
  }
  const env = findKey(body, 'environmentVariables');
  if (isObjectValue(env) && Object.keys(env).length > 0) {
    notes.push(`Environment variables set: ${listText(Object.keys(env), 6)}.`);
  }
  const mask = asString(findKey(body, 'updateMask'));
  if (mask !== undefined) notes.push(`Fields changed (updateMask): ${mask}.`);
  return notes;
}

// ---------------------------------------------------------------------------------------------
// Cloud KMS

const kmsAdminByUser: CommandTemplate = logRead(
  "The principal's Cloud KMS calls in the day before the alert",
  methodByUser('protoPayload.serviceName="cloudkms.googleapis.com"'),
);

const keysInventory: CommandTemplate = {
  title: 'Inventory the crypto keys of the project',
  command:
    gcloud.run('asset search-all-resources', { options: { '--scope': ['projects/', field('gcp.projectId', 'segment')], '--asset-types': 'cloudkms.googleapis.com/CryptoKey', '--format': 'json' }, project: false }),
};

const keyVersions: CommandTemplate = {
  title: 'Versions of the key and their state (set KEY, KEYRING, LOCATION from the name in rawRequest)',
  command:
    gcloud.run('kms keys versions list', { options: { '--key': variable('KEY', 'the KMS key name'), '--keyring': variable('KEYRING', 'the KMS key ring name'), '--location': variable('LOCATION', 'the KMS location'), '--format': 'json' } }),
};

function kmsNameNotes(alert: Alert): string[] {
  const body = request(alert);
  const name = asString(findKey(body, 'name')) ?? asString(findKey(body, 'parent'));
  if (name === undefined) return [];
  const m = /locations\/([^/]+)(?:\/keyRings\/([^/]+))?(?:\/cryptoKeys\/([^/]+))?(?:\/cryptoKeyVersions\/([^/]+))?/.exec(name);
  if (m === null) return [];
  const [, location, ring, key, version] = m;
  if (version !== undefined) {
    return [
      `Version ${version} of key ${key ?? '?'} (key ring ${ring ?? '?'}, ${location ?? '?'}) is scheduled for destruction; it stays restorable until its destroyTime.`,
    ];
  }
  const parts = [location !== undefined ? `location ${location}` : '', ring !== undefined ? `key ring ${ring}` : '', key !== undefined ? `key ${key}` : '']
    .filter((p) => p !== '');
  return parts.length > 0 ? [`Target: ${parts.join(', ')}.`] : [];
}

function keyCreateNotes(alert: Alert): string[] {
  const body = request(alert);
  const notes = kmsNameNotes(alert);
  const keyId = asString(findKey(body, 'cryptoKeyId', 'keyRingId'));
  if (keyId !== undefined) notes.push(`New id: ${keyId}.`);
  const purpose = asString(findKey(body, 'purpose'));
  if (purpose !== undefined) notes.push(`Purpose: ${purpose}.`);
  if (findKey(body, 'importOnly') === true) {
    notes.push('importOnly is true: the key material will be imported, so whoever supplied it holds a copy outside Google.');
  }
  const backend = asString(findKey(body, 'cryptoKeyBackend'));
  const level = asString(findKey(body, 'protectionLevel'));
  if (level === 'EXTERNAL' || level === 'EXTERNAL_VPC' || backend !== undefined) {
    notes.push('The key is backed by an external key manager: whoever runs that manager can make data encrypted with it unreadable at will.');
  }
  if (body !== undefined && findKey(body, 'cryptoKeyId') !== undefined && findKey(body, 'rotationPeriod') === undefined) {
    notes.push('No rotationPeriod in the request: the key will not rotate automatically.');
  }
  const destroyWait = asString(findKey(body, 'destroyScheduledDuration'));
  if (destroyWait !== undefined) notes.push(`destroyScheduledDuration: ${destroyWait} (how long destroyed versions stay restorable).`);
  const mask = asString(findKey(body, 'updateMask'));
  if (mask !== undefined) notes.push(`Fields changed (updateMask): ${mask}.`);
  return notes;
}

export const FUNCTIONS_KMS_PLAYBOOKS: Playbook[] = [
  {
    id: 'gcp-cloud-function-created',
    title: 'GCP cloud function created',
    rules: ['GCP cloud function created'],
    family: 'gcp',
    detects:
      'A Cloud Functions google.cloud.functions.v1.CloudFunctionsService.CreateFunction call: a 1st gen function was deployed. Functions created through the v2 API (2nd gen) use another method and do not match.',
    whyItMatters:
      "A function runs attacker code as its service account: deploying one with a powerful account (historically the App Engine default, with Editor) and reading its token is a well-known escalation path, and an HTTP function is an easy persistent backdoor.",
    benignCauses: [
      'CI/CD deploying functions on merge.',
      'Developers deploying from their workstation with gcloud functions deploy.',
    ],
    distinguish: distinguishWith(
      'gcp.request: the service account, trigger, ingress and source. A function deployed by the pipeline from your source bucket or repository with a dedicated account is routine; a default or privileged account, ALLOW_ALL ingress and source uploaded by a human are not.',
      'gcp.cloudfunctions.function: names unrelated to any known service, or deploy-then-delete within minutes, fit a token-stealing function.',
    ),
    mitigations: {
      immediate: [
        'If unexpected, save its source from the source archive for analysis, then delete the function (gcloud functions delete FUNCTION --region=REGION).',
        'Rotate or restrict the service account it ran as if the code could have read its token.',
      ],
      shortTerm: [
        'Review the function execution logs for what it was invoked with and what it called.',
      ],
      longTerm: [
        'Restrict iam.serviceAccounts.actAs on privileged accounts, enforce constraints/cloudfunctions.allowedIngressSettings and constraints/iam.automaticIamGrantsForDefaultServiceAccounts.',
      ],
    },
    investigate: [functionDescribe, functionIam, functionRuns, functionAdminByUser],
    tuningFields: ['gcp.user', 'gcp.cloudfunctions.function'],
    observe: withCaller(functionNotes),
  },
  {
    id: 'gcp-cloud-function-deleted',
    title: 'GCP cloud function deleted',
    rules: ['GCP cloud function deleted'],
    family: 'gcp',
    detects: 'A Cloud Functions google.cloud.functions.v1.CloudFunctionsService.DeleteFunction call: a 1st gen function was removed.',
    whyItMatters:
      'Deleting a function breaks the service it provides, and attackers delete the helper functions they deployed once the stolen token has been used, removing the code from view.',
    benignCauses: [
      'Decommissioning or renaming a function.',
      'Pipelines replacing functions or cleaning up preview deployments.',
    ],
    distinguish: distinguishWith(
      'A function created and deleted by the same gcp.user within a short window is the pattern of a throwaway escalation function.',
    ),
    mitigations: {
      immediate: [
        'If the function was a throwaway, copy its source from the staging bucket before it is cleaned up; if the deletion was not planned, redeploy from the pipeline.',
      ],
      shortTerm: [
        'Check what the function service account did while the function existed.',
      ],
      longTerm: [
        'Restrict cloudfunctions.functions.delete and create to the deployment pipeline.',
      ],
    },
    investigate: [
      logRead(
        'History of the function: its creation, updates and deletion in the 30 days before the alert',
        '\'protoPayload.serviceName="cloudfunctions.googleapis.com" AND resource.labels.function_name=\'⟦gcp.cloudfunctions.function|dq⟧',
        '-30d',
      ),
      functionRuns,
      actorTrail,
    ],
    tuningFields: ['gcp.user', 'gcp.cloudfunctions.function'],
    observe: withCaller(() => []),
  },
  {
    id: 'gcp-cloud-function-modified',
    title: 'GCP cloud function modified',
    rules: ['GCP cloud function modified', 'GCP cloud function updated or deleted'],
    family: 'gcp',
    detects: 'A Cloud Functions google.cloud.functions.v1.CloudFunctionsService.UpdateFunction call: the code or configuration of a 1st gen function was changed.',
    whyItMatters:
      'Updating an existing trusted function lets an attacker run code as its service account without creating anything new, or add a backdoor to a live endpoint.',
    benignCauses: [
      'CI/CD redeploying a new version.',
      'Changes to environment variables, memory or timeout by the owning team.',
    ],
    distinguish: distinguishWith(
      'gcp.request: updateMask and the new source, service account and ingress. A code update from the usual pipeline account is routine; a human changing the service account or uploading new source directly is not.',
    ),
    mitigations: {
      immediate: [
        'Save the current source archive for analysis, then redeploy the last known good version from the pipeline and compare the two.',
      ],
      shortTerm: [
        'Review the function execution logs and service account activity since the update.',
      ],
      longTerm: [
        'Allow deployments only from the pipeline account and require signed or reviewed source.',
      ],
    },
    investigate: [functionDescribe, functionIam, functionRuns, functionAdminByUser],
    tuningFields: ['gcp.user', 'gcp.cloudfunctions.function'],
    observe: withCaller(functionNotes),
  },
  {
    id: 'gcp-kms-keyring-created',
    title: 'GCP KMS keyring created',
    rules: ['GCP KMS keyring created'],
    family: 'gcp',
    detects: 'A Cloud KMS CreateKeyRing call: a new key ring was created in a location.',
    whyItMatters:
      'A key ring in your project under attacker control is the first step to encrypting your data with keys they can later destroy or disable (cloud ransomware); key rings cannot be deleted, so they also linger.',
    benignCauses: [
      'Setting up customer-managed encryption keys for a new service.',
      'Terraform creating key rings per environment.',
    ],
    distinguish: distinguishWith(
      'gcp.user: key rings are rare; one created by a principal that never touches KMS, in an unusual location, is suspect.',
    ),
    mitigations: {
      immediate: [
        CAPTURE_FIRST.gcp,
        'Check who has roles on the new key ring and revoke grants to unexpected principals.',
      ],
      shortTerm: [
        'Watch for CreateCryptoKey and for resources being re-encrypted with keys from this ring.',
      ],
      longTerm: [
        'Keep KMS in a dedicated project with separate admins; restrict cloudkms.keyRings.create.',
      ],
    },
    investigate: [
      kmsAdminByUser,
      {
        title: 'Inventory the key rings of the project',
        command:
          gcloud.run('asset search-all-resources', { options: { '--scope': ['projects/', field('gcp.projectId', 'segment')], '--asset-types': 'cloudkms.googleapis.com/KeyRing', '--format': 'json' }, project: false }),
      },
      methodBaseline(methodIs('CreateKeyRing'), 'key ring creation'),
    ],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(keyCreateNotes),
  },
  {
    id: 'gcp-kms-key-created',
    title: 'GCP KMS created',
    rules: ['GCP KMS created'],
    family: 'gcp',
    detects: 'A Cloud KMS CreateCryptoKey call: a new crypto key was created in a key ring.',
    whyItMatters:
      'A key under attacker control (imported material, external key manager, or a key they can later destroy) lets them re-encrypt buckets, disks or databases and hold the data hostage.',
    benignCauses: [
      'Creating customer-managed encryption keys for new resources.',
      'Terraform provisioning keys per environment.',
    ],
    distinguish: distinguishWith(
      'gcp.request: importOnly, an external protection level or missing rotation are unusual; a software or HSM key with rotation created by the platform pipeline is routine.',
    ),
    mitigations: {
      immediate: [
        CAPTURE_FIRST.gcp,
        'Review the IAM policy on the key (gcloud kms keys get-iam-policy KEY --keyring=RING --location=LOC) and revoke unexpected principals.',
      ],
      shortTerm: [
        'Find resources that started using the key since it was created.',
      ],
      longTerm: [
        'Separate KMS administration from data access and enforce constraints/cloudkms.minimumDestroyScheduledDuration.',
      ],
    },
    investigate: [kmsAdminByUser, keysInventory, keyVersions],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(keyCreateNotes),
  },
  {
    id: 'gcp-kms-key-updated',
    title: 'GCP KMS updated',
    rules: ['GCP KMS updated', 'GCP KMS updated or deleted'],
    family: 'gcp',
    detects: 'A Cloud KMS UpdateCryptoKey call: settings of a crypto key (rotation schedule, labels, version template) were changed.',
    whyItMatters:
      'Turning off rotation or changing access settings weakens key hygiene quietly and can precede disabling or destroying the key.',
    benignCauses: [
      'Adjusting rotation periods or labels through Terraform.',
    ],
    distinguish: distinguishWith(
      'gcp.request: the updateMask shows what changed; removal of rotationPeriod or changes by a principal that does not administer KMS need a reason.',
    ),
    mitigations: {
      immediate: [
        'Restore the previous key settings from infrastructure as code.',
      ],
      shortTerm: [
        'Check for version disable or destroy calls on the same key.',
      ],
      longTerm: [
        'Restrict cloudkms.cryptoKeys.update to the KMS administrators.',
      ],
    },
    investigate: [kmsAdminByUser, keyVersions],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(keyCreateNotes),
  },
  {
    id: 'gcp-kms-key-version-destroyed',
    title: 'GCP KMS deleted',
    rules: ['GCP KMS deleted'],
    family: 'gcp',
    detects: 'A Cloud KMS DestroyCryptoKeyVersion call: a key version was scheduled for destruction.',
    whyItMatters:
      'Once destroyed, everything encrypted with that version is unrecoverable; destroying keys that protect data, or the attacker-held key after re-encryption, is data destruction and ransom leverage.',
    benignCauses: [
      'Retiring old versions after rotation and re-encryption.',
      'Crypto-shredding data on purpose at the end of its retention.',
    ],
    distinguish: distinguishWith(
      'gcp.request: the version. Old versions of a rotated key destroyed by the KMS administrators fit hygiene; the primary version, or keys protecting live buckets, disks or databases, do not.',
    ),
    mitigations: {
      immediate: [
        'Restore the version before its destroyTime (gcloud kms keys versions restore VERSION --key=KEY --keyring=RING --location=LOC), then re-enable it.',
      ],
      shortTerm: [
        'Identify data encrypted with the version and confirm it is still readable.',
      ],
      longTerm: [
        'Enforce constraints/cloudkms.minimumDestroyScheduledDuration and grant cloudkms.cryptoKeyVersions.destroy only to a break-glass role.',
      ],
    },
    investigate: [
      keyVersions,
      kmsAdminByUser,
      methodBaseline(methodIs('DestroyCryptoKeyVersion'), 'key version destruction'),
      callerKeys,
    ],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(kmsNameNotes),
  },
];
