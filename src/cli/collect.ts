import type { CliArgs } from './args';
import { runReport } from './run';

/** Test helper: run a report in this process and collect what it writes. */
export async function collect(args: CliArgs, now?: Date): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exitCode = await runReport(
    args,
    { stdout: { write: (chunk) => (stdout.push(chunk), true), once: () => undefined }, stderr: (line) => stderr.push(line) },
    now,
  );
  return { stdout: stdout.join(''), stderr: stderr.join('\n'), exitCode };
}
