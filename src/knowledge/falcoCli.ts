/**
 * Falco's command-line options, 0.41 and later (checked against userspace/falco/app/options.cpp
 * of falcosecurity/falco at tags 0.41.0 to 0.44.0 and at HEAD 13074749). Anything a playbook
 * tells an analyst to run with `falco` must use these and nothing else: most settings are not
 * flags but falco.yaml keys, set on the command line with `-o key=value`.
 */

export interface FalcoOption {
  /** Single-letter form, without the dash. */
  short?: string;
  /** Long form, without the dashes. */
  long?: string;
  /** The option takes a value (`-o key=value`, `-r file`). */
  value: 'none' | 'required' | 'optional';
  summary: string;
  /** First release that has it, when later than 0.41.0. */
  since?: string;
  /** First release without it. */
  removedIn?: string;
  deprecated?: boolean;
}

export const FALCO_OPTIONS: readonly FalcoOption[] = [
  { short: 'h', long: 'help', value: 'none', summary: 'Print the option list and exit.' },
  { short: 'c', value: 'required', summary: 'Path of the configuration file to use instead of /etc/falco/falco.yaml.' },
  { long: 'config-schema', value: 'none', summary: 'Print the JSON schema of falco.yaml and exit.' },
  { long: 'rule-schema', value: 'none', summary: 'Print the JSON schema of rules files and exit.' },
  { long: 'disable-source', value: 'required', summary: 'Do not enable the named event source (repeatable).' },
  { long: 'enable-source', value: 'required', summary: 'Enable only the named event sources (repeatable).' },
  { long: 'dry-run', value: 'none', summary: 'Load configuration and rules without processing events, to check them.' },
  {
    long: 'gvisor-generate-config',
    value: 'optional',
    summary: 'Print a gVisor configuration for Falco and exit (builds with gVisor support).',
    removedIn: '0.44.0',
  },
  { short: 'i', value: 'none', summary: 'Print the events ignored by default for performance and exit.' },
  { short: 'L', value: 'none', summary: 'List every loaded rule with its description and exit.' },
  { short: 'l', value: 'required', summary: 'Describe one rule and exit.' },
  { long: 'list', value: 'optional', summary: 'List the supported fields (of one source when given) and exit.' },
  { long: 'list-events', value: 'none', summary: 'List the supported syscall, meta and tracepoint events and exit.' },
  { long: 'list-plugins', value: 'none', summary: 'Print information on the loaded plugins and exit.' },
  { short: 'M', value: 'required', summary: 'Stop after the given number of seconds.' },
  { long: 'markdown', value: 'none', summary: 'Print --list or --list-events output as Markdown.', deprecated: true },
  { long: 'format', value: 'required', summary: 'Output format of --list and --list-events: text, markdown or json.', since: '0.44.0' },
  { short: 'N', value: 'none', summary: 'With --list, print field names only.' },
  { short: 'o', long: 'option', value: 'required', summary: 'Set a falco.yaml key with dot notation, overriding the file: -o key=value.' },
  { long: 'plugin-info', value: 'required', summary: 'Print the description and configuration schema of a plugin and exit.' },
  { short: 'p', long: 'print', value: 'required', summary: 'Append text to every rule output (use -o append_output instead).', deprecated: true },
  { short: 'P', long: 'pidfile', value: 'required', summary: 'Write the process id to this file.' },
  { short: 'r', value: 'required', summary: 'Rules file or directory to load instead of the configured ones (repeatable).' },
  { long: 'support', value: 'none', summary: 'Print version, configuration and rules files as JSON for support requests and exit.' },
  { short: 'U', long: 'unbuffered', value: 'none', summary: 'Flush every output line immediately.' },
  { short: 'V', long: 'validate', value: 'required', summary: 'Validate the given rules file(s) and exit (repeatable).' },
  { short: 'v', value: 'none', summary: 'Verbose output.' },
  { long: 'version', value: 'none', summary: 'Print version information and exit.' },
  { long: 'page-size', value: 'none', summary: 'Print the system page size and exit (helps size the syscall ring buffer).' },
];

const byShort = new Map<string, FalcoOption>();
const byLong = new Map<string, FalcoOption>();
for (const o of FALCO_OPTIONS) {
  if (o.short) byShort.set(o.short, o);
  if (o.long) byLong.set(o.long, o);
}

export function falcoOption(flag: string): FalcoOption | null {
  if (flag.startsWith('--')) return byLong.get(flag.slice(2).split('=')[0] ?? '') ?? null;
  if (flag.startsWith('-') && flag.length === 2) return byShort.get(flag[1] ?? '') ?? null;
  return null;
}

/** Shell words of a command line, honouring quotes; operators (| ; & > < ( ) `) are own words. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
      continue;
    }
    // an apostrophe inside a word (prose: "Falco's") is not a quote
    if (c === '"' || (c === "'" && !inWord)) {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else if ('|;&<>()`'.includes(c)) {
      if (inWord) words.push(cur);
      words.push(c);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** Whether words[i] runs the falco binary (not `-n falco`, `--namespace falco`, `-u falco`). */
function isFalcoAt(words: string[], i: number): boolean {
  if (!isFalcoBinary(words[i] ?? '')) return false;
  const prev = words[i - 1] ?? '';
  return !(prev.startsWith('-') && prev !== '--');
}

/** True when a command line runs Falco itself (`falco ...`, `sudo /usr/bin/falco ...`, `... -- falco`). */
export function runsFalco(line: string): boolean {
  const words = shellWords(line);
  return words.some((_, i) => isFalcoAt(words, i));
}

const OPERATORS = new Set(['|', ';', '&', '<', '>', '(', ')', '`']);

/**
 * True for the word that runs Falco itself: `falco`, `/usr/bin/falco`, `./falco`; not falcoctl,
 * falco-driver-loader, a directory such as /etc/falco or a Kubernetes object such as ds/falco.
 */
function isFalcoBinary(word: string): boolean {
  return word === 'falco' || /(^\.\/|\/bin\/|\/falco\/)falco$/.test(word);
}

/** The flags of one falco invocation that Falco does not know, given its argument words. */
function unknownFlagsOf(args: string[]): string[] {
  const unknown: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i] ?? '';
    if (w === '--') break;
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const name = w.slice(2, eq < 0 ? undefined : eq);
      const opt = byLong.get(name);
      if (!opt) {
        unknown.push(eq < 0 ? w : w.slice(0, eq));
        continue;
      }
      if (opt.value === 'required' && eq < 0) i++;
      continue;
    }
    if (w.startsWith('-') && w.length > 1 && !/^-\d/.test(w)) {
      // grouped short options (-vU); a value-taking one takes the rest of the word or the next word
      for (let j = 1; j < w.length; j++) {
        const letter = w[j] ?? '';
        const opt = byShort.get(letter);
        if (!opt) {
          unknown.push(`-${letter}`);
          break;
        }
        if (opt.value !== 'none') {
          if (j === w.length - 1 && opt.value === 'required') i++;
          break;
        }
      }
    }
  }
  return unknown;
}

/**
 * The unknown flags in every `falco ...` invocation found in a line (a command, or prose with
 * commands in backticks). Flags of other programs on the line are not looked at.
 */
export function checkFalcoCommand(line: string): string[] {
  const words = shellWords(line);
  const unknown: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!isFalcoAt(words, i)) continue;
    const args: string[] = [];
    let j = i + 1;
    while (j < words.length && !OPERATORS.has(words[j] ?? '')) args.push(words[j++] ?? '');
    unknown.push(...unknownFlagsOf(args));
    i = j - 1;
  }
  return unknown;
}
