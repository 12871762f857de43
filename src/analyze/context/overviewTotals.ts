import type { IncidentSummary, OverviewBar, OverviewDimension } from '../../model';
import { DIMENSIONS, valuesOf, type OverviewSums } from './overview';
import { TimelineSums } from './timelineSums';

/**
 * The overview's sums over every incident of a session (see OverviewSums), kept as alerts arrive
 * so that the overview of the whole session asks for no pass over its incidents or alerts. The
 * session tells it what changes: an incident opens, gains alerts (or loses a duplicate), is seen
 * on a new host, has its user named; and each (second, priority) count of its timeline.
 */
export class OverviewTotals implements OverviewSums {
  private readonly byDimension = new Map<OverviewDimension, Map<string, OverviewBar>>(DIMENSIONS.map((d) => [d, new Map()]));
  readonly timeline = new TimelineSums();

  bars(dimension: OverviewDimension): ReadonlyMap<string, OverviewBar> {
    return this.byDimension.get(dimension)!;
  }

  /** An incident opens with these values (its user, when it is known then). */
  open(incident: IncidentSummary, user: string | undefined): void {
    for (const d of DIMENSIONS) for (const value of valuesOf(incident, d, user)) this.gain(d, value, incident.count);
  }

  /** An incident has a value it did not have (a new host, its user named), with the alerts it has. */
  gain(dimension: OverviewDimension, value: string, alerts: number): void {
    const bars = this.byDimension.get(dimension)!;
    const bar = bars.get(value);
    if (bar) {
      bar.alerts += alerts;
      bar.incidents++;
    } else bars.set(value, { value, alerts, incidents: 1 });
  }

  /** An incident with these values (and user) has `delta` alerts more (fewer when negative). */
  count(incident: IncidentSummary, user: string | undefined, delta: number): void {
    for (const d of DIMENSIONS) {
      const bars = this.byDimension.get(d)!;
      for (const value of valuesOf(incident, d, user)) bars.get(value)!.alerts += delta;
    }
  }

  /** `delta` alerts at a timeline key (see AnalysisSession.timelineOf). */
  at(key: number, delta: number): void {
    this.timeline.add(key, delta);
  }
}
