import type { Alert, FieldsPage, IncidentSummary, ParseIssue, Report, RuleDetail, RuleSetData } from '../../model';
import { PRIORITIES } from '../../model';
import { playbookForRule } from '../../knowledge/playbooks';
import { tacticsFromTags } from '../../knowledge/mitre';
import { AlertStore } from './alertStore';
import { IntColumn } from './column';
import { stableHash } from './hash';
import { IncidentBatch, KeyTable, effectiveTags, forEachDelta, severity, widenSpan, type IncidentBatchParts, type IncidentDelta, type IncidentOpening } from './incidentBatch';
import { FieldInterner, StringInterner } from './interner';
import { tallyOfAlerts, type ParsedBatch } from './parseBatch';
import { buildReport, reportAlert } from '../../analyze/report';
import { fieldsPage } from '../../analyze/reportFields';
import { assessRisk } from '../../analyze/risk';
import { alertMatchesText } from '../../analyze/textMatch';
import { ruleDetail } from '../../analyze/ruleDetail';
import { PrevalenceIndex, TallyBuilder, type PrevalenceTally } from '../../analyze/context/prevalence';
import { OverviewTotals } from '../../analyze/context/overviewTotals';
import { incidentUser, userIsEntity } from '../../analyze/context/overview';

interface IncidentState {
  /** Position in the session's incident list (what the per-alert incident column holds). */
  index: number;
  summary: IncidentSummary;
  alertIds: number[];
  hostnames: Set<string>;
  /** Alerts per (second, priority): the timeline without walking every alert. */
  timeline: Map<number, number>;
}

export interface SessionStats {
  alerts: number;
  problems: number;
  incidents: number;
  /** Alerts that arrived again (same identity, see analyze/identity) and were counted once. */
  duplicates: number;
}

/** Which alerts of a batch are new, and the id each alert of the batch has in the session. */
interface Claimed {
  /** Per batch alert, the session id: its own when new, the first arrival's when a duplicate. */
  idOf: Int32Array;
  /** Per batch alert, 1 when new; undefined when every alert is new. */
  keep: Uint8Array | undefined;
}

/** Output fields of one alert whose values are interned at most (see restore). */
const INTERNED_FIELDS = 1000;

/** The key space of the alerts the session holds as objects (see addAlert). */
const OBJECT_KEYS = 'objects';

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * All alerts of a session, grouped into incidents as they arrive: one at a time as objects
 * (addAlert), or a parsed batch of NDJSON lines at a time (addBatch). Pure data structure: the
 * worker, the CLI and the tests drive it the same way.
 */
export class AnalysisSession {
  private readonly store = new AlertStore();
  /** Incident index of each alert, by alert id. */
  private readonly incidentOf = new IntColumn();
  private readonly incidentList: IncidentState[] = [];
  private readonly incidents = new Map<string, IncidentState>();
  /** Incidents by `rule \0 kind:value`, the key their id hashes. */
  private readonly byKey = new Map<string, IncidentState>();
  /** Per key space (see KeyTable), the incident of each key number. */
  private readonly keySpaces = new Map<string, IncidentState[]>();
  private readonly objectKeys = new KeyTable();
  private readonly problemList: ParseIssue[] = [];
  private readonly strings = new StringInterner();
  private readonly fieldStrings = new FieldInterner(this.strings);
  /** The second timeline keys count from (see timelineKey); set by the first alert with a time. */
  private epoch = NaN;
  /** One tags array per distinct tag list: every alert of a rule carries the same one. */
  private readonly tagLists = new Map<string, string[]>();
  /** The shared tags array last used by each rule: most alerts of a rule match it, no join needed. */
  private readonly ruleTags = new Map<string, { shared: string[]; emptyInRecord: boolean }>();
  /** Search is incremental: alerts added since the last search with the same text are scanned. */
  private search = { needle: '', scanned: 0, incidents: new Set<number>(), ids: new Set<string>() };
  /** The rules files loaded (see analyze/ruleSet), and each rule's detail once asked for. */
  private rules: RuleSetData | null = null;
  private readonly details = new Map<string, RuleDetail | null>();

  /** The effective rules of the rules files loaded so far: reports explain their rules from them. */
  setRules(rules: RuleSetData): void {
    this.rules = rules;
    this.details.clear();
  }

  ruleSet(): RuleSetData | null {
    return this.rules;
  }

  /** The loaded rule of this name, resolved (macros, lists); null when no loaded file has it. */
  ruleDetail(name: string): RuleDetail | null {
    if (!this.rules) return null;
    let detail = this.details.get(name);
    if (detail === undefined) this.details.set(name, (detail = ruleDetail(this.rules, name)));
    return detail;
  }

  /** The incidents of one rule, by arrival. */
  incidentsOfRule(name: string): IncidentSummary[] {
    return this.incidentList.filter((s) => s.summary.rule === name).map((s) => s.summary);
  }
  /** How common each field value is (see context/prevalence), by incident index. */
  readonly prevalence = new PrevalenceIndex();
  /** The overview's sums over every incident, kept as alerts arrive (see context/overviewTotals). */
  readonly overviewTotals = new OverviewTotals();
  /** Session id of every alert by identity: the first arrival of each alert. */
  private readonly byIdentity = new Map<number, number>();
  private duplicateCount = 0;

  /** Add one normalised record, kept as an object; returns the stored alert with its session id. */
  addAlert(record: Omit<Alert, 'id'>): Alert {
    return this.addAlerts([record])[0]!;
  }

  /**
   * Add records kept as objects (a saved session's alerts), folded as one batch. An alert seen
   * before is not kept: what is returned for it is the record with the first arrival's id.
   */
  addAlerts(records: readonly Omit<Alert, 'id'>[]): Alert[] {
    const batch = new IncidentBatch(this.objectKeys);
    const tally = new TallyBuilder();
    const keys: number[] = [];
    const alerts = records.map((record) => {
      const alert = this.restore(record);
      keys.push(batch.keyAt(batch.add(alert)));
      return alert;
    });
    const parts = batch.parts();
    const claimed = this.claim(parts.identities);
    alerts.forEach((alert, i) => {
      if (claimed.keep?.[i] === 0) alert.id = claimed.idOf[i]!;
      else {
        this.store.addObject(alert);
        // Prevalence counts each alert once, like every other count.
        tally.add(alert, keys[i]!);
      }
    });
    this.applyIncidents(OBJECT_KEYS, parts, claimed, (fold) => parts.deltas.forEach(fold));
    this.addTally(OBJECT_KEYS, tally.result());
    return alerts;
  }

  /**
   * Add a parsed batch of lines (see parseBatch). Batches of one file must come in file order;
   * `keySpace` names the KeyTable they were parsed with; `lineOffset` is added to the batch's line
   * numbers to give the file's. Alerts seen before (by identity) are counted once: not stored.
   */
  addBatch(batch: ParsedBatch, keySpace: string, lineOffset = 0): ParseIssue[] {
    const problems = lineOffset ? batch.problems.map((problem) => ({ ...problem, line: problem.line + lineOffset })) : batch.problems;
    for (const problem of problems) this.addProblem(problem);
    const claimed = this.claim(batch.identities);
    this.store.addBatch(batch, lineOffset, claimed.keep);
    this.applyIncidents(keySpace, batch, claimed, (fold) => forEachDelta(batch.deltas, fold));
    this.addBatchTally(keySpace, batch, claimed.keep);
    return problems;
  }

  /**
   * Fold a parsed batch's value counts in, each alert once like every other count: the parser
   * counted the batch's duplicates too (it cannot know the session's alerts), so those are parsed
   * again and taken back out. A batch of nothing but duplicates (a file read twice) adds nothing.
   */
  private addBatchTally(keySpace: string, batch: ParsedBatch, keep: Uint8Array | undefined): void {
    if (keep === undefined) return this.addTally(keySpace, batch.prevalence);
    const duplicates: number[] = [];
    for (let i = 0; i < batch.alerts; i++) if (keep[i] === 0) duplicates.push(i);
    if (duplicates.length === batch.alerts) return;
    this.addTally(keySpace, batch.prevalence);
    this.prevalence.subtract(tallyOfAlerts(batch, duplicates));
  }

  /**
   * Give each alert of a batch its session id: the next free one when its identity is new, the
   * first arrival's when not (a duplicate, also within the batch itself).
   */
  private claim(identities: Float64Array): Claimed {
    const idOf = new Int32Array(identities.length);
    let keep: Uint8Array | undefined;
    let next = this.store.size;
    for (let i = 0; i < identities.length; i++) {
      const identity = identities[i]!;
      const first = this.byIdentity.get(identity);
      if (first === undefined) {
        this.byIdentity.set(identity, next);
        idOf[i] = next++;
        if (keep) keep[i] = 1;
        continue;
      }
      if (!keep) keep = new Uint8Array(identities.length).fill(1, 0, i);
      idOf[i] = first;
      this.duplicateCount++;
    }
    return { idOf, keep };
  }

  /** Fold a batch's value counts into the prevalence index (its keys are the key space's). */
  private addTally(keySpace: string, tally: PrevalenceTally): void {
    const states = this.keySpaces.get(keySpace)!;
    this.prevalence.add(
      tally,
      (key) => states[key]!.index,
      (index, user) => {
        const summary = this.incidentList[index]!.summary;
        if (!userIsEntity(summary)) this.overviewTotals.gain('user', user, summary.count);
      },
    );
  }

  /** The user of the incident at a position (see context/overview incidentUser). */
  userAt(index: number): string | undefined {
    return incidentUser(this.incidentList[index]!.summary, () => this.prevalence.userOf(index));
  }

  /** The position of an incident in the session's list, or -1. */
  incidentIndex(id: string): number {
    return this.incidents.get(id)?.index ?? -1;
  }

  /** The incident at a position of the session's list (what the prevalence index holds). */
  summaryAt(index: number): IncidentSummary {
    return this.incidentList[index]!.summary;
  }

  /** Forget a key space's numbering (its file is read); its incidents stay. */
  endKeySpace(keySpace: string): void {
    this.keySpaces.delete(keySpace);
  }

  addProblem(problem: ParseIssue): void {
    this.problemList.push(problem);
  }

  /** Take these problems back out (an input that repeats one loaded before: see engine/inputRecord). */
  dropProblems(problems: readonly ParseIssue[]): void {
    if (!problems.length) return;
    const dropped = new Set(problems);
    const kept = this.problemList.filter((p) => !dropped.has(p));
    this.problemList.length = 0;
    for (const p of kept) this.problemList.push(p);
  }

  /** Count alerts as duplicates without reading them (an input that repeats one loaded before). */
  addDuplicates(count: number): void {
    this.duplicateCount += count;
  }

  stats(): SessionStats {
    return { alerts: this.store.size, problems: this.problemList.length, incidents: this.incidents.size, duplicates: this.duplicateCount };
  }

  /** Alerts counted once though they arrived again (see SessionStats.duplicates). */
  get duplicates(): number {
    return this.duplicateCount;
  }

  summaries(): IncidentSummary[] {
    return this.incidentList.map((s) => s.summary);
  }

  incident(id: string): IncidentSummary | undefined {
    return this.incidents.get(id)?.summary;
  }

  problems(): readonly ParseIssue[] {
    return this.problemList;
  }

  /** The alert with this id (parsed again from its line when it is held as bytes). */
  alertAt(id: number): Alert {
    const record = this.store.get(id);
    if (this.store.isObject(id)) return record as Alert;
    const alert = record as Alert;
    alert.id = id;
    const carried = alert.tags.length;
    alert.tags = this.tagsOf(alert.rule, alert.tags);
    if (carried === 0 && alert.tags.length > 0) alert.tagsInferred = true;
    return alert;
  }

  /** Every alert, in arrival order (for saving a session). */
  *allAlerts(): Iterable<Alert> {
    for (let id = 0; id < this.store.size; id++) yield this.alertAt(id);
  }

  /** A page of an incident's alerts, fetched on demand (the UI never holds them all). */
  /**
   * A page of an incident's alerts, in arrival order or in time order (earliest first; alerts with
   * no usable time last, in arrival order). The time order is worked out once per alert count.
   */
  alertsOf(incidentId: string, offset = 0, limit = 100, order: 'arrival' | 'time' = 'arrival'): Alert[] {
    const state = this.incidents.get(incidentId);
    if (!state) return [];
    const ids = order === 'time' ? this.idsByTime(incidentId, state.alertIds) : state.alertIds;
    return ids.slice(offset, offset + limit).map((i) => this.alertAt(i));
  }

  private timeOrder = new Map<string, { count: number; ids: number[] }>();

  private idsByTime(incidentId: string, alertIds: number[]): number[] {
    const cached = this.timeOrder.get(incidentId);
    if (cached?.count === alertIds.length) return cached.ids;
    const times = new Map(alertIds.map((id) => [id, this.alertAt(id).timeMs]));
    const key = (id: number) => (Number.isNaN(times.get(id)) ? Infinity : times.get(id)!);
    // Array sort is stable: equal times keep arrival order.
    const ids = [...alertIds].sort((a, b) => key(a) - key(b) || 0);
    this.timeOrder.set(incidentId, { count: alertIds.length, ids });
    return ids;
  }

  /** Every alert of an incident, lazily. */
  *alertsOfIncident(incidentId: string): Iterable<Alert> {
    const state = this.incidents.get(incidentId);
    if (state) for (const i of state.alertIds) yield this.alertAt(i);
  }

  report(incidentId: string): Report | undefined {
    const state = this.incidents.get(incidentId);
    if (!state) return undefined;
    return buildReport(state.summary, this.alertAt(state.summary.sampleAlertId), this.ruleDetail(state.summary.rule), this.timelinePoints(state.timeline));
  }

  /** Fields `offset .. offset + limit` of an incident's report (the report carries the first only). */
  reportFields(incidentId: string, offset: number, limit: number): FieldsPage | undefined {
    const state = this.incidents.get(incidentId);
    if (!state) return undefined;
    return fieldsPage(reportAlert(this.alertAt(state.summary.sampleAlertId), this.ruleDetail(state.summary.rule)), offset, limit);
  }

  /** An incident's timeline as (time in ms, alert count) points, one per second and priority. */
  private *timelinePoints(timeline: ReadonlyMap<number, number>): Iterable<[number, number]> {
    const epoch = this.timelineEpoch();
    for (const [key, count] of timeline) yield [(Math.floor(key / PRIORITIES.length) + epoch) * 1000, count];
  }

  /** The second the keys of timelineOf count from. */
  timelineEpoch(): number {
    return Number.isNaN(this.epoch) ? 0 : this.epoch;
  }

  /** Alert counts per (second - timelineEpoch, priority) of an incident; see timelineKey. */
  timelineOf(incidentId: string): ReadonlyMap<number, number> {
    return this.incidents.get(incidentId)?.timeline ?? new Map();
  }

  /**
   * Ids of the incidents with an alert whose output or a field value contains `needle` (lower
   * case). Lines that cannot contain it are skipped unparsed; an incident stops being scanned at
   * its first match; a repeated search only scans alerts added since.
   */
  incidentsMatchingText(needle: string): ReadonlySet<string> {
    if (this.search.needle !== needle) this.search = { needle, scanned: 0, incidents: new Set(), ids: new Set() };
    const s = this.search;
    this.store.textCandidates(
      needle,
      s.scanned,
      (id) => !s.incidents.has(this.incidentOf.get(id)),
      (id) => {
        if (!alertMatchesText(this.alertAt(id), needle)) return;
        const index = this.incidentOf.get(id);
        s.incidents.add(index);
        s.ids.add(this.incidentList[index]!.summary.id);
      },
    );
    s.scanned = this.store.size;
    return s.ids;
  }

  /**
   * Fold a batch's incidents in (see incidentBatch): `claimed` gives each alert's session id, and
   * `eachDelta` hands over its deltas, packed or not. A duplicate is taken back out of its delta:
   * its count and its timeline second. Nothing else of it can have changed its incident: the same
   * content is the same rule, entity, time, host and priority as the first arrival's, already there.
   */
  private applyIncidents(keySpace: string, batch: Omit<IncidentBatchParts, 'deltas'>, claimed: Claimed, eachDelta: (fold: (d: IncidentDelta) => void) => void): void {
    let states = this.keySpaces.get(keySpace);
    if (!states) this.keySpaces.set(keySpace, (states = []));
    const { idOf, keep } = claimed;
    for (const o of batch.openings) states[o.key] = this.stateFor(o, idOf[o.alert]!);
    if (Number.isNaN(this.epoch)) this.epoch = batch.epochSecond;
    const shift = (batch.epochSecond - this.epoch) * PRIORITIES.length;
    eachDelta((d) => this.merge(states[d.key]!, d, idOf, shift));
    const keys = batch.keys;
    for (let i = 0; i < keys.length; i++) {
      const state = states[keys[i]!]!;
      if (keep?.[i] === 0) {
        this.unmerge(state, batch.timelineKeys[i]! + shift);
        continue;
      }
      state.alertIds.push(idOf[i]!);
      this.incidentOf.push(state.index);
    }
  }

  /** Take a duplicate (folded in with its batch's delta) back out of its incident's count and timeline. */
  private unmerge(state: IncidentState, timelineKey: number): void {
    state.summary.count--;
    this.overviewTotals.count(state.summary, this.userAt(state.index), -1);
    if (Number.isNaN(timelineKey)) return;
    const had = state.timeline.get(timelineKey);
    if (had !== undefined) this.overviewTotals.at(timelineKey, -1);
    const left = (had ?? 1) - 1;
    if (left > 0) state.timeline.set(timelineKey, left);
    else state.timeline.delete(timelineKey);
  }

  /** The incident of an opening's key: found, or opened from the opening's alert. */
  private stateFor(o: IncidentOpening, alertId: number): IncidentState {
    const key = `${o.rule}\u0000${o.entity.kind}:${o.entity.value}`;
    const known = this.byKey.get(key);
    if (known) return known;
    const s = this.strings;
    const tags = this.internTags(o.tags);
    const state: IncidentState = {
      index: this.incidentList.length,
      alertIds: [],
      hostnames: new Set(),
      timeline: new Map(),
      summary: {
        id: stableHash(key),
        rule: s.intern(o.rule),
        source: s.intern(o.source),
        priority: o.priority,
        count: 0,
        firstSeenMs: NaN,
        lastSeenMs: NaN,
        firstSeen: '',
        lastSeen: '',
        entity: o.entity,
        hostnames: [],
        containerImage: o.containerImage,
        k8sNamespace: o.k8sNamespace,
        tags,
        tactics: tacticsFromTags(tags),
        riskScore: o.riskScore,
        riskLevel: o.riskLevel,
        sampleAlertId: alertId,
        playbookId: playbookForRule(o.rule)?.id ?? null,
      },
    };
    this.incidentList.push(state);
    this.byKey.set(key, state);
    this.incidents.set(state.summary.id, state);
    this.overviewTotals.open(state.summary, this.userAt(state.index));
    return state;
  }

  /** Fold one delta in; the same comparisons as IncidentBatch uses within a batch. */
  private merge(state: IncidentState, d: IncidentDelta, idOf: Int32Array, shift: number): void {
    const summary = state.summary;
    summary.count += d.count;
    // The overview's sums: the alerts to the values the incident has, then its new hosts with all of its alerts.
    const totals = this.overviewTotals;
    totals.count(summary, this.userAt(state.index), d.count);
    widenSpan(summary, d.firstMs, d.firstTime, d.lastMs, d.lastTime);
    let hostsChanged = false;
    for (const host of d.hostnames) {
      if (state.hostnames.has(host)) continue;
      state.hostnames.add(this.strings.intern(host));
      totals.gain('hostname', host, summary.count);
      hostsChanged = true;
    }
    if (hostsChanged) summary.hostnames = [...state.hostnames];
    // The report speaks for the most severe alert of the incident (the first one, on a tie).
    if (severity(d.severest) < severity(summary.priority)) {
      summary.priority = d.severest;
      summary.sampleAlertId = idOf[d.severestAlert]!;
      // Sent whenever it can be needed (see IncidentDelta.risk); computed here only as a fallback.
      const risk = d.risk ?? assessRisk(this.alertAt(summary.sampleAlertId));
      summary.riskScore = risk.score;
      summary.riskLevel = risk.level;
    }
    const timeline = state.timeline;
    const pairs = d.timeline;
    for (let i = 0; i < pairs.length; i += 2) {
      const key = pairs[i]! + shift;
      timeline.set(key, (timeline.get(key) ?? 0) + pairs[i + 1]!);
      totals.at(key, pairs[i + 1]!);
    }
  }

  /**
   * Fill gaps from the rule catalog and share repeated strings. The record is fresh from ingest
   * and ours alone, so it is completed in place: no copy per alert.
   */
  private restore(record: Omit<Alert, 'id'>): Alert {
    const s = this.strings;
    const alert = record as Alert;
    const fields = alert.outputFields;
    // Falco's rules print a few dozen fields: past that many a record's values are kept as parsed,
    // so a hostile one with 100,000 fields does not grow the interners by 100,000 entries.
    let left = INTERNED_FIELDS;
    for (const key in fields) {
      if (left-- === 0) break;
      const value = fields[key];
      if (typeof value === 'string') fields[key] = this.fieldStrings.intern(key, value);
    }
    alert.file = s.intern(alert.file);
    alert.rule = s.intern(alert.rule);
    alert.source = s.intern(alert.source);
    if (alert.hostname !== undefined) alert.hostname = s.intern(alert.hostname);
    const carried = alert.tags.length;
    alert.tags = this.tagsOf(alert.rule, alert.tags);
    if (carried === 0 && alert.tags.length > 0) alert.tagsInferred = true;
    return alert;
  }

  private tagsOf(rule: string, tags: string[]): string[] {
    const last = this.ruleTags.get(rule);
    if (tags.length === 0 && last !== undefined && last.emptyInRecord) return last.shared;
    if (last !== undefined && sameStrings(last.shared, tags)) return last.shared;
    const shared = this.internTags(effectiveTags(rule, tags));
    this.ruleTags.set(rule, { shared, emptyInRecord: tags.length === 0 });
    return shared;
  }

  private internTags(tags: string[]): string[] {
    const key = tags.join('\u0000');
    let shared = this.tagLists.get(key);
    if (!shared) {
      shared = tags.map((t) => this.strings.intern(t));
      this.tagLists.set(key, shared);
    }
    return shared;
  }
}
