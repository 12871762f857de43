import type { Alert } from '../model';
import { fieldText } from './fieldValue';
import { inTempDir } from './lists';

/**
 * falcosecurity's event-generator performs suspicious actions on purpose to trigger Falco rules.
 * One detector for every place that asks "is this a drill?" (risk, observations, playbooks), so
 * they never disagree.
 *
 * A name proves nothing: anyone can call a binary `event-generator`. The verdict weighs kinds of
 * evidence that have to agree, and evidence against cancels it:
 *
 * - image: `container.image.repository` is the published image (Docker Hub falcosecurity/
 *   event-generator, with or without the registry host). Worth two: a compromised workload cannot
 *   change the image it runs from.
 * - path: an executable path is where the image installs it (`/bin/event-generator`).
 * - command line: the tool's own sub-commands (`event-generator run syscall`, `run --loop`) or the
 *   self re-execution it stages actions with (`httpd --loglevel info run ^helper.RunShell$`).
 * - workload: the container or pod is named after it (`falco-event-generator-...`), or a k8s_audit
 *   request comes from its service account (falco-event-generator).
 * - name: a process of the chain is called `event-generator`, or a k8s_audit request targets an
 *   object its k8saudit actions create (vanilla-deployment ...).
 *
 * Against: a process that claims to be event-generator (by name or by file name) runs a binary from
 * a temporary directory, or the container runs an image that is not event-generator's.
 * A drill needs two points of evidence, one of them fixed when the workload was deployed (image,
 * container or pod name, service account), and nothing against: a process can choose its own name,
 * path and command line, never the workload it runs in.
 */

export interface FieldMatch {
  field: string;
  value: string;
}

export type EvidenceKind = 'image' | 'path' | 'cmdline' | 'workload' | 'name';

export interface EvidenceItem extends FieldMatch {
  kind: EvidenceKind;
}

export interface EventGeneratorVerdict {
  /** True when the evidence agrees and nothing contradicts it: treat the alert as a drill. */
  drill: boolean;
  /** Fields that point at event-generator, in the order an analyst would look. */
  support: readonly EvidenceItem[];
  /** Fields that contradict it: why a claim was not believed. */
  against: readonly (FieldMatch & { why: string })[];
}

const NAME = 'event-generator';
const IMAGE = /^((docker\.io|index\.docker\.io|registry-1\.docker\.io|mirror\.gcr\.io)\/)?falcosecurity\/event-generator$/i;
/** Where the published image installs the binary (its Dockerfile copies it to /bin). */
const INSTALL_PATHS = new Set(['/bin/event-generator', '/usr/bin/event-generator', '/usr/local/bin/event-generator']);
/** Its sub-commands, and `run <regexp>` with the action groups it re-executes itself for. */
const OWN_COMMAND = /^(\S*\/)?event-generator\s+(run|test|bench|list|suite)\b/;
const STAGED_ACTION = /\brun\s+\^?(helper|syscall|k8saudit)\.[A-Za-z0-9_]+\$?(\s|$)/;
const WORKLOAD_FIELDS = ['container.name', 'k8s.pod.name', 'k8s.deployment.name'] as const;
/** The service account its Kubernetes manifests run it as (deployment/role-rolebinding-serviceaccount.yaml). */
const SERVICE_ACCOUNT = /^system:serviceaccount:[^:]+:falco-event-generator$/;

/** Object names falcosecurity's event-generator creates in its k8saudit actions. */
export const EVENT_GENERATOR_K8S_OBJECTS: readonly string[] = [
  'disallowed-pod-deployment',
  'hostnetwork-deployment',
  'nodeport-service',
  'pod-exec-role',
  'private-creds-configmap',
  'privileged-deployment',
  'sensitive-mount-deployment',
  'vanilla-configmap',
  'vanilla-deployment',
  'vanilla-role-binding',
  'vanilla-role',
  'vanilla-service',
  'vanilla-serviceaccount',
  'wildcard-resources-role',
  'write-privileges-role',
];
const K8S_OBJECT_FIELDS = ['ka.target.name', 'ka.resp.name', 'ka.req.configmap.name'] as const;

/** The event-generator object a k8s_audit name matches (`vanilla-deployment-x7k2` -> vanilla-deployment). */
export function eventGeneratorK8sObject(name: string): string | undefined {
  return EVENT_GENERATOR_K8S_OBJECTS.find((n) => name === n || name.startsWith(`${n}-`));
}

const WEIGHT: Record<EvidenceKind, number> = { image: 2, path: 1, cmdline: 1, workload: 1, name: 1 };

/** One process of the chain: its name field and its executable path fields. */
const PROCESSES: readonly { name: string; paths: readonly string[]; cmdline?: string }[] = [
  { name: 'proc.name', paths: ['proc.exepath', 'proc.exe'], cmdline: 'proc.cmdline' },
  { name: 'proc.pname', paths: ['proc.pexepath', 'proc.pexe'], cmdline: 'proc.pcmdline' },
  ...[2, 3, 4, 5, 6, 7].map((n) => ({ name: `proc.aname[${n}]`, paths: [`proc.aexepath[${n}]`] })),
];

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `registry/repo:tag@sha256:...` -> `registry/repo`. */
export function imageRepository(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
}

const NO_CLAIM: EventGeneratorVerdict = Object.freeze({ drill: false, support: [], against: [] });

/** Every field the verdict reads: the only ones that can make a claim (see mayClaim). */
const CLAIM_FIELDS: readonly string[] = [
  ...PROCESSES.flatMap((p) => [p.name, ...p.paths, ...(p.cmdline ? [p.cmdline] : [])]),
  ...WORKLOAD_FIELDS,
  'ka.user.name',
  ...K8S_OBJECT_FIELDS,
  'container.image.repository',
];

/**
 * Cheap first look: does a field the verdict reads mention the tool, its staged actions or its k8s
 * objects? A fixed set of lookups, whatever the number of fields: an alert can carry 100,000, and
 * the verdict is asked for by risk, observations and the headline alike.
 */
function mayClaim(alert: Alert): boolean {
  const fields = alert.outputFields;
  for (const key of CLAIM_FIELDS) {
    const value = fields[key];
    if (typeof value !== 'string') continue;
    if (value.includes(NAME) || (key.endsWith('cmdline') && STAGED_ACTION.test(value))) return true;
    if (key.startsWith('ka.') && eventGeneratorK8sObject(value)) return true;
  }
  return false;
}

/** Weigh every field that speaks for or against event-generator being behind the alert. */
export function eventGeneratorVerdict(alert: Alert): EventGeneratorVerdict {
  if (!mayClaim(alert)) return NO_CLAIM;
  const support: EvidenceItem[] = [];
  const against: (FieldMatch & { why: string })[] = [];
  const add = (kind: EvidenceKind, field: string, value: string) => support.push({ kind, field, value });

  for (const proc of PROCESSES) {
    const name = fieldText(alert, proc.name);
    const claimsByName = name === NAME;
    if (claimsByName) add('name', proc.name, name);
    for (const field of proc.paths) {
      const path = fieldText(alert, field);
      if (path === undefined) continue;
      if (INSTALL_PATHS.has(path)) add('path', field, path);
      if ((claimsByName || baseName(path) === NAME) && inTempDir(path)) {
        against.push({ field, value: path, why: 'a binary that claims to be event-generator runs from a temporary directory' });
      }
    }
    const cmdline = proc.cmdline ? fieldText(alert, proc.cmdline) : undefined;
    if (proc.cmdline && cmdline !== undefined && (OWN_COMMAND.test(cmdline) || STAGED_ACTION.test(cmdline))) {
      add('cmdline', proc.cmdline, cmdline);
    }
  }
  for (const field of WORKLOAD_FIELDS) {
    const value = fieldText(alert, field);
    if (value !== undefined && value.toLowerCase().includes(NAME)) add('workload', field, value);
  }
  const account = fieldText(alert, 'ka.user.name');
  if (account !== undefined && SERVICE_ACCOUNT.test(account)) add('workload', 'ka.user.name', account);
  for (const field of K8S_OBJECT_FIELDS) {
    const value = fieldText(alert, field);
    if (value !== undefined && eventGeneratorK8sObject(value)) {
      add('name', field, value);
      break;
    }
  }
  const image = fieldText(alert, 'container.image.repository');
  if (image !== undefined && image !== '' && image !== '<NA>') {
    if (IMAGE.test(imageRepository(image))) add('image', 'container.image.repository', image);
    else against.push({ field: 'container.image.repository', value: image, why: "the container runs an image that is not event-generator's" });
  }

  const kinds = new Set(support.map((s) => s.kind));
  const points = [...kinds].reduce((sum, kind) => sum + WEIGHT[kind], 0);
  const deployed = kinds.has('image') || kinds.has('workload');
  const claimed = support.length > 0;
  return { drill: claimed && against.length === 0 && points >= 2 && deployed, support, against: claimed ? against : [] };
}

/** Every field that shows event-generator behind the alert, when the evidence makes it a drill. */
export function eventGeneratorMatches(alert: Alert): FieldMatch[] {
  const verdict = eventGeneratorVerdict(alert);
  return verdict.drill ? verdict.support.map(({ field, value }) => ({ field, value })) : [];
}

/** The first field that shows event-generator behind the alert, when it is a drill. */
export function eventGeneratorMatch(alert: Alert): FieldMatch | undefined {
  return eventGeneratorMatches(alert)[0];
}

/**
 * When a field names event-generator but the evidence does not make it a drill: one sentence
 * saying why the alert is still treated as real, else undefined.
 */
export function eventGeneratorDoubt(alert: Alert): string | undefined {
  const verdict = eventGeneratorVerdict(alert);
  if (verdict.drill || verdict.support.length === 0) return undefined;
  const claim = verdict.support[0]!;
  const why = verdict.against.length
    ? verdict.against.map((a) => `${a.field}=${a.value} (${a.why})`).join('; ')
    : verdict.support.some((x) => x.kind === 'image' || x.kind === 'workload')
      ? 'nothing else in the alert (image, install path, command line, container name) confirms it'
      : 'nothing the process cannot choose itself (its image, container or pod name) confirms it';
  return `${claim.field}=${claim.value} names falcosecurity's event-generator, but ${why}. A name is free to choose, so this is not treated as a drill.`;
}
