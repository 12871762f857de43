import { describe, it, expect } from 'vitest';
import type { Alert, OutputFields } from '../../../model';
import type { Playbook } from '../../types';
import { PLAYBOOKS } from './index';
import { noteText } from '../../observation';

/** The 39 rules of plugins/gcp_auditlog_rules.yaml assigned to this folder. */
const ASSIGNED = [
  'GCP BigQuery Dataset access configured to be public',
  'GCP Bucket configured to be public',
  'GCP Bucket deleted',
  'GCP Bucket enumerated',
  'GCP Bucket objects configured to be public',
  'GCP Bucket permissions modified',
  'GCP Bucket updated',
  'GCP Cloud SQL database backup deleted',
  'GCP Cloud SQL database instance data exported',
  'GCP Cloud SQL database instance deleted',
  'GCP Cloud SQL database instance modified or created',
  'GCP Cloud SQL database user modified or deleted',
  'GCP CloudArmor edge security service modified',
  'GCP GCE Firewall rule modified',
  'GCP IAM custom role created',
  'GCP IAM custom role modified',
  'GCP IAM policy modified',
  'GCP IAM service account created',
  'GCP IAM service account deleted',
  'GCP IAM service account key created',
  'GCP IAM service account key deleted',
  'GCP IAM service account modified',
  'GCP KMS created',
  'GCP KMS deleted',
  'GCP KMS keyring created',
  'GCP KMS updated',
  'GCP Pub/Sub subscription deleted',
  'GCP Pub/Sub subscription modified',
  'GCP Pub/Sub topic deleted',
  'GCP VM modified',
  'GCP VM stopped',
  'GCP WAF Network policy modified',
  'GCP WAF rule modified or deleted',
  'GCP backend service deleted',
  'GCP cloud function created',
  'GCP cloud function deleted',
  'GCP cloud function modified',
  'GCP logging sink deleted',
  'GCP logging sink modified',
];

/** Fields each rule prints (its %field list in the upstream output), for placeholder checks. */
const BASE = ['gcp.projectId', 'gcp.user', 'gcp.callerIP', 'gcp.userAgent', 'gcp.authorizationInfo', 'gcp.request'];
function printedFields(rule: string): Set<string> {
  const fields = new Set(BASE);
  if (rule.startsWith('GCP Bucket')) fields.add('gcp.storage.bucket');
  if (rule === 'GCP Bucket configured to be public' || rule === 'GCP IAM policy modified') fields.add('gcp.policyDelta');
  if (rule === 'GCP Bucket updated') {
    fields.delete('gcp.authorizationInfo');
    fields.add('gcp.serviceName');
    fields.add('gcp.methodName');
  }
  if (rule === 'GCP WAF Network policy modified') {
    fields.delete('gcp.authorizationInfo');
    fields.add('gcp.methodName');
  }
  if (rule.startsWith('GCP Cloud SQL')) fields.add('gcp.cloudsql.databaseId');
  if (rule.startsWith('GCP cloud function')) fields.add('gcp.cloudfunctions.function');
  return fields;
}

function alertOf(rule: string, outputFields: OutputFields): Alert {
  return {
    id: 0,
    file: 'test.ndjson',
    line: 1,
    rule,
    priority: 'Notice',
    time: '2023-07-06T22:43:54.476694000Z',
    timeMs: Date.parse('2023-07-06T22:43:54.476Z'),
    output: '',
    outputFields,
    source: 'gcp_auditlog',
    sourceInferred: false,
    tags: ['GCP'],
  };
}

function playbookFor(rule: string): Playbook {
  const found = PLAYBOOKS.find((p) => p.rules.includes(rule));
  if (found === undefined) throw new Error(`no playbook for ${rule}`);
  return found;
}

function observe(rule: string, fields: OutputFields): string[] {
  const fn = playbookFor(rule).observe;
  return fn === undefined ? [] : fn(alertOf(rule, fields)).map(noteText);
}

describe('gcp playbooks: coverage and shape', () => {
  it('has exactly one playbook per assigned rule, listed first under its current name', () => {
    for (const rule of ASSIGNED) {
      const matches = PLAYBOOKS.filter((p) => p.rules.includes(rule));
      expect(matches, rule).toHaveLength(1);
      expect(matches[0]?.rules[0]).toBe(rule);
      expect(matches[0]?.title).toBe(rule);
    }
    expect(PLAYBOOKS).toHaveLength(ASSIGNED.length);
  });

  it('uses unique gcp- ids and unique rule names', () => {
    const ids = PLAYBOOKS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^gcp-[a-z0-9-]+$/);
    const names = PLAYBOOKS.flatMap((p) => p.rules.map((r) => r.toLowerCase()));
    expect(new Set(names).size).toBe(names.length);
  });

  it('fills every section and keeps prose free of markdown', () => {
    for (const p of PLAYBOOKS) {
      expect(p.family).toBe('gcp');
      expect(p.benignCauses.length, p.id).toBeGreaterThanOrEqual(1);
      expect(p.distinguish.length, p.id).toBeGreaterThanOrEqual(1);
      for (const key of ['immediate', 'shortTerm', 'longTerm'] as const) {
        expect(p.mitigations[key].length, `${p.id} ${key}`).toBeGreaterThanOrEqual(1);
        expect(p.mitigations[key].length, `${p.id} ${key}`).toBeLessThanOrEqual(3);
      }
      expect(p.investigate.length, p.id).toBeGreaterThanOrEqual(2);
      expect(p.investigate.length, p.id).toBeLessThanOrEqual(5);
      const prose = [p.detects, p.whyItMatters, ...p.benignCauses, ...p.distinguish, ...Object.values(p.mitigations).flat()];
      for (const text of prose) {
        expect(text, p.id).not.toMatch(/[`*#]|\]\(/);
      }
      expect(p.allowList).toBeUndefined();
    }
  });

  it('only uses placeholders and tuning fields that the rule prints', () => {
    for (const p of PLAYBOOKS) {
      const printed = printedFields(p.rules[0] ?? '');
      for (const c of p.investigate) {
        expect(c.command, p.id).not.toMatch(/\bfalco\b/);
        expect(c.command.startsWith('gcloud ') || c.command.startsWith('bq '), c.command).toBe(true);
        for (const m of c.command.matchAll(/\{\{([^@}][^}]*)\}\}/g)) {
          expect(printed.has(m[1] ?? ''), `${p.id}: ${m[1]}`).toBe(true);
        }
      }
      expect(p.tuningFields.length).toBeGreaterThanOrEqual(1);
      expect(p.tuningFields.length).toBeLessThanOrEqual(3);
      for (const f of p.tuningFields) expect(printed.has(f), `${p.id}: ${f}`).toBe(true);
    }
  });

  it('never puts a placeholder inside a quoted string', () => {
    for (const p of PLAYBOOKS) {
      for (const c of p.investigate) {
        // Strip placeholders, then make sure no single-quoted section contains a brace.
        for (const quoted of c.command.matchAll(/'([^']*)'/g)) {
          expect(quoted[1], c.command).not.toMatch(/\{gcp\./);
        }
      }
    }
  });
});

describe('gcp playbooks: observe on real alerts', () => {
  it('reads the published bucket-made-public alert', () => {
    const notes = observe('GCP Bucket configured to be public', {
      'evt.time': 1688085381780289000,
      'gcp.authorizationInfo':
        '[{"granted":true,"permission":"storage.buckets.setIamPolicy","resource":"projects/_/buckets/ahmed-test","resourceAttributes":{}}]',
      'gcp.callerIP': '156.204.230.94',
      'gcp.policyDelta': '[{"action":"ADD","member":"allUsers","role":"roles/storage.objectViewer"}]',
      'gcp.user': 'ahmed.amin@test.com',
      'gcp.userAgent':
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/113.0.0.0 Safari/537.36,gzip(gfe),gzip(gfe)',
      'gcp.storage.bucket': 'ahmed-test',
      'gcp.projectId': '**********',
    });
    expect(notes.some((n) => n.includes('roles/storage.objectViewer') && n.includes('anyone on the internet'))).toBe(true);
    expect(notes.some((n) => n.includes('Cloud Console'))).toBe(true);
    expect(notes.some((n) => n.includes('156.204.230.94') && n.includes('public address'))).toBe(true);
    expect(notes.some((n) => n.includes('projects/_/buckets/ahmed-test'))).toBe(true);
    expect(notes.some((n) => n.includes('denied'))).toBe(false);
  });

  it('reads the published Cloud Armor addRule alert', () => {
    const notes = observe('GCP WAF rule modified or deleted', {
      'evt.time': 1688683434476694000,
      'gcp.authorizationInfo':
        '[{"granted":true,"permission":"compute.securityPolicies.update","resourceAttributes":{"name":"projects/=**********/global/securityPolicies/**********","service":"compute","type":"compute.securityPolicies"}}]',
      'gcp.callerIP': '41.45.115.69',
      'gcp.request':
        '{"@type":"type.googleapis.com/compute.securityPolicies.addRule","action":"deny(403)","description":"","match":{"config":{"srcIpRanges":["1.1.1.1"]},"versionedExpr":"SRC_IPS_V1"},"preview":false,"priority":"0"}',
      'gcp.user': 'ahmed.amin@test.com',
      'gcp.userAgent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/113.0.0.0 Safari/537.36,gzip(gfe),gzip(gfe)',
      'json.value[/resource/labels/policy_name]': '**********',
      'gcp.projectId': '****',
    });
    expect(notes).toContain('Operation per the request type: compute.securityPolicies.addRule.');
    expect(notes).toContain('Rule action deny(403), priority 0, source ranges 1.1.1.1.');
    expect(notes.some((n) => n.includes('preview'))).toBe(false);
    expect(notes.some((n) => n.includes('every source'))).toBe(false);
  });

  it('copes with the older masked variant without throwing or inventing', () => {
    const notes = observe('GCP WAF rule modified or deleted', {
      'gcp.authorizationInfo ': '[{"granted":true}]',
      'gcp.user': 'ahmed.amin@test.com',
      'al.principal.ip': 'x.x.x.x',
      'gcp.userAgent ': 'Mozilla/5.0',
      'json.value[/resource/labels/policy_name]': 'xxx-xxxx-xxxx',
      'gcp.projectId': '-***-**-***',
    });
    expect(notes).toEqual([]);
  });
});

describe('gcp playbooks: observe on realistic synthetic alerts', () => {
  it('says nothing when nothing stands out', () => {
    expect(observe('GCP VM stopped', { 'gcp.user': 'alice@example.com', 'gcp.callerIP': '<NA>', 'gcp.projectId': 'prod-1' })).toEqual([]);
  });

  it('flags denied calls, internal callers and the default compute account', () => {
    const notes = observe('GCP IAM service account key created', {
      'gcp.user': '123456789012-compute@developer.gserviceaccount.com',
      'gcp.callerIP': 'gce-internal-ip',
      'gcp.userAgent': 'google-api-go-client/0.5',
      'gcp.authorizationInfo': '[{"granted":false,"permission":"iam.serviceAccountKeys.create","resource":"projects/-/serviceAccounts/deployer@prod-1.iam.gserviceaccount.com"}]',
      'gcp.request':
        '{"@type":"type.googleapis.com/google.iam.admin.v1.CreateServiceAccountKeyRequest","name":"projects/-/serviceAccounts/deployer@prod-1.iam.gserviceaccount.com","private_key_type":2}',
      'gcp.projectId': 'prod-1',
    });
    expect(notes.some((n) => n.includes('default Compute Engine service account'))).toBe(true);
    expect(notes.some((n) => n.includes('gce-internal-ip'))).toBe(true);
    expect(notes.some((n) => n.includes('iam.serviceAccountKeys.create denied'))).toBe(true);
    expect(notes.some((n) => n.includes('deployer@prod-1.iam.gserviceaccount.com') && n.includes('not for the caller'))).toBe(true);
    expect(notes.some((n) => n.includes('Google credentials JSON file'))).toBe(true);
  });

  it('recognises a cross-project service account and the gcloud command', () => {
    const notes = observe('GCP IAM custom role created', {
      'gcp.user': 'ci@tooling-proj.iam.gserviceaccount.com',
      'gcp.userAgent': 'google-cloud-sdk gcloud/450.0.0 command/gcloud.iam.roles.create invocation-id/abc environment/None',
      'gcp.request':
        '{"@type":"type.googleapis.com/google.iam.admin.v1.CreateRoleRequest","parent":"projects/prod-1","role_id":"viewerPlus","role":{"title":"Viewer plus","included_permissions":["compute.instances.list","iam.serviceAccounts.actAs","iam.serviceAccountKeys.create"]}}',
      'gcp.projectId': 'prod-1',
    });
    expect(notes.some((n) => n.includes('belongs to project tooling-proj'))).toBe(true);
    expect(notes.some((n) => n.includes('gcloud.iam.roles.create'))).toBe(true);
    expect(notes).toContain('Role viewerPlus titled "Viewer plus".');
    expect(notes.some((n) => n.includes('iam.serviceAccounts.actAs') && n.includes('iam.serviceAccountKeys.create'))).toBe(true);
  });

  it('reads firewall exposure from the request', () => {
    const notes = observe('GCP GCE Firewall rule modified', {
      'gcp.user': 'bob@example.com',
      'gcp.callerIP': '10.2.3.4',
      'gcp.request':
        '{"@type":"type.googleapis.com/compute.firewalls.insert","name":"allow-admin","direction":"INGRESS","priority":100,"sourceRanges":["0.0.0.0/0"],"allowed":[{"IPProtocol":"tcp","ports":["22","3380-3390"]}]}',
      'gcp.projectId': 'prod-1',
    });
    expect(notes).toContain('Operation per the request type: compute.firewalls.insert.');
    expect(notes).toContain('The rule opens SSH (22), RDP (3389) to 0.0.0.0/0.');
    expect(notes.some((n) => n.includes('RFC 1918'))).toBe(true);
    expect(notes.some((n) => n.startsWith('Priority 100'))).toBe(true);
  });

  it('explains project IAM changes carried only in the request', () => {
    const notes = observe('GCP IAM policy modified', {
      'gcp.user': 'admin@corp.example',
      'gcp.policyDelta': 'null',
      'gcp.request': JSON.stringify({
        '@type': 'type.googleapis.com/google.iam.v1.SetIamPolicyRequest',
        resource: 'prod-1',
        policy: {
          bindings: [
            { role: 'roles/owner', members: ['user:admin@corp.example', 'user:someone@gmail.com'] },
            { role: 'roles/viewer', members: ['user:partner@other.example'] },
          ],
        },
      }),
      'gcp.projectId': 'prod-1',
    });
    expect(notes[0]).toContain('bindingPolicy (gcp.policyDelta) is empty');
    expect(notes.some((n) => n.includes('someone@gmail.com') && n.includes('consumer Gmail'))).toBe(true);
    expect(notes.some((n) => n.includes('partner@other.example') && n.includes('corp.example'))).toBe(true);
    expect(notes.some((n) => n.startsWith('roles/owner in the new policy'))).toBe(true);
  });

  it('reads Cloud SQL exports, log sinks and KMS destruction', () => {
    const exportNotes = observe('GCP Cloud SQL database instance data exported', {
      'gcp.user': 'dba@corp.example',
      'gcp.request':
        '{"@type":"type.googleapis.com/google.cloud.sql.v1beta4.SqlInstancesExportRequest","body":{"exportContext":{"databases":["customers"],"fileType":"SQL","uri":"gs://drop-zone-1337/dump.sql.gz"}},"instance":"main","project":"prod-1"}',
      'gcp.cloudsql.databaseId': 'prod-1:main',
      'gcp.projectId': 'prod-1',
    });
    expect(exportNotes.some((n) => n.includes('gs://drop-zone-1337/dump.sql.gz') && n.includes('drop-zone-1337'))).toBe(true);
    expect(exportNotes).toContain('Databases exported: customers.');

    const sinkNotes = observe('GCP logging sink modified', {
      'gcp.user': 'dev@corp.example',
      'gcp.request':
        '{"@type":"type.googleapis.com/google.logging.v2.UpdateSinkRequest","sinkName":"projects/prod-1/sinks/falco-audit","sink":{"name":"falco-audit","destination":"pubsub.googleapis.com/projects/prod-1/topics/falco","filter":"logName:cloudaudit","disabled":true},"updateMask":"disabled"}',
      'gcp.projectId': 'prod-1',
    });
    expect(sinkNotes.some((n) => n.includes('feeds Falco or the SIEM'))).toBe(true);
    expect(sinkNotes.some((n) => n.includes('disables the sink'))).toBe(true);

    const kmsNotes = observe('GCP KMS deleted', {
      'gcp.user': 'dev@corp.example',
      'gcp.request':
        '{"@type":"type.googleapis.com/google.cloud.kms.v1.DestroyCryptoKeyVersionRequest","name":"projects/prod-1/locations/europe-west1/keyRings/data/cryptoKeys/bq-cmek/cryptoKeyVersions/3"}',
      'gcp.projectId': 'prod-1',
    });
    expect(kmsNotes[0]).toContain('Version 3 of key bq-cmek (key ring data, europe-west1)');
  });

  it('spots a GPU VM with a startup script and the cloud-platform scope', () => {
    const notes = observe('GCP VM modified', {
      'gcp.user': 'intern@corp.example',
      'gcp.userAgent': 'curl/8.1.2',
      'gcp.request': JSON.stringify({
        '@type': 'type.googleapis.com/compute.instances.insert',
        machineType: 'zones/us-central1-a/machineTypes/a2-highgpu-8g',
        guestAccelerators: [{ acceleratorCount: 8 }],
        metadata: { items: [{ key: 'startup-script', value: 'curl x | sh' }] },
        serviceAccounts: [
          { email: '42-compute@developer.gserviceaccount.com', scopes: ['https://www.googleapis.com/auth/cloud-platform'] },
        ],
      }),
      'gcp.projectId': 'prod-1',
    });
    expect(notes.some((n) => n.includes('GPUs'))).toBe(true);
    expect(notes.some((n) => n.includes('startup-script'))).toBe(true);
    expect(notes.some((n) => n.includes('cloud-platform scope'))).toBe(true);
    expect(notes.some((n) => n.includes('raw HTTP client'))).toBe(true);
  });
});
