/** Characters that never need quoting in a POSIX shell word. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quote a value as one POSIX shell word. Alert values are attacker-controlled: a command line
 * like `x; rm -rf /` must stay one inert argument when the analyst pastes the command.
 */
export function shellQuote(value: string): string {
  if (value !== '' && SAFE_WORD.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
