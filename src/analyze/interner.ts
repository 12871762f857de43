/**
 * Keeps one copy of each repeated string. JSON.parse makes a new string for every occurrence:
 * a day of alerts repeats the same rule names, hosts, images and command lines millions of times.
 */
export class StringInterner {
  private readonly table = new Map<string, string>();
  /** Long strings are rarely repeated verbatim (outputs embed timestamps): not worth the lookup. */
  constructor(private readonly maxLength = 256) {}

  intern(value: string): string {
    if (value.length > this.maxLength) return value;
    const known = this.table.get(value);
    if (known !== undefined) return known;
    this.table.set(value, value);
    return value;
  }

  get size(): number {
    return this.table.size;
  }
}
