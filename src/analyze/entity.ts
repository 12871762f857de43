import type { Alert, Entity } from '../model';
import { lookupTable } from '../knowledge/lookupTable';
import { fieldText } from '../knowledge/fieldValue';

/** For each event source, the fields that name "who did it", most specific first. */
const PRINCIPAL_FIELDS: Record<string, { kind: Entity['kind']; fields: string[]; noun: string }> = lookupTable({
  k8s_audit: { kind: 'k8s-user', fields: ['ka.user.name'], noun: 'Kubernetes user' },
  aws_cloudtrail: {
    kind: 'cloud-principal',
    fields: ['ct.user.arn', 'ct.user', 'ct.user.principalid', 'ct.user.identitytype'],
    noun: 'AWS principal',
  },
  gcp_auditlog: { kind: 'cloud-principal', fields: ['gcp.user', 'gcp.callerIP'], noun: 'GCP principal' },
  okta: { kind: 'account', fields: ['okta.actor.name', 'okta.actor.id', 'okta.client.ip'], noun: 'Okta actor' },
  github: { kind: 'account', fields: ['github.user', 'github.owner', 'github.repo'], noun: 'GitHub user' },
});

/**
 * The entity an alert is attributed to. Alerts of the same rule and entity form one incident:
 * for workloads the container (or, on the host, the process), for audit sources the principal.
 * Without `labelled` the label is left empty: grouping needs only kind and value, per alert.
 */
export function entityOf(alert: Alert, labelled = true): Entity {
  const principal = PRINCIPAL_FIELDS[alert.source];
  if (principal) {
    for (const field of principal.fields) {
      const value = fieldText(alert, field);
      if (value) return { kind: principal.kind, field, value, label: labelled ? `${principal.noun} ${value}` : '' };
    }
  }
  const containerId = fieldText(alert, 'container.id');
  if (containerId && containerId !== 'host') {
    if (!labelled) return { kind: 'container', field: 'container.id', value: containerId, label: '' };
    const name = fieldText(alert, 'container.name') ?? fieldText(alert, 'k8s.pod.name');
    const image = fieldText(alert, 'container.image.repository');
    const detail = [name, image].filter(Boolean).join(', ');
    return {
      kind: 'container',
      field: 'container.id',
      value: containerId,
      label: `container ${containerId}${detail ? ` (${detail})` : ''}`,
    };
  }
  const processName = fieldText(alert, 'proc.name');
  if (processName) {
    if (!labelled) return { kind: 'process', field: 'proc.name', value: processName, label: '' };
    const where = alert.hostname ? ` on ${alert.hostname}` : containerId === 'host' ? ' on the host' : '';
    return { kind: 'process', field: 'proc.name', value: processName, label: `process ${processName}${where}` };
  }
  if (alert.hostname) {
    return { kind: 'host', field: 'hostname', value: alert.hostname, label: labelled ? `host ${alert.hostname}` : '' };
  }
  return { kind: 'unknown', field: '', value: '', label: 'unattributed' };
}
