import type { Alert } from '../../../model';
import type { CommandTemplate, Playbook } from '../../types';
import { actorTrail, callerIpTrail, callerKeys, distinguishWith, logRead, methodByUser } from './helpers';
import { asString, findKey, isObjectValue, listText, request, withCaller } from './observe';
import { gcloud, variable } from '../../commands';

const pubsubAdminByUser: CommandTemplate = logRead(
  "The principal's Pub/Sub admin calls in the day before the alert",
  methodByUser('protoPayload.serviceName="pubsub.googleapis.com"'),
);

const loggingAdminByUser: CommandTemplate = logRead(
  "The principal's Cloud Logging configuration calls in the day before the alert (sinks, exclusions, buckets)",
  methodByUser('protoPayload.serviceName="logging.googleapis.com"'),
);

const sinksList: CommandTemplate = {
  title: 'List the log sinks of the project with destination, filter and disabled state',
  command: gcloud.run('logging sinks list', { options: { '--format': 'json' } }),
};

const subscriptionsList: CommandTemplate = {
  title: 'List subscriptions with their topic, push endpoint and filter',
  command: gcloud.run('pubsub subscriptions list', { options: { '--format': 'json' } }),
};

const LOG_PIPELINE_HINT = /falco|audit|log|siem|sink|security|splunk|chronicle|datadog|elastic|sentinel/i;

function resourceNameNote(alert: Alert, key: string, kind: string): string[] {
  const raw = findKey(request(alert), key);
  const name = asString(raw) ?? (isObjectValue(raw) ? asString(raw['name']) : undefined);
  if (name === undefined) return [];
  const short = name.split('/').pop() ?? name;
  const notes = [`The ${kind} is ${name}.`];
  if (LOG_PIPELINE_HINT.test(short)) {
    notes.push(`The ${kind} name suggests it carries logs or security events: check whether it feeds Falco or the SIEM.`);
  }
  return notes;
}

function subscriptionUpdateNotes(alert: Alert): string[] {
  const body = request(alert);
  const notes = resourceNameNote(alert, 'subscription', 'subscription');
  const endpoint = asString(findKey(body, 'pushEndpoint'));
  if (endpoint !== undefined) {
    notes.push(`Messages are now pushed to ${endpoint}: confirm that endpoint is yours, a push endpoint forwards every message out of the project.`);
  }
  const filter = asString(findKey(body, 'filter'));
  if (filter !== undefined) notes.push(`The subscription filter is set to: ${filter.slice(0, 200)} (messages not matching are dropped).`);
  const mask = asString(findKey(body, 'updateMask'));
  if (mask !== undefined) notes.push(`Fields changed (updateMask): ${mask}.`);
  return notes;
}

function sinkNotes(alert: Alert): string[] {
  const body = request(alert);
  const notes = resourceNameNote(alert, 'sinkName', 'sink');
  if (findKey(body, 'disabled') === true) notes.push('The request disables the sink: logs stop flowing to its destination.');
  const destination = asString(findKey(body, 'destination'));
  if (destination !== undefined) notes.push(`Destination: ${destination}.`);
  const filter = asString(findKey(body, 'filter'));
  if (filter !== undefined) notes.push(`Sink filter: ${filter.slice(0, 200)}.`);
  const exclusions = findKey(body, 'exclusions');
  if (Array.isArray(exclusions) && exclusions.length > 0) {
    const names = exclusions
      .map((e) => (isObjectValue(e) ? asString(e['name']) ?? asString(e['filter']) : undefined))
      .filter((n): n is string => n !== undefined);
    notes.push(`The sink carries ${exclusions.length} exclusion(s)${names.length > 0 ? `: ${listText(names)}` : ''}; exclusions silently drop matching entries.`);
  }
  const mask = asString(findKey(body, 'updateMask'));
  if (mask !== undefined) notes.push(`Fields changed (updateMask): ${mask}.`);
  return notes;
}

const AUDIT_GAP =
  'Admin Activity audit logs always stay in the _Required log bucket for 400 days whatever the sinks do, so the history of this change is still there.';

export const LOGGING_PUBSUB_PLAYBOOKS: Playbook[] = [
  {
    id: 'gcp-pubsub-topic-deleted',
    title: 'GCP Pub/Sub topic deleted',
    rules: ['GCP Pub/Sub topic deleted'],
    family: 'gcp',
    detects: 'A Pub/Sub google.pubsub.v1.Publisher.DeleteTopic call: a topic was deleted.',
    whyItMatters:
      'Audit logs usually reach Falco and SIEMs through a log sink that publishes to a Pub/Sub topic; deleting the topic cuts that feed, blinding detection for everything that follows. It also breaks applications that publish to it.',
    benignCauses: [
      'Decommissioning an application or event pipeline.',
      'Terraform replacing a topic.',
    ],
    distinguish: distinguishWith(
      'gcp.request: the topic. One that a log sink writes to (see the sinks list) is a defence-evasion target; an application topic being retired by its owners is routine.',
    ),
    mitigations: {
      immediate: [
        'Recreate the topic and its subscriptions from infrastructure as code and confirm the log sink and Falco subscription deliver again.',
      ],
      shortTerm: [
        'Review the principal activity during the blind window directly in Cloud Logging. ' + AUDIT_GAP,
      ],
      longTerm: [
        'Keep the log-export topic in a separate security project where workload principals have no Pub/Sub admin roles.',
      ],
    },
    investigate: [
      sinksList,
      {
        title: 'Subscriptions left without their topic',
        command: gcloud.run('pubsub subscriptions list', { options: { '--filter': 'topic:_deleted-topic_', '--format': 'json' } }),
      },
      pubsubAdminByUser,
      actorTrail,
    ],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller((alert) => resourceNameNote(alert, 'topic', 'topic')),
  },
  {
    id: 'gcp-pubsub-subscription-modified',
    title: 'GCP Pub/Sub subscription modified',
    rules: ['GCP Pub/Sub subscription modified', 'GCP Pub/Sub Subscriber modified'],
    family: 'gcp',
    detects: 'A Pub/Sub google.pubsub.v1.Subscriber.UpdateSubscription call: settings of a subscription (push endpoint, filter, ack deadline, retention, expiry) changed.',
    whyItMatters:
      'Changing the subscription Falco reads from (a filter that drops entries, a push endpoint elsewhere, a short expiry) silently starves detection; a new push endpoint can also ship every message to an outside URL.',
    benignCauses: [
      'Tuning ack deadlines or retention for a consumer.',
      'Moving a push endpoint to a new service URL during a deployment.',
    ],
    distinguish: distinguishWith(
      'gcp.request: updateMask, pushEndpoint and filter. A new endpoint outside your domains, or a filter on the subscription that feeds Falco, is suspect.',
    ),
    mitigations: {
      immediate: [
        'Restore the subscription settings from infrastructure as code (gcloud pubsub subscriptions update SUBSCRIPTION with the original push endpoint and settings).',
      ],
      shortTerm: [
        'Check that Falco received events for the whole period and replay from Cloud Logging if not.',
      ],
      longTerm: [
        'Restrict pubsub.subscriptions.update on the log-export subscription to the security team.',
      ],
    },
    investigate: [subscriptionsList, pubsubAdminByUser, actorTrail],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(subscriptionUpdateNotes),
  },
  {
    id: 'gcp-pubsub-subscription-deleted',
    title: 'GCP Pub/Sub subscription deleted',
    rules: ['GCP Pub/Sub subscription deleted'],
    family: 'gcp',
    detects: 'A Pub/Sub google.pubsub.v1.Subscriber.DeleteSubscription call: a subscription was deleted.',
    whyItMatters:
      'If it is the subscription the GCP audit plugin reads from, Falco stops receiving audit logs from that moment; this alert may be the last one you get from the project.',
    benignCauses: [
      'Removing a consumer that is no longer needed.',
      'Pipelines recreating subscriptions during deployment.',
    ],
    distinguish: distinguishWith(
      'gcp.request: the subscription. The one configured in the gcpaudit plugin, or one used by a SIEM, is a defence-evasion target.',
    ),
    mitigations: {
      immediate: [
        'Recreate the subscription on the log-export topic and confirm Falco receives events again.',
      ],
      shortTerm: [
        'Review what happened in the project while the feed was down, directly in Cloud Logging. ' + AUDIT_GAP,
      ],
      longTerm: [
        'Host the log-export topic and subscription in a dedicated security project.',
      ],
    },
    investigate: [subscriptionsList, pubsubAdminByUser, actorTrail, callerIpTrail],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller((alert) => resourceNameNote(alert, 'subscription', 'subscription')),
  },
  {
    id: 'gcp-logging-sink-modified',
    title: 'GCP logging sink modified',
    rules: ['GCP logging sink modified'],
    family: 'gcp',
    detects: 'A Cloud Logging google.logging.v2.ConfigServiceV2.UpdateSink call: a log sink (destination, filter, exclusions or disabled state) was changed.',
    whyItMatters:
      'Sinks route audit logs to long-term storage, SIEMs and Falco; narrowing the filter, adding exclusions, disabling the sink or changing its destination removes visibility or sends your logs to a place the attacker reads.',
    benignCauses: [
      'Tuning filters or exclusions to cut logging cost.',
      'Moving logs to a new bucket, dataset or topic.',
    ],
    distinguish: distinguishWith(
      'gcp.request: disabled, filter, exclusions and destination. A sink feeding security tooling that loses cloudaudit entries, gets disabled, or points to a destination in an unknown project is evasion or exfiltration.',
    ),
    mitigations: {
      immediate: [
        'Restore the sink configuration (gcloud logging sinks update SINK DESTINATION --log-filter=FILTER) and re-enable it.',
      ],
      shortTerm: [
        'Backfill the gap for downstream tools from Cloud Logging. ' + AUDIT_GAP,
      ],
      longTerm: [
        'Export audit logs with an aggregated sink at organization level, which project principals cannot modify, and restrict logging.sinks.update.',
      ],
    },
    investigate: [
      sinksList,
      {
        title: 'Describe the sink as it is now (set SINK from rawRequest)',
        command: gcloud.run('logging sinks describe', { args: [variable('SINK', 'the sink name from the alert request')], options: { '--format': 'json' } }),
      },
      loggingAdminByUser,
      callerKeys,
    ],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(sinkNotes),
  },
  {
    id: 'gcp-logging-sink-deleted',
    title: 'GCP logging sink deleted',
    rules: ['GCP logging sink deleted'],
    family: 'gcp',
    detects: 'A Cloud Logging google.logging.v2.ConfigServiceV2.DeleteSink call: a log sink was deleted.',
    whyItMatters:
      'Deleting the sink that exports audit logs stops delivery to the SIEM and Falco at once: a classic way to impair defences before acting.',
    benignCauses: [
      'Removing an obsolete export or replacing a sink through Terraform.',
    ],
    distinguish: distinguishWith(
      'gcp.request: the sink name. A sink whose destination is the Falco topic, a SIEM or an archive bucket is a defence-evasion target.',
    ),
    mitigations: {
      immediate: [
        'Recreate the sink (gcloud logging sinks create SINK DESTINATION --log-filter=FILTER) and grant its new writer identity access to the destination.',
      ],
      shortTerm: [
        'Review activity in the project since the deletion directly in Cloud Logging. ' + AUDIT_GAP,
      ],
      longTerm: [
        'Use an organization-level aggregated sink for audit logs and restrict logging.sinks.delete.',
      ],
    },
    investigate: [sinksList, loggingAdminByUser, actorTrail, callerIpTrail],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller((alert) => resourceNameNote(alert, 'sinkName', 'sink')),
  },
];
