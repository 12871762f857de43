import type { Alert, IncidentSummary, ParseIssue, Priority, Report } from '../model';
import { PRIORITIES } from '../model';
import { playbookForRule } from '../knowledge/playbooks';
import { catalogEntry } from '../knowledge/ruleCatalog';
import { tacticsFromTags } from '../knowledge/mitre';
import { fieldText } from '../knowledge/fieldValue';
import { entityOf } from './entity';
import { stableHash } from './hash';
import { FieldInterner, StringInterner } from './interner';
import { assessRisk } from './risk';
import { buildReport } from './report';

interface IncidentState {
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
}

const SEVERITY = new Map<Priority, number>(PRIORITIES.map((p, i) => [p, i]));

/**
 * Timeline key: whole seconds since `epoch` times the number of priorities, plus the priority's
 * index. Relative to the session's first second so that keys stay small integers (V8 Smis): an
 * absolute key (~1.4e10) is a heap number, allocated and hashed on every alert.
 */
export function timelineKey(timeMs: number, priority: Priority, epoch = 0): number {
  return (Math.floor(timeMs / 1000) - epoch) * PRIORITIES.length + SEVERITY.get(priority)!;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * All alerts of a session, grouped into incidents as they arrive. Pure data structure: the
 * worker, the CLI and the tests drive it the same way.
 */
export class AnalysisSession {
  private readonly alerts: Alert[] = [];
  private readonly incidents = new Map<string, IncidentState>();
  /** Incidents by rule, then entity kind, then entity value: interned strings, no key built per alert. */
  private readonly byKey = new Map<string, Map<string, Map<string, IncidentState>>>();
  private readonly problemList: ParseIssue[] = [];
  private readonly strings = new StringInterner();
  private readonly fieldStrings = new FieldInterner(this.strings);
  /** The second timeline keys count from (see timelineKey); set by the first alert with a time. */
  private epoch = NaN;
  /** One tags array per distinct tag list: every alert of a rule carries the same one. */
  private readonly tagLists = new Map<string, string[]>();
  /** The shared tags array last used by each rule: most alerts of a rule match it, no join needed. */
  private readonly ruleTags = new Map<string, { shared: string[]; emptyInRecord: boolean }>();

  /** Add one normalised record; returns the stored alert with its session id. */
  addAlert(record: Omit<Alert, 'id'>): Alert {
    const alert = this.restore(record);
    this.alerts.push(alert);
    const entity = entityOf(alert);
    let byKind = this.byKey.get(alert.rule);
    if (!byKind) this.byKey.set(alert.rule, (byKind = new Map()));
    let byValue = byKind.get(entity.kind);
    if (!byValue) byKind.set(entity.kind, (byValue = new Map()));
    const existing = byValue.get(entity.value);
    if (existing) {
      this.grow(existing, alert);
    } else {
      // The short hashed id is made once per incident, from the same key as before.
      const state = this.open(stableHash(`${alert.rule}\u0000${entity.kind}:${entity.value}`), alert, entity);
      byValue.set(entity.value, state);
      this.incidents.set(state.summary.id, state);
    }
    return alert;
  }

  addProblem(problem: ParseIssue): void {
    this.problemList.push(problem);
  }

  stats(): SessionStats {
    return { alerts: this.alerts.length, problems: this.problemList.length, incidents: this.incidents.size };
  }

  summaries(): IncidentSummary[] {
    return [...this.incidents.values()].map((s) => s.summary);
  }

  incident(id: string): IncidentSummary | undefined {
    return this.incidents.get(id)?.summary;
  }

  problems(): readonly ParseIssue[] {
    return this.problemList;
  }

  /** Every alert, in arrival order (for saving a session). */
  allAlerts(): readonly Alert[] {
    return this.alerts;
  }

  /** A page of an incident's alerts, fetched on demand (the UI never holds them all). */
  alertsOf(incidentId: string, offset = 0, limit = 100): Alert[] {
    const state = this.incidents.get(incidentId);
    if (!state) return [];
    return state.alertIds.slice(offset, offset + limit).map((i) => this.alerts[i]!);
  }

  report(incidentId: string): Report | undefined {
    const state = this.incidents.get(incidentId);
    if (!state) return undefined;
    return buildReport(state.summary, this.alerts[state.summary.sampleAlertId]!);
  }

  /** The second the keys of timelineOf count from. */
  timelineEpoch(): number {
    return Number.isNaN(this.epoch) ? 0 : this.epoch;
  }

  /** Alert counts per (second - timelineEpoch, priority) of an incident; see timelineKey. */
  timelineOf(incidentId: string): ReadonlyMap<number, number> {
    return this.incidents.get(incidentId)?.timeline ?? new Map();
  }

  /** Every alert of an incident, lazily: search and the timeline walk them without copying. */
  *alertsOfIncident(incidentId: string): Iterable<Alert> {
    const state = this.incidents.get(incidentId);
    if (state) for (const i of state.alertIds) yield this.alerts[i]!;
  }

  /**
   * Fill gaps from the rule catalog and share repeated strings. The record is fresh from ingest
   * and ours alone, so it is completed in place: no copy per alert.
   */
  private restore(record: Omit<Alert, 'id'>): Alert {
    const s = this.strings;
    const alert = record as Alert;
    alert.id = this.alerts.length;
    const fields = alert.outputFields;
    for (const key in fields) {
      const value = fields[key];
      if (typeof value === 'string') fields[key] = this.fieldStrings.intern(key, value);
    }
    alert.file = s.intern(alert.file);
    alert.rule = s.intern(alert.rule);
    alert.source = s.intern(alert.source);
    if (alert.hostname !== undefined) alert.hostname = s.intern(alert.hostname);
    alert.tags = this.tagsOf(alert.rule, alert.tags);
    return alert;
  }

  private tagsOf(rule: string, tags: string[]): string[] {
    const last = this.ruleTags.get(rule);
    if (tags.length === 0 && last !== undefined && last.emptyInRecord) return last.shared;
    if (last !== undefined && sameStrings(last.shared, tags)) return last.shared;
    const shared = this.internTags(tags.length ? tags : (catalogEntry(rule)?.tags ?? tags));
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

  private countTime(timeline: Map<number, number>, alert: Alert): void {
    if (Number.isNaN(alert.timeMs)) return;
    if (Number.isNaN(this.epoch)) this.epoch = Math.floor(alert.timeMs / 1000);
    const key = timelineKey(alert.timeMs, alert.priority, this.epoch);
    timeline.set(key, (timeline.get(key) ?? 0) + 1);
  }

  private open(id: string, alert: Alert, entity: IncidentSummary['entity']): IncidentState {
    const risk = assessRisk(alert);
    const hostnames = new Set(alert.hostname ? [alert.hostname] : []);
    const timeline = new Map<number, number>();
    this.countTime(timeline, alert);
    return {
      alertIds: [alert.id],
      hostnames,
      timeline,
      summary: {
        id,
        rule: alert.rule,
        source: alert.source,
        priority: alert.priority,
        count: 1,
        firstSeenMs: alert.timeMs,
        lastSeenMs: alert.timeMs,
        firstSeen: alert.time,
        lastSeen: alert.time,
        entity,
        hostnames: [...hostnames],
        containerImage: fieldText(alert, 'container.image.repository'),
        k8sNamespace: fieldText(alert, 'k8s.ns.name') ?? fieldText(alert, 'ka.target.namespace'),
        tags: alert.tags,
        tactics: tacticsFromTags(alert.tags),
        riskScore: risk.score,
        riskLevel: risk.level,
        sampleAlertId: alert.id,
        playbookId: playbookForRule(alert.rule)?.id ?? null,
      },
    };
  }

  private grow(state: IncidentState, alert: Alert): void {
    const summary = state.summary;
    state.alertIds.push(alert.id);
    this.countTime(state.timeline, alert);
    summary.count++;
    if (alert.timeMs < summary.firstSeenMs || Number.isNaN(summary.firstSeenMs)) {
      summary.firstSeenMs = alert.timeMs;
      summary.firstSeen = alert.time;
    }
    if (alert.timeMs > summary.lastSeenMs || Number.isNaN(summary.lastSeenMs)) {
      summary.lastSeenMs = alert.timeMs;
      summary.lastSeen = alert.time;
    }
    if (alert.hostname && !state.hostnames.has(alert.hostname)) {
      state.hostnames.add(alert.hostname);
      summary.hostnames = [...state.hostnames];
    }
    // The report speaks for the most severe alert of the incident.
    if (SEVERITY.get(alert.priority)! < SEVERITY.get(summary.priority)!) {
      summary.priority = alert.priority;
      summary.sampleAlertId = alert.id;
      const risk = assessRisk(alert);
      summary.riskScore = risk.score;
      summary.riskLevel = risk.level;
    }
  }
}
