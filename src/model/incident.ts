import type { Priority } from './alert';

/** What an incident is keyed on besides the rule: the thing that did it. */
export type EntityKind =
  | 'container'
  | 'process'
  | 'host'
  | 'k8s-user'
  | 'cloud-principal'
  | 'account'
  | 'unknown';

export interface Entity {
  kind: EntityKind;
  /** The field the entity value came from, e.g. `container.id` or `ka.user.name`. */
  field: string;
  value: string;
  /** Human label, e.g. `container 2ae6a7f15b6e (alpine)`. */
  label: string;
}

/**
 * Alerts of one rule from one entity. Summaries are what crosses from the worker to the UI:
 * no alert arrays, only counts and a representative alert id.
 */
export interface IncidentSummary {
  /** Stable for the same rule + entity: `rule\u0000kind:value` hashed to hex. */
  id: string;
  rule: string;
  source: string;
  /** Most severe priority seen among its alerts. */
  priority: Priority;
  count: number;
  firstSeenMs: number;
  lastSeenMs: number;
  firstSeen: string;
  lastSeen: string;
  entity: Entity;
  hostnames: string[];
  containerImage?: string;
  k8sNamespace?: string;
  tags: string[];
  /** MITRE tactics (e.g. `privilege_escalation`) from the rule's tags. */
  tactics: string[];
  /** Risk score of the incident (0-100), computed on its representative alert. */
  riskScore: number;
  riskLevel: RiskLevel;
  /** Id of the first alert: the representative for the report. */
  sampleAlertId: number;
  /** Playbook id, or null for rules without one (custom rules). */
  playbookId: string | null;
}

export type RiskLevel = 'critical' | 'high' | 'medium' | 'low' | 'info';
