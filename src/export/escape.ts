/**
 * Escaping for attacker-controlled text in Markdown (CommonMark + GFM). The goal: the text reads
 * back exactly, and nothing in it can become markup, a link, an image, HTML or a table break,
 * while the raw .md stays readable (no backslash before every dot).
 *
 * - Characters that open inline constructs get a backslash: emphasis and strikethrough (* _ ~),
 *   code (`), links and images ([ ]), HTML and autolinks (< >), entities (&), table cells (|),
 *   heading closers (#) and the backslash itself.
 * - At the start of a value, block markers (# + - = > and "1." / "1)") are escaped too: values
 *   follow "- " in lists, where "# x" would become a heading. A leading number that could turn
 *   into a list marker once text follows ("0" + ".") gets its first digit as a reference.
 * - Line breaks, tabs and form feeds become numeric character references, so a value stays on
 *   one physical line (tables, list items) yet decodes to the same text.
 * - Leading/trailing spaces become references too: Markdown would strip them.
 * GFM still turns a bare URL or e-mail address into a link after parsing (on the decoded text,
 * beyond the reach of any escape); such a link shows exactly its own target.
 */
const INLINE_SPECIAL = /[\\`*_~[\]<>&|#]/g;
const BLOCK_START = /^(?:([#+=>-])|(\d)(\d*(?:[.)]|$)))/;
// Only these survive as references: CommonMark turns references to other control characters
// into U+FFFD, so those are left raw (they are not line endings and do not break anything).
const CONTROL_BREAKS = /[\r\n\t\f]/g;
const EDGE_SPACES = /^ +| +$/g;

function charRef(ch: string): string {
  return `&#${ch.codePointAt(0)};`;
}

/** Escape text for use inline (paragraphs, list items, table cells). */
export function escapeInline(text: string): string {
  return text
    .replace(INLINE_SPECIAL, (ch) => `\\${ch}`)
    .replace(BLOCK_START, (_m, marker?: string, digit?: string, rest?: string) => (marker ? `\\${marker}` : `&#${digit!.charCodeAt(0)};${rest!.replace(/[.)]$/, '\\$&')}`))
    .replace(CONTROL_BREAKS, charRef)
    .replace(EDGE_SPACES, (spaces) => '&#32;'.repeat(spaces.length))
    .replaceAll('\u0000', '\uFFFD');
}

/**
 * A fenced code block whose fence is longer than any backtick run inside, so the content
 * (commands, YAML, JSON with alert values) cannot close it early.
 */
export function fencedBlock(content: string, language = ''): string {
  const longestRun = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const info = language.replace(/[^a-z0-9_+-]/gi, '');
  // Markdown reads CR and CRLF as line endings: normalise them so the block states it honestly.
  const body = content.replaceAll('\u0000', '\uFFFD').replace(/\r\n?/g, '\n').replace(/\n$/, '');
  return `${fence}${info}\n${body}\n${fence}`;
}

/** One GFM table row from already-escaped cells. */
export function tableRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}
