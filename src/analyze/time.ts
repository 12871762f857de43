/** "between 2024-08-07 13:49:33 and 13:49:54 UTC" style range for prose; '' when unknown. */
export function formatRange(first: string, last: string): string {
  const a = shortTime(first);
  const b = shortTime(last);
  if (!a) return '';
  if (!b || a === b) return `at ${a} UTC`;
  const sameDay = a.slice(0, 10) === b.slice(0, 10);
  return `between ${a} and ${sameDay ? b.slice(11) : b} UTC`;
}

/** `2024-08-07T13:49:51.703321833Z` -> `2024-08-07 13:49:51`. */
export function shortTime(iso: string): string {
  const m = iso.match(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/);
  return m ? `${m[1]} ${m[2]}` : '';
}
