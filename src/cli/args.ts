/** Parsed command line of `falcoscope report FILE... [--format md|json]`. */
export interface CliArgs {
  command: 'report' | 'help';
  files: string[];
  format: 'md' | 'json';
}

export class UsageError extends Error {}

export const USAGE = `Usage: falcoscope report FILE... [--format md|json]

Reads Falco alert files (NDJSON, JSON arrays, pretty JSON, syslog-prefixed lines, falcosidekick
payloads, any of them gzip-compressed) and prints an incident report to stdout.
  --format md     Markdown, one document for all incidents (default)
  --format json   {alerts, problems, incidents: [...]} for pipelines
Exit status is non-zero only when no alert at all could be read.`;

export function parseArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') return { command: 'help', files: [], format: 'md' };
  if (command !== 'report') throw new UsageError(`unknown command "${command}"`);
  const files: string[] = [];
  let format: CliArgs['format'] = 'md';
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : rest[++i];
      if (value !== 'md' && value !== 'json') throw new UsageError(`--format takes md or json, not "${value ?? ''}"`);
      format = value;
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option "${arg}"`);
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) throw new UsageError('no input files');
  return { command: 'report', files, format };
}
