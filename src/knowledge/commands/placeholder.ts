/**
 * The placeholder syntax of command templates: `⟦field⟧`, or `⟦field|encoding⟧` when the value
 * must first be written in the grammar of a language inside the command (a filter's string
 * literal). The brackets are U+27E6/U+27E7: no shell, CLI option, jsonpath (`{.items[*]}`,
 * `{range}{end}`), Go template (`{{.State.Pid}}`), jq, awk or filter grammar uses them, so a
 * tool's own syntax is never taken for a placeholder and a placeholder never for tool syntax.
 * Alert values are filled in one pass and never scanned again, so a value holding the brackets
 * stays text.
 */
export const OPEN = '\u27E6';
export const CLOSE = '\u27E7';

/** How a value is written before it is shell-quoted. */
export type Encoding = 'dq';

/**
 * `dq`: a double-quoted string literal with `\` and `"` escaped by a backslash, as both the Cloud
 * Logging query language and Okta's SCIM-style System Log filter read string values
 * (`principalEmail="a\"b"`). Control characters are escaped as JSON does, which both accept.
 */
export const ENCODINGS: Record<Encoding, (value: string) => string> = {
  dq: (value) => JSON.stringify(value),
};

/** Matches one placeholder: group 1 the field (or `@time-10m` ...), group 2 the encoding. */
export const PLACEHOLDER = /\u27E6([^\u27E6\u27E7\s|]+)(?:\|([a-z]+))?\u27E7/g;

export function placeholder(field: string, encoding?: Encoding): string {
  if (!/^[^\u27E6\u27E7\s|]+$/.test(field)) throw new Error(`not a placeholder field name: ${field}`);
  return `${OPEN}${field}${encoding ? `|${encoding}` : ''}${CLOSE}`;
}

/** True when a literal piece of a command holds a bracket of the syntax (a typo, or a value pasted into a template). */
export function holdsPlaceholderBracket(text: string): boolean {
  return text.includes(OPEN) || text.includes(CLOSE);
}
