import type { Arg } from './shell';
import { alertTime, field, opt, ref, words } from './shell';
import type { CliCall } from './cli';
import { cliCommand } from './cli';
import type { ToolOptions } from './options';

/**
 * gcloud. The project is the alert's own (`gcp.projectId`). `logging read` takes its window
 * from a timestamp clause in the filter, anchored to the alert: `--freshness` (default 1d) counts
 * back from now and is ignored once the filter names a timestamp, so an old alert still finds its
 * entries.
 */
const PROJECT = field('gcp.projectId');

/**
 * A filter clause for the window `before` the alert to `after` it, as a quoted shell piece to
 * append to a filter word that ends inside single quotes: `'A="x"' + window('-1d')`.
 */
export function loggingWindow(before = '-1d', after = '+1h'): string {
  return `' AND timestamp>="'${ref(alertTime(before))}'" AND timestamp<="'${ref(alertTime(after))}'"'`;
}

export const gcloud = {
  /**
   * Any other gcloud command (`functions describe NAME`, `sql users list` ...), options checked
   * against GCLOUD_OPTIONS as the playbook is built; the alert's project is added unless
   * `--project` is given or the command names its scope another way (`project: false`).
   */
  run(sub: string, call: CliCall & { project?: false } = {}): string {
    const project = call.project === false ? {} : { '--project': PROJECT };
    return cliCommand('gcloud', GCLOUD_OPTIONS, sub, { args: call.args, options: { ...project, ...call.options } });
  },
  /**
   * `gcloud logging read` with `filter` (one shell word ending in a single-quoted piece) limited to
   * the window around the alert.
   */
  loggingRead(filter: string, o: { before?: string; after?: string; limit?: number; format?: string; project?: Arg } = {}): string {
    return words(
      'gcloud logging read',
      `${filter}${loggingWindow(o.before, o.after)}`,
      opt('--project', o.project ?? PROJECT),
      `--limit=${o.limit ?? 50}`,
      `--format=${o.format ?? 'json'}`,
    );
  },
};

/** The alert's time as a bare value, for callers that build their own filter. */
export const gcpAlertTime = alertTime;

/** gcloud reference (cloud.google.com/sdk/gcloud/reference), Google Cloud SDK 4xx. */
export const GCLOUD_OPTIONS: ToolOptions = {
  source: 'https://cloud.google.com/sdk/gcloud/reference (gcloud logging read, iam, projects, storage, functions, compute, sql, kms, pubsub)',
  global: ['--project', '--format', '--filter', '--flatten', '--limit', '--sort-by', '--page-size', '--quiet', '-q', '--verbosity', '--account', '--configuration', '--impersonate-service-account', '--billing-project', '--log-http', '--uri'],
  commands: {
    'logging read': ['--freshness', '--order', '--bucket', '--location', '--view', '--organization', '--folder', '--billing-account', '--resource-names'],
    'logging sinks list': ['--organization', '--folder', '--billing-account'],
    'logging sinks describe': ['--organization', '--folder', '--billing-account'],
    'iam service-accounts keys list': ['--iam-account', '--managed-by', '--created-before'],
    'iam service-accounts list': [],
    'iam service-accounts describe': [],
    'iam service-accounts get-iam-policy': [],
    'iam roles describe': ['--organization'],
    'projects get-iam-policy': [],
    'storage buckets describe': ['--raw'],
    'storage buckets get-iam-policy': [],
    'storage buckets list': ['--soft-deleted', '--raw'],
    'asset search-all-iam-policies': ['--scope', '--asset-types', '--query', '--order-by'],
    'asset search-all-resources': ['--scope', '--asset-types', '--query', '--order-by', '--read-mask'],
    'compute security-policies list': ['--regions', '--global'],
    'compute network-edge-security-services describe': ['--region'],
    'compute url-maps list': ['--regions', '--global'],
    'storage ls': ['--recursive', '-r', '--long', '-l', '--all-versions', '-a'],
    'functions describe': ['--region', '--gen2', '--no-gen2'],
    'functions get-iam-policy': ['--region', '--gen2', '--no-gen2'],
    'functions list': ['--regions', '--gen2', '--no-gen2'],
    'compute instances describe': ['--zone'],
    'compute instances list': ['--zones'],
    'compute firewall-rules describe': [],
    'compute firewall-rules list': [],
    'compute security-policies describe': ['--region', '--global'],
    'compute backend-services list': ['--regions', '--global'],
    'sql instances describe': [],
    'sql instances list': [],
    'sql users list': ['--instance'],
    'sql operations list': ['--instance'],
    'sql backups list': ['--instance'],
    'kms keys versions list': ['--key', '--keyring', '--location'],
    'kms keys get-iam-policy': ['--keyring', '--location'],
    'kms keys list': ['--keyring', '--location'],
    'kms keyrings get-iam-policy': ['--location'],
    'pubsub subscriptions list': [],
    'pubsub topics list': [],
    'pubsub subscriptions describe': [],
    'pubsub topics describe': [],
  },
  takesValue: ['--project', '--format', '--filter', '--flatten', '--limit', '--sort-by', '--page-size', '--verbosity', '--account', '--configuration', '--impersonate-service-account', '--billing-project', '--freshness', '--order', '--bucket', '--location', '--view', '--organization', '--folder', '--billing-account', '--resource-names', '--iam-account', '--managed-by', '--created-before', '--region', '--regions', '--zone', '--zones', '--instance', '--key', '--keyring', '--scope', '--asset-types', '--query', '--order-by', '--read-mask'],
};
