import type { Arg } from './shell';
import { opt, word, words } from './shell';
import type { ToolOptions } from './options';

/** An option given several times (`gh api -f a=1 -f b=2`). */
export interface Repeated {
  readonly repeat: readonly Arg[];
}

export const repeated = (...values: Arg[]): Repeated => ({ repeat: values });

/** An option's value: a word, `true` for a bare flag, or a repeated option. */
export type OptionValue = Arg | true | Repeated;

export interface CliCall {
  /** Positional words after the subcommand (values starting with `-` are rejected by the filler). */
  args?: Arg[];
  /** Options, each written `--name=value` (one word: a value can never become an option). */
  options?: Record<string, OptionValue | undefined | false>;
}

/**
 * A typed command line for a tool whose options are listed in `spec`: the subcommand and every
 * option are checked against the tool's real option list when the playbook is built (a typo
 * throws as the module loads), values are glued to their option, and alert values are
 * placeholders, never text pasted into the command.
 */
export function cliCommand(tool: string, spec: ToolOptions, sub: string, call: CliCall = {}): string {
  const allowed = spec.commands[sub];
  if (allowed === undefined) throw new Error(`${tool} ${sub}: not a subcommand in its option list (${spec.source})`);
  const known = new Set([...spec.global, ...allowed]);
  const parts: string[] = [];
  for (const [name, value] of Object.entries(call.options ?? {})) {
    if (value === undefined || value === false) continue;
    if (!known.has(name)) throw new Error(`${tool} ${sub}: no option ${name} (${spec.source})`);
    if (value === true) parts.push(name);
    else if (typeof value === 'object' && 'repeat' in value) for (const v of value.repeat) parts.push(opt(name, v));
    else parts.push(opt(name, value));
  }
  return words(tool, sub, ...(call.args ?? []).map(word), ...parts);
}

