import type { Playbook } from '../knowledge/types';

/** Every human-readable sentence of a playbook, for tests that check wording. */
export function playbookProse(p: Playbook): string[] {
  return [
    p.title,
    p.detects,
    p.whyItMatters,
    ...p.benignCauses,
    ...p.distinguish,
    ...p.mitigations.immediate,
    ...p.mitigations.shortTerm,
    ...p.mitigations.longTerm,
    ...p.investigate.map((c) => c.title),
    ...(p.allowList ? [p.allowList.note] : []),
  ];
}
