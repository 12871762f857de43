import { parseSize } from '../ingest';

/** Parsed command line of `falcoscope report FILE... [--format md|json]`. */
export interface CliArgs {
  command: 'report' | 'help';
  files: string[];
  format: 'md' | 'json';
  /** --max-decompressed: bytes a gzip input may decompress to (the ratio check is off then). */
  maxDecompressed?: number;
}

export class UsageError extends Error {}

export const USAGE = `Usage: falcoscope report FILE... [--format md|json] [--max-decompressed SIZE]

Reads Falco alert files (NDJSON, JSON arrays, pretty JSON, syslog-prefixed lines, falcosidekick
payloads, any of them gzip-compressed) and prints an incident report to stdout.
  --format md     Markdown, one document for all incidents (default)
  --format json   {alerts, problems, incidents: [...]} for pipelines
  --max-decompressed SIZE
                  read gzip input up to SIZE decompressed (e.g. 20G; 0 for no limit). By default
                  reading stops, with a problem, past 4 GiB or 1000 times the compressed size
Exit status is non-zero only when no alert at all could be read.`;

export function parseArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') return { command: 'help', files: [], format: 'md' };
  if (command !== 'report') throw new UsageError(`unknown command "${command}"`);
  const files: string[] = [];
  let format: CliArgs['format'] = 'md';
  let maxDecompressed: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : rest[++i];
      if (value !== 'md' && value !== 'json') throw new UsageError(`--format takes md or json, not "${value ?? ''}"`);
      format = value;
    } else if (arg === '--max-decompressed' || arg.startsWith('--max-decompressed=')) {
      const value = arg.includes('=') ? arg.slice('--max-decompressed='.length) : rest[++i];
      const size = parseSize(value ?? '');
      if (size === null) throw new UsageError(`--max-decompressed takes a size such as 500M or 20G, not "${value ?? ''}"`);
      maxDecompressed = size === 0 ? Infinity : size;
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option "${arg}"`);
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) throw new UsageError('no input files');
  return maxDecompressed === undefined ? { command: 'report', files, format } : { command: 'report', files, format, maxDecompressed };
}
