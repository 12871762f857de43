import type { Alert, IncidentSummary, ParseIssue, Report, RuleDetail, RuleListing, RulesFileItem, SavedRulesFile } from '../model';
import { AnalysisSession } from './store/session';
import { computeView, sortIncidents } from '../analyze/view';
import { reportToMarkdown, sessionDocumentParts, type OverviewRow } from '../export/markdown';
import { reportRiskScore } from '../analyze/report';
import { incidentsToCsv } from '../export/csv';
import { incidentsToJson } from '../export/incidentsJson';
import { diagnoseNoAlerts, ingestText, isGzip, looksLikeRulesFile, readRulesFile, sniffText, restoreSession, gunzip, decompressedLimitQuestion, type DecompressedLimits, type LinePiece, makeIssue, ContentHash, hashBytes } from '../ingest';
import { buildRuleSet, listLoadedRules } from '../analyze/ruleSet';
import type { EngineRequest, EngineResponses, IngestProgress, InputSummary, SessionStatus } from '../model';
import { REPORT_FIELDS_PAGE_MAX } from '../model';
import { serializeSession, sessionFileParts } from '../export/sessionFile';
import { partsToBlob } from '../export/chunks';
import { InlineParsers, type BatchParsers, type ParseInput } from './batchParsers';
import { RANGE_SIZES, ReadFailure, linesStart, readHead, type RangeSizes } from './ranges';
import { readFile, type IngestIO, type ReadResult } from './readFile';
import { InOrder } from './inOrder';
import { hashBlob } from './hashBlob';
import { readSmallFiles } from './readGroup';
import { ContextHost, type ContextEngine } from './contextHost';
import { isContextRequest } from './contextRequests';
import { contentKey, newRecord, type InputRecord } from './inputRecord';
import { replay, withoutRecord } from './replay';

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

/**
 * An input read to its end that gave no alert: the page explains why at the top. Alerts all
 * already loaded (a copy of an open file) are no such case: the strip says they were skipped.
 */
const gaveNothing = (s: InputSummary): boolean => !s.cancelled && s.error === undefined && s.alerts === 0 && s.duplicates === 0;

/** How much of a file's start is read to tell a session file (its `format` key comes first or early). */
const SESSION_SNIFF_BYTES = 64 * 1024;
/** Rules files are read whole: the largest upstream one is under 100 KiB, so this leaves plenty. */
const MAX_RULES_FILE_BYTES = 32 * 1024 * 1024;

/** One decoder for whole pieces (no stream state): making one per small file cost 0.1 ms each. */
const utf8 = new TextDecoder();

/** The first characters of a file's content, decompressed when it is gzip (as far as the head goes). */
async function headText(head: Uint8Array): Promise<string> {
  if (!isGzip(head)) return utf8.decode(head);
  const reader = new Blob([head.slice()]).stream().pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < head.length) {
      const r = await reader.read();
      if (r.done) break;
      parts.push(r.value);
      total += r.value.length;
    }
  } catch {
    // The head ends mid-stream: what was decompressed so far is all that is needed.
  }
  void reader.cancel().catch(() => {});
  const decoder = new TextDecoder();
  return parts.map((p) => decoder.decode(p, { stream: true })).join('');
}

/** A whole (session) file as text, decompressed when it is gzip (every member; bad bytes end it). */
async function readText(file: Blob, gzip: boolean): Promise<string> {
  if (!gzip) return file.text();
  const reader = file.stream().getReader();
  const chunks = async function* () {
    for (let r = await reader.read(); !r.done; r = await reader.read()) yield r.value;
  };
  const decoder = new TextDecoder();
  const parts: string[] = [];
  try {
    for await (const out of gunzip(chunks())) parts.push(decoder.decode(out, { stream: true }));
  } catch {
    // Cut short: the text so far is restored, and says what it lacks.
  }
  return parts.join('') + decoder.decode();
}

export interface RequestContext {
  signal: AbortSignal;
  progress: (p: IngestProgress) => void;
  /** Asks the user a yes/no question (past a decompressed-size limit); absent: the answer is no. */
  confirm?: (question: string) => Promise<boolean>;
}

/**
 * Minimum gap between "changed" notifications while streaming. Each one makes the page ask for a
 * fresh view, which the engine computes between chunks: often enough to look live, rarely enough
 * to leave the engine reading most of the time.
 */
const CHANGE_INTERVAL_MS = 1000;
/**
 * The same while files are read: each view costs the engine and the page tens of milliseconds of
 * the CPU the parsers need, and the progress strip moves on its own meanwhile.
 */
const CHANGE_INTERVAL_WHILE_READING_MS = 2000;
/**
 * While files are read, views (recomputed after each notification) may take at most about this
 * share of the engine's time: with tens of thousands of incidents a view costs 100 ms or more, and
 * the notifications are spaced out accordingly.
 */
const VIEW_SHARE_WHILE_READING = 0.1;
/** Longest stretch of reading before the engine lets queued requests (views, cancel) run. */
const READ_SLICE_MS = 40;
/** Inputs up to this size are parsed in the engine itself (see ingest). */
const INLINE_PARSE_BYTES = 256 * 1024;
/**
 * Batches of a file being parsed or waiting their turn to be applied, at most: enough to keep
 * every parser busy while the next range is read (3, 4 and 6 measured the same), few enough that
 * a cancel does not wait long for the batches already sent (up to 4 ranges of 16 MiB).
 */
const BATCHES_IN_FLIGHT = 4;

/**
 * The analysis engine behind the worker boundary: one session, requests in, plain data out.
 * Runs unchanged in the worker, in the CLI and in Node tests.
 */
export class EngineHost implements ContextEngine {
  private session = new AnalysisSession();
  /** Process trees, prevalence, related incidents, overview, baseline comparison (issue 17). */
  private readonly context = new ContextHost(this);
  /** Every input in the order it was opened, with what it added (see inputRecord.ts). */
  private records: InputRecord[] = [];
  /** The input first read in full with each content (see settleRepeat): a map, as 10k files may be open. */
  private byContent = new Map<string, InputRecord>();
  /** Ingest requests under way: closing an input waits until there is none (see removeInput). */
  private ingesting = 0;
  private idleWaiters: (() => void)[] = [];
  /** An input being closed: ingest requests wait for it, so they add to the session that results. */
  private removing: Promise<void> | null = null;
  private version = 0;
  private reading = 0;
  private lastNotify = 0;
  private pendingNotify: ReturnType<typeof setTimeout> | null = null;
  private jobs = 0;
  private readonly inlineParsers = new InlineParsers();
  /** How long the last view took (see VIEW_SHARE_WHILE_READING). */
  private viewMs = 0;
  /** The page said, with its latest ingest request, that more inputs are queued behind it. */
  private more = false;
  /** The items of every rules file loaded, in load order (Falco's order: the order given). */
  private rulesItems: RulesFileItem[] = [];
  private ruleProblems = 0;
  /**
   * Rules files load in the order given, whatever order their reads finish in: each ingest request
   * takes a turn when it arrives, and loads its rules files once the requests before it are done.
   */
  private rulesTurn: Promise<void> = Promise.resolve();
  private turnOf = new WeakMap<RequestContext, Promise<void>>();
  /** Limits on decompressed gzip input (the CLI's --max-decompressed); defaults in ingest/limits.ts. */
  decompressedLimits: Partial<DecompressedLimits> = {};
  /** Whether inputs read from files get a content hash (their identity in the page; see ingest/contentHash). */
  hashInputs = true;

  constructor(
    private readonly onChange: (status: SessionStatus) => void = () => {},
    /** Where NDJSON batches are parsed: parser workers in the browser, inline elsewhere. */
    private parsers: BatchParsers = new InlineParsers(),
    private readonly rangeSizes: RangeSizes = RANGE_SIZES,
  ) {}

  /** Parse in these from now on (the worker gets its parser workers' ports after start-up). */
  useParsers(parsers: BatchParsers): void {
    this.parsers = parsers;
  }

  async handle<T extends EngineRequest>(request: T, ctx: RequestContext): Promise<EngineResponses[T['type']]> {
    if (request.type !== 'ingestFile' && request.type !== 'ingestFiles' && request.type !== 'ingestText') {
      return (await this.dispatch(request, ctx)) as EngineResponses[T['type']];
    }
    while (this.removing) await this.removing;
    const before = this.rulesTurn;
    let done = () => {};
    this.rulesTurn = new Promise((resolve) => (done = resolve));
    this.turnOf.set(ctx, before);
    this.ingesting++;
    try {
      return (await this.dispatch(request, ctx)) as EngineResponses[T['type']];
    } finally {
      done();
      if (--this.ingesting === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /** The inputs' summaries, in the order they were opened. */
  private get inputs(): InputSummary[] {
    return this.records.map((r) => r.summary);
  }

  /** Start keeping what an input adds (its summary is listed from now on). */
  private record(summary: InputSummary, id: string | undefined): InputRecord {
    const record = newRecord(summary, id);
    this.records.push(record);
    return record;
  }

  /**
   * An input read to its end whose content (hash) repeats one loaded before adds nothing: its
   * alerts were all duplicates already, its problems are taken back out, and its bytes are dropped.
   */
  private settleRepeat(record: InputRecord): void {
    const key = contentKey(record);
    if (key === undefined) return;
    const first = this.byContent.get(key);
    if (!first) {
      this.byContent.set(key, record);
      return;
    }
    this.session.dropProblems(record.problems);
    record.duplicateOf = first.summary.name;
    record.batches = [];
    record.objects = [];
    const summary = record.summary;
    summary.duplicateOf = first.summary.name;
    summary.duplicates += summary.alerts;
    summary.alerts = 0;
    summary.problems = 0;
    summary.records = summary.duplicates;
  }

  /**
   * Close one input: the session is replayed from the other inputs' records (replay.ts), from
   * memory. Ingest requests wait meanwhile, and the close waits for those under way, so nothing
   * is added to a session about to be replaced.
   */
  private async removeInput(id: string): Promise<{ id: string; summary: InputSummary }[]> {
    while (this.removing) await this.removing;
    let done = () => {};
    this.removing = new Promise((resolve) => (done = resolve));
    try {
      if (this.ingesting > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
      const records = this.records;
      const removed = records.find((r) => r.id === id);
      if (removed) {
        const rest = withoutRecord(records, removed);
        let sliceStart = Date.now();
        const pause = () => {
          if (Date.now() - sliceStart < READ_SLICE_MS) return;
          return yieldToEventLoop().then(() => {
            sliceStart = Date.now();
          });
        };
        const replayed = await replay(rest, this.inlineParsers, () => ++this.jobs, pause);
        // A reset meanwhile started another session: the replay is of one that is gone.
        if (this.records === records) {
          this.session = replayed.session;
          this.records = rest;
          this.byContent = new Map();
          for (const r of rest) {
            const key = r.duplicateOf === undefined ? contentKey(r) : undefined;
            if (key !== undefined && !this.byContent.has(key)) this.byContent.set(key, r);
          }
          this.rulesItems = replayed.rulesItems;
          this.ruleProblems = replayed.ruleProblems;
          this.bump(true);
        }
      }
      return this.records.flatMap((r) => (r.id === undefined ? [] : [{ id: r.id, summary: { ...r.summary } }]));
    } finally {
      this.removing = null;
      done();
    }
  }

  /** The rules files loaded, in load order, as read (kept in a saved session). */
  private rulesFiles(): SavedRulesFile[] {
    return this.records.flatMap((r) => r.rules?.files ?? []);
  }

  status(): SessionStatus {
    // A count, not the list: this goes to the page on every change, and a drop can hold 10k files.
    return { version: this.version, ...this.session.stats(), inputs: this.records.length, reading: this.reading };
  }

  private async dispatch(request: EngineRequest, ctx: RequestContext): Promise<unknown> {
    if (isContextRequest(request)) return this.context.handle(request, ctx);
    switch (request.type) {
      case 'ingestFile':
        this.more = request.more ?? false;
        return this.ingestFile(request.file, ctx, await readHead(request.file), request.id);
      case 'ingestFiles':
        this.more = request.more ?? false;
        return this.ingestFiles(request.files, ctx, request.ids);
      case 'ingestText': {
        this.more = request.more ?? false;
        if (looksLikeRulesFile(request.text.slice(0, SESSION_SNIFF_BYTES))) {
          await this.turnOf.get(ctx);
          const summary = this.openRulesText(request.name, request.text, request.text.length, false, request.id);
          summary.contentHash = await hashBytes(new TextEncoder().encode(request.text));
          return { ...summary };
        }
        const contentHash = async () => hashBytes(new TextEncoder().encode(request.text));
        const summary = await this.ingest(request.name, ctx, async (io) => ingestText(request.text, request.name, io.sink), request.text.length, undefined, request.id, contentHash);
        if (gaveNothing(summary)) {
          const head = request.text.slice(0, SESSION_SNIFF_BYTES);
          summary.noAlerts = diagnoseNoAlerts(new TextEncoder().encode(head), head);
        }
        return summary;
      }
      case 'view': {
        const started = Date.now();
        const view = computeView(this.session, request.filter, request.window, request.selectedId ?? null, request.context);
        this.viewMs = Date.now() - started;
        // The counts the view was computed from, so the page shows one set of numbers everywhere.
        return { ...view, counters: this.status() };
      }
      case 'report':
        return this.session.report(request.incidentId) ?? null;
      case 'reportFields':
        return this.session.reportFields(request.incidentId, request.offset, Math.min(request.limit, REPORT_FIELDS_PAGE_MAX)) ?? null;
      case 'alerts':
        return this.session.alertsOf(request.incidentId, request.offset, request.limit, request.order);
      case 'problems': {
        const all = this.session.problems();
        return { total: all.length, items: all.slice(request.offset, request.offset + request.limit) };
      }
      case 'listIds':
        return computeView(this.session, request.filter, { offset: request.offset, limit: request.limit }, null, request.context).rows.map((r) => r.id);
      case 'exportSet':
        return this.exportSet(request);
      case 'markdown':
        return this.markdown(request);
      case 'saveSession':
        return serializeSession({
          savedAt: request.savedAt,
          inputs: this.inputs.map((i) => i.name),
          rules: this.rulesFiles(),
          alerts: Array.from(this.session.allAlerts(), ({ id: _id, ...alert }) => alert),
          problems: [...this.session.problems()],
          triage: request.triage,
        });
      case 'markdownFile':
        return partsToBlob(this.markdownParts(request), 'text/markdown;charset=utf-8');
      case 'saveSessionFile': {
        const session = this.session;
        const alerts = function* () {
          for (const { id: _id, ...alert } of session.allAlerts()) yield alert;
        };
        return partsToBlob(
          sessionFileParts({
            savedAt: request.savedAt,
            inputs: this.inputs.map((i) => i.name),
            rules: this.rulesFiles(),
            alerts: alerts(),
            problems: session.problems(),
            triage: request.triage,
          }),
          'application/json;charset=utf-8',
        );
      }
      case 'status':
        return this.status();
      case 'rules':
        return this.loadedRules();
      case 'rule':
        return this.ruleView(request.name);
      case 'reset':
        this.session = new AnalysisSession();
        this.records = [];
        this.byContent = new Map();
        this.rulesItems = [];
        this.ruleProblems = 0;
        this.bump(true);
        return this.status();
      case 'removeInput':
        return this.removeInput(request.id);
      case 'cancel':
        return false; // handled by the transport, which owns the abort controllers
    }
  }

  /** A file whose first bytes (`head`, all of them for a small file) are read. */
  private async ingestFile(file: File, ctx: RequestContext, head: Uint8Array, id?: string, group?: GroupJob): Promise<InputSummary> {
    // A file held whole is sniffed once, from its bytes, as its reader would. NDJSON (what a drop
    // of many small files mostly is) opens with '{' on a line of its own: no session file (the
    // table tries that row first) and no rules file (whose first item is a line starting '-').
    const lines = head.length >= file.size ? linesStart(head, file.size) : undefined;
    if (lines?.format !== 'ndjson') {
      // The format table (ingest/formats.ts) decides, on a longer head than the stream's sniff: a
      // session's "format" key may come after other keys.
      const start = await headText(head.subarray(0, SESSION_SNIFF_BYTES));
      if (sniffText(start).format === 'session') return this.openSession(file, head, ctx, id);
      if (looksLikeRulesFile(start)) return this.openRules(file, head, ctx, id);
    }
    const summary = await this.ingest(file.name, ctx, (io) => readFile(file, head, io, this.rangeSizes, lines), file.size, file, id, undefined, group);
    if (gaveNothing(summary)) summary.noAlerts = diagnoseNoAlerts(head, await headText(head.subarray(0, SESSION_SNIFF_BYTES)));
    return summary;
  }

  /**
   * Small files, read together (readSmallFiles) and then each like any file, from its bytes: per
   * file, no round trip to the page and none to the browser's file thread.
   */
  private async ingestFiles(files: File[], ctx: RequestContext, ids?: readonly string[]): Promise<InputSummary[]> {
    const out: InputSummary[] = [];
    // No progress message per file (the page follows a group by its summaries and the session's
    // counts): one each cost as much as parsing a one-alert file. Rules files keep their turn.
    const quiet: RequestContext = { ...ctx, progress: () => {} };
    this.turnOf.set(quiet, this.turnOf.get(ctx) ?? Promise.resolve());
    // Their lines are parsed as those of one file would be, with one key table: the first alert
    // of an incident in each file was a new key (its incident looked up, its risk assessed) and
    // cost ten times the others (see GroupJob).
    let group = this.groupJob();
    // One more input reading for the whole group: the count must not touch 0 between its files,
    // which would notify the page (and have it recompute its view) once per file.
    this.reading++;
    try {
      for await (const { file, bytes, error } of readSmallFiles(files, ctx.signal)) {
        if (bytes === undefined) {
          out.push({ ...emptySummary(file.name), error: error instanceof Error ? error.message : String(error) });
          continue;
        }
        // `bytes` are all of the file, so it is not read again: what is parsed is what was hashed.
        // (No File is made from them: that cost 1.6 ms a file in the worker, a Blob 0.5 ms.)
        // A reset meanwhile (a new session): its key spaces start afresh.
        if (group.session !== this.session) {
          this.endGroupJob(group);
          group = this.groupJob();
        }
        out.push(await this.ingestFile(file, quiet, bytes, ids?.[out.length], group));
        if (ctx.signal.aborted) break;
      }
    } catch (error) {
      if (!ctx.signal.aborted) throw error;
    } finally {
      this.endGroupJob(group);
      this.reading--;
      this.bump(this.reading === 0 && !this.more);
    }
    // Files a cancel came before: nothing read.
    for (const file of files.slice(out.length)) out.push({ ...emptySummary(file.name), cancelled: true });
    return out;
  }

  private groupJob(): GroupJob {
    return { job: ++this.jobs, keySpaces: new Set(), session: this.session };
  }

  private endGroupJob(group: GroupJob): void {
    this.inlineParsers.endJob(group.job);
    this.parsers.endJob(group.job);
    for (const space of group.keySpaces) group.session.endKeySpace(space);
  }

  /**
   * Reopen a saved session: its rules files load (in their turn, before its alerts), its alerts and
   * problems join this one; its triage goes to the UI. Every entry was restored like any input
   * record: a bad one is a problem, never a crash.
   */
  private async openSession(file: File, head: Uint8Array, ctx: RequestContext, id?: string): Promise<InputSummary> {
    const bytes = head.length >= file.size ? head : new Uint8Array(await file.arrayBuffer());
    const gzip = isGzip(head);
    const saved = restoreSession(gzip ? await readText(new Blob([bytes.slice()]), true) : utf8.decode(bytes), file.name);
    const summary: InputSummary = { ...emptySummary(file.name), bytes: file.size, format: 'session', gzip };
    const record = this.record(summary, id);
    if (saved.rules.length) {
      await this.turnOf.get(ctx);
      // Their problems were saved with the session's: listed once.
      this.loadRules(record, saved.rules, false);
    }
    const before = this.session.duplicates;
    record.objects = this.session.addAlerts(saved.alerts);
    const duplicates = this.session.duplicates - before;
    for (const problem of saved.problems) this.session.addProblem(problem);
    record.problems = saved.problems;
    summary.records = saved.alerts.length + saved.problems.length;
    summary.alerts = saved.alerts.length - duplicates;
    summary.problems = saved.problems.length;
    summary.duplicates = duplicates;
    summary.contentHash = await hashBytes(bytes);
    this.settleRepeat(record);
    this.bump(true);
    return { ...summary, triage: saved.triage };
  }

  /** A rules file: read whole (it is small), its items join the loaded rules in load order. */
  private async openRules(file: File, head: Uint8Array, ctx: RequestContext, id?: string): Promise<InputSummary> {
    const gzip = isGzip(head);
    await this.turnOf.get(ctx);
    if (file.size > MAX_RULES_FILE_BYTES) {
      const summary: InputSummary = { ...emptySummary(file.name), bytes: file.size, format: 'rules', gzip, records: 1, problems: 1 };
      const problem = makeIssue(file.name, 0, 'rules file larger than 32 MiB: not loaded');
      this.session.addProblem(problem);
      this.record(summary, id).problems.push(problem);
      this.bump(true);
      return { ...summary };
    }
    const bytes = head.length >= file.size ? head : new Uint8Array(await file.arrayBuffer());
    const text = gzip ? await readText(new Blob([bytes.slice()]), true) : utf8.decode(bytes);
    const summary = this.openRulesText(file.name, text, file.size, gzip, id);
    summary.contentHash = await hashBytes(bytes);
    return { ...summary };
  }

  /** A rules file's text, listed as an input of its own; answers its summary (the record's). */
  private openRulesText(name: string, text: string, bytes: number, gzip: boolean, id: string | undefined): InputSummary {
    const summary: InputSummary = { ...emptySummary(name), bytes, format: 'rules', gzip };
    const record = this.record(summary, id);
    const problems = this.loadRules(record, [{ name, text }]);
    // Records are alerts + problems everywhere; the items loaded are counted apart (rulesItems).
    summary.records = summary.problems = problems.length;
    summary.rulesItems = record.rules!.items.length;
    this.bump(true);
    return summary;
  }

  /**
   * Add rules files' items after those loaded before and rebuild the effective rules. Problems of
   * the rebuild for the items loaded before were reported already (a later file cannot undo them).
   * Answers the problems added.
   */
  private loadRules(record: InputRecord, files: SavedRulesFile[], addProblems = true): ParseIssue[] {
    const reads = files.map((f) => readRulesFile(f.text, f.name));
    const items = reads.flatMap((r) => r.items);
    const readProblems = reads.flatMap((r) => r.problems);
    record.rules = { files, items, readProblems, ...(addProblems ? {} : { problemsSaved: true }) };
    this.rulesItems.push(...items);
    const built = buildRuleSet(this.rulesItems);
    const problems = [...readProblems, ...built.problems.slice(this.ruleProblems)];
    this.ruleProblems = built.problems.length;
    this.session.setRules(built.set);
    if (!addProblems) return [];
    for (const problem of problems) this.session.addProblem(problem);
    return problems;
  }

  /** The rule view: the rule as loaded, and the incidents (and alerts) it matched in this session. */
  private ruleView(name: string) {
    const incidents = this.session.incidentsOfRule(name);
    return {
      name,
      detail: this.session.ruleDetail(name),
      incidents: incidents.map((i) => ({ id: i.id, label: i.entity.label, count: i.count })),
      alerts: incidents.reduce((sum, i) => sum + i.count, 0),
    };
  }

  /**
   * The rules loaded so far (name, output template, priority, source, where defined), in load order:
   * what a reader of Falco's text output matches lines against, besides the stock rules.
   */
  loadedRules(): RuleListing[] {
    const set = this.session.ruleSet();
    return set ? listLoadedRules(set) : [];
  }

  /** The session analysed (for the context host). */
  analysis(): AnalysisSession {
    return this.session;
  }

  /**
   * Files read into a session of their own, beside this one: the baseline a comparison is made
   * with. Parsed in the engine (not the parser workers, whose jobs are numbered by this host).
   */
  async ingestBaseline(files: File[], ctx: RequestContext): Promise<{ session: AnalysisSession; summary: { names: string[]; alerts: number; incidents: number; problems: number } }> {
    const host = new EngineHost(undefined, new InlineParsers(), this.rangeSizes);
    host.decompressedLimits = this.decompressedLimits;
    for (const file of files) {
      if (ctx.signal.aborted) break;
      await host.handle({ type: 'ingestFile', file }, ctx);
    }
    return { session: host.session, summary: { names: files.map((f) => f.name), ...host.session.stats() } };
  }

  /** Every incident's id, by descending risk: the order of exports. */
  incidentIdsByRisk(): string[] {
    // Sorting is all it takes (no facets or timeline).
    return sortIncidents(this.session.summaries(), 'risk').map((r) => r.id);
  }

  /**
   * One incident's report, built now and kept nowhere: an export of many incidents (the CLI)
   * builds, writes and drops them one at a time.
   */
  report(id: string): Report | undefined {
    return this.session.report(id);
  }

  /** What an incident's report is built from: its summary and representative alert. */
  reportInput(id: string): { incident: IncidentSummary; alert: Alert; rule: RuleDetail | null } | undefined {
    const incident = this.session.incident(id);
    return incident && { incident, alert: this.session.alertAt(incident.sampleAlertId), rule: this.session.ruleDetail(incident.rule) };
  }

  /**
   * The Markdown of the given incidents (or all, by risk), part by part: one incident alone is its
   * report; more (or `asDocument`) are the session document, whose reports are built one at a
   * time as the parts are taken, so neither the reports nor the document are ever held whole.
   * `markdown` joins these parts; "Export all" (markdownFile) and the CLI write them as they come.
   */
  *markdownParts(request: Omit<Extract<EngineRequest, { type: 'markdown' }>, 'type'>, asDocument = false): Generator<string> {
    const ids = (request.incidentIds === 'all' ? this.incidentIdsByRisk() : request.incidentIds).filter((id) => this.session.incident(id) !== undefined);
    if (!asDocument && request.incidentIds !== 'all' && ids.length === 1) {
      yield reportToMarkdown(this.session.report(ids[0]!)!, request.triage[ids[0]!]);
      return;
    }
    const rows = ids.map((id): OverviewRow => {
      const incident = this.session.incident(id)!;
      const risk = reportRiskScore(this.session.alertAt(incident.sampleAlertId), this.session.ruleDetail(incident.rule));
      return { id, risk, priority: incident.priority, rule: incident.rule, entity: incident.entity.label, count: incident.count };
    });
    const session = this.session;
    const reports = function* () {
      for (const id of ids) yield session.report(id)!;
    };
    const stats = session.stats();
    yield* sessionDocumentParts(rows, reports(), { generatedAt: request.generatedAt, files: this.inputs.map((i) => i.name), alerts: stats.alerts, problems: stats.problems }, request.triage);
  }

  /** The list's filtered or selected incidents as Markdown (one document), CSV or JSON. */
  private exportSet(request: Extract<EngineRequest, { type: 'exportSet' }>): { text: string; count: number } {
    const { target } = request;
    const incidents =
      'ids' in target
        ? target.ids.map((id) => this.session.incident(id)).filter((i): i is IncidentSummary => i !== undefined)
        : computeView(this.session, target.filter, undefined, null, target.context).rows;
    const ids = incidents.map((i) => i.id);
    if (request.format === 'csv') return { text: incidentsToCsv(incidents, request.triage), count: ids.length };
    if (request.format === 'json') return { text: incidentsToJson(incidents, request.triage, request.generatedAt), count: ids.length };
    return { text: this.markdown({ type: 'markdown', incidentIds: ids, triage: request.triage, generatedAt: request.generatedAt }, true), count: ids.length };
  }

  /** `asDocument`: the session document (overview + reports) even for one incident. */
  private markdown(request: Extract<EngineRequest, { type: 'markdown' }>, asDocument = false): string {
    return [...this.markdownParts(request, asDocument)].join('');
  }

  private async ingest(
    name: string,
    ctx: RequestContext,
    read: (io: IngestIO) => Promise<ReadResult>,
    totalBytes: number,
    /** The file read, whose bytes the reader hashes as it goes (none for pasted text). */
    file?: Blob,
    id?: string,
    /** The content hash of an input that is not a file (pasted text), worked out once it is read. */
    textHash?: () => Promise<string | undefined>,
    /** The group the file is read with: its job and key spaces, ended with the group. */
    group?: GroupJob,
  ): Promise<InputSummary> {
    // Counted here as records arrive, so a cancelled read still reports what it loaded.
    const summary = emptySummary(name);
    const hash = new ContentHash(file?.size, this.hashInputs);
    const session = this.session;
    const record = this.record(summary, id);
    const sink = {
      alert: (input: Parameters<AnalysisSession['addAlert']>[0]) => {
        const before = session.duplicates;
        const alert = session.addAlert(input);
        record.objects.push(alert);
        if (session.duplicates > before) summary.duplicates++;
        else summary.alerts++;
        summary.records++;
        this.bump(false);
        return alert;
      },
      problem: (issue: Parameters<AnalysisSession['addProblem']>[0]) => {
        session.addProblem(issue);
        record.problems.push(issue);
        summary.problems++;
        summary.records++;
        this.bump(false);
      },
    };
    // Lines are parsed concurrently (by the parser workers) and applied in file order, which is
    // also where they get their line numbers: nothing before counts them.
    const job = group?.job ?? ++this.jobs;
    // A small input is parsed here: a round trip to a parser worker would cost more than it saves.
    const parsers = totalBytes <= INLINE_PARSE_BYTES ? this.inlineParsers : this.parsers;
    const keySpaces = group?.keySpaces ?? new Set<string>();
    const inOrder = new InOrder(BATCHES_IN_FLIGHT);
    let nextLine = 1;
    const parse = (input: ParseInput): Promise<void> =>
      inOrder.add(parsers.parse(job, input), ({ batch, keySpace }) => {
        const before = session.duplicates;
        record.problems.push(...session.addBatch(batch, keySpace, nextLine - 1));
        // A batch without alerts has nothing to replay (its problems are recorded): its bytes go.
        if (batch.alerts > 0) record.batches.push({ bytes: batch.bytes, lineOffset: nextLine - 1 });
        const duplicates = session.duplicates - before;
        nextLine += batch.lines;
        keySpaces.add(keySpace);
        summary.alerts += batch.alerts - duplicates;
        summary.duplicates += duplicates;
        summary.problems += batch.problems.length;
        summary.records += batch.alerts + batch.problems.length;
        this.bump(false);
      });
    const lineBatches = (piece: LinePiece): Promise<void> =>
      piece.kind === 'overlong'
        ? inOrder.add(Promise.resolve(piece), (p) => sink.problem(makeIssue(name, nextLine++, p.message, p.excerpt)))
        : parse({ bytes: piece.bytes, firstLine: 1, file: name });
    let sliceStart = Date.now();
    const io: IngestIO = {
      sink,
      signal: ctx.signal,
      parse,
      lineBatches,
      progress: (bytesRead) => {
        summary.bytes = bytesRead;
        ctx.progress({ name, bytesRead, totalBytes, records: summary.records });
      },
      decompressedLimits: this.decompressedLimits,
      confirmDecompressed: (reached) => (ctx.confirm ? ctx.confirm(decompressedLimitQuestion(reached, name)) : false),
      afterChunk: () => {
        if (Date.now() - sliceStart < READ_SLICE_MS) return;
        return yieldToEventLoop().then(() => {
          sliceStart = Date.now();
        });
      },
      hash,
    };
    this.reading++;
    try {
      const result = await read(io);
      await inOrder.drain();
      summary.format = result.format;
      summary.gzip = result.gzip;
      summary.bytes = result.bytes;
      if (textHash) summary.contentHash = await textHash();
      // A reader that stopped early (a binary file is rejected from its first bytes) hashed only
      // part of it: the rest is read for the hash alone.
      else if (file && this.hashInputs) summary.contentHash = await hash.digest().catch(() => hashBlob(file).catch(() => undefined));
      if (summary.contentHash === undefined) delete summary.contentHash;
      this.settleRepeat(record);
      // A session read as text (pasted): its triage goes to the UI, as for a session file.
      if (result.triage) return { ...summary, triage: result.triage };
      return { ...summary };
    } catch (error) {
      if (ctx.signal.aborted) {
        // What was read before the cancel is kept: let the batches already sent finish.
        await inOrder.drain().catch(() => {});
        summary.cancelled = true;
        return { ...summary };
      }
      if (error instanceof ReadFailure) {
        // The file went away or changed while read (the stream path says the same).
        await inOrder.drain().catch(() => {});
        sink.problem(makeIssue(name, 0, error.message));
        return { ...summary };
      }
      throw error;
    } finally {
      if (!group) {
        parsers.endJob(job);
        for (const space of keySpaces) session.endKeySpace(space);
      }
      this.reading--;
      // The last input to finish says so at once; the others wait for the regular beat (with
      // thousands of small files, one notification each would flood the page). "Last" is what
      // the page said: between two of its requests no input is reading, yet more are coming.
      this.bump(this.reading === 0 && !this.more);
    }
  }

  /** Tell the UI the session changed, at most every CHANGE_INTERVAL_MS (or more while reading) unless forced. */
  private bump(force: boolean): void {
    this.version++;
    const now = Date.now();
    const interval = this.reading > 0 ? Math.max(CHANGE_INTERVAL_WHILE_READING_MS, this.viewMs / VIEW_SHARE_WHILE_READING) : CHANGE_INTERVAL_MS;
    if (force || now - this.lastNotify >= interval) {
      if (this.pendingNotify) clearTimeout(this.pendingNotify);
      this.pendingNotify = null;
      this.lastNotify = now;
      this.onChange(this.status());
    } else if (!this.pendingNotify) {
      this.pendingNotify = setTimeout(() => {
        this.pendingNotify = null;
        this.lastNotify = Date.now();
        this.onChange(this.status());
      }, interval);
    }
  }
}

/**
 * The parse job of a group of small files (ingestFiles): their batches share one key table (per
 * parser) and so one key space in the session, as the ranges of one file do. That is sound because
 * the group's files are read one after another, their batches applied in order.
 */
interface GroupJob {
  job: number;
  keySpaces: Set<string>;
  /** The session the key spaces belong to. */
  session: AnalysisSession;
}

/** An input's summary before anything is read. */
function emptySummary(name: string): InputSummary {
  return { name, bytes: 0, format: 'unknown', gzip: false, records: 0, alerts: 0, problems: 0, duplicates: 0, cancelled: false };
}
