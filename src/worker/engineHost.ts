import type { Report } from '../model';
import { AnalysisSession } from '../analyze/session';
import { computeView, sortIncidents } from '../analyze/view';
import { sessionToMarkdown, reportToMarkdown } from '../export/markdown';
import { ingestStream, ingestText } from '../ingest';
import { looksLikeSessionFile, parseSessionFile, serializeSession } from '../export/sessionFile';
import type { EngineRequest, EngineResponses, IngestProgress, InputSummary, SessionStatus } from './protocol';

/**
 * A macrotask turn: lets messages queued for this worker (or the CLI's event loop) run. Through
 * a MessageChannel, not setTimeout(0), which browsers clamp to 4 ms once timers nest.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export interface RequestContext {
  signal: AbortSignal;
  progress: (p: IngestProgress) => void;
}

/**
 * Minimum gap between "changed" notifications while streaming. Each one makes the page ask for a
 * fresh view, which the engine computes between chunks: often enough to look live, rarely enough
 * to leave the engine reading most of the time.
 */
const CHANGE_INTERVAL_MS = 1000;
/** Longest stretch of reading before the engine lets queued requests (views, cancel) run. */
const READ_SLICE_MS = 40;

/**
 * The analysis engine behind the worker boundary: one session, requests in, plain data out.
 * Runs unchanged in the worker, in the CLI and in Node tests.
 */
export class EngineHost {
  private session = new AnalysisSession();
  private inputs: InputSummary[] = [];
  private version = 0;
  private reading = 0;
  private lastNotify = 0;
  private pendingNotify: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly onChange: (status: SessionStatus) => void = () => {}) {}

  async handle<T extends EngineRequest>(request: T, ctx: RequestContext): Promise<EngineResponses[T['type']]> {
    const value = await this.dispatch(request, ctx);
    return value as EngineResponses[T['type']];
  }

  status(): SessionStatus {
    // A count, not the list: this goes to the page on every change, and a drop can hold 10k files.
    return { version: this.version, ...this.session.stats(), inputs: this.inputs.length, reading: this.reading };
  }

  private async dispatch(request: EngineRequest, ctx: RequestContext): Promise<unknown> {
    switch (request.type) {
      case 'ingestFile':
        if (looksLikeSessionFile(await request.file.slice(0, 64).text())) return this.openSession(request.file);
        return this.ingest(request.file.name, ctx, (sink, opts) =>
          ingestStream(request.file.stream(), request.file.name, sink, opts),
        request.file.size);
      case 'ingestText':
        return this.ingest(request.name, ctx, async (sink) => ingestText(request.text, request.name, sink), request.text.length);
      case 'view':
        return computeView(this.session, request.filter, request.window, request.selectedId ?? null);
      case 'report':
        return this.session.report(request.incidentId) ?? null;
      case 'alerts':
        return this.session.alertsOf(request.incidentId, request.offset, request.limit);
      case 'problems': {
        const all = this.session.problems();
        return { total: all.length, items: all.slice(request.offset, request.offset + request.limit) };
      }
      case 'markdown':
        return this.markdown(request);
      case 'saveSession':
        return serializeSession({
          savedAt: request.savedAt,
          inputs: this.inputs.map((i) => i.name),
          alerts: this.session.allAlerts().map(({ id: _id, ...alert }) => alert),
          problems: [...this.session.problems()],
          triage: request.triage,
        });
      case 'status':
        return this.status();
      case 'reset':
        this.session = new AnalysisSession();
        this.inputs = [];
        this.bump(true);
        return this.status();
      case 'cancel':
        return false; // handled by the transport, which owns the abort controllers
    }
  }

  /** Reopen a saved session: its alerts and problems join this one; its triage goes to the UI. */
  private async openSession(file: File): Promise<InputSummary> {
    const saved = parseSessionFile(await file.text(), file.name);
    for (const alert of saved.alerts) this.session.addAlert(alert);
    for (const problem of saved.problems) this.session.addProblem(problem);
    const summary: InputSummary = {
      name: file.name,
      bytes: file.size,
      format: 'session',
      gzip: false,
      records: saved.alerts.length + saved.problems.length,
      alerts: saved.alerts.length,
      problems: saved.problems.length,
      cancelled: false,
    };
    this.inputs.push(summary);
    this.bump(true);
    return { ...summary, triage: saved.triage };
  }

  /** Reports of the given incidents (or all, by risk) for export. */
  reports(ids: string[] | 'all'): Report[] {
    // "All" is every incident by risk: sorting is all it takes (no facets or timeline).
    const chosen = ids === 'all' ? sortIncidents(this.session.summaries(), 'risk').map((r) => r.id) : ids;
    return chosen.map((id) => this.session.report(id)).filter((r): r is Report => r !== undefined);
  }

  private markdown(request: Extract<EngineRequest, { type: 'markdown' }>): string {
    const reports = this.reports(request.incidentIds);
    if (request.incidentIds !== 'all' && reports.length === 1) {
      return reportToMarkdown(reports[0]!, request.triage[reports[0]!.incident.id]);
    }
    const stats = this.session.stats();
    return sessionToMarkdown(
      reports,
      { generatedAt: request.generatedAt, files: this.inputs.map((i) => i.name), alerts: stats.alerts, problems: stats.problems },
      request.triage,
    );
  }

  private async ingest(
    name: string,
    ctx: RequestContext,
    run: (
      sink: { alert: AnalysisSession['addAlert']; problem: AnalysisSession['addProblem'] },
      opts: Parameters<typeof ingestStream>[3],
    ) => Promise<{ format: string; gzip: boolean; bytes: number; records: number; alerts: number; problems: number }>,
    totalBytes: number,
  ): Promise<InputSummary> {
    // Counted here as records arrive, so a cancelled read still reports what it loaded.
    const summary: InputSummary = { name, bytes: 0, format: 'unknown', gzip: false, records: 0, alerts: 0, problems: 0, cancelled: false };
    const sink = {
      alert: (record: Parameters<AnalysisSession['addAlert']>[0]) => {
        const alert = this.session.addAlert(record);
        summary.alerts++;
        summary.records++;
        this.bump(false);
        return alert;
      },
      problem: (issue: Parameters<AnalysisSession['addProblem']>[0]) => {
        this.session.addProblem(issue);
        summary.problems++;
        summary.records++;
        this.bump(false);
      },
    };
    this.reading++;
    this.inputs.push(summary);
    try {
      let sliceStart = Date.now();
      const result = await run(sink, {
        signal: ctx.signal,
        onProgress: (p) => {
          summary.bytes = p.bytesRead;
          ctx.progress({ name, bytesRead: p.bytesRead, totalBytes, records: p.records });
        },
        afterChunk: () => {
          if (Date.now() - sliceStart < READ_SLICE_MS) return;
          return yieldToEventLoop().then(() => {
            sliceStart = Date.now();
          });
        },
      });
      Object.assign(summary, result);
      return { ...summary };
    } catch (error) {
      if (ctx.signal.aborted) {
        summary.cancelled = true;
        return { ...summary };
      }
      throw error;
    } finally {
      this.reading--;
      // The last input to finish says so at once; the others wait for the regular beat (with
      // thousands of small files, one notification each would flood the page).
      this.bump(this.reading === 0);
    }
  }

  /** Tell the UI the session changed, at most every CHANGE_INTERVAL_MS unless forced. */
  private bump(force: boolean): void {
    this.version++;
    const now = Date.now();
    if (force || now - this.lastNotify >= CHANGE_INTERVAL_MS) {
      if (this.pendingNotify) clearTimeout(this.pendingNotify);
      this.pendingNotify = null;
      this.lastNotify = now;
      this.onChange(this.status());
    } else if (!this.pendingNotify) {
      this.pendingNotify = setTimeout(() => {
        this.pendingNotify = null;
        this.lastNotify = Date.now();
        this.onChange(this.status());
      }, CHANGE_INTERVAL_MS);
    }
  }
}
