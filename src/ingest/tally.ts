import type { ParseIssue } from '../model';
import type { IngestedAlert, RecordSink } from './types';

/** A sink wrapper that counts what passes through, so records = alerts + problems by construction. */
export class Tally implements RecordSink {
  alerts = 0;
  problems = 0;

  constructor(private readonly target: RecordSink) {}

  get records(): number {
    return this.alerts + this.problems;
  }

  alert(a: IngestedAlert): void {
    this.alerts++;
    this.target.alert(a);
  }

  problem(p: ParseIssue): void {
    this.problems++;
    this.target.problem(p);
  }

  /** Route the result of normalizeRecord/parseRecord to the right method. */
  add(r: IngestedAlert | ParseIssue): void {
    if ('message' in r) this.problem(r);
    else this.alert(r);
  }
}
