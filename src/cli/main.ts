import { parseArgs, USAGE, UsageError } from './args';
import { oneLine } from './oneLine';
import { runReport } from './run';

/**
 * Node entry (bundled into dist-cli/falcoscope.mjs, run by bin/falcoscope.mjs):
 * `npm run --silent cli -- report FILE... --format md|json`. Never prints a stack: whatever goes
 * wrong is one line on stderr.
 */
function fatal(error: unknown): void {
  process.stderr.write(`falcoscope: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
  process.exitCode = 3;
}

async function main(): Promise<number> {
  try {
    const args = parseArgs(process.argv.slice(2));
    if (args.command === 'help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    return await runReport(args, { stdout: process.stdout, stderr: (line) => process.stderr.write(line + '\n') });
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`falcoscope: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    fatal(error);
    return 3;
  }
}

// A reader that goes away (`| head`) is not a failure of ours: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  fatal(error);
});
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

// exitCode, not process.exit(): exiting at once would cut off stdout still queued for a pipe.
main().then((code) => {
  process.exitCode = code;
});
