import type { Alert, Risk, RiskFactor, RiskLevel } from '../model';
import { tacticsFromTags } from '../knowledge/mitre';
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
  const tactic = heaviestTactic(alert.tags);
  if (tactic) {
    factors.push({
      id: 'tactic',
      label: `Tactic: ${tactic.replaceAll('_', ' ')}`,
      delta: TACTIC_WEIGHT[tactic] ?? 0,
      field: 'tags',
      value: alert.tags.join(', '),
      reason: `The rule is tagged as ${tactic.replaceAll('_', ' ')}, which weighs ${tacticWeightWord(tactic)}.`,
    });
  }
  for (const rule of CONTEXT_RULES) {
    const evidence = rule.test(alert);
    if (evidence) {
      factors.push({ id: rule.id, label: rule.label, delta: rule.delta, reason: rule.reason, ...evidence });
    }
  }
  const raw = factors.reduce((sum, f) => sum + f.delta, 0);
  const score = Math.max(0, Math.min(100, raw));
  return { score, level: riskLevel(score), factors };
}

function heaviestTactic(tags: string[]): string | null {
  let best: string | null = null;
  for (const tactic of tacticsFromTags(tags)) {
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
