import type { Alert } from './alert';
import type { IncidentSummary, RiskLevel } from './incident';
import type { RuleDetail } from './rules';

/** One reason the score moved, always tied to the evidence that moved it. */
export interface RiskFactor {
  /** Stable machine id, e.g. `priority`, `root-user`, `test-tooling`. */
  id: string;
  /** Short label for the list, e.g. "Runs as root". */
  label: string;
  /** Points added (positive) or removed (negative). */
  delta: number;
  /** The alert field behind the factor (`user.uid`, `priority`, `tags` ...). */
  field: string;
  /** The value of that field as seen in the alert. */
  value: string;
  /** One sentence: why this changes the risk. */
  reason: string;
}

export interface Risk {
  score: number;
  level: RiskLevel;
  factors: RiskFactor[];
}

/**
 * One ATT&CK entry of a rule: a technique under a tactic, or a tactic the rule names without a
 * technique. Technique and tactic are separate columns: a tactic id (TA0004) is never a technique id.
 */
export interface MitreTechnique {
  /** Technique id as in ATT&CK, e.g. `T1055.008`; '' when the rule names only the tactic. */
  id: string;
  /** Technique name, e.g. "Escape to Host"; '' when the rule names only the tactic. */
  name: string;
  /** Tactic name in words, e.g. "Privilege Escalation"; '' when unknown. */
  tactic: string;
  /** Tactic id, e.g. `TA0004`; '' when unknown. */
  tacticId: string;
}

/**
 * How much of its record a report carries. An alert can hold 100,000 output fields or a megabyte
 * value, and a report is built, sent to the page and exported for every incident opened: it holds
 * the first REPORT_FIELDS fields, each value cut at REPORT_VALUE_CHARS characters, and says so.
 * The rest is paged in (EngineRequest 'reportFields'); the session file keeps the whole record.
 */
export const REPORT_FIELDS = 200;
export const REPORT_VALUE_CHARS = 4096;
/** Fields one 'reportFields' request returns at most: a page, never the whole of a hostile record. */
export const REPORT_FIELDS_PAGE_MAX = 2000;

export interface FieldExplanation {
  field: string;
  /** The value, or its first REPORT_VALUE_CHARS characters (see `length`). */
  value: string;
  /** Plain explanation of what the field means (from the glossary, or derived from its prefix). */
  meaning: string;
  /** Characters of the whole value, when `value` is only its start. */
  length?: number;
}

/** Fields `offset ..` of a report, in the report's order, and how many the record has. */
export interface FieldsPage {
  offset: number;
  fields: FieldExplanation[];
  total: number;
}

export interface Mitigations {
  immediate: string[];
  shortTerm: string[];
  longTerm: string[];
}

export interface NextStep {
  /** What the step establishes, e.g. "See what else ran in the container". */
  title: string;
  /** A real command with the alert's values filled in (shell-quoted). */
  command: string;
}

export interface Tuning {
  /**
   * YAML that silences exactly this pattern, checked by analyze/tuningValidator.ts: a rules-file
   * snippet, or (target 'falco.yaml') Falco's own setting. Empty when no safe snippet exists; the
   * explanation then says why.
   */
  yaml: string;
  /** Where the YAML goes when it is not a rules file: Falco's internal events are falco.yaml settings. */
  target?: 'falco.yaml';
  /** What the snippet matches and where to put it. */
  explanation: string;
  /** A broader alternative, e.g. appending to the allow-list the rule consults. */
  alternative?: { yaml: string; explanation: string };
}

/** What the evidence supports, from the risk factors and the report's findings (analyze/verdict.ts). */
export type VerdictKind = 'likely-drill' | 'likely-benign' | 'needs-investigation' | 'likely-malicious';

export interface Verdict {
  kind: VerdictKind;
  /** "Likely drill", "Needs investigation" ... */
  label: string;
  /** One sentence naming the evidence behind the verdict (factor and value), never a factor's own reason. */
  reason: string;
}

/** What a report's copy of its alert leaves out (see Report.alert). */
export interface RecordCut {
  /** Output fields of the record; the report's alert keeps those in Report.fields. */
  outputFields: number;
  /** Characters of the whole output, when the report's copy is cut. */
  outputLength?: number;
  /** Characters of the whole rule name, when the report's copy is cut. */
  ruleLength?: number;
}

/** The top of the report: what an analyst reads first and, often, the only part read. */
export interface ReportHeadline {
  /** One line: who did what, where, when. */
  line: string;
  verdict: Verdict;
  /** The factors that moved the score most, largest first (at most three). */
  topFactors: RiskFactor[];
  /** The first of the next steps, command filled in; null when no command applies. */
  firstAction: NextStep | null;
}

/** How many of the incident's alerts fell in each equal slice of its time span (analyze/activity.ts). */
export interface Activity {
  startMs: number;
  endMs: number;
  /** Width of one bin in milliseconds. */
  binMs: number;
  counts: number[];
}

export interface Report {
  incident: IncidentSummary;
  headline: ReportHeadline;
  /** Alerts over time; null when the incident has fewer than two timed alerts or no span. */
  activity: Activity | null;
  /**
   * The representative alert the report was built from, as the report carries it: output fields
   * cut to those in `fields`, rule and output cut at REPORT_VALUE_CHARS characters (`cut` says
   * what was left out). Everything in the report was worked out from the whole alert.
   */
  alert: Alert;
  /** What `alert` and `fields` leave out of the record; absent when they carry all of it. */
  cut?: RecordCut;
  playbook: { id: string; title: string; generic: boolean } | null;
  /** Summary paragraphs: what the rule detects and why it matters (the headline says who/what/where/when). */
  summary: string[];
  /** What the rule detects, why it matters, benign causes and how to tell them apart. */
  detects: string;
  whyItMatters: string;
  benignCauses: string[];
  distinguish: string[];
  /** Observations specific to this alert's values (e.g. "event-generator is Falco's test tool"). */
  observations: string[];
  /** The record's first fields (top-level ones, then output fields by name): at most REPORT_FIELDS. */
  fields: FieldExplanation[];
  /** Fields of the whole record, top-level ones included: more than `fields.length` when cut. */
  fieldCount: number;
  risk: Risk;
  mitre: MitreTechnique[];
  mitigations: Mitigations;
  tuning: Tuning;
  nextSteps: NextStep[];
  /** The rule as the user's rules files load it (their own rule, or a stock rule they change). */
  rule?: RuleDetail;
}
