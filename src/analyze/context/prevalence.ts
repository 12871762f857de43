import type { Alert, Prevalence } from '../../model';
import { isMissingValue } from '../../knowledge/fieldValue';

/**
 * How common each field value is: counted as alerts are parsed (in the parser workers, a batch at
 * a time: PrevalenceTally), folded by the engine into one index (PrevalenceIndex), so that a
 * report asks for the counts of its values without the session's alerts being read again.
 */

/** Distinct values kept per field: past it the field is "too varied to count" (a pid, a port). */
export const MAX_DISTINCT = 20_000;
/** Values longer than this are not counted (a megabyte command line must not become a map key). */
export const MAX_VALUE_CHARS = 1024;
/**
 * Fields of one alert counted at most, in the record's order: Falco's rules print a few dozen, and a
 * hostile record with 100,000 would cost 100,000 maps. A report asking for a field past it says so.
 */
export const MAX_FIELDS_COUNTED = 1000;
/** The field alert.hostname is counted under. */
export const HOSTNAME_FIELD = 'hostname';
/** Fields naming who acted, most specific first: the "user" of an incident in the overview. */
export const USER_FIELDS = ['user.name', 'ka.user.name', 'ct.user', 'gcp.user', 'okta.actor.name', 'github.user'];

/** Fields that differ on every event (times, sequence numbers): counting them tells nothing. */
export function isPerEventField(field: string): boolean {
  let known = perEvent.get(field);
  if (known === undefined) perEvent.set(field, (known = perEventPattern(field)));
  return known;
}

/** Asked once per field and alert: the answer is kept per field name. */
const perEvent = new Map<string, boolean>();

function perEventPattern(field: string): boolean {
  return /^evt\.(time|rawtime|datetime|reltime|num|latency|outputtime|deltatime)/.test(field) || field === 'ka.auditid' || field === 'ct.id' || field === 'ct.request.requestid';
}

/** The text a value is counted as, or undefined when it is missing. */
export function valueText(value: unknown): string | undefined {
  if (isMissingValue(value)) return undefined;
  return typeof value === 'string' ? value : String(value);
}

interface TallyEntry {
  alerts: number;
  /** Incident keys (of the batch's key space) with the value; consecutive repeats skipped. */
  keys: number[];
}

/** What one batch adds to the index; plain Maps and arrays, cloned to the engine as they are. */
export interface PrevalenceTally {
  values: Map<string, Map<string, TallyEntry>>;
  /** Fields past MAX_DISTINCT within the batch. */
  varied: string[];
  /** The first user (USER_FIELDS) of each key in the batch. */
  users: Map<number, string>;
}

export class TallyBuilder {
  /** Per field its values, or null when the field is not counted (per event, or too varied): one lookup a field. */
  private readonly fields = new Map<string, Map<string, TallyEntry> | null>();
  private readonly varied: string[] = [];
  private readonly users = new Map<number, string>();

  /** Count an alert of incident key `key`. */
  add(alert: Alert, key: number): void {
    const fields = alert.outputFields;
    let left = MAX_FIELDS_COUNTED;
    for (const field in fields) {
      if (left-- === 0) break;
      this.count(field, fields[field], key);
    }
    if (alert.hostname !== undefined) this.count(HOSTNAME_FIELD, alert.hostname, key);
    if (!this.users.has(key)) {
      for (const field of USER_FIELDS) {
        const user = valueText(fields[field]);
        if (user !== undefined) {
          this.users.set(key, user);
          break;
        }
      }
    }
  }

  private count(field: string, raw: unknown, key: number): void {
    let byValue = this.fields.get(field);
    if (byValue === null) return;
    if (byValue === undefined) {
      byValue = isPerEventField(field) ? null : new Map();
      this.fields.set(field, byValue);
      if (byValue === null) return;
    }
    // valueText, inlined for the common case: a string that is a value.
    const value = typeof raw === 'string' && raw !== '' && raw !== '<NA>' && raw !== 'N/A' ? raw : valueText(raw);
    if (value === undefined || value.length > MAX_VALUE_CHARS) return;
    let entry = byValue.get(value);
    if (!entry) {
      if (byValue.size >= MAX_DISTINCT) {
        this.varied.push(field);
        this.fields.set(field, null);
        return;
      }
      byValue.set(value, (entry = { alerts: 0, keys: [] }));
    }
    entry.alerts++;
    if (entry.keys[entry.keys.length - 1] !== key) entry.keys.push(key);
  }

  result(): PrevalenceTally {
    const values = new Map<string, Map<string, TallyEntry>>();
    for (const [field, byValue] of this.fields) if (byValue !== null && byValue.size > 0) values.set(field, byValue);
    return { values, varied: this.varied, users: this.users };
  }
}

/** One value's count in the session: alerts, and the incidents (by index) that have it. */
interface IndexEntry {
  alerts: number;
  first: number;
  /** Further incidents, when more than one has the value (most values belong to one). */
  more?: Set<number>;
}

export class PrevalenceIndex {
  private readonly fields = new Map<string, Map<string, IndexEntry>>();
  private readonly varied = new Set<string>();
  private readonly users: (string | undefined)[] = [];

  /**
   * Fold a batch's tally in; `incidentOf` maps the batch's keys to incident indexes. `named` is
   * told each incident whose user (see userOf) this batch names first.
   */
  add(tally: PrevalenceTally, incidentOf: (key: number) => number, named?: (incidentIndex: number, user: string) => void): void {
    for (const field of tally.varied) this.markVaried(field);
    for (const [field, values] of tally.values) {
      if (this.varied.has(field)) continue;
      let byValue = this.fields.get(field);
      if (!byValue) this.fields.set(field, (byValue = new Map()));
      for (const [value, t] of values) {
        let entry = byValue.get(value);
        if (!entry) {
          if (byValue.size >= MAX_DISTINCT) {
            this.markVaried(field);
            break;
          }
          byValue.set(value, (entry = { alerts: 0, first: incidentOf(t.keys[0]!) }));
        }
        entry.alerts += t.alerts;
        for (const key of t.keys) {
          const incident = incidentOf(key);
          if (incident !== entry.first) (entry.more ??= new Set()).add(incident);
        }
      }
    }
    for (const [key, user] of tally.users) {
      const incident = incidentOf(key);
      if (this.users[incident] !== undefined) continue;
      this.users[incident] = user;
      named?.(incident, user);
    }
  }

  /**
   * Take back out alerts counted by `add` that were not new (see AnalysisSession's duplicates):
   * their alerts, not their incidents (a duplicate belongs to its first arrival's incident, which
   * has the same values). Values no alert has any more are dropped.
   */
  subtract(tally: PrevalenceTally): void {
    for (const [field, values] of tally.values) {
      const byValue = this.fields.get(field);
      if (!byValue) continue;
      for (const [value, t] of values) {
        const entry = byValue.get(value);
        if (!entry) continue;
        entry.alerts -= t.alerts;
        if (entry.alerts <= 0) byValue.delete(value);
      }
    }
  }

  private markVaried(field: string): void {
    this.varied.add(field);
    this.fields.delete(field);
  }

  /** How common a value is; counts absent (with the reason) when the index cannot say. */
  lookup(field: string, value: string): Prevalence {
    if (isPerEventField(field)) return { field, value, why: 'differs on every event: not counted' };
    if (value.length > MAX_VALUE_CHARS) return { field, value, why: `longer than ${MAX_VALUE_CHARS.toLocaleString('en')} characters: not counted` };
    if (this.varied.has(field)) return { field, value, why: `field has more than ${MAX_DISTINCT.toLocaleString('en')} distinct values: not counted` };
    const entry = this.fields.get(field)?.get(value);
    if (!entry) return { field, value, alerts: 0, incidents: 0 };
    return { field, value, alerts: entry.alerts, incidents: 1 + (entry.more?.size ?? 0) };
  }

  /** Indexes of the incidents with the value (empty when not counted). */
  incidentsWith(field: string, value: string): number[] {
    const entry = this.fields.get(field)?.get(value);
    if (!entry) return [];
    return [entry.first, ...(entry.more ?? [])];
  }

  /** Calls `fn` once with each index of an incident with the value (none when not counted): no array built. */
  forEachIncidentWith(field: string, value: string, fn: (incidentIndex: number) => void): void {
    const entry = this.fields.get(field)?.get(value);
    if (!entry) return;
    fn(entry.first);
    if (entry.more) for (const incident of entry.more) fn(incident);
  }

  /** The user of an incident: of its first alert naming one (see USER_FIELDS). */
  userOf(incidentIndex: number): string | undefined {
    return this.users[incidentIndex];
  }
}
