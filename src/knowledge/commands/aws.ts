import type { Arg } from './shell';
import { alertTime, field, isField, opt, quotedField, word, words } from './shell';
import type { CliCall } from './cli';
import { cliCommand } from './cli';
import type { ToolOptions } from './options';

/**
 * AWS CLI v2. The region is the alert's own (`ct.region`): CloudTrail's lookup-events only sees
 * the region it is asked. Times are the alert's own: from a day before to an hour after.
 * The lookup attribute is written as JSON with the value a JSON string literal, so neither a `-`
 * nor a `,` or `=` in an alert value (the shorthand syntax's separators) changes what is asked.
 */
const REGION = field('ct.region');

export const aws = {
  /** CloudTrail events with one lookup attribute, around the alert. */
  lookupEvents(
    key: 'Username' | 'EventName' | 'ResourceName' | 'AccessKeyId' | 'EventSource' | 'ResourceType' | 'EventId',
    value: Arg,
    o: { maxResults?: number; output?: 'json'; window?: boolean; from?: string; to?: string; region?: Arg } = {},
  ): string {
    const json =
      typeof value === 'string' ? JSON.stringify(value) : isField(value) ? word(quotedField(value.field)) : `'"'${word(value)}'"'`;
    const attr = [`'[{"AttributeKey":"${key}","AttributeValue":'`, json, `'}]'`].join('');
    return words(
      'aws cloudtrail lookup-events',
      opt('--region', o.region ?? REGION),
      o.window !== false && opt('--start-time', alertTime(o.from ?? '-1d')),
      o.window !== false && opt('--end-time', alertTime(o.to ?? '+1h')),
      `--lookup-attributes=${attr}`,
      `--max-results=${o.maxResults ?? 50}`,
      o.output && `--output=${o.output}`,
    );
  },
  /**
   * Any other aws subcommand (`iam get-user`, `s3api get-bucket-acl` ...), options checked against
   * AWS_OPTIONS as the playbook is built; the alert's region is added unless `region` is false
   * (IAM is global).
   */
  run(sub: string, options: CliCall['options'] = {}, o: { region?: Arg | false } = {}): string {
    const region = o.region === false ? {} : { '--region': o.region ?? REGION };
    return cliCommand('aws', AWS_OPTIONS, sub, { options: { ...region, ...options } });
  },
};

/** AWS CLI v2 command reference (awscli.amazonaws.com/v2/documentation/api/latest/reference/). */
export const AWS_OPTIONS: ToolOptions = {
  source: 'https://awscli.amazonaws.com/v2/documentation/api/latest/reference/ (AWS CLI v2)',
  global: ['--region', '--output', '--query', '--profile', '--debug', '--endpoint-url', '--no-verify-ssl', '--no-paginate', '--no-cli-pager', '--color', '--cli-read-timeout', '--cli-connect-timeout', '--max-items', '--starting-token', '--page-size'],
  commands: {
    'cloudtrail lookup-events': ['--lookup-attributes', '--start-time', '--end-time', '--event-category', '--max-results'],
    'cloudtrail get-trail': ['--name'],
    'cloudtrail get-trail-status': ['--name'],
    'cloudtrail describe-trails': ['--trail-name-list', '--include-shadow-trails'],
    'cloudtrail get-event-selectors': ['--trail-name'],
    'iam get-user': ['--user-name'],
    'iam get-role': ['--role-name'],
    'iam list-access-keys': ['--user-name'],
    'iam list-attached-user-policies': ['--user-name', '--path-prefix'],
    'iam list-user-policies': ['--user-name'],
    'iam list-groups-for-user': ['--user-name'],
    'iam list-attached-group-policies': ['--group-name', '--path-prefix'],
    'iam list-group-policies': ['--group-name'],
    'iam get-group': ['--group-name'],
    'iam list-mfa-devices': ['--user-name'],
    'iam get-login-profile': ['--user-name'],
    'iam get-account-summary': [],
    'iam list-virtual-mfa-devices': ['--assignment-status'],
    's3control get-public-access-block': ['--account-id'],
    's3api get-bucket-ownership-controls': ['--bucket', '--expected-bucket-owner'],
    'lambda get-function-url-config': ['--function-name', '--qualifier'],
    'iam generate-credential-report': [],
    'iam get-credential-report': [],
    'iam list-attached-role-policies': ['--role-name', '--path-prefix'],
    'iam list-role-policies': ['--role-name'],
    'iam get-policy-version': ['--policy-arn', '--version-id'],
    'iam list-entities-for-policy': ['--policy-arn', '--entity-filter', '--path-prefix', '--policy-usage-filter'],
    's3api get-bucket-policy': ['--bucket', '--expected-bucket-owner'],
    's3api get-bucket-policy-status': ['--bucket', '--expected-bucket-owner'],
    's3api get-public-access-block': ['--bucket', '--expected-bucket-owner'],
    's3api get-bucket-acl': ['--bucket', '--expected-bucket-owner'],
    's3api get-bucket-versioning': ['--bucket', '--expected-bucket-owner'],
    's3api get-bucket-logging': ['--bucket', '--expected-bucket-owner'],
    's3api get-bucket-encryption': ['--bucket', '--expected-bucket-owner'],
    's3api list-object-versions': ['--bucket', '--prefix', '--max-keys'],
    'lambda get-function': ['--function-name', '--qualifier'],
    'lambda get-function-configuration': ['--function-name', '--qualifier'],
    'lambda list-versions-by-function': ['--function-name', '--max-items'],
    'lambda get-policy': ['--function-name', '--qualifier'],
    'lambda list-event-source-mappings': ['--function-name', '--event-source-arn'],
    'ecs describe-services': ['--cluster', '--services', '--include'],
    'ecs describe-task-definition': ['--task-definition', '--include'],
    'ecs list-tasks': ['--cluster', '--service-name', '--family', '--desired-status', '--started-by'],
    'ec2 describe-instances': ['--instance-ids', '--filters', '--dry-run', '--no-dry-run'],
    'ec2 describe-security-groups': ['--group-ids', '--filters', '--group-names'],
    'ec2 describe-regions': ['--all-regions', '--filters', '--region-names'],
    'ec2 describe-snapshots': ['--owner-ids', '--snapshot-ids', '--filters'],
    'sts get-caller-identity': [],
    'organizations list-accounts': [],
    'ssm describe-instance-information': ['--filters'],
    'logs describe-log-groups': ['--log-group-name-prefix'],
    'guardduty list-detectors': [],
    'config describe-configuration-recorder-status': [],
  },
  takesValue: [
    '--region', '--output', '--query', '--profile', '--endpoint-url', '--color', '--cli-read-timeout', '--cli-connect-timeout', '--max-items', '--starting-token', '--page-size',
    '--lookup-attributes', '--start-time', '--end-time', '--event-category', '--max-results', '--name', '--trail-name-list', '--trail-name', '--user-name', '--role-name',
    '--group-name', '--path-prefix', '--policy-arn', '--version-id', '--entity-filter', '--policy-usage-filter', '--bucket', '--expected-bucket-owner', '--prefix', '--max-keys',
    '--function-name', '--qualifier', '--event-source-arn', '--cluster', '--services', '--include', '--task-definition', '--service-name', '--family', '--desired-status',
    '--started-by', '--assignment-status', '--account-id', '--instance-ids', '--filters', '--group-ids', '--group-names', '--region-names', '--owner-ids', '--snapshot-ids', '--log-group-name-prefix',
  ],
};
