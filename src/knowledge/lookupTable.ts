/**
 * A lookup table for keys that come from alerts (field names, values, sources, tags, rule
 * names). Alert strings are attacker-chosen: on a plain object literal, `table['constructor']`
 * or `table['toString']` returns Object.prototype's function instead of "no entry". Without a
 * prototype those names are simply absent.
 */
export function lookupTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
