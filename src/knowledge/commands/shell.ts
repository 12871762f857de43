import { shellQuote } from '../shellQuote';
import type { Encoding } from './placeholder';
import { holdsPlaceholderBracket, placeholder } from './placeholder';

/**
 * The pieces every command builder is made of. A builder returns a template string: literal
 * words shell-quoted, alert values as `⟦field⟧` placeholders (filled and quoted per alert by
 * analyze/fillTemplate.ts), option values glued to their option (`--namespace=⟦k8s.ns.name⟧`)
 * so no value can ever be read as an option, and `--` before positional values where the tool
 * ends its options there.
 */

/** An alert field, filled in per alert. `@time-10m` and the like are the alert's own time. */
export interface Field {
  readonly field: string;
  /** Written in the grammar of a language inside the command first (a filter's string literal). */
  readonly encoding?: Encoding;
}

/**
 * A value the analyst supplies (not in the alert), printed as `"${NAME:?what to set}"`: bash
 * stops with the explanation when it is unset.
 */
export interface Variable {
  readonly variable: string;
  readonly what: string;
}

/**
 * A literal word (quoted when needed), an alert field, an analyst-supplied variable, or pieces
 * concatenated into one word (`['repos/', field('github.repo.name', 'repo'), '/hooks']`).
 */
export type Arg = string | Field | Variable | Substitution | readonly (string | Field | Variable | Substitution)[];

/**
 * The output of a command (itself a template) as one word: `"$(cmd)"`, double-quoted so an
 * alert value it prints is never split into several words (one of which could be an option).
 */
export interface Substitution {
  readonly substitution: string;
}

export const substitution = (command: string): Substitution => ({ substitution: command });

/** `"${NAME:?what}"`: `what` is plain words (nothing the shell expands inside double quotes). */
export function variable(name: string, what: string): Variable {
  if (!/^[A-Z][A-Z0-9_]*$/.test(name) || /["$`\\}]/.test(what)) throw new Error(`not a variable for a command: ${name} (${what})`);
  return { variable: name, what };
}

/** An alert field; `grammar` when it goes into a URL path or a selector (see `Encoding`). */
export const field = (name: string, grammar?: Exclude<Encoding, 'dq'>): Field => (grammar ? { field: name, encoding: grammar } : { field: name });

/** The field as a double-quoted string literal of a filter (Cloud Logging, Okta): `"a\\"b"`. */
export const quotedField = (name: string): Field => ({ field: name, encoding: 'dq' });

/** The alert's time shifted by e.g. `-10m`, `+1h`: RFC 3339 UTC (kubectl, docker, aws, gcloud, find). */
export const alertTime = (shift = ''): Field => field(`@time${shift}`);

/** The same in the form journalctl documents (`2024-08-07 13:39:51 UTC`). */
export const journalTime = (shift = ''): Field => field(`@journal${shift}`);

export function isField(a: unknown): a is Field {
  return typeof a === 'object' && a !== null && 'field' in a;
}

/** The placeholder of a field, to concatenate with literal pieces of the same shell word. */
export function ref(a: Field): string {
  return placeholder(a.field, a.encoding);
}

/** A literal shell word, quoted; a literal that holds a placeholder bracket is a bug (thrown at build time). */
export function literal(text: string): string {
  if (holdsPlaceholderBracket(text)) throw new Error(`a literal command word holds a placeholder bracket: ${text}`);
  return shellQuote(text);
}

/**
 * Grammars a value may have where it follows a `/` (a URL or API path): the value changes its
 * own segment only (`../` in a repository name would reach another endpoint).
 */
const PATH_GRAMMARS: ReadonlySet<Encoding> = new Set(['repo', 'segment', 'relpath', 'bucket', 'pid']);

/** One shell word. */
export function word(a: Arg): string {
  if (typeof a === 'string') return literal(a);
  if (Array.isArray(a)) {
    a.forEach((p: string | Field | Variable | Substitution, i: number) => {
      const before: unknown = a[i - 1];
      if (isField(p) && typeof before === 'string' && before.endsWith('/') && !PATH_GRAMMARS.has(p.encoding ?? 'dq')) {
        throw new Error(`${p.field} follows '${before}': a value in a path needs a path grammar (repo, segment, relpath, bucket, pid)`);
      }
    });
    return a.map((p: string | Field | Variable | Substitution) => word(p)).join('');
  }
  if ('variable' in a) return `"\${${a.variable}:?${a.what}}"`;
  if ('substitution' in a) return `"$(${a.substitution})"`;
  return ref(a as Field);
}

/** `--name=value` as one word: the value is glued to the option and cannot become one. */
export function opt(name: string, value: Arg): string {
  return `${name}=${word(value)}`;
}

/** Join words, dropping the absent ones (`false`, `undefined`, `''`). */
export function words(...parts: (string | false | undefined | null)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' ');
}
