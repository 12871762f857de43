import type { Alert, Entity, Priority, RiskLevel } from '../../model';
import { PRIORITIES } from '../../model';
import { catalogEntry } from '../../knowledge/ruleCatalog';
import { fieldText } from '../../knowledge/fieldValue';
import { entityOf } from '../../analyze/entity';
import { assessRisk } from '../../analyze/risk';
import { alertIdentity } from '../../analyze/identity';

/**
 * What a batch of alerts adds to the incidents, computed where the alerts are parsed (a parser
 * worker, or the engine for alerts it holds as objects) so that only this crosses to the engine:
 * per alert the incident key, per incident one opening and one delta. The engine folds deltas in
 * input order, which gives exactly what adding the alerts one by one would.
 */

/** The first alert of a key in a key table: what the incident's summary starts from. */
export interface IncidentOpening {
  /** Key number in the batch's key space (see KeyTable). */
  key: number;
  rule: string;
  source: string;
  entity: Entity;
  containerImage?: string;
  k8sNamespace?: string;
  tags: string[];
  priority: Priority;
  riskScore: number;
  riskLevel: RiskLevel;
  /** Index of the alert in the batch. */
  alert: number;
}

/** One key's alerts in one batch, folded. */
export interface IncidentDelta {
  key: number;
  count: number;
  /** Earliest (and latest) time, with the alert's own time text; NaN and '' when none had one. */
  firstMs: number;
  firstTime: string;
  lastMs: number;
  lastTime: string;
  /** Host names in the order first seen. */
  hostnames: string[];
  /** The most severe priority and the first alert (batch index) that had it. */
  severest: Priority;
  severestAlert: number;
  /**
   * That alert's risk, when it may be needed: only an alert more severe than any this key table
   * saw before can become the incident's representative, and only then is its risk computed.
   */
  risk?: { score: number; level: RiskLevel };
  /** Pairs of (timeline key relative to the batch's epochSecond, alert count); see timelineKey. */
  timeline: ArrayLike<number>;
}

/**
 * The deltas of a batch packed for postMessage: a few thousand small objects per batch cost
 * more to clone than to compute, numbers in one typed array cost a copy. See forEachDelta.
 */
export interface PackedDeltas {
  /** DELTA_NUMBERS numbers per delta, in the order packDeltas writes them. */
  numbers: Float64Array;
  /** First and last time text of each delta. */
  times: string[];
  /** Every delta's host names, in delta order. */
  hostnames: string[];
  /** Every delta's timeline pairs, in delta order. */
  timeline: Float64Array;
}

/** A batch's incidents, before packing: what the engine folds for alerts it parsed itself. */
export interface IncidentBatchParts {
  /** Key of each alert, in batch order. */
  keys: Int32Array;
  /** Identity of each alert (see analyze/identity): the engine counts an alert seen before once. */
  identities: Float64Array;
  /**
   * Timeline key of each alert relative to epochSecond (NaN without a time): what the engine
   * takes back out of its incident's timeline when the alert turns out to be a duplicate.
   */
  timelineKeys: Float64Array;
  openings: IncidentOpening[];
  deltas: IncidentDelta[];
  /** Whole seconds of the batch's first alert with a time: what its timeline keys count from. */
  epochSecond: number;
}

/** The same, packed to cross to the engine (see PackedDeltas). */
export interface IncidentBatchResult extends Omit<IncidentBatchParts, 'deltas'> {
  deltas: PackedDeltas;
}

const SEVERITY = new Map<Priority, number>(PRIORITIES.map((p, i) => [p, i]));

/** Severity rank: 0 is the most severe (Emergency). */
export function severity(priority: Priority): number {
  return SEVERITY.get(priority)!;
}

/**
 * Timeline key: whole seconds since `epoch` times the number of priorities, plus the priority's
 * index. Relative keys stay small integers (V8 Smis): an absolute key (~1.4e10) is a heap number,
 * allocated and hashed on every alert.
 */
export function timelineKey(timeMs: number, priority: Priority, epoch = 0): number {
  return (Math.floor(timeMs / 1000) - epoch) * PRIORITIES.length + severity(priority);
}

/** An incident's first and last seen times (IncidentSummary has these fields). */
export interface TimeSpan {
  firstSeenMs: number;
  firstSeen: string;
  lastSeenMs: number;
  lastSeen: string;
}

/**
 * Widen a span to take in [firstMs, lastMs]. Strict comparisons, so that on a tie the earlier
 * alert's text stays; a known time always replaces an unknown one (NaN). Used for each alert
 * within a batch and for each batch's delta, which is why folding batches gives what adding
 * the alerts one by one gives.
 */
export function widenSpan(span: TimeSpan, firstMs: number, firstTime: string, lastMs: number, lastTime: string): void {
  if (firstMs < span.firstSeenMs || Number.isNaN(span.firstSeenMs)) {
    span.firstSeenMs = firstMs;
    span.firstSeen = firstTime;
  }
  if (lastMs > span.lastSeenMs || Number.isNaN(span.lastSeenMs)) {
    span.lastSeenMs = lastMs;
    span.lastSeen = lastTime;
  }
}

/** The alert's tags, or the rule's own tags when the record carries none (older Falco output). */
export function effectiveTags(rule: string, tags: string[]): string[] {
  return tags.length ? tags : (catalogEntry(rule)?.tags ?? tags);
}

/**
 * Numbers each distinct (rule, entity kind, entity value) once. One table per key space: a parser
 * worker keeps one per file it reads, the engine one for its object alerts.
 */
export class KeyTable {
  private readonly byRule = new Map<string, Map<string, Map<string, number>>>();
  private count = 0;
  private lastRule = '';
  private lastKind = '';
  private lastValue = '';
  private lastKey = -1;
  /** Per key, the severity of the most severe alert seen (see IncidentDelta.risk). */
  readonly best: number[] = [];

  /** The key's number, or -1 - number when it is new (so the caller knows to open it). */
  numberOf(rule: string, entity: Entity): number {
    // Runs of alerts of one rule and entity are common (noisy rules): skip the lookups then.
    if (rule === this.lastRule && entity.value === this.lastValue && entity.kind === this.lastKind) return this.lastKey;
    let byKind = this.byRule.get(rule);
    if (!byKind) this.byRule.set(rule, (byKind = new Map()));
    let byValue = byKind.get(entity.kind);
    if (!byValue) byKind.set(entity.kind, (byValue = new Map()));
    const known = byValue.get(entity.value);
    if (known !== undefined) {
      this.lastRule = rule;
      this.lastKind = entity.kind;
      this.lastValue = entity.value;
      this.lastKey = known;
      return known;
    }
    const key = this.count++;
    byValue.set(entity.value, key);
    this.best.push(PRIORITIES.length);
    return -1 - key;
  }
}

/** Accumulates one batch: add alerts in input order, then take the result. */
export class IncidentBatch {
  /** Small at first: the engine makes a batch of one for each alert it holds as an object. */
  private keys = new Int32Array(16);
  private identities = new Float64Array(16);
  private timelineKeys = new Float64Array(16);
  private size = 0;
  private readonly openings: IncidentOpening[] = [];
  private readonly deltas = new Map<number, DeltaBuilder>();
  private epochSecond = NaN;

  constructor(private readonly table: KeyTable) {}

  /** Add an alert whose tags are already effectiveTags (its id is not read). Returns its index in the batch. */
  add(alert: Alert): number {
    const index = this.size++;
    const entity = entityOf(alert, false);
    let key = this.table.numberOf(alert.rule, entity);
    let opened: IncidentOpening | null = null;
    if (key < 0) {
      key = -1 - key;
      opened = opening(key, alert, entityOf(alert), index);
      this.openings.push(opened);
    }
    if (index === this.keys.length) {
      this.keys = grow(this.keys, new Int32Array(this.keys.length * 2));
      this.identities = grow(this.identities, new Float64Array(this.keys.length));
      this.timelineKeys = grow(this.timelineKeys, new Float64Array(this.keys.length));
    }
    this.keys[index] = key;
    this.identities[index] = alertIdentity(alert);
    if (Number.isNaN(this.epochSecond) && !Number.isNaN(alert.timeMs)) this.epochSecond = Math.floor(alert.timeMs / 1000);
    this.timelineKeys[index] = Number.isNaN(alert.timeMs) ? NaN : timelineKey(alert.timeMs, alert.priority, this.epochSecond);
    let delta = this.deltas.get(key);
    if (!delta) this.deltas.set(key, (delta = new DeltaBuilder(key, this.table)));
    // The opening's risk is this alert's: computed once, for both.
    if (opened) delta.opened(opened);
    delta.add(alert, index, this.epochSecond);
    return index;
  }

  /** The incident key of the alert added at `index` (see add). */
  keyAt(index: number): number {
    return this.keys[index]!;
  }

  /** The batch's incidents, unpacked (for a session folding alerts it holds itself). */
  parts(): IncidentBatchParts {
    return {
      keys: this.keys.slice(0, this.size),
      identities: this.identities.slice(0, this.size),
      timelineKeys: this.timelineKeys.slice(0, this.size),
      openings: this.openings,
      deltas: [...this.deltas.values()].map((d) => d.done()),
      epochSecond: this.epochSecond,
    };
  }

  /** The batch's incidents, packed to be posted. */
  result(): IncidentBatchResult {
    const parts = this.parts();
    return { ...parts, deltas: packDeltas(parts.deltas) };
  }
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

const RISK_LEVELS: readonly RiskLevel[] = ['critical', 'high', 'medium', 'low', 'info'];
/**
 * Where each number of a packed delta sits among its DELTA_NUMBERS: the one layout packDeltas
 * writes and forEachDelta reads. A new field is a new name here, read and written by name.
 */
const DELTA = {
  key: 0,
  count: 1,
  firstMs: 2,
  lastMs: 3,
  /** severity() of the most severe priority: an index into PRIORITIES. */
  severity: 4,
  severestAlert: 5,
  /** NaN when the delta has no risk. */
  riskScore: 6,
  /** Index into RISK_LEVELS, -1 when the delta has no risk. */
  riskLevel: 7,
  /** How many host names (in PackedDeltas.hostnames) and timeline pairs (numbers) follow. */
  hosts: 8,
  timeline: 9,
} as const;
export const DELTA_NUMBERS = Object.keys(DELTA).length;

function packDeltas(deltas: IncidentDelta[]): PackedDeltas {
  const numbers = new Float64Array(deltas.length * DELTA_NUMBERS);
  const times: string[] = [];
  const hostnames: string[] = [];
  const timeline: number[] = [];
  deltas.forEach((d, i) => {
    const at = i * DELTA_NUMBERS;
    numbers[at + DELTA.key] = d.key;
    numbers[at + DELTA.count] = d.count;
    numbers[at + DELTA.firstMs] = d.firstMs;
    numbers[at + DELTA.lastMs] = d.lastMs;
    numbers[at + DELTA.severity] = severity(d.severest);
    numbers[at + DELTA.severestAlert] = d.severestAlert;
    numbers[at + DELTA.riskScore] = d.risk?.score ?? NaN;
    numbers[at + DELTA.riskLevel] = d.risk ? RISK_LEVELS.indexOf(d.risk.level) : -1;
    numbers[at + DELTA.hosts] = d.hostnames.length;
    numbers[at + DELTA.timeline] = d.timeline.length;
    times.push(d.firstTime, d.lastTime);
    hostnames.push(...d.hostnames);
    for (let j = 0; j < d.timeline.length; j++) timeline.push(d.timeline[j]!);
  });
  return { numbers, times, hostnames, timeline: Float64Array.from(timeline) };
}

/** Unpacks a packed batch's deltas, calling `fn` with each in order. */
export function forEachDelta(packed: PackedDeltas, fn: (d: IncidentDelta) => void): void {
  const n = packed.numbers;
  let host = 0;
  let pair = 0;
  for (let i = 0; i < n.length / DELTA_NUMBERS; i++) {
    const at = i * DELTA_NUMBERS;
    const hosts = n[at + DELTA.hosts]!;
    const pairs = n[at + DELTA.timeline]!;
    const delta: IncidentDelta = {
      key: n[at + DELTA.key]!,
      count: n[at + DELTA.count]!,
      firstMs: n[at + DELTA.firstMs]!,
      lastMs: n[at + DELTA.lastMs]!,
      firstTime: packed.times[2 * i]!,
      lastTime: packed.times[2 * i + 1]!,
      severest: PRIORITIES[n[at + DELTA.severity]!]!,
      severestAlert: n[at + DELTA.severestAlert]!,
      hostnames: packed.hostnames.slice(host, host + hosts),
      timeline: packed.timeline.subarray(pair, pair + pairs),
    };
    const level = n[at + DELTA.riskLevel]!;
    if (level >= 0) delta.risk = { score: n[at + DELTA.riskScore]!, level: RISK_LEVELS[level]! };
    host += hosts;
    pair += pairs;
    fn(delta);
  }
}

function opening(key: number, alert: Alert, entity: Entity, index: number): IncidentOpening {
  const risk = assessRisk(alert);
  const o: IncidentOpening = {
    key,
    rule: alert.rule,
    source: alert.source,
    entity,
    tags: alert.tags,
    priority: alert.priority,
    riskScore: risk.score,
    riskLevel: risk.level,
    alert: index,
  };
  const image = fieldText(alert, 'container.image.repository');
  const namespace = fieldText(alert, 'k8s.ns.name') ?? fieldText(alert, 'ka.target.namespace');
  if (image !== undefined) o.containerImage = image;
  if (namespace !== undefined) o.k8sNamespace = namespace;
  return o;
}

class DeltaBuilder {
  private count = 0;
  private readonly span: TimeSpan = { firstSeenMs: NaN, firstSeen: '', lastSeenMs: NaN, lastSeen: '' };
  private readonly hostnames: string[] = [];
  private severest: Priority = 'Debug';
  private severestAlert = -1;
  private risk: IncidentDelta['risk'];
  private readonly timeline = new Map<number, number>();

  constructor(
    private readonly key: number,
    private readonly table: KeyTable,
  ) {}

  /** The key's first alert, about to be added: its risk is known and it sets the bar. */
  opened(o: IncidentOpening): void {
    this.table.best[this.key] = severity(o.priority);
    this.risk = { score: o.riskScore, level: o.riskLevel };
  }

  add(alert: Alert, index: number, epochSecond: number): void {
    this.count++;
    widenSpan(this.span, alert.timeMs, alert.time, alert.timeMs, alert.time);
    if (alert.hostname && !this.hostnames.includes(alert.hostname)) this.hostnames.push(alert.hostname);
    const rank = severity(alert.priority);
    if (this.severestAlert < 0 || rank < severity(this.severest)) {
      this.severest = alert.priority;
      this.severestAlert = index;
      if (rank < this.table.best[this.key]!) {
        this.table.best[this.key] = rank;
        const risk = assessRisk(alert);
        this.risk = { score: risk.score, level: risk.level };
      }
    }
    if (!Number.isNaN(alert.timeMs)) {
      const k = timelineKey(alert.timeMs, alert.priority, epochSecond);
      this.timeline.set(k, (this.timeline.get(k) ?? 0) + 1);
    }
  }

  done(): IncidentDelta {
    const timeline: number[] = [];
    for (const [k, n] of this.timeline) timeline.push(k, n);
    const delta: IncidentDelta = {
      key: this.key,
      count: this.count,
      firstMs: this.span.firstSeenMs,
      firstTime: this.span.firstSeen,
      lastMs: this.span.lastSeenMs,
      lastTime: this.span.lastSeen,
      hostnames: this.hostnames,
      severest: this.severest,
      severestAlert: this.severestAlert,
      timeline,
    };
    if (this.risk) delta.risk = this.risk;
    return delta;
  }
}
