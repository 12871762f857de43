/**
 * The items of a list field's value as an alert carries it: Falco's JSON output writes a list field
 * as a JSON array (restored to its JSON text at ingest), its text output as `(a,b)`; older
 * collectors write `[a,b]`. A value that is none of these is a list of one.
 */
export function listValues(value: string): string[] {
  const trimmed = value.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed.filter((x) => x !== null && x !== '').map(String);
    } catch {
      // not JSON: a bracketed plain list, split below
    }
  }
  const bracketed = /^[([](.*)[)\]]$/s.exec(trimmed);
  if (bracketed) return bracketed[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '' && s !== '<NA>');
  return trimmed === '' ? [] : [value];
}
