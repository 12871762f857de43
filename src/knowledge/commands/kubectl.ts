import type { Arg } from './shell';
import { opt, word, words } from './shell';
import type { ToolOptions } from './options';

/**
 * kubectl. Values go after `--` (pflag ends options there; the positional words are unchanged)
 * except the pod of `exec`/`debug`, which kubectl reads before its `--`: there a value starting
 * with `-` is rejected by the filler. Namespaces and selectors are glued (`--namespace=`).
 */

interface InPod {
  ns: Arg;
  pod: Arg;
  container?: Arg;
}

export const kubectl = {
  /** The pod's logs from a time on (kubectl has no --until): `sinceTime` anchors them to the alert. */
  logs(o: InPod & { sinceTime?: Arg; previous?: boolean }): string {
    return words(
      'kubectl logs',
      opt('--namespace', o.ns),
      o.container ? opt('--container', o.container) : '--all-containers',
      o.previous && '--previous',
      '--timestamps',
      o.sinceTime && opt('--since-time', o.sinceTime),
      '--',
      word(o.pod),
    );
  },

  /** `kubectl get` one object or a kind: `output` e.g. `yaml`, `wide`, `jsonpath={.spec.nodeName}`. */
  get(o: { kind: Arg; name?: Arg; ns?: Arg; allNamespaces?: boolean; output?: string; fieldSelector?: Arg; extra?: string[] }): string {
    return words(
      'kubectl get',
      o.ns && opt('--namespace', o.ns),
      o.allNamespaces && '--all-namespaces',
      o.fieldSelector && opt('--field-selector', selectorTerms(o.fieldSelector)),
      o.output && opt('--output', o.output),
      ...(o.extra ?? []),
      '--',
      word(o.kind),
      o.name && word(o.name),
    );
  },

  describe(o: { kind: Arg; name: Arg; ns: Arg }): string {
    return words('kubectl describe', opt('--namespace', o.ns), '--', word(o.kind), word(o.name));
  },

  /** Run a command in the pod's container: the in-container argv after kubectl's `--`. */
  exec(o: InPod, argv: string): string {
    return words('kubectl exec', opt('--namespace', o.ns), o.container && opt('--container', o.container), word(o.pod), '--', argv);
  },

  /** What an identity may do (impersonation needs the right to impersonate). */
  canI(o: { as: Arg; ns?: Arg }): string {
    return words('kubectl auth can-i --list', opt('--as', o.as), o.ns && opt('--namespace', o.ns));
  },

  /** Events about one object, oldest first. */
  events(o: { ns: Arg; name: Arg }): string {
    return words(
      'kubectl get events',
      opt('--namespace', o.ns),
      isLiteral(o.name) ? opt('--field-selector', `involvedObject.name=${o.name}`) : `--field-selector=involvedObject.name=${word(selectorValue(o.name))}`,
      '--sort-by=.lastTimestamp',
    );
  },
};

function isLiteral(a: Arg): a is string {
  return typeof a === 'string';
}

/** Selector terms: literal pieces as written, each alert field checked as a selector value. */
function selectorTerms(a: Arg): Arg {
  if (typeof a === 'string') return a;
  return (Array.isArray(a) ? a : [a]).map((p: Arg) => (typeof p === 'string' ? p : selectorValue(p))) as Arg;
}

/**
 * A value inside a selector: an alert field without a grammar gets `objname` (no `,` `=` `!` can
 * add or change a term); anything else but a field or a literal has no place there.
 */
function selectorValue(a: Arg): Arg {
  if (typeof a === 'object' && 'field' in a) return a.encoding ? a : { ...a, encoding: 'objname' };
  throw new Error('a selector value is a literal or an alert field');
}

/** kubectl v1.31 reference (kubernetes.io/docs/reference/kubectl/generated/, `kubectl options`). */
export const KUBECTL_OPTIONS: ToolOptions = {
  source: 'https://kubernetes.io/docs/reference/kubectl/generated/ (v1.31) and `kubectl options`',
  global: [
    '-n', '--namespace', '--context', '--cluster', '--user', '--kubeconfig', '--as', '--as-group', '--as-uid',
    '--request-timeout', '-s', '--server', '--token', '-v', '--v',
  ],
  commands: {
    logs: ['-c', '--container', '--all-containers', '-p', '--previous', '--timestamps', '--since', '--since-time', '--tail', '--prefix', '-f', '--follow', '-l', '--selector', '--limit-bytes', '--max-log-requests', '--pod-running-timeout', '--ignore-errors'],
    get: ['-o', '--output', '-A', '--all-namespaces', '-l', '--selector', '--field-selector', '--show-labels', '--show-managed-fields', '--sort-by', '--no-headers', '-w', '--watch', '--chunk-size', '--ignore-not-found', '-L', '--label-columns', '--show-kind', '--subresource', '--raw', '-f', '--filename'],
    describe: ['-A', '--all-namespaces', '-l', '--selector', '--show-events', '--chunk-size', '-f', '--filename'],
    exec: ['-c', '--container', '-i', '--stdin', '-t', '--tty', '-q', '--quiet', '--pod-running-timeout', '-f', '--filename'],
    'auth can-i': ['--list', '-A', '--all-namespaces', '--no-headers', '--quiet', '-q', '--subresource'],
    top: ['-A', '--all-namespaces', '--containers', '-l', '--selector', '--sort-by', '--no-headers', '--sum', '--use-protocol-buffers', '--field-selector'],
    cp: ['-c', '--container', '--no-preserve', '--retries'],
    debug: ['-i', '--stdin', '-t', '--tty', '-c', '--container', '--image', '--target', '--profile', '--copy-to', '--share-processes', '--attach', '--quiet', '-q', '--env', '--image-pull-policy', '--replace', '--same-node', '--set-image', '--custom', '--arguments-only', '-f', '--filename', '-o', '--output', '--keep-annotations', '--keep-init-containers', '--keep-labels', '--keep-liveness', '--keep-readiness', '--keep-startup'],
    cordon: ['-l', '--selector', '--dry-run'],
    events: ['-A', '--all-namespaces', '--for', '--types', '-w', '--watch', '-o', '--output', '--no-headers', '--chunk-size'],
  },
  takesValue: [
    '-n', '--namespace', '--context', '--cluster', '--user', '--kubeconfig', '--as', '--as-group', '--as-uid', '--request-timeout',
    '-s', '--server', '--token', '-v', '--v', '-c', '--container', '--since', '--since-time', '--tail', '-l', '--selector',
    '-o', '--output', '--field-selector', '--sort-by', '--chunk-size', '-L', '--label-columns', '--subresource', '--raw',
    '-f', '--filename', '--limit-bytes', '--max-log-requests', '--pod-running-timeout', '--image', '--target', '--profile',
    '--copy-to', '--env', '--image-pull-policy', '--set-image', '--custom', '--for', '--types', '--retries', '--dry-run',
  ],
};
