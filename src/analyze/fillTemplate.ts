import type { Alert } from '../model';
import type { CommandTemplate } from '../knowledge/types';
import { fieldText } from '../knowledge/fieldValue';
import { ENCODINGS, PLACEHOLDER } from '../knowledge/commands/placeholder';
import type { Encoding } from '../knowledge/commands/placeholder';
import { shellQuote } from '../knowledge/shellQuote';

/**
 * Placeholders are `⟦field⟧` (knowledge/commands/placeholder.ts): brackets no tool syntax uses, so
 * jsonpath `{.spec.nodeName}`, Go templates `{{.State.Pid}}`, awk `{print}` and shell `${x}` pass
 * through untouched.
 */
export { PLACEHOLDER };

export interface FilledCommand {
  command: string;
  /** Fields the template needed that the alert does not carry (the step is not shown). */
  missing: string[];
  /**
   * Fields whose value starts with `-` where the shell word would begin with it before any `--`
   * (a tool would read it as an option: `--server=https://attacker.example`), or whose value does
   * not fit the grammar its placeholder asks for (`⟦github.repo.name|repo⟧` holding `a/../../x`,
   * a selector value holding `,`). The step is not shown.
   */
  rejected: string[];
}

/** Where the event happened: a container, or the host itself (Falco's `container.id=host`). */
export type Where = 'host' | 'container' | 'unknown';

export function whereOf(alert: Alert): Where {
  const id = fieldText(alert, 'container.id');
  if (id === 'host') return 'host';
  return id === undefined ? 'unknown' : 'container';
}

/**
 * Fill `⟦field⟧` placeholders with shell-quoted alert values (`⟦field|dq⟧`: first written as a
 * double-quoted filter literal). A value that would start a word
 * (and so could be an option) and begins with `-` is rejected unless an end-of-options `--` for
 * the same program comes before it.
 */
export function fillCommand(template: string, alert: Alert): FilledCommand {
  const missing: string[] = [];
  const rejected: string[] = [];
  const command = template.replace(PLACEHOLDER, (_match, field: string, encoding: string | undefined, offset: number) => {
    const raw = valueFor(alert, field, 'command');
    if (raw === undefined) {
      missing.push(field);
      return `<${field}>`;
    }
    const value = encode(raw, encoding);
    if (value === undefined) {
      rejected.push(field);
      return `<${field}>`;
    }
    if (value.startsWith('-') && startsWord(template, offset) && !afterEndOfOptions(template, offset)) {
      rejected.push(field);
      return `<${field}>`;
    }
    return shellQuote(value);
  });
  return { command, missing, rejected };
}

/** Fill `⟦field⟧` placeholders in prose with the plain value (the export escapes it later). */
export function fillText(template: string, alert: Alert): string {
  return template.replace(PLACEHOLDER, (_match, field: string) => valueFor(alert, field, 'text') ?? field);
}

/** The value written in the grammar the placeholder asks for (`|dq`: a filter's string literal), or undefined when it does not fit it. */
function encode(value: string, encoding: string | undefined): string | undefined {
  if (encoding === undefined) return value;
  const enc = ENCODINGS[encoding as Encoding] as ((v: string) => string | undefined) | undefined;
  if (!enc) throw new Error(`unknown placeholder encoding: ${encoding}`);
  return enc(value);
}

/** The step as the analyst sees it, or null when it does not apply or cannot be filled whole. */
export function fillStep(step: CommandTemplate, alert: Alert): { title: string; command: string } | null {
  const where = whereOf(alert);
  let template = step.command;
  if (step.inContainer !== undefined) {
    if (where === 'unknown') return null;
    if (where === 'container') template = step.inContainer;
  } else if (step.where && step.where !== where) return null;
  const filled = fillCommand(template, alert);
  if (filled.missing.length || filled.rejected.length) return null;
  return { title: step.title, command: filled.command };
}

// ---------------------------------------------------------------- values

/**
 * Values derived from the alert rather than read from a field:
 * - `@time`, `@time-10m`, `@time+1h`, `@time-2d`: the alert's time (shifted), RFC 3339 UTC to the
 *   second (`2024-08-07T13:49:51Z`), which kubectl, docker, aws and gcloud filters accept;
 * - `@journal-10m` ...: the same as `2024-08-07 13:39:51 UTC`, the form journalctl documents.
 */
const DERIVED_TIME = /^@(time|journal)(?:([+-])(\d+)([smhd]))?$/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function derivedTime(alert: Alert, field: string): string | undefined {
  const m = DERIVED_TIME.exec(field);
  if (!m || !Number.isFinite(alert.timeMs)) return undefined;
  const [, kind, sign, amount, unit] = m;
  const shift = sign ? (sign === '-' ? -1 : 1) * Number(amount) * (UNIT_MS[unit ?? 's'] ?? 0) : 0;
  const date = new Date(Math.floor(alert.timeMs / 1000) * 1000 + shift);
  if (Number.isNaN(date.getTime())) return undefined;
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return kind === 'journal' ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : iso;
}

function valueFor(alert: Alert, field: string, use: 'command' | 'text'): string | undefined {
  if (field.startsWith('@')) return derivedTime(alert, field);
  const value = field === 'hostname' ? alert.hostname || undefined : fieldText(alert, field);
  if (value === undefined) return undefined;
  if (use === 'command') {
    // `host` is Falco's name for "not in a container": no container command applies.
    if (field === 'container.id' && value === 'host') return undefined;
    // Falco writes -1 (or 2^32-1) when no login uid was ever set: no account to look up.
    if (field === 'user.loginuid' && (value === '-1' || value === '4294967295')) return undefined;
    // A NUL cannot be passed in an argument: no shell word holds it.
    if (value.includes('\0')) return undefined;
  }
  return value;
}

// ---------------------------------------------------------------- where a placeholder sits

/** Characters after which a new shell word begins. */
const WORD_BREAK = /[\s|;&()`]/;

function startsWord(template: string, offset: number): boolean {
  return offset === 0 || WORD_BREAK.test(template[offset - 1] ?? ' ');
}

/** Operators that start a new simple command: a `--` before one of them ends nothing here. */
const SEGMENT_BREAK = /\|\||&&|[|;]|\$\(|`/g;

/**
 * True when a `--` that ends the options of the program receiving this word comes before it.
 * For `kubectl exec POD -- cmd`, the first `--` separates kubectl from the command it runs: it
 * ends no option of `cmd`, so it does not count (`crictl exec ID cmd` has no such separator); the
 * same for `nsenter -t PID -m -- cmd`, `sudo -- cmd` and the other WRAPPERS.
 */
/** Programs that run another program after their own `--`: that `--` ends none of its options. */
const WRAPPERS = new Set(['nsenter', 'sudo', 'env', 'xargs', 'timeout', 'chroot']);

function afterEndOfOptions(template: string, offset: number): boolean {
  const before = template.slice(0, offset);
  let start = 0;
  for (const m of before.matchAll(SEGMENT_BREAK)) start = (m.index ?? 0) + m[0].length;
  const words = before.slice(start).trim().split(/\s+/);
  const dashes = words.flatMap((w, i) => (w === '--' ? [i] : []));
  const wrapperAt = WRAPPERS.has(words[0] ?? '') ? 0 : words[0] === 'kubectl' ? words.indexOf('exec') : -1;
  if (wrapperAt >= 0 && dashes.length && (dashes[0] ?? 0) > wrapperAt) dashes.shift();
  return dashes.length > 0;
}
