import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { EngineHost } from '../worker/engineHost';
import { toJsonExport } from '../export/json';
import type { CliArgs } from './args';

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Run a parsed `report` command; pure apart from reading the named files. */
export async function runReport(args: CliArgs, now = new Date()): Promise<CliResult> {
  const host = new EngineHost();
  if (args.maxDecompressed !== undefined) host.decompressedLimits = { maxBytes: args.maxDecompressed, ratio: 0 };
  const ctx = { signal: new AbortController().signal, progress: () => {} };
  const stderr: string[] = [];
  for (const path of args.files) {
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new Error('not a regular file');
      // A file-backed Blob: streamed in chunks like a browser File, never read whole.
      const file = Object.assign(await openAsBlob(path), { name: basename(path) }) as File;
      await host.handle({ type: 'ingestFile', file }, ctx);
    } catch (error) {
      stderr.push(`falcoscope: ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const status = host.status();
  const reports = host.reports('all');
  let stdout: string;
  if (args.format === 'json') {
    const problems = (await host.handle({ type: 'problems', offset: 0, limit: Number.MAX_SAFE_INTEGER }, ctx)).items;
    stdout = JSON.stringify(toJsonExport(status.alerts, problems, reports), null, 2);
  } else {
    stdout = await host.handle({ type: 'markdown', incidentIds: 'all', triage: {}, generatedAt: now.toISOString() }, ctx);
    const problems = (await host.handle({ type: 'problems', offset: 0, limit: 50 }, ctx)).items;
    for (const p of problems) stderr.push(`falcoscope: ${p.file}:${p.line}: ${p.message}`);
    if (status.problems > problems.length) stderr.push(`falcoscope: ... and ${status.problems - problems.length} more problems`);
  }
  return { stdout: stdout + '\n', stderr: stderr.join('\n'), exitCode: status.alerts === 0 ? 1 : 0 };
}
