import type { Priority } from './alert';
import type { RiskLevel } from './incident';

/**
 * The context around an incident (issue 17): its process ancestry as a tree, how common each of
 * its values is, related incidents, an overview of the session, and a comparison with a baseline.
 * All computed in the engine; the page only renders these shapes.
 */

/** One process of an ancestry tree. */
export interface ProcessNode {
  /** Unique among its siblings: `pid:name`, or `name` when the pid is unknown. */
  key: string;
  name: string;
  pid?: string;
  exepath?: string;
  cmdline?: string;
  /** Session id (proc.sid) and process group (proc.vpgid) when the alert carried them. */
  sid?: string;
  vpgid?: string;
  /** True for the placeholder standing for ancestors the alerts did not record. */
  elided?: boolean;
  /** Incidents whose alerting process is this one (not merely an ancestor of it). */
  incidents: ProcessTreeIncident[];
  children: ProcessNode[];
}

export interface ProcessTreeIncident {
  id: string;
  rule: string;
  priority: Priority;
  count: number;
}

/** Processes of one container (or host), merged from the incidents seen there. */
export interface ProcessTree {
  scope: { kind: 'container' | 'host'; value: string; label: string };
  roots: ProcessNode[];
  /** Incidents merged into the tree; `more` of the scope's incidents were left out (a cap). */
  incidents: number;
  more: number;
  /** Incidents of other scopes sharing this incident's process session (proc.sid on the same host). */
  sameSession: ProcessTreeIncident[];
}

/** How common one field value is in the session. */
export interface Prevalence {
  field: string;
  value: string;
  /** Alerts and incidents with this value (undefined when not counted, see `why`). */
  alerts?: number;
  incidents?: number;
  /** Why the value was not counted: the field is too varied, or the value too long. */
  why?: string;
}

export interface PrevalenceResult {
  totalAlerts: number;
  totalIncidents: number;
  items: Prevalence[];
}

/** An incident sharing something with the one shown. */
export interface RelatedIncident {
  id: string;
  rule: string;
  priority: Priority;
  riskLevel: RiskLevel;
  count: number;
  firstSeenMs: number;
  lastSeenMs: number;
  entityLabel: string;
  /** What it shares: `field = value` pairs. */
  shared: { field: string; value: string }[];
}

export interface RelatedResult {
  windowMs: number;
  items: RelatedIncident[];
  /** Related incidents beyond those listed. */
  more: number;
}

export type OverviewDimension = 'rule' | 'hostname' | 'namespace' | 'image' | 'user' | 'tactic';

export interface OverviewBar {
  value: string;
  alerts: number;
  incidents: number;
}

/** Alert counts of one incident over the overview's span, for a sparkline. */
export interface IncidentSpark {
  id: string;
  rule: string;
  entityLabel: string;
  priority: Priority;
  count: number;
  /** Alerts per bucket, the timeline's buckets. */
  buckets: number[];
}

export interface Overview {
  totalAlerts: number;
  totalIncidents: number;
  top: Record<OverviewDimension, OverviewBar[]>;
  /** Bucket i covers [startMs + i*bucketMs, startMs + (i+1)*bucketMs); counts by priority. Null without times. */
  timeline: { startMs: number; bucketMs: number; buckets: number[][] } | null;
  sparks: IncidentSpark[];
}

export type DiffStatus = 'new' | 'gone' | 'up' | 'down' | 'same';

export interface DiffRow {
  /** A rule name, or an entity's label. */
  key: string;
  baseline: number;
  current: number;
  status: DiffStatus;
}

export interface SessionDiff {
  baselineName: string;
  baseline: { alerts: number; incidents: number };
  current: { alerts: number; incidents: number };
  rules: DiffRow[];
  entities: DiffRow[];
}

export interface BaselineSummary {
  names: string[];
  alerts: number;
  incidents: number;
  problems: number;
}
