import { fieldText } from '../../fieldValue';
import type { Playbook } from '../../types';
import { ctEventsByName, ctEventsByUser, observeCloudTrail } from './helpers';
import { aws, field } from '../../commands';
import { CAPTURE_FIRST } from '../captureFirst';

export const AWS_CLOUDTRAIL_PLAYBOOKS: Playbook[] = [
  {
    id: 'aws-all-cloudtrail-events',
    title: 'All Cloudtrail Events',
    rules: ['All Cloudtrail Events'],
    family: 'aws',
    detects:
      'Every event delivered by the CloudTrail plugin (the condition is only evt.num > 0). It ships disabled and exists to confirm that the plugin is reading the trail.',
    whyItMatters:
      'It carries no judgement about the event. Its value is operational: if it is enabled and silent, the CloudTrail rules are blind; if it is enabled in production, it floods the pipeline and hides real detections.',
    benignCauses: [
      'Someone enabled it to validate a new CloudTrail plugin setup (S3 bucket, SQS queue or local files).',
      'A rules override that enables all rules, including debug ones.',
    ],
    distinguish: [
      'Nothing in the alert separates good from bad: read evt.plugininfo (who, from where, which call) and ct.error, and judge the underlying event on its own merits.',
      'A burst of alerts with ct.error set (AccessDenied and similar) from one principal is worth a look as possible permission enumeration.',
    ],
    mitigations: {
      immediate: ['Disable the rule again once ingestion is confirmed (enabled: false in a local rules override).'],
      shortTerm: ['Keep a dedicated test instance or a short-lived override for plugin checks instead of enabling it in production.'],
      longTerm: ['Monitor plugin ingestion with Falco metrics rather than a catch-all rule.'],
    },
    investigate: [
      {
        title: 'Fetch the original CloudTrail record by its event id',
        command: aws.lookupEvents('EventId', field('ct.id'), { window: false }),
      },
      {
        title: 'Check which trails exist and whether they are multi-region',
        command: aws.run('cloudtrail describe-trails', { '--include-shadow-trails': true }, { region: false }),
      },
    ],
    tuningFields: [],
    observe: (alert) => {
      const error = fieldText(alert, 'ct.error');
      return error
        ? [`ct.error is ${error}: AWS refused this call, so it changed nothing, but it shows what the caller tried to do.`]
        : [];
    },
  },
  {
    id: 'aws-cloudtrail-trail-created',
    title: 'CloudTrail Trail Created',
    rules: ['CloudTrail Trail Created'],
    family: 'aws',
    detects: 'A successful CreateTrail call; ct.request.name is the name of the new trail.',
    whyItMatters:
      'A trail decides where the account\'s audit log goes. An intruder can create one that delivers to a bucket they control, copying your activity out, or stand up a narrow trail so an existing full one can be deleted with less notice.',
    benignCauses: [
      'Account setup by Control Tower, Organizations or a landing-zone pipeline.',
      'Onboarding a security or compliance product that creates its own trail.',
      'IaC adding a trail for a new region or data-event selection.',
    ],
    distinguish: [
      'Look at the new trail\'s S3 bucket and KMS key: a bucket in an account outside your organization is the red flag.',
      'Check whether ct.user is your landing-zone or IaC role and whether a vendor onboarding was scheduled.',
      'Look for DeleteTrail, StopLogging or PutEventSelectors on other trails by the same ct.user around the same time.',
    ],
    mitigations: {
      immediate: ['If the destination is not yours, save the trail\'s settings (aws cloudtrail get-trail), then delete it (aws cloudtrail delete-trail) and rotate the principal\'s credentials.'],
      shortTerm: ['Inventory all trails in every region and confirm each destination bucket is owned by your log-archive account.'],
      longTerm: [
        'Use an organization trail to a log-archive account and restrict cloudtrail:CreateTrail and cloudtrail:UpdateTrail to the landing-zone role by SCP.',
      ],
    },
    investigate: [
      {
        title: 'Show the new trail: destination bucket, KMS key, multi-region and organization flags',
        command: aws.run('cloudtrail describe-trails', { '--trail-name-list': field('ct.request.name') }),
      },
      {
        title: 'See which events the trail records',
        command: aws.run('cloudtrail get-event-selectors', { '--trail-name': field('ct.request.name') }),
      },
      ctEventsByUser,
    ],
    tuningFields: ['ct.user', 'ct.request.name'],
    observe: observeCloudTrail,
  },
  {
    id: 'aws-cloudtrail-logging-disabled',
    title: 'CloudTrail Logging Disabled',
    rules: ['CloudTrail Logging Disabled'],
    family: 'aws',
    detects:
      'A successful StopLogging call; ct.request.name is the trail (name or ARN) that stopped recording.',
    whyItMatters:
      'Stopping the trail is textbook defence evasion: whatever the intruder does next is no longer delivered to your log bucket or SIEM, and investigation later has to rely on the 90-day event history alone.',
    benignCauses: [
      'Planned decommissioning or migration to an organization trail, usually followed by DeleteTrail.',
      'Cost reduction on a sandbox account, done by its owner.',
    ],
    distinguish: [
      'A stop without a planned change, or done by a ct.user that is not the logging or landing-zone owner, should be treated as an attack.',
      'Check whether the trail was restarted (StartLogging) and whether other defences were touched in the same session (GuardDuty, Config, S3 log bucket policy).',
      'Compare ct.srcip with where ct.user normally works.',
    ],
    mitigations: {
      immediate: [
        CAPTURE_FIRST.cloudtrail,
        'Turn logging back on now (aws cloudtrail start-logging --name with the trail from ct.request.name).',
        'Contain ct.user: deactivate its access keys or revoke the role\'s active sessions.',
      ],
      shortTerm: ['Reconstruct the gap from CloudTrail event history, which keeps recording management events even while trails are stopped.'],
      longTerm: [
        'Deny cloudtrail:StopLogging, DeleteTrail and UpdateTrail by SCP except for a break-glass role, and use an organization trail that member accounts cannot stop.',
      ],
    },
    investigate: [
      {
        title: 'Confirm the trail state now (IsLogging, StopLoggingTime, latest delivery)',
        command: aws.run('cloudtrail get-trail-status', { '--name': field('ct.request.name') }),
      },
      ctEventsByUser,
      ctEventsByName('StartLogging', 'Check whether someone restarted the trail'),
      ctEventsByName('DeleteTrail', 'Check whether trails were also deleted'),
    ],
    tuningFields: ['ct.user', 'ct.request.name'],
    observe: observeCloudTrail,
  },
];
