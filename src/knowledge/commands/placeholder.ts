/**
 * The placeholder syntax of command templates: `⟦field⟧`, or `⟦field|encoding⟧` when the value
 * must first be written in the grammar of a language inside the command (a filter's string
 * literal). The brackets are U+27E6/U+27E7: no shell, CLI option, jsonpath (`{.items[*]}`,
 * `{range}{end}`), Go template (`{{.State.Pid}}`), jq, awk or filter grammar uses them, so a
 * tool's own syntax is never taken for a placeholder and a placeholder never for tool syntax.
 * Alert values are filled in one pass and never scanned again, so a value holding the brackets
 * stays text.
 */
export const OPEN = '\u27E6';
export const CLOSE = '\u27E7';

/**
 * How a value is written before it is shell-quoted, or the grammar it must have where it goes:
 * a value that cannot be written in it is refused (the step is not shown), never passed on.
 */
export type Encoding = 'dq' | 'repo' | 'segment' | 'relpath' | 'dnsname' | 'objname' | 'labelvalue' | 'bucket' | 'pid' | 'port';

/** One URL path segment that changes nothing but itself: no `/`, `?`, `#`, `%`, and not `.` or `..`. */
const SEGMENT = /^[A-Za-z0-9._-]+$/;
const isSegment = (v: string): boolean => SEGMENT.test(v) && !/^\.+$/.test(v);
/** DNS-1123 subdomain (pod, namespace, node, service, configmap names), at most 253 characters. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/**
 * Any object's name as a selector value: RBAC objects allow `:` and upper case
 * (`system:controller:job-controller`), but no character of the selector grammar (`,` `=` `!` `\`
 * `(` `)` spaces) can appear, so the value can never add or change a term.
 */
const OBJECT_NAME = /^[A-Za-z0-9]([A-Za-z0-9._:@+-]*[A-Za-z0-9])?$/;
/** A label value (kubernetes.io/docs: 63 characters, alphanumeric at both ends, `-_.` inside). */
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
/** GCS and S3 bucket names: lower case, digits, `-_.`, no `/` (so no object path and no wildcard). */
const BUCKET = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;

const refuse = (ok: boolean, value: string): string | undefined => (ok ? value : undefined);

/**
 * `dq`: a double-quoted string literal with `\` and `"` escaped by a backslash, as both the Cloud
 * Logging query language and Okta's SCIM-style System Log filter read string values
 * (`principalEmail="a\"b"`). Control characters are escaped as JSON does, which both accept.
 * The others check a value that goes into a URL path or a Kubernetes selector, where quoting for
 * the shell is not enough: `../` in `gh api repos/⟦repo⟧/hooks` reaches another endpoint, and a
 * `,` in `--field-selector=involvedObject.name=⟦pod⟧` adds a term.
 * - `repo`: a GitHub `owner/name`, each part one path segment;
 * - `segment`: one path segment (an org, a user login);
 * - `relpath`: a path of segments inside a repository (`.github/workflows/ci.yml`), no `..`;
 * - `dnsname`: a DNS-1123 subdomain (pods, namespaces, nodes);
 * - `objname`: any object's name, restricted to what no selector grammar reads;
 * - `labelvalue`: a label value;
 * - `bucket`: a bucket name in `gs://⟦bucket⟧` (no object path, no wildcard);
 * - `pid`: a process id in `/proc/⟦pid⟧/...`;
 * - `port`: a port number in an `ss` filter (ss joins its arguments into one expression, so
 *   `22 or dport = :443` would add a term).
 */
export const ENCODINGS: Record<Encoding, (value: string) => string | undefined> = {
  dq: (value) => JSON.stringify(value),
  repo: (value) => {
    const parts = value.split('/');
    return refuse(parts.length === 2 && parts.every(isSegment), value);
  },
  segment: (value) => refuse(isSegment(value), value),
  relpath: (value) => refuse(value.split('/').every(isSegment), value),
  dnsname: (value) => refuse(value.length <= 253 && DNS_SUBDOMAIN.test(value), value),
  objname: (value) => refuse(value.length <= 253 && OBJECT_NAME.test(value), value),
  labelvalue: (value) => refuse(value !== '' && value.length <= 63 && LABEL_VALUE.test(value), value),
  bucket: (value) => refuse(BUCKET.test(value) && !value.includes('..'), value),
  pid: (value) => refuse(/^[1-9][0-9]{0,9}$/.test(value), value),
  port: (value) => refuse(/^[0-9]{1,5}$/.test(value) && Number(value) <= 65535, value),
};

/** Matches one placeholder: group 1 the field (or `@time-10m` ...), group 2 the encoding. */
export const PLACEHOLDER = /\u27E6([^\u27E6\u27E7\s|]+)(?:\|([a-z]+))?\u27E7/g;

export function placeholder(field: string, encoding?: Encoding): string {
  if (!/^[^\u27E6\u27E7\s|]+$/.test(field)) throw new Error(`not a placeholder field name: ${field}`);
  return `${OPEN}${field}${encoding ? `|${encoding}` : ''}${CLOSE}`;
}

/** True when a literal piece of a command holds a bracket of the syntax (a typo, or a value pasted into a template). */
export function holdsPlaceholderBracket(text: string): boolean {
  return text.includes(OPEN) || text.includes(CLOSE);
}
