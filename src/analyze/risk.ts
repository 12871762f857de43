import type { Alert, Risk, RiskFactor, RiskLevel } from '../model';
import { tacticFromTag, tacticsFromTags } from '../knowledge/mitre';
import { CONTEXT_RULES, PRIORITY_BASE, TACTIC_WEIGHT } from './riskRules';

const LEVELS: [number, RiskLevel][] = [
  [80, 'critical'],
  [60, 'high'],
  [40, 'medium'],
  [20, 'low'],
  [0, 'info'],
];

export function riskLevel(score: number): RiskLevel {
  return (LEVELS.find(([floor]) => score >= floor) ?? LEVELS[LEVELS.length - 1]!)[1];
}

/** Score an alert 0-100 from explainable factors, each naming the field and value behind it. */
export function assessRisk(alert: Alert): Risk {
  const factors: RiskFactor[] = [
    {
      id: 'priority',
      label: `Priority ${alert.priority}`,
      delta: PRIORITY_BASE[alert.priority],
      field: 'priority',
      value: alert.priority,
      reason: 'The rule author rates this behaviour at this severity; it is the starting point.',
    },
  ];
  // Tags filled in from today's rule catalog are not the alert's own: they weigh half, under their
  // own label, and the context rules never read them.
  const tactic = heaviestTactic(alert.tags);
  if (tactic) {
    const word = tactic.replaceAll('_', ' ');
    const weight = TACTIC_WEIGHT[tactic] ?? 0;
    factors.push(
      alert.tagsInferred
        ? {
            id: 'tactic-inferred',
            label: `Tactic from the rule catalog: ${word}`,
            delta: Math.round(weight / 2),
            field: 'rule',
            value: alert.rule,
            reason: `The alert carries no tags; today's upstream rule of this name is tagged ${word}. The rule that fired may have been older or changed, so this counts half.`,
          }
        : {
            id: 'tactic',
            label: `Tactic: ${word}`,
            delta: weight,
            field: 'tags',
            value: alert.tags.join(', '),
            reason: `The rule is tagged as ${word}, which weighs ${tacticWeightWord(tactic)}.`,
          },
    );
  }
  const own = alert.tagsInferred ? { ...alert, tags: [] } : alert;
  for (const rule of CONTEXT_RULES) {
    const evidence = rule.test(own);
    if (evidence) {
      factors.push({ id: rule.id, label: rule.label, delta: rule.delta, reason: rule.reason, ...evidence });
    }
  }
  const raw = factors.reduce((sum, f) => sum + f.delta, 0);
  const score = Math.max(0, Math.min(100, raw));
  return { score, level: riskLevel(score), factors };
}

/**
 * The heaviest tactic the rule is tagged with. The rule's own tactic tags (`mitre_discovery`,
 * `TA0007`) say what it detects; a technique tag's tactics count only when the rule names no
 * tactic, so a technique listed under several tactics (T1565 is Impact) cannot outweigh the
 * tactic the rule author chose.
 */
function heaviestTactic(tags: string[]): string | null {
  const named = tags.map((t) => tacticFromTag(t)?.slug).filter((s): s is string => s !== undefined);
  const candidates = named.length ? named : tacticsFromTags(tags);
  let best: string | null = null;
  for (const tactic of candidates) {
    if (TACTIC_WEIGHT[tactic] !== undefined && (best === null || TACTIC_WEIGHT[tactic]! > TACTIC_WEIGHT[best]!)) {
      best = tactic;
    }
  }
  return best;
}

function tacticWeightWord(tactic: string): string {
  const weight = TACTIC_WEIGHT[tactic] ?? 0;
  return weight >= 12 ? 'heavily' : weight >= 8 ? 'moderately' : 'lightly';
}
