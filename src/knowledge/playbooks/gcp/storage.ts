import type { Alert } from '../../../model';
import { fieldText } from '../../fieldValue';
import type { Playbook } from '../../types';
import { field, gcloud } from '../../commands';
import {
  actorTrail,
  callerIpTrail,
  callerKeys,
  distinguishWith,
  logRead,
  methodBaseline,
  methodIs,
  projectIamPolicy,
} from './helpers';
import { asString, findKey, isObjectValue, observePolicyChange, request, withCaller } from './observe';
import { CAPTURE_FIRST } from '../captureFirst';

const ON_BUCKET = 'resource.type="gcs_bucket" AND resource.labels.bucket_name=\'⟦gcp.storage.bucket|dq⟧\'';

const bucketDescribe = {
  title: 'Show the bucket settings: public access prevention, uniform access, retention, versioning',
  command: gcloud.run('storage buckets describe', { args: [['gs://', field('gcp.storage.bucket', 'bucket')]], options: { '--format': 'json' }, project: false }),
};

const bucketIamPolicy = {
  title: "Read the bucket's IAM policy as it stands now",
  command: gcloud.run('storage buckets get-iam-policy', { args: [['gs://', field('gcp.storage.bucket', 'bucket')]], options: { '--format': 'json' }, project: false }),
};

/** Settings in a bucket update request that weaken protection, in words. */
function bucketUpdateNotes(alert: Alert): string[] {
  const body = request(alert);
  if (body === undefined) return [];
  const notes: string[] = [];
  const pap = asString(findKey(body, 'publicAccessPrevention'));
  if (pap !== undefined && pap.toLowerCase() !== 'enforced') {
    notes.push(`The request sets publicAccessPrevention to ${pap}: the bucket can again be shared with allUsers.`);
  }
  const ubla = findKey(body, 'uniformBucketLevelAccess', 'bucketPolicyOnly');
  if (isObjectValue(ubla) && ubla['enabled'] === false) {
    notes.push('The request turns uniform bucket-level access off, so per-object ACLs (including public ones) apply again.');
  }
  const versioning = findKey(body, 'versioning');
  if (isObjectValue(versioning) && versioning['enabled'] === false) {
    notes.push('The request disables object versioning: overwritten or deleted objects will no longer keep old generations.');
  }
  const softDelete = findKey(body, 'softDeletePolicy');
  if (isObjectValue(softDelete) && Number(softDelete['retentionDurationSeconds']) === 0) {
    notes.push('The request sets the soft delete retention to 0: deleted objects become unrecoverable immediately.');
  }
  if (findKey(body, 'retentionPolicy') === null) {
    notes.push('The request clears the retention policy.');
  }
  const lifecycle = findKey(body, 'lifecycle');
  if (lifecycle !== undefined && JSON.stringify(lifecycle).toLowerCase().includes('"delete"')) {
    notes.push('The request carries a lifecycle rule with a Delete action: check its age and conditions, a short age wipes the bucket on schedule.');
  }
  const kms = asString(findKey(body, 'defaultKmsKeyName'));
  if (kms !== undefined) notes.push(`The request sets the default encryption key to ${kms}: confirm that key is yours.`);
  return notes;
}

function bucketListNotes(alert: Alert): string[] {
  return fieldText(alert, 'gcp.storage.bucket') === undefined
    ? ['gcp.storage.bucket is empty: buckets.list is a project-wide call, so no single bucket was targeted.']
    : [];
}

export const STORAGE_PLAYBOOKS: Playbook[] = [
  {
    id: 'gcp-bucket-public',
    title: 'GCP Bucket configured to be public',
    rules: ['GCP Bucket configured to be public'],
    family: 'gcp',
    detects:
      'A Cloud Storage storage.setIamPermissions call whose policy delta ADDs allUsers or allAuthenticatedUsers: the bucket is opened to the public.',
    whyItMatters:
      'A public binding lets anyone read (or, with a writer role, plant) objects without credentials: attackers exfiltrate over plain HTTPS without revealing who they are, or host payloads on your trusted domain.',
    benignCauses: [
      'A bucket that serves static website assets, downloads or public datasets on purpose.',
      'A developer testing sharing from the Cloud Console.',
      'Terraform granting roles/storage.objectViewer to allUsers for a CDN origin.',
    ],
    distinguish: distinguishWith(
      'gcp.policyDelta: the role matters. objectViewer on a web-assets bucket is a publishing choice; objectAdmin, legacyBucketWriter or any admin role for allUsers never is.',
      'gcp.storage.bucket: compare with its purpose and labels; backup, export, log or terraform state buckets must never be public.',
      'The rule matches the delta text as a whole: removing a public member while adding another binding also fires, so read each action in gcp.policyDelta.',
    ),
    mitigations: {
      immediate: [
        CAPTURE_FIRST.gcp,
        'Revoke the public member: gcloud storage buckets remove-iam-policy-binding gs://BUCKET --member=allUsers (or allAuthenticatedUsers) --role=ROLE.',
        'Block re-exposure right away with gcloud storage buckets update gs://BUCKET --public-access-prevention.',
      ],
      shortTerm: [
        'Read the bucket\'s Data Access logs for the exposure window to learn which objects were fetched anonymously; rotate any secret in them.',
        'Ask the principal in gcp.user to confirm the change; if it did not make it, revoke its session and keys.',
      ],
      longTerm: [
        'Enforce the organization policy constraints/storage.publicAccessPrevention, excepting only a dedicated publishing project.',
        'Enforce constraints/iam.allowedPolicyMemberDomains (domain restricted sharing), which rejects allUsers and allAuthenticatedUsers bindings.',
      ],
    },
    investigate: [
      bucketIamPolicy,
      bucketDescribe,
      logRead(
        'Reads of the bucket in the week after it went public (Data Access logs must be enabled for Cloud Storage)',
        `'${ON_BUCKET} AND protoPayload.methodName="storage.objects.get"'`,
        '',
        50,
        '+7d',
      ),
      actorTrail,
    ],
    tuningFields: ['gcp.storage.bucket', 'gcp.user'],
    observe: withCaller(observePolicyChange),
  },
  {
    id: 'gcp-bucket-objects-public',
    title: 'GCP Bucket objects configured to be public',
    rules: ['GCP Bucket objects configured to be public'],
    family: 'gcp',
    detects:
      'A storage.objects.update call on Cloud Storage whose policy delta adds allUsers or allAuthenticatedUsers: an object ACL changed so that one object is readable by the public.',
    whyItMatters:
      'Object-level ACLs expose individual files while the bucket policy still looks private, so a single database dump or key file can be published without tripping bucket-level reviews.',
    benignCauses: [
      'Applications that publish individual files (images, reports) with a public-read ACL on a bucket that still uses fine-grained access.',
      'Old upload scripts using gsutil acl ch -u AllUsers:R or a predefined publicRead ACL.',
    ],
    distinguish: distinguishWith(
      'gcp.storage.bucket: a bucket without uniform bucket-level access that a known application writes public assets to is expected; a data, backup or export bucket is not.',
      'gcp.request and the log entry resourceName tell which object changed; a name like a dump, archive or credentials file is a red flag.',
    ),
    mitigations: {
      immediate: [
        'Reset the object ACL: gcloud storage objects update gs://BUCKET/OBJECT --predefined-acl=projectPrivate.',
        'Turn on uniform bucket-level access (gcloud storage buckets update gs://BUCKET --uniform-bucket-level-access) so object ACLs stop granting anything.',
      ],
      shortTerm: [
        'List other objects in the bucket carrying public ACLs and check the Data Access logs for anonymous downloads of them.',
      ],
      longTerm: [
        'Enforce constraints/storage.uniformBucketLevelAccess and constraints/storage.publicAccessPrevention across the organization.',
      ],
    },
    investigate: [
      logRead(
        'Object ACL updates in this bucket: the resourceName of each entry names the object',
        `'${ON_BUCKET} AND protoPayload.methodName="storage.objects.update"'`,
        '-7d',
      ),
      bucketDescribe,
      bucketIamPolicy,
      actorTrail,
    ],
    tuningFields: ['gcp.storage.bucket', 'gcp.user'],
    observe: withCaller(observePolicyChange),
  },
  {
    id: 'gcp-bucket-enumerated',
    title: 'GCP Bucket enumerated',
    rules: ['GCP Bucket enumerated'],
    family: 'gcp',
    detects:
      'Any storage.buckets.list call to Cloud Storage, i.e. a principal listing the buckets of a project. The call is only logged when Data Access (ADMIN_READ) audit logs are enabled for Cloud Storage.',
    whyItMatters:
      'Listing buckets is the first discovery step after stolen credentials work: it shows where data, backups and terraform state live before the attacker starts reading objects.',
    benignCauses: [
      'Opening the Cloud Storage page of the Cloud Console.',
      'Terraform plan or refresh, backup tools and posture scanners (CSPM) inventorying the project.',
      'gcloud storage ls run by an engineer.',
    ],
    distinguish: distinguishWith(
      'gcp.user: scanners and pipelines list buckets on a fixed schedule; a principal that has never listed buckets before, or a service account key used from outside GCP, stands out.',
      'What follows matters more than the listing: many storage.objects.list and storage.objects.get calls by the same gcp.user across buckets it does not normally touch point to collection.',
    ),
    mitigations: {
      immediate: [
        CAPTURE_FIRST.gcp,
        'If the principal is unexpected, disable its key (gcloud iam service-accounts keys disable KEY_ID --iam-account=SA) or suspend the user before reads begin.',
      ],
      shortTerm: [
        'Revoke storage.buckets.list from principals that only need one bucket by granting bucket-level roles instead of project-wide storage roles.',
      ],
      longTerm: [
        'Put sensitive buckets inside a VPC Service Controls perimeter so stolen credentials cannot read them from outside.',
      ],
    },
    investigate: [
      logRead(
        "The principal's Cloud Storage activity after the listing (object reads show collection)",
        `'protoPayload.serviceName="storage.googleapis.com" AND protoPayload.authenticationInfo.principalEmail='⟦gcp.user|dq⟧`,
      ),
      methodBaseline(methodIs('storage.buckets.list'), 'bucket listing'),
      callerIpTrail,
      callerKeys,
    ],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(bucketListNotes),
  },
  {
    id: 'gcp-bucket-deleted',
    title: 'GCP Bucket deleted',
    rules: ['GCP Bucket deleted'],
    family: 'gcp',
    detects: 'A storage.buckets.delete call to Cloud Storage: a bucket was removed (it must already have been empty).',
    whyItMatters:
      'Deleting a bucket destroys backups, logs or application data, and frees its globally unique name: an attacker can recreate the same name in their own project and receive whatever your systems keep writing or reading there.',
    benignCauses: [
      'Tearing down an ephemeral environment or a terraform destroy.',
      'Scheduled cleanup of temporary, build or test buckets.',
    ],
    distinguish: distinguishWith(
      'gcp.storage.bucket: names of temporary or per-branch buckets fit cleanup; backup, log-sink or state buckets do not.',
      'Mass storage.objects.delete calls by the same gcp.user just before the bucket deletion point to deliberate destruction rather than routine teardown.',
    ),
    mitigations: {
      immediate: [
        'Check whether the name is live again in a project you do not own (gcloud storage buckets describe gs://BUCKET); if not, and you still need it, recreate it in your project to prevent takeover.',
        'If soft deletion was enabled, list soft-deleted buckets and restore this one within its retention window, before anyone recreates the name.',
      ],
      shortTerm: [
        'Restore the data from backups or replicas and find every system still referencing the bucket name.',
      ],
      longTerm: [
        'Put backup buckets under a locked retention policy (Bucket Lock) and an IAM deny policy on bucket deletion for all but a break-glass group.',
      ],
    },
    investigate: [
      {
        title: 'See whether the bucket name exists again, and in which project',
        command: gcloud.run('storage buckets describe', { args: [['gs://', field('gcp.storage.bucket', 'bucket')]], options: { '--format': 'json' }, project: false }),
      },
      {
        title: 'List soft-deleted buckets of the project (restorable if soft delete was on)',
        command: gcloud.run('storage buckets list', { options: { '--soft-deleted': true, '--format': 'json' } }),
      },
      logRead(
        'Object deletions in the bucket before it went (Data Access logs, DATA_WRITE)',
        `'${ON_BUCKET} AND protoPayload.methodName="storage.objects.delete"'`,
        '-7d',
      ),
      actorTrail,
    ],
    tuningFields: ['gcp.user', 'gcp.storage.bucket'],
    observe: withCaller(() => []),
  },
  {
    id: 'gcp-bucket-updated',
    title: 'GCP Bucket updated',
    rules: ['GCP Bucket updated'],
    family: 'gcp',
    detects:
      'A storage.buckets.update call to Cloud Storage: a change to bucket metadata such as lifecycle, versioning, retention, logging, encryption, labels or access settings.',
    whyItMatters:
      'Bucket settings are the quiet way to weaken data protection: turning off versioning or soft delete before deleting data, adding a short Delete lifecycle rule, relaxing public access prevention, or pointing encryption at a key the attacker controls.',
    benignCauses: [
      'Terraform or a platform pipeline reconciling bucket configuration.',
      'Engineers editing labels, CORS or lifecycle rules in the Console.',
      'Automatic changes such as Autoclass or retention adjustments made by data owners.',
    ],
    distinguish: distinguishWith(
      'gcp.request: label, CORS or storage-class changes are routine; disabling versioning, soft delete, uniform access or public access prevention, or adding Delete lifecycle rules deserves a confirmation.',
      'gcp.storage.bucket: weakening changes on backup or log buckets are high risk regardless of who made them.',
    ),
    mitigations: {
      immediate: [
        'Save the bucket settings (gcloud storage buckets describe gs://BUCKET --format=json), then revert the weakening setting (for example gcloud storage buckets update gs://BUCKET --versioning or --public-access-prevention) and remove any unexpected lifecycle rule.',
      ],
      shortTerm: [
        'Compare the bucket with its infrastructure-as-code definition and reconcile drift.',
      ],
      longTerm: [
        'Lock retention on backup buckets, and restrict storage.buckets.update to the pipeline service account with a custom role.',
      ],
    },
    investigate: [
      bucketDescribe,
      logRead(
        'History of configuration changes on this bucket (30 days)',
        `'${ON_BUCKET} AND protoPayload.methodName="storage.buckets.update"'`,
        '-30d',
      ),
      actorTrail,
    ],
    tuningFields: ['gcp.user', 'gcp.storage.bucket'],
    observe: withCaller(bucketUpdateNotes),
  },
  {
    id: 'gcp-bucket-permissions-modified',
    title: 'GCP Bucket permissions modified',
    rules: ['GCP Bucket permissions modified'],
    family: 'gcp',
    detects: 'Any storage.setIamPermissions call to Cloud Storage: the IAM policy of a bucket was changed, whatever the change.',
    whyItMatters:
      'A bucket-level grant gives a principal access to the data without touching project IAM, which is reviewed more often. Attackers add themselves or an external account as objectViewer or objectAdmin to keep access to data after their initial foothold is closed.',
    benignCauses: [
      'Granting an application service account access to its bucket during deployment.',
      'Data owners sharing a bucket with a partner or another team.',
      'Terraform reconciling google_storage_bucket_iam resources.',
    ],
    distinguish: distinguishWith(
      'gcp.request and the log entry policy delta: which member got which role. An internal service account getting objectViewer on its own bucket is routine; an external user, a Gmail account or an admin role is not.',
      'gcp.storage.bucket: grants on backup, log or state buckets deserve confirmation.',
    ),
    mitigations: {
      immediate: [
        CAPTURE_FIRST.gcp,
        'Revoke an unexpected binding: gcloud storage buckets remove-iam-policy-binding gs://BUCKET --member=MEMBER --role=ROLE.',
      ],
      shortTerm: [
        "Check what the newly added member read or wrote in the bucket since the grant (Data Access logs filtered on that member).",
      ],
      longTerm: [
        'Manage bucket IAM only through infrastructure as code and enforce constraints/iam.allowedPolicyMemberDomains.',
      ],
    },
    investigate: [
      bucketIamPolicy,
      {
        title: 'Every bucket policy change in the 30 days before the alert with its binding deltas',
        command: gcloud.loggingRead(`'${ON_BUCKET} AND protoPayload.methodName="storage.setIamPermissions"'`, {
          before: '-30d',
          format: "'json(timestamp,protoPayload.authenticationInfo.principalEmail,protoPayload.serviceData.policyDelta)'",
        }),
      },
      actorTrail,
    ],
    tuningFields: ['gcp.user', 'gcp.storage.bucket'],
    observe: withCaller(observePolicyChange),
  },
  {
    id: 'gcp-bigquery-dataset-public',
    title: 'GCP BigQuery Dataset access configured to be public',
    rules: ['GCP BigQuery Dataset access configured to be public'],
    family: 'gcp',
    detects:
      'A BigQuery google.iam.v1.IAMPolicy.SetIamPolicy call whose binding delta adds allUsers or allAuthenticatedUsers: a dataset was shared with the public.',
    whyItMatters:
      'A public dataset can be queried by anyone with a Google account from their own project, so the data leaves without any read being attributed to your identities, and the querying cost lands on the reader.',
    benignCauses: [
      'Intentionally publishing an open dataset.',
      'A misunderstanding of allAuthenticatedUsers as "everyone in our company" during testing.',
    ],
    distinguish: distinguishWith(
      'gcp.policyDelta: roles/bigquery.dataViewer for allUsers on a dataset meant as open data is a publishing decision; dataEditor or dataOwner for the public is never legitimate.',
      'The dataset name (datasetName in the output): internal, analytics, pii or export datasets should never be public.',
    ),
    mitigations: {
      immediate: [
        'Save the dataset\'s access list (bq show --format=prettyjson PROJECT:DATASET > FILE), take the allUsers / allAuthenticatedUsers entry out of it, then apply it (bq update --source FILE PROJECT:DATASET).',
      ],
      shortTerm: [
        'Review BigQuery Data Access logs for jobs run by principals outside your organization against the dataset while it was public.',
      ],
      longTerm: [
        'Enforce constraints/iam.allowedPolicyMemberDomains and put BigQuery in a VPC Service Controls perimeter; use Analytics Hub or authorized views for deliberate sharing.',
      ],
    },
    investigate: [
      {
        title: 'Find datasets in the project that are public right now',
        command:
          gcloud.run('asset search-all-iam-policies', { options: { '--scope': ['projects/', field('gcp.projectId', 'segment')], '--asset-types': 'bigquery.googleapis.com/Dataset', '--query': 'policy:(allUsers OR allAuthenticatedUsers)' }, project: false }),
      },
      logRead(
        'BigQuery Data Access entries in the week after the change (who read the data)',
        '\'protoPayload.serviceName="bigquery.googleapis.com" AND logName:"data_access"\'',
        '',
        50,
        '+7d',
      ),
      actorTrail,
      projectIamPolicy,
    ],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(observePolicyChange),
  },
];
