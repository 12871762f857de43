import { shellQuote } from '../shellQuote';

/**
 * The pieces every command builder is made of. A builder returns a template string: literal
 * words shell-quoted, alert values as `{{field}}` placeholders (filled and quoted per alert by
 * analyze/fillTemplate.ts), option values glued to their option (`--namespace={{k8s.ns.name}}`)
 * so no value can ever be read as an option, and `--` before positional values where the tool
 * ends its options there.
 */

/** An alert field, filled in per alert. `@time-10m` and the like are the alert's own time. */
export interface Field {
  readonly field: string;
}

/** A literal word (quoted when needed) or an alert field. */
export type Arg = string | Field;

export const field = (name: string): Field => ({ field: name });

/** The alert's time shifted by e.g. `-10m`, `+1h`: RFC 3339 UTC (kubectl, docker, aws, gcloud, find). */
export const alertTime = (shift = ''): Field => field(`@time${shift}`);

/** The same in the form journalctl documents (`2024-08-07 13:39:51 UTC`). */
export const journalTime = (shift = ''): Field => field(`@journal${shift}`);

export function isField(a: Arg): a is Field {
  return typeof a !== 'string';
}

/** One shell word. */
export function word(a: Arg): string {
  return isField(a) ? `{{${a.field}}}` : shellQuote(a);
}

/** `--name=value` as one word: the value is glued to the option and cannot become one. */
export function opt(name: string, value: Arg): string {
  return isField(value) ? `${name}={{${value.field}}}` : `${name}=${shellQuote(value)}`;
}

/** Join words, dropping the absent ones (`false`, `undefined`, `''`). */
export function words(...parts: (string | false | undefined | null)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' ');
}
