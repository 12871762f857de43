import { describe, expect, it } from 'vitest';
import { assessRisk } from './risk';
import { sessionOf, vendoredAlertFiles } from '../testing/vendoredAlerts';

/**
 * Every shared real alert, scored: a change to the risk model shows up here as a diff to review
 * (update with `npx vitest -u` when the change is intended).
 */
describe('risk over every shared alert', () => {
  it('is stable', () => {
    const session = sessionOf(vendoredAlertFiles());
    const lines: string[] = [];
    for (const summary of session.summaries()) {
      for (const alert of session.alertsOfIncident(summary.id)) {
        const risk = assessRisk(alert);
        const factors = risk.factors.map((f) => `${f.id}${f.delta >= 0 ? '+' : ''}${f.delta}(${f.field}=${f.value.slice(0, 40)})`).join(' ');
        lines.push(`${alert.file}:${alert.line} ${alert.rule} => ${risk.score} ${risk.level} | ${factors}`);
      }
    }
    expect(lines.sort()).toMatchSnapshot();
  });
});
