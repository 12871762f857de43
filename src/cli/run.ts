import { EngineHost } from '../engine/engineHost';
import type { CliArgs } from './args';
import { resolveInputs } from './inputs';
import { writeJsonReport, type InputJson, type ProblemJson, type RemoteRender } from './jsonReport';
import { oneLine } from './oneLine';
import { ChunkedWriter, type OutputStream } from './output';
import { readInputs } from './readInputs';
import { startThreads, THREADS_FROM_BYTES } from './threads';

export interface CliIO {
  stdout: OutputStream;
  /** One line, without its '\n'. */
  stderr: (line: string) => void;
}

/** Problems listed on stderr in Markdown mode (the JSON lists them all). */
const MD_PROBLEMS_SHOWN = 50;

function message(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error));
}

/**
 * Run a parsed `report` command: read the named files, write the report to `io.stdout`. Returns
 * the exit status: non-zero only when no alert at all could be read. Failures (a missing file, a
 * file that cannot be read, a report that cannot be built) are one line each on stderr and, for
 * files, a problem in the report; none stops the others.
 */
export async function runReport(args: CliArgs, io: CliIO, now = new Date()): Promise<number> {
  const host = new EngineHost();
  // Files named twice or with the same bytes are found by resolveInputs; no per-input hash is needed.
  host.hashInputs = false;
  if (args.maxDecompressed !== undefined) host.decompressedLimits = { maxBytes: args.maxDecompressed, ratio: 0 };
  const fileProblems: ProblemJson[] = [];
  const fail = (file: string, reason: string) => {
    fileProblems.push({ file, line: 0, message: reason });
    io.stderr(`falcoscope: ${file}: ${reason}`);
  };
  const resolved = await resolveInputs(args.files);
  const bytes = resolved.reduce((sum, i) => sum + (i.path !== undefined ? i.size! : 0), 0);
  // Threads parse a large input and build its reports (JSON); the Markdown is built here.
  const threads = bytes >= THREADS_FROM_BYTES ? startThreads() : null;
  if (threads) host.useParsers(threads.parsers);
  try {
    return await report(host, args, io, await readInputs(host, resolved, fail), fileProblems, threads?.render, now);
  } finally {
    await threads?.close();
  }
}

async function report(host: EngineHost, args: CliArgs, io: CliIO, inputs: InputJson[], fileProblems: ProblemJson[], remote: RemoteRender | undefined, now: Date): Promise<number> {
  const ctx = { signal: new AbortController().signal, progress: () => {} };
  const status = host.status();
  const problems = (await host.handle({ type: 'problems', offset: 0, limit: Number.MAX_SAFE_INTEGER }, ctx)).items;
  const out = new ChunkedWriter(io.stdout);
  if (args.format === 'json') {
    await writeJsonReport(host, out, { alerts: status.alerts, inputs, problems: [...fileProblems, ...problems] }, (m) => io.stderr(`falcoscope: ${m}`), remote);
  } else {
    try {
      // Report by report, as the JSON: the document is never one string, and a slow reader
      // (a pipe) holds the next report back rather than letting the output pile up in memory.
      for (const part of host.markdownParts({ incidentIds: 'all', triage: {}, generatedAt: now.toISOString() })) {
        const pending = out.write(part);
        if (pending) await pending;
      }
      await out.write('\n');
      await out.flush();
    } catch (error) {
      io.stderr(`falcoscope: the Markdown report failed: ${message(error)}`);
    }
    const shown = problems.slice(0, MD_PROBLEMS_SHOWN) as unknown[];
    for (const p of shown) {
      const { file, line, message: m } = p as ProblemJson;
      io.stderr(`falcoscope: ${oneLine(String(file))}:${line}: ${oneLine(String(m))}`);
    }
    if (problems.length > shown.length) io.stderr(`falcoscope: ... and ${problems.length - shown.length} more problems`);
  }
  return status.alerts === 0 ? 1 : 0;
}
