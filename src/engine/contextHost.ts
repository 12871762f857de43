import type { BaselineSummary, IncidentSummary, Overview, PrevalenceResult, ProcessTree, ProcessTreeIncident, RelatedResult, SessionDiff } from '../model';
import type { AnalysisSession } from './store/session';
import { fieldPrevalence } from './fieldPrevalence';
import { listOrder, matchingIncidents } from '../analyze/view';
import { ancestryOf, mergeAncestries } from '../analyze/context/processTree';
import { HOSTNAME_FIELD, valueText } from '../analyze/context/prevalence';
import { relatedFromIndex, relatedKeys } from '../analyze/context/related';
import { firstSorted } from '../analyze/context/firstSorted';
import { OVERVIEW_BUCKETS, buildOverview } from '../analyze/context/overview';
import { countSession, diffCounts, type SessionCounts } from '../analyze/context/compare';
import { diffToMarkdown } from '../export/diffMarkdown';
import type { ContextRequest, ContextResponses } from '../model';
import type { RequestContext } from './engineHost';

/** Incidents merged into one process tree at most (the riskiest first); the rest are counted. */
export const TREE_INCIDENTS = 200;
/** Alerts of an incident whose ancestry is read: its representative and its first few. */
const ALERTS_PER_INCIDENT = 3;

/** What the context host needs of an engine: its session, and a way to read files into a fresh one. */
export interface ContextEngine {
  analysis(): AnalysisSession;
  ingestBaseline(files: File[], ctx: RequestContext): Promise<{ session: AnalysisSession; summary: BaselineSummary }>;
}

const treeIncident = (s: IncidentSummary): ProcessTreeIncident => ({ id: s.id, rule: s.rule, priority: s.priority, count: s.count });

/**
 * Answers the context requests from the engine's session: process trees, prevalence, related
 * incidents, the overview, and the comparison with a baseline session (of which it keeps the counts).
 */
export class ContextHost {
  /** The baseline, counted once for comparing (it does not change). */
  private baseline: { summary: BaselineSummary; counts: SessionCounts } | null = null;
  /** The last comparison, of this session at this many alerts with this baseline: asked again (the panel, then its Markdown), it is the answer. */
  private lastDiff: { session: AnalysisSession; alerts: number; baseline: ContextHost['baseline']; diff: SessionDiff } | null = null;
  private lastOverview: { session: AnalysisSession; key: string; overview: Overview } | null = null;

  constructor(private readonly engine: ContextEngine) {}

  async handle<T extends ContextRequest>(request: T, ctx: RequestContext): Promise<ContextResponses[T['type']]> {
    return (await this.dispatch(request, ctx)) as ContextResponses[T['type']];
  }

  private async dispatch(request: ContextRequest, ctx: RequestContext): Promise<unknown> {
    const session = this.engine.analysis();
    switch (request.type) {
      case 'processTree':
        return processTree(session, request.incidentId);
      case 'prevalence':
        return request.fields ? fieldPrevalence(session, request.incidentId, request.fields) : prevalence(session, request.incidentId);
      case 'related':
        return related(session, request.incidentId, request.windowMs);
      case 'overview': {
        // The same filter on an unchanged session (the panel opened again): the last answer.
        const key = `${session.stats().alerts}\u0000${JSON.stringify(request.filter)}\u0000${JSON.stringify(request.context?.statuses ?? {})}`;
        if (this.lastOverview?.session === session && this.lastOverview.key === key) return this.lastOverview.overview;
        // In arrival order: only the sparklines' few need the list's order (see buildOverview).
        const shown = matchingIncidents(session, request.filter, request.context);
        const source = {
          timelineOf: (id: string) => session.timelineOf(id),
          timelineEpoch: () => session.timelineEpoch(),
          userOf: (i: IncidentSummary) => session.userAt(session.incidentIndex(i.id)),
        };
        const overview = buildOverview(shown, session.stats().incidents, source, OVERVIEW_BUCKETS, {
          order: listOrder(request.filter.sort),
          session: { sums: session.overviewTotals, all: session.summaries() },
        });
        this.lastOverview = { session, key, overview };
        return overview;
      }
      case 'openBaseline': {
        const { session: baseline, summary } = await this.engine.ingestBaseline(request.files, ctx);
        // Only its counts are kept: the baseline's alerts are not needed again.
        this.baseline = { summary, counts: countSession(baseline.summaries()) };
        return summary;
      }
      case 'compare':
        return this.diff();
      case 'compareMarkdown': {
        const diff = this.diff();
        return diff && diffToMarkdown(diff, request.generatedAt);
      }
      case 'clearBaseline':
        this.baseline = null;
        this.lastDiff = null;
        return true;
    }
  }

  private diff(): SessionDiff | null {
    if (!this.baseline) return null;
    const session = this.engine.analysis();
    // A session changes only by new alerts (a duplicate changes no count).
    const alerts = session.stats().alerts;
    const last = this.lastDiff;
    if (last?.session === session && last.alerts === alerts && last.baseline === this.baseline) return last.diff;
    const diff = diffCounts(this.baseline.summary.names.join(', '), this.baseline.counts, countSession(session.summaries()));
    this.lastDiff = { session, alerts, baseline: this.baseline, diff };
    return diff;
  }
}

/** Where an incident's processes ran: its container, else its host. */
function scopeOf(incident: IncidentSummary, containerId: string | undefined, hostname: string | undefined): ProcessTree['scope'] | null {
  if (incident.entity.kind === 'container') return { kind: 'container', value: incident.entity.value, label: incident.entity.label };
  if (containerId && containerId !== 'host') return { kind: 'container', value: containerId, label: `container ${containerId}` };
  const host = hostname ?? incident.hostnames[0];
  return host ? { kind: 'host', value: host, label: `host ${host}` } : null;
}

function processTree(session: AnalysisSession, incidentId: string): ProcessTree | null {
  const incident = session.incident(incidentId);
  if (!incident) return null;
  const sample = session.alertAt(incident.sampleAlertId);
  if (ancestryOf(sample).length === 0) return null;
  const scope = scopeOf(incident, valueText(sample.outputFields['container.id']), sample.hostname);
  if (!scope) return null;
  // The scope's incidents: of the same container, or on the host outside containers.
  const field = scope.kind === 'container' ? 'container.id' : HOSTNAME_FIELD;
  const inScope = session.prevalence
    .incidentsWith(field, scope.value)
    .map((i) => session.summaryAt(i))
    .filter((s) => s.id === incident.id || scope.kind === 'container' || s.entity.kind !== 'container');
  if (!inScope.some((s) => s.id === incident.id)) inScope.push(incident);
  // A host's scope can hold tens of thousands of incidents: only the merged few are ranked.
  const chosen = firstSorted(inScope, TREE_INCIDENTS, (a, b) => (a.id === incident.id ? -1 : b.id === incident.id ? 1 : b.riskScore - a.riskScore || b.count - a.count));
  const entries = chosen.flatMap((s) => {
    const alerts = [session.alertAt(s.sampleAlertId), ...session.alertsOf(s.id, 0, ALERTS_PER_INCIDENT)];
    return alerts.map((a) => ({ incident: treeIncident(s), chain: ancestryOf(a) }));
  });
  // Incidents elsewhere on the host sharing the process session (proc.sid) of this one.
  const sid = valueText(sample.outputFields['proc.sid']);
  const chosenIds = new Set(chosen.map((s) => s.id));
  const sameSession =
    sid === undefined || sid === '0'
      ? []
      : session.prevalence
          .incidentsWith('proc.sid', sid)
          .map((i) => session.summaryAt(i))
          .filter((s) => !chosenIds.has(s.id) && s.hostnames.some((h) => incident.hostnames.includes(h)))
          .slice(0, TREE_INCIDENTS)
          .map(treeIncident);
  return { scope, roots: mergeAncestries(entries), incidents: chosen.length, more: inScope.length - chosen.length, sameSession };
}

function prevalence(session: AnalysisSession, incidentId: string): PrevalenceResult | null {
  const incident = session.incident(incidentId);
  if (!incident) return null;
  const alert = session.alertAt(incident.sampleAlertId);
  const items = Object.entries(alert.outputFields).flatMap(([field, raw]) => {
    const value = valueText(raw);
    return value === undefined ? [] : [session.prevalence.lookup(field, value)];
  });
  if (alert.hostname) items.push(session.prevalence.lookup(HOSTNAME_FIELD, alert.hostname));
  const stats = session.stats();
  return { totalAlerts: stats.alerts, totalIncidents: stats.incidents, items };
}

function related(session: AnalysisSession, incidentId: string, windowMs?: number): RelatedResult | null {
  const incident = session.incident(incidentId);
  if (!incident) return null;
  const keys = relatedKeys(session.alertAt(incident.sampleAlertId));
  return relatedFromIndex(incident, keys, { forEachIncidentWith: (field, value, fn) => session.prevalence.forEachIncidentWith(field, value, fn), summaryAt: (i) => session.summaryAt(i) }, windowMs);
}
