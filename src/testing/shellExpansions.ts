/**
 * Expansions a command leaves unquoted: `$(...)`, backticks, `$NAME` and `${...}` outside double
 * quotes. Their result is split into words and globbed, so a value printed by a command (or set
 * by the analyst) with a space or `*` becomes several arguments, one of which may be an option.
 * The whole value of an assignment (`SA=$(kubectl ...)`) is not split, so it is not reported.
 * A small scanner of bash quoting, enough for the one-line commands the playbooks print.
 */
export function unquotedExpansions(command: string): string[] {
  const found: string[] = [];
  scan(command, 0, 'unquoted', found);
  return found;
}

type Context = 'unquoted' | 'double' | 'substitution';

/** Scans from `i` in `context`; returns the index just past the end of that context. */
function scan(s: string, i: number, context: Context, found: string[]): number {
  let wordStart = i;
  let depth = 0;
  while (i < s.length) {
    const c = s[i] ?? '';
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (context === 'double') {
      if (c === '"') return i + 1;
      if (s.startsWith('$(', i)) {
        i = scan(s, i + 2, 'substitution', found);
        continue;
      }
      if (c === '`') {
        i = s.indexOf('`', i + 1) + 1 || s.length;
        continue;
      }
      i += 1;
      continue;
    }
    // unquoted, at the top or inside a substitution
    if (c === "'") {
      i = s.indexOf("'", i + 1) + 1 || s.length;
      continue;
    }
    if (c === '"') {
      i = scan(s, i + 1, 'double', found);
      continue;
    }
    const assignment = /^[A-Za-z_][A-Za-z0-9_]*=/.test(s.slice(wordStart, i));
    if (s.startsWith('$(', i)) {
      const end = scan(s, i + 2, 'substitution', found);
      if (!assignment && !s.startsWith('$((', i)) found.push(s.slice(i, end));
      i = end;
      continue;
    }
    if (c === '`') {
      const end = s.indexOf('`', i + 1) + 1 || s.length;
      if (!assignment) found.push(s.slice(i, end));
      i = end;
      continue;
    }
    const variable = /^\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(s.slice(i));
    if (variable) {
      // `$?`, `$#`, `$$` and `$!` are numbers: nothing to split
      if (!assignment && !/^\$[?#$!]$/.test(variable[0])) found.push(variable[0]);
      i += variable[0].length;
      continue;
    }
    if (context === 'substitution') {
      if (c === '(') depth += 1;
      if (c === ')') {
        if (depth === 0) return i + 1;
        depth -= 1;
      }
    }
    if (/[\s|;&()<>]/.test(c)) wordStart = i + 1;
    i += 1;
  }
  return i;
}
