import type { Risk, RiskFactor, Verdict, VerdictKind } from '../model';

/**
 * What the evidence supports, as one of four words an analyst acts on. Derived only from the risk
 * factors (each tied to a field and value of the alert) and from findings the report has made, so
 * the verdict never says more than the report shows.
 */

/** Factors that say no real attack happened: a test payload or Falco's own test tool. */
const DRILL_FACTORS = new Set(['test-payload', 'test-tooling']);
/** Factors that name a routine cause the analyst can confirm quickly. */
const ROUTINE_FACTORS = new Set(['health-probe', 'default-binding', 'falco-own-pod', 'image-build', 'ci-runner', 'control-plane', 'workload-from-inside']);
/** Factors that describe attacker behaviour or reach, beyond the rule matching. */
const HOSTILE_FACTORS = new Set([
  'download-and-execute',
  'web-server-shell',
  'temp-dir-exec',
  'container-escape',
  'privileged-container',
  'host-namespaces',
  'public-destination',
  'anonymous-k8s-user',
  'admin-identity',
  'grants-admin',
  'person-from-internet',
  'interactive-exec',
  'destroys-identity-or-logs',
  'public-exposure',
]);
/** Hostile factors that are rarely innocent on their own: one is enough with a high score. */
const DAMNING_FACTORS = new Set(['download-and-execute', 'web-server-shell', 'temp-dir-exec']);

/** The score from which the level is high (analyze/risk.ts). */
const HIGH = 60;
/** Below this the level is info: the rule itself says the behaviour is routine. */
const LOW = 20;
/** Below this the level is at most low. */
const MEDIUM = 40;

export interface VerdictFindings {
  /** Something names Falco's event-generator without the evidence a real drill leaves (a possible decoy). */
  claimsToBeDrill: boolean;
  /** Why the alert is a test payload (knowledge/testPayload.ts), said in the verdict instead of an observation. */
  testPayloadWhy?: string;
}

const LABELS: Record<VerdictKind, string> = {
  'likely-drill': 'Likely drill',
  'likely-benign': 'Likely benign',
  'needs-investigation': 'Needs investigation',
  'likely-malicious': 'Likely malicious',
};

/** Longest alert value quoted in a verdict: the verdict is one line. */
const VALUE_LIMIT = 80;

function evidence(f: RiskFactor): string {
  const value = f.value.length > VALUE_LIMIT ? `${f.value.slice(0, VALUE_LIMIT)}…` : f.value;
  return `${f.field} = ${value}`;
}

function verdict(kind: VerdictKind, reason: string): Verdict {
  return { kind, label: LABELS[kind], reason };
}

function list(factors: RiskFactor[]): string {
  const words = factors.map((f) => `${f.label.toLowerCase()} (${evidence(f)})`);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : words[0]!;
}

export function judgeRisk(risk: Risk, findings: VerdictFindings = { claimsToBeDrill: false }): Verdict {
  const has = (ids: Set<string>) => risk.factors.filter((f) => ids.has(f.id));
  const drill = has(DRILL_FACTORS);
  const hostile = has(HOSTILE_FACTORS);
  const routine = has(ROUTINE_FACTORS);
  if (drill.length && !findings.claimsToBeDrill) {
    const payload = drill.find((f) => f.id === 'test-payload');
    return payload
      ? verdict('likely-drill', `The alert is a test payload, not an event: ${findings.testPayloadWhy ?? evidence(payload)}.`)
      : verdict('likely-drill', `Falco's event-generator ran it, corroborated by ${evidence(drill[0]!)}; confirm a drill was planned.`);
  }
  if (findings.claimsToBeDrill) {
    return verdict(
      risk.score >= HIGH ? 'likely-malicious' : 'needs-investigation',
      'The alert names Falco\'s event-generator, but nothing the process cannot choose itself confirms a drill: a decoy until shown otherwise.',
    );
  }
  if (risk.score >= HIGH && (hostile.some((f) => DAMNING_FACTORS.has(f.id)) || hostile.length >= 2)) {
    return verdict('likely-malicious', `Risk ${risk.score}/100 with ${list(hostile)}.`);
  }
  if (routine.length && !hostile.length && risk.score < MEDIUM) {
    return verdict('likely-benign', `A routine cause fits: ${list(routine)}; confirm it and tune.`);
  }
  if (!hostile.length && risk.score < LOW) {
    return verdict('likely-benign', `Low risk (${risk.score}/100) and nothing in the alert raises it above the rule's own ${risk.factors[0]?.value ?? 'low'} priority.`);
  }
  const raising = risk.factors.filter((f) => f.delta > 0 && f.id !== 'priority').sort((a, b) => b.delta - a.delta);
  // The score is on the risk line right after the verdict: not repeated here.
  const why = raising.length ? `${capitalise(list(raising.slice(0, 1)))} raises the risk` : `Only the rule's priority (${risk.factors[0]?.value ?? 'unknown'}) sets the risk`;
  return verdict('needs-investigation', `${why}; nothing suggests a drill or a routine cause.`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The factors that moved the score most, largest first: what the headline names. */
export function topFactors(risk: Risk, count = 3): RiskFactor[] {
  return [...risk.factors].sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta)).slice(0, count);
}
