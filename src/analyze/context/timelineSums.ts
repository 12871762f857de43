import { PRIORITIES } from '../../model';

/** Unit sizes in seconds of the levels kept: seconds, minutes, hours, days. */
const LEVELS = [1, 60, 3600, 86400];
const P = PRIORITIES.length;

/**
 * Alert counts per second and priority, summed as they arrive, that answer "how many between
 * second a and b, by priority" in a few dozen lookups: each count is also added to its minute,
 * hour and day, so a range takes its whole days, then hours and minutes at its ends, then
 * seconds. A day of alerts (up to 86,400 seconds) is bucketed into the overview's 120 columns
 * without visiting every second.
 */
export class TimelineSums {
  private readonly levels = LEVELS.map(() => new Map<number, Float64Array>());
  private minSecond = Infinity;
  private maxSecond = -Infinity;

  /** `delta` alerts at a timeline key: second * PRIORITIES.length + priority index (see AnalysisSession.timelineOf). */
  add(key: number, delta: number): void {
    const second = Math.floor(key / P);
    const priority = key - second * P;
    if (second < this.minSecond) this.minSecond = second;
    if (second > this.maxSecond) this.maxSecond = second;
    for (let l = 0; l < LEVELS.length; l++) {
      const unit = Math.floor(second / LEVELS[l]!);
      const map = this.levels[l]!;
      let counts = map.get(unit);
      if (!counts) map.set(unit, (counts = new Float64Array(P)));
      counts[priority]! += delta;
    }
  }

  /** The first and last second with a count ever (a bound: counts may have gone back to 0). */
  span(): { first: number; last: number } | null {
    return this.minSecond <= this.maxSecond ? { first: this.minSecond, last: this.maxSecond } : null;
  }

  /** Adds the counts of seconds [from, to) by priority into `out` from `at` on. */
  sumInto(from: number, to: number, out: number[], at: number): void {
    let lo = from;
    let hi = to;
    for (let l = 0; l < LEVELS.length - 1 && lo < hi; l++) {
      const size = LEVELS[l]!;
      const next = LEVELS[l + 1]!;
      const up = Math.ceil(lo / next) * next;
      const down = Math.floor(hi / next) * next;
      if (up >= down) {
        // No whole unit of the next level inside: this level's units cover it all.
        this.units(l, lo / size, hi / size, out, at);
        return;
      }
      this.units(l, lo / size, up / size, out, at);
      this.units(l, down / size, hi / size, out, at);
      lo = up;
      hi = down;
    }
    const top = LEVELS.length - 1;
    if (lo < hi) this.units(top, lo / LEVELS[top]!, hi / LEVELS[top]!, out, at);
  }

  /** Sums the level's units [from, to) (whole numbers) into out. */
  private units(level: number, from: number, to: number, out: number[], at: number): void {
    const map = this.levels[level]!;
    for (let u = from; u < to; u++) {
      const counts = map.get(u);
      if (counts) for (let p = 0; p < P; p++) out[at + p]! += counts[p]!;
    }
  }
}
