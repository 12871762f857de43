import type { Mitigations } from '../model';
import { stepVerbs } from '../knowledge/responseVerbs';

export { stepVerbs, type StepVerbs } from '../knowledge/responseVerbs';

/**
 * The immediate and short-term steps (the response to this incident, in the order an analyst
 * reads them) that destroy before anything was captured: empty when the order is right. Long-term
 * steps change future deployments and rights ("remove privileged: true from the workload"): they
 * act on no evidence of this incident, so they are not checked.
 */
export function responseOrderProblems(m: Mitigations): string[] {
  let captured = false;
  const problems: string[] = [];
  for (const step of [...m.immediate, ...m.shortTerm]) {
    const v = stepVerbs(step);
    const capturedBefore = (at: number) => captured || (v.capture >= 0 && v.capture < at);
    if (v.destroy >= 0 && !capturedBefore(v.destroy)) {
      problems.push(`"${v.destroyWord}" before any capture: ${step}`);
    } else if (v.isolate >= 0 && !capturedBefore(v.isolate)) {
      problems.push(`"${v.isolateWord}" (isolation) before any capture: ${step}`);
    }
    if (v.capture >= 0) captured = true;
  }
  return problems;
}
