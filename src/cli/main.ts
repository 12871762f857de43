import { parseArgs, USAGE, UsageError } from './args';
import { runReport } from './run';

/** Node entry: `npm run --silent cli -- report FILE... --format md|json`. */
async function main(): Promise<number> {
  try {
    const args = parseArgs(process.argv.slice(2));
    if (args.command === 'help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    const result = await runReport(args);
    process.stdout.write(result.stdout);
    if (result.stderr) process.stderr.write(result.stderr + '\n');
    return result.exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`falcoscope: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

// exitCode, not process.exit(): exiting at once would cut off stdout still queued for a pipe.
main().then((code) => {
  process.exitCode = code;
});
