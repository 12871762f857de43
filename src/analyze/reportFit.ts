import type { Mitigations, Risk, Verdict } from '../model';
import { stepVerbs } from '../knowledge/responseVerbs';

/**
 * Incident response for a compromise (rotate secrets, rebuild from a known-good image, isolate)
 * that a drill makes moot: advising it for a test payload teaches analysts to skip the section.
 */
const RESPONSE_TO_COMPROMISE = /\b(rotate|re-?image|rebuild|reinstall|isolate|quarantine|cordon|known-good)\b/i;

const PAYLOAD_ACTION =
  'No event happened: find who sent this test payload (an output test or a replayed rule template); nothing on the host needs containing.';
const GENERATOR_ACTION =
  "Ask whoever runs Falco's event-generator: a planned drill needs no containment; if no one ran it, handle the alert as real and follow the Next steps.";

/**
 * The playbook's mitigations as they apply to this report: a likely drill replaces the immediate
 * response with confirming the drill and drops compromise response from the later lists; every
 * other verdict keeps the playbook's advice as written.
 */
export function fitMitigations(mitigations: Mitigations, verdict: Verdict, risk: Risk): Mitigations {
  if (verdict.kind !== 'likely-drill') return mitigations;
  const payload = risk.factors.some((f) => f.id === 'test-payload');
  const keep = (items: string[]) => items.filter((m) => !RESPONSE_TO_COMPROMISE.test(m));
  return {
    immediate: [payload ? PAYLOAD_ACTION : GENERATOR_ACTION],
    // The drill action replaces the immediate capture steps: a short-term step that isolates or
    // removes would then come before any capture (and a drill needs no containment).
    shortTerm: keep(mitigations.shortTerm).filter((m) => !containsUncaptured(m)),
    longTerm: keep(mitigations.longTerm),
  };
}

/** Whether a step isolates or destroys before capturing anything itself. */
function containsUncaptured(step: string): boolean {
  const v = stepVerbs(step);
  const acts = [v.destroy, v.isolate].filter((at) => at >= 0);
  return acts.length > 0 && !(v.capture >= 0 && v.capture < Math.min(...acts));
}

/** The parts of the playbook's prose a report shows. */
export interface ReportProse {
  summary: string[];
  benignCauses: string[];
  distinguish: string[];
  observations: string[];
}

/**
 * The playbook's prose cut to what the verdict leaves open, so the report says each fact once and
 * the reader is not asked to weigh what the report has already weighed:
 * - likely drill: the benign causes and how to tell them apart are settled (the verdict names the
 *   drill), and so is why the behaviour would matter in an attack; `drillNotes` (the generic notes
 *   that say "test payload" or "event-generator", which the verdict and first mitigation repeat) go.
 * - likely benign: the verdict names the routine cause, so the list of causes goes; how to confirm
 *   it (telling them apart) stays.
 * - needs investigation, likely malicious: everything stays.
 * Whatever the verdict, a "telling them apart" check on a field an observation already reads for
 * this alert (`proc.tty=34816: ...`) is answered there, and goes.
 */
export function fitProse(prose: ReportProse, verdict: Verdict, drillNotes: string[]): ReportProse {
  const fitted = { ...prose, distinguish: unanswered(prose.distinguish, prose.observations) };
  if (verdict.kind === 'likely-drill') {
    return { summary: prose.summary.slice(0, 1), benignCauses: [], distinguish: [], observations: prose.observations.filter((o) => !drillNotes.includes(o)) };
  }
  if (verdict.kind === 'likely-benign') return { ...fitted, summary: prose.summary.slice(0, 1), benignCauses: [] };
  return fitted;
}

/** A Falco field name in prose: `proc.tty`, `ka.user.name`, `proc.aname[2]`, `gcp.callerIP`. */
const FIELD_NAME = /\b[a-z][a-z0-9_]*\.[a-zA-Z0-9_.]*[a-zA-Z0-9_](?:\[[^\]\s]*\])?/g;
/** The field an observation opens with: `proc.tty=34816: ...`, `gcp.userAgent is a web browser ...`. */
const OBSERVED_FIELD = /^([a-z][a-z0-9_]*\.[a-zA-Z0-9_.]*[a-zA-Z0-9_](?:\[[^\]\s]*\])?)(?=[=\s:])/;

/** The checks no observation has answered for this alert. */
export function unanswered(distinguish: string[], observations: string[]): string[] {
  const observed = new Set(observations.map((o) => OBSERVED_FIELD.exec(o)?.[1]).filter((f) => f !== undefined));
  if (!observed.size) return distinguish;
  return distinguish.filter((check) => !(check.match(FIELD_NAME) ?? []).some((field) => observed.has(field)));
}
