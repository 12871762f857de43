import { gcloud, variable } from '../../commands';
import type { Alert } from '../../../model';
import type { CommandTemplate, Playbook } from '../../types';
import { actorTrail, callerIpTrail, distinguishWith, logRead, methodBaseline, methodIs } from './helpers';
import {
  asString,
  asStringList,
  findKey,
  isObjectValue,
  listText,
  request,
  requestOperation,
  withCaller,
} from './observe';
import { CAPTURE_FIRST } from '../captureFirst';

/** gcp.cloudsql.databaseId is the resource label database_id, "PROJECT:INSTANCE". */
const instanceHistory: CommandTemplate = logRead(
  'Every admin operation on this Cloud SQL instance in the 7 days before the alert',
  '\'resource.type="cloudsql_database" AND resource.labels.database_id=\'⟦gcp.cloudsql.databaseId|dq⟧',
  '-7d',
);

const instancesList: CommandTemplate = {
  title: 'List the Cloud SQL instances of the project with their IP settings and state',
  command: gcloud.run('sql instances list', { options: { '--format': 'json' } }),
};

const operationsList: CommandTemplate = {
  title: 'Recent operations on the instance (set INSTANCE to the part of gcp.cloudsql.databaseId after the colon)',
  command: gcloud.run('sql operations list', { options: { '--instance': variable('INSTANCE', 'the Cloud SQL or VM instance name from the alert request'), '--limit': '20' } }),
};

const backupsList: CommandTemplate = {
  title: 'Backups that remain for the instance (INSTANCE as above)',
  command: gcloud.run('sql backups list', { options: { '--instance': variable('INSTANCE', 'the Cloud SQL or VM instance name from the alert request') } }),
};

const SUPERUSERS = new Set(['root', 'postgres', 'sqlserver', 'cloudsqlsuperuser']);

function exportNotes(alert: Alert): string[] {
  const body = request(alert);
  const notes: string[] = [];
  const uri = asString(findKey(body, 'uri'));
  if (uri !== undefined) {
    const bucket = /^gs:\/\/([^/]+)/.exec(uri)?.[1];
    notes.push(
      `The export goes to ${uri}${bucket !== undefined ? `: confirm bucket ${bucket} belongs to one of your projects` : ''}.`,
    );
  }
  const databases = asStringList(findKey(body, 'databases'));
  if (databases.length > 0) notes.push(`Databases exported: ${listText(databases)}.`);
  const fileType = asString(findKey(body, 'fileType'));
  if (fileType !== undefined) notes.push(`Export format: ${fileType}.`);
  const query = asString(findKey(body, 'selectQuery'));
  if (query !== undefined) notes.push(`The CSV export runs the query: ${query.slice(0, 200)}`);
  return notes;
}

function instanceChangeNotes(alert: Alert): string[] {
  const body = request(alert);
  if (body === undefined) return [];
  const notes: string[] = [];
  const networks = findKey(body, 'authorizedNetworks');
  const cidrs = Array.isArray(networks)
    ? networks.map((n) => (isObjectValue(n) ? asString(n['value']) : asString(n))).filter((v): v is string => v !== undefined)
    : [];
  if (cidrs.some((c) => c === '0.0.0.0/0' || c === '::/0')) {
    notes.push('authorizedNetworks includes 0.0.0.0/0: the instance accepts connections from any internet address.');
  } else if (cidrs.length > 0) {
    notes.push(`authorizedNetworks set to ${listText(cidrs)}: check each range is yours.`);
  }
  if (findKey(body, 'ipv4Enabled') === true) notes.push('ipv4Enabled is true: the instance has a public IP address.');
  if (findKey(body, 'requireSsl') === false) notes.push('requireSsl is false: unencrypted connections are accepted.');
  const sslMode = asString(findKey(body, 'sslMode'));
  if (sslMode === 'ALLOW_UNENCRYPTED_AND_ENCRYPTED') notes.push('sslMode allows unencrypted connections.');
  const backup = findKey(body, 'backupConfiguration');
  if (isObjectValue(backup) && backup['enabled'] === false) notes.push('The request disables automated backups.');
  if (findKey(body, 'deletionProtectionEnabled') === false) notes.push('The request turns deletion protection off, a usual step before deleting an instance.');
  const activation = asString(findKey(body, 'activationPolicy'));
  if (activation === 'NEVER') notes.push('activationPolicy NEVER stops the instance.');
  const flags = findKey(body, 'databaseFlags');
  if (Array.isArray(flags)) {
    const names = flags.map((f) => (isObjectValue(f) ? asString(f['name']) : undefined)).filter((v): v is string => v !== undefined);
    if (names.length > 0) notes.push(`Database flags set: ${listText(names)}; audit-related flags (pgaudit, log_*, general_log) turned off would blind you.`);
  }
  return notes;
}

function userChangeNotes(alert: Alert): string[] {
  const body = request(alert);
  const notes: string[] = [];
  const op = requestOperation(alert);
  if (op !== undefined && /delete/i.test(op)) notes.push('The request type is a user deletion.');
  else if (op !== undefined && /update/i.test(op)) notes.push('The request type is a user update (typically a password change).');
  const name = asString(findKey(body, 'name'));
  if (name !== undefined && SUPERUSERS.has(name.toLowerCase())) {
    notes.push(`The user is ${name}, a built-in administrative account of the database engine.`);
  } else if (name !== undefined) {
    notes.push(`Database user: ${name}.`);
  }
  if (asString(findKey(body, 'host')) === '%') notes.push('host is %: the account may connect from any host.');
  return notes;
}

function backupDeleteNotes(alert: Alert): string[] {
  const id = asString(findKey(request(alert), 'id'));
  return id === undefined ? [] : [`Backup run id deleted: ${id}.`];
}

export const CLOUDSQL_PLAYBOOKS: Playbook[] = [
  {
    id: 'gcp-cloudsql-user-modified-deleted',
    title: 'GCP Cloud SQL database user modified or deleted',
    rules: ['GCP Cloud SQL database user modified or deleted'],
    family: 'gcp',
    detects: 'A Cloud SQL cloudsql.users.update or cloudsql.users.delete call: a database user was changed (usually its password) or removed through the Cloud SQL Admin API.',
    whyItMatters:
      'Resetting the password of root or postgres through the admin API gives database access without knowing any database credential; deleting users locks the application or the DBAs out.',
    benignCauses: [
      'Scheduled password rotation by a secrets pipeline.',
      'A DBA resetting a forgotten password in the Console.',
      'Removing the account of a departed engineer or a decommissioned application.',
    ],
    distinguish: distinguishWith(
      'gcp.request: the user name and host. A reset of root or postgres outside a rotation job, or a new host of %, needs an owner.',
      'gcp.cloudsql.databaseId: production instances holding customer data call for confirmation of every change.',
    ),
    mitigations: {
      immediate: [
        'If not expected, set a new password for the user (gcloud sql users set-password USER --instance=INSTANCE --prompt-for-password); export the instance\'s logs for the period, then cut open connections by restarting the instance.',
      ],
      shortTerm: [
        'Check the instance logs for logins by the changed user after the alert time.',
      ],
      longTerm: [
        'Use IAM database authentication instead of built-in passwords and restrict cloudsql.users.update to the rotation service account.',
      ],
    },
    investigate: [instanceHistory, { title: 'List the database users and their hosts (INSTANCE as above)', command: gcloud.run('sql users list', { options: { '--instance': variable('INSTANCE', 'the Cloud SQL or VM instance name from the alert request') } }) }, actorTrail],
    tuningFields: ['gcp.user', 'gcp.cloudsql.databaseId'],
    observe: withCaller(userChangeNotes),
  },
  {
    id: 'gcp-cloudsql-backup-deleted',
    title: 'GCP Cloud SQL database backup deleted',
    rules: ['GCP Cloud SQL database backup deleted'],
    family: 'gcp',
    detects: 'A Cloud SQL cloudsql.backupRuns.delete call: a backup of an instance was deleted.',
    whyItMatters:
      'Deleting backups removes the recovery path before ransom or destruction of the live data, the classic inhibit-recovery step (T1490).',
    benignCauses: [
      'Removing on-demand backups that are no longer needed to save cost.',
      'Housekeeping scripts that prune old manual backups.',
    ],
    distinguish: distinguishWith(
      'Several backup deletions in a row by the same gcp.user, or a deletion followed by instance changes or deletion on gcp.cloudsql.databaseId, point to destruction.',
    ),
    mitigations: {
      immediate: [
        'Take an on-demand backup now (gcloud sql backups create --instance=INSTANCE) and export a copy to a bucket the suspect principal cannot reach.',
      ],
      shortTerm: [
        'Confirm automated backups and point-in-time recovery are still enabled on the instance.',
      ],
      longTerm: [
        'Keep cross-project exports under a locked retention policy, and remove cloudsql.backupRuns.delete from everyone but a break-glass role.',
      ],
    },
    investigate: [backupsList, instanceHistory, operationsList, actorTrail],
    tuningFields: ['gcp.user', 'gcp.cloudsql.databaseId'],
    observe: withCaller(backupDeleteNotes),
  },
  {
    id: 'gcp-cloudsql-instance-exported',
    title: 'GCP Cloud SQL database instance data exported',
    rules: ['GCP Cloud SQL database instance data exported'],
    family: 'gcp',
    detects: 'A Cloud SQL cloudsql.instances.export call: the contents of an instance were exported as SQL or CSV to a Cloud Storage URI.',
    whyItMatters:
      "An export is a full database dump written by Google to any bucket the instance's service account can write to, including a bucket in the attacker's own project: bulk exfiltration with a single API call.",
    benignCauses: [
      'Scheduled exports for analytics, archival or migrations.',
      'A DBA exporting data to seed a staging environment.',
    ],
    distinguish: distinguishWith(
      'gcp.request: the destination URI. A bucket in one of your projects with a known export path is routine; an unknown bucket, or one in a project outside your organization, is exfiltration until proven otherwise.',
      'gcp.user: exports run by a scheduler service account on a timetable are expected; an ad-hoc export by a human from an unusual gcp.callerIP is not.',
    ),
    mitigations: {
      immediate: [
        CAPTURE_FIRST.gcp,
        "Revoke write access to foreign buckets from the instance's service account; if the dump landed in a bucket you control but should not be there, record its path and hash, then delete it.",
      ],
      shortTerm: [
        'Determine what the exported databases contained and whether notification obligations apply.',
      ],
      longTerm: [
        'Put Cloud SQL and Cloud Storage in a VPC Service Controls perimeter so exports cannot cross to outside projects, and restrict cloudsql.instances.export.',
      ],
    },
    investigate: [
      {
        title: 'Check the exported file (set EXPORT_URI to the gs:// URI in rawRequest)',
        command: gcloud.run('storage ls', { args: [variable('EXPORT_URI', 'the gs:// URI of the export from the alert request')], options: { '--long': true }, project: false }),
      },
      instanceHistory,
      methodBaseline(methodIs('cloudsql.instances.export'), 'Cloud SQL exports'),
      actorTrail,
    ],
    tuningFields: ['gcp.user', 'gcp.cloudsql.databaseId'],
    observe: withCaller(exportNotes),
  },
  {
    id: 'gcp-cloudsql-instance-deleted',
    title: 'GCP Cloud SQL database instance deleted',
    rules: ['GCP Cloud SQL database instance deleted'],
    family: 'gcp',
    detects: 'A Cloud SQL cloudsql.instances.delete call: a database instance was deleted.',
    whyItMatters:
      'Deleting an instance destroys the data and, unless backups are retained, its automated backups as well: direct data destruction and outage (T1485).',
    benignCauses: [
      'Decommissioning an application or tearing down a test or preview environment.',
      'terraform destroy of a staging stack.',
    ],
    distinguish: distinguishWith(
      'gcp.cloudsql.databaseId: a test or per-branch instance fits teardown; a production instance does not.',
      'Look for a deletion-protection change, backup deletions or an export by the same gcp.user shortly before.',
    ),
    mitigations: {
      immediate: [
        CAPTURE_FIRST.gcp,
        'Look for retained or final backups of the deleted instance and restore them into a new instance.',
        'Suspend the principal if the deletion was not planned.',
      ],
      shortTerm: [
        'Audit the principal\'s deletion rights on other instances and turn on deletion protection for them (gcloud sql instances patch INSTANCE --deletion-protection).',
      ],
      longTerm: [
        'Enable deletion protection and backup retention on all production instances through infrastructure as code.',
      ],
    },
    investigate: [instanceHistory, instancesList, actorTrail, callerIpTrail],
    tuningFields: ['gcp.user', 'gcp.cloudsql.databaseId'],
    observe: withCaller(() => []),
  },
  {
    id: 'gcp-cloudsql-instance-modified-created',
    title: 'GCP Cloud SQL database instance modified or created',
    rules: ['GCP Cloud SQL database instance modified or created'],
    family: 'gcp',
    detects: 'A Cloud SQL cloudsql.instances.create, cloudsql.instances.update or cloudsql.instances.patch call: a database instance was created or its settings changed.',
    whyItMatters:
      'Instance settings control exposure: adding 0.0.0.0/0 to authorized networks, enabling a public IP, dropping SSL, disabling backups or audit flags opens the database or prepares its destruction.',
    benignCauses: [
      'Terraform or a platform pipeline creating or resizing instances.',
      'Maintenance changes: tier, storage, flags, maintenance window.',
      'A DBA temporarily authorizing their own address for troubleshooting.',
    ],
    distinguish: distinguishWith(
      'gcp.request: sizing and maintenance fields are routine; authorizedNetworks with 0.0.0.0/0, ipv4Enabled, requireSsl false, disabled backups or deletion protection are not.',
    ),
    mitigations: {
      immediate: [
        'Save the instance settings (gcloud sql instances describe INSTANCE --format=json), then undo the exposure: clear broad authorized networks (gcloud sql instances patch INSTANCE --clear-authorized-networks) and re-enable backups and deletion protection.',
      ],
      shortTerm: [
        'Check the database logs for connections from new addresses since the change.',
      ],
      longTerm: [
        'Enforce constraints/sql.restrictAuthorizedNetworks and constraints/sql.restrictPublicIp and connect through the Cloud SQL Auth Proxy or private IP.',
      ],
    },
    investigate: [instancesList, instanceHistory, actorTrail],
    tuningFields: ['gcp.user', 'gcp.cloudsql.databaseId'],
    observe: withCaller(instanceChangeNotes),
  },
];
