/**
 * Writing attacker-controlled text into Markdown (CommonMark + GFM) so that it stays inert under
 * every common renderer (GitHub/cmark-gfm with its autolinker, remark-gfm, markdown-it with
 * `linkify` and `html`) and reads back exactly, in the rendered page and in the raw .md.
 *
 * Why code spans and not backslashes: autolinking (GFM's literal URLs, linkify-it's fuzzy domains
 * and e-mails) runs on text after escapes are decoded, or swallows the backslash into the link, so
 * no escape can stop it; and `\-1`, `&#49;` read badly when the .md is pasted as plain text.
 * Inside a code span nothing is parsed: no HTML, no link, no autolink, no entity, no emphasis.
 *
 * - `codeSpan(value)`: an alert value as data (table cells, evidence): always a code span.
 * - `escapeInline(text)`: running text that mixes our words with alert values. Words that cannot
 *   be markup stay plain; every other word (URL, domain, e-mail, `<`, `*`, `|`, `:x` ...) goes into
 *   a code span, consecutive ones into one span.
 * - Inline text cannot hold a line break (a table row or list item would end): each line break
 *   (LF, CR or CRLF) is shown as `⏎`. Multi-line text that must stay exact goes in `fencedBlock`.
 * - NUL becomes U+FFFD, as every CommonMark parser does anyway.
 * - Callers put a space or closing punctuation between escaped text and their own words: a plain
 *   last word such as `http:` glued to more text could still start a link.
 * So the rendered text of `codeSpan(v)` and `escapeInline(v)` is `shownAs(v)`: `v` itself when it
 * has no line break or NUL.
 */

/** What a line break inside an inline value is shown as. */
export const LINE_BREAK_MARK = '\u23CE';

export interface InlineOptions {
  /** The text sits in a GFM table cell, where `|` ends the cell even inside a code span. */
  table?: boolean;
}

const NUL = 0;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BACKTICK = 96;
const BACKSLASH = 92;

/** The text a reader sees for `value` in inline Markdown: line breaks as ⏎, NUL as U+FFFD. */
export function shownAs(value: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c !== LF && c !== CR && c !== NUL) continue;
    out += value.slice(from, i) + (c === NUL ? '\uFFFD' : LINE_BREAK_MARK);
    if (c === CR && value.charCodeAt(i + 1) === LF) i++;
    from = i + 1;
  }
  return from === 0 ? value : out + value.slice(from);
}

/**
 * One code span holding `content` exactly: the fence is one backtick longer than the longest run
 * inside, and a space pads both ends when the content starts or ends with a backtick or a space
 * (CommonMark strips exactly one such space from each end; an all-space span is never stripped).
 */
function fence(content: string, table: boolean): string {
  let longest = 0;
  for (let i = content.indexOf('`'); i !== -1; ) {
    let j = i + 1;
    while (content.charCodeAt(j) === BACKTICK) j++;
    if (j - i > longest) longest = j - i;
    i = content.indexOf('`', j);
  }
  const ticks = '`'.repeat(longest + 1);
  const first = content.charCodeAt(0);
  const last = content.charCodeAt(content.length - 1);
  const pad = (first === BACKTICK || first === SPACE || last === BACKTICK || last === SPACE) && !isAllSpaces(content) ? ' ' : '';
  // GFM table cells split on `|` before inline parsing; `\|` is the documented way to keep one.
  const body = table && content.includes('|') ? content.replaceAll('|', '\\|') : content;
  return `${ticks}${pad}${body}${pad}${ticks}`;
}

function isAllSpaces(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== SPACE) return false;
  return true;
}

/** Code span(s) for already-shown text; '' for ''. */
function spans(text: string, table: boolean): string {
  if (!text) return '';
  // markdown-it strips one space from each end of an all-space span of 3 or more (CommonMark does
  // not): write such a value as two one-space spans with the other spaces plain between them.
  if (text.length >= 3 && isAllSpaces(text)) return `\` \`${text.slice(2)}\` \``;
  if (!table) return fence(text, false);
  // In a table, `\|` means "a pipe", so a backslash right before a pipe cannot be written inside
  // a span (GFM, remark and markdown-it disagree on `\\|`). Close the span after the backslash and
  // write the pipe as `\|` between spans: every renderer reads that as one `|`.
  let out = '';
  let from = 0;
  for (let i = text.indexOf('|', 1); i !== -1; i = text.indexOf('|', i + 1)) {
    if (text.charCodeAt(i - 1) !== BACKSLASH) continue;
    out += fence(text.slice(from, i), true) + '\\|';
    from = i + 1;
  }
  return from === 0 ? fence(text, true) : from < text.length ? out + fence(text.slice(from), true) : out;
}

/** An alert value as a code span (several spans in the rare table case above); '' when empty. */
export function codeSpan(value: string, options: InlineOptions = {}): string {
  return spans(NEEDS_SHOWING.test(value) ? shownAs(value) : value, options.table === true);
}

/** Character classes of ASCII for running text; every non-ASCII character is plain. */
const PLAIN = 0;
const RISKY = 1;
const CONTEXT = 2; // plain or not depending on its neighbours: . : / _ & ;
const CLASS = new Uint8Array(128).fill(RISKY); // \ ` * ~ [ ] < > | # @ $, tab, control characters
for (let c = 48; c <= 57; c++) CLASS[c] = PLAIN;
for (let c = 65; c <= 90; c++) CLASS[c] = PLAIN;
for (let c = 97; c <= 122; c++) CLASS[c] = PLAIN;
for (const ch of ",()'\"?!%{}^=+-") CLASS[ch.charCodeAt(0)] = PLAIN;
for (const ch of '.:/_&;') CLASS[ch.charCodeAt(0)] = CONTEXT;
/** A run of characters that are always plain (sticky: matched where lastIndex points). */
const PLAIN_RUN = /[A-Za-z0-9\u0080-\uFFFF]*/y;

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Punctuation that ends a sentence or clause; it can never start a link, so a `.` or `:` before it is plain. */
const isClosing = (c: number) => c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 41 || c === 39 || c === 34;
const isOpening = (c: number) => c === 40 || c === 39 || c === 34;
/** What String.prototype.trim() removes (markdown-it trims paragraphs, headings and cells with it). */
const isTrimmed = (c: number) =>
  (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/**
 * Scans the word (no spaces) starting at `from` and returns where it ends: `end` when the word
 * renders as itself and as nothing else under CommonMark, GFM (with autolink literals) and
 * markdown-it with linkify, `-end - 1` when it must go in a code span. Conservative: letters,
 * digits, any non-ASCII character and harmless punctuation; `.` and `:` only where no URL, domain
 * or scheme can follow (end of word, closing punctuation, or an abbreviation like "e.g.");
 * `_` only inside a word (never emphasis); no markup character at all.
 */
function scanWord(text: string, from: number): number {
  const n = text.length;
  let i = from;
  let risky = false;
  if (from === 0) {
    // The value may start a block (list item, paragraph): "-", "+", "=", "1." and "1)" would make one.
    // markdown-it trims with String.trim(), which also takes NBSP and U+FEFF: such an edge goes in a span.
    const c = text.charCodeAt(0);
    if (c === 45 || c === 43 || c === 61 || isTrimmed(c)) risky = true;
    else if (isDigit(c)) {
      while (i + 1 < n && isDigit(text.charCodeAt(i + 1))) i++;
      const next = text.charCodeAt(i + 1);
      if (next === 46 || next === 41) risky = true;
    }
  }
  let amp = false;
  if (!risky) {
    // Long runs of letters and digits are skipped by the regex engine: a single character class,
    // nothing to backtrack into, and many times faster than a loop on 100 kB values.
    PLAIN_RUN.lastIndex = i;
    PLAIN_RUN.test(text);
    i = PLAIN_RUN.lastIndex;
  }
  for (; !risky && i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) continue;
    const k = CLASS[c];
    if (k === PLAIN) continue;
    if (c === SPACE) break;
    if (k === RISKY) {
      risky = true;
      break;
    }
    const next = i + 1 < n ? text.charCodeAt(i + 1) : SPACE; // the end of the text ends the word too
    switch (c) {
      case 46: // "." : fine at the end, before closing punctuation, or in "e.g."; never after "www"
        if (i - from >= 3 && (text.charCodeAt(i - 1) | 32) === 119 && (text.charCodeAt(i - 2) | 32) === 119 && (text.charCodeAt(i - 3) | 32) === 119) risky = true;
        else if (!(next === SPACE || isClosing(next) || (isLetter(next) && (i + 2 >= n || text.charCodeAt(i + 2) === 46 || text.charCodeAt(i + 2) === SPACE)))) risky = true;
        break;
      case 58: // ":" : a scheme (http:, mailto:, javascript:) needs something after it
        // A clock time (14:37:27) is no scheme: every scheme starts with a letter.
        if (!(next === SPACE || isClosing(next) || (isDigit(next) && onlyDigitsAndColons(text, from, i)))) risky = true;
        break;
      case 47: // "/" : "//" starts a protocol-relative link in linkify-it
        if (next === 47) risky = true;
        break;
      case 95: // "_" : emphasis can neither open nor close between two letters or digits
        if (!(i > from && isAlnum(text.charCodeAt(i - 1)) && isAlnum(next))) risky = true;
        break;
      case 38: // "&" : an entity needs a ";" after it
        amp = true;
        break;
      default: // ";"
        if (amp) risky = true;
    }
    if (risky) break;
  }
  if (risky) {
    const space = text.indexOf(' ', i);
    return -(space === -1 ? n : space) - 1;
  }
  return i === n && i > from && isTrimmed(text.charCodeAt(n - 1)) ? -n - 1 : i;
}

/** Whether text[from, to) is digits and colons only, starting with a digit (a clock time so far). */
function onlyDigitsAndColons(text: string, from: number, to: number): boolean {
  if (from >= to || !isDigit(text.charCodeAt(from))) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c) && c !== 58) return false;
  }
  return true;
}

/**
 * The span(s) for text[from, to), with opening and closing punctuation at its ends left outside
 * ("(docker.io/x)." reads as (`docker.io/x`).), unless it pairs with a bracket or quote inside:
 * "alert(1)" keeps its ")".
 */
function runMarkup(text: string, from: number, to: number, table: boolean): string {
  let a = from;
  let b = to;
  while (a < b - 1 && isOpening(text.charCodeAt(a)) && !pairedInside(text, a + 1, b, text.charCodeAt(a))) a++;
  while (b - 1 > a && isClosing(text.charCodeAt(b - 1)) && !pairedInside(text, a, b - 1, text.charCodeAt(b - 1))) b--;
  // A pair of quotes around the whole run stays outside too: "a@b.co" reads as "`a@b.co`".
  const q = text.charCodeAt(a);
  if (b - a >= 3 && (q === 34 || q === 39) && text.charCodeAt(b - 1) === q && !pairedInside(text, a + 1, b - 1, q)) {
    a++;
    b--;
  }
  return text.slice(from, a) + spans(text.slice(a, b), table) + text.slice(b, to);
}

/** Whether text[from, to) holds the partner of the bracket or quote `c`. */
function pairedInside(text: string, from: number, to: number, c: number): boolean {
  const partner = c === 40 ? ')' : c === 41 ? '(' : c === 39 || c === 34 ? String.fromCharCode(c) : '';
  if (!partner) return false;
  const at = text.indexOf(partner, from);
  return at !== -1 && at < to;
}

const NEEDS_SHOWING = /[\0\n\r]/;
/** Any character that is not always plain (the complement of PLAIN in CLASS): where to look. */
const NOT_PLAIN = /[^A-Za-z0-9 ,()'"?!%{}^=+\-\u0080-\uFFFF]/g;

/**
 * Running text (our sentences with alert values inside) for a paragraph, list item, heading,
 * quote or table cell. Plain words are written as they are; each run of other words, with the
 * spaces between them, becomes one code span (see runMarkup for the punctuation around it).
 * Spaces at either end, which Markdown would strip, are kept inside a span with the word next
 * to them.
 *
 * Fast on the usual case, prose: the regex engine jumps from one not-always-plain character to
 * the next (a single character class, nothing to backtrack), and only the words holding one are
 * scanned, once each. Words of letters, digits and harmless punctuation are never looked at.
 */
export function escapeInline(value: string, options: InlineOptions = {}): string {
  const text = NEEDS_SHOWING.test(value) ? shownAs(value) : value;
  const n = text.length;
  if (n === 0) return '';
  const ranges: number[] = []; // [from, to) of each word (or edge spaces + word) that needs a span
  let from = 0;
  if (text.charCodeAt(0) === SPACE) {
    while (from < n && text.charCodeAt(from) === SPACE) from++;
    from = from === n ? n : wordEnd(text, from);
    ranges.push(0, from);
  } else {
    // The first word is always scanned: it may start a block ("-", "1.") or be trimmed (NBSP).
    const r = scanWord(text, 0);
    from = r < 0 ? -r - 1 : r;
    if (r < 0) ranges.push(0, from);
  }
  NOT_PLAIN.lastIndex = from;
  while (NOT_PLAIN.test(text)) {
    const start = text.lastIndexOf(' ', NOT_PLAIN.lastIndex - 1) + 1;
    const r = scanWord(text, start);
    const end = r < 0 ? -r - 1 : r;
    if (r < 0) ranges.push(start, end);
    NOT_PLAIN.lastIndex = end;
  }
  const last = text.charCodeAt(n - 1);
  if (from < n && (last === SPACE || isTrimmed(last))) {
    // Trailing spaces (or an NBSP that markdown-it would trim) go in a span with the last word.
    let k = n;
    while (text.charCodeAt(k - 1) === SPACE) k--;
    const lastWord = text.lastIndexOf(' ', k - 1) + 1;
    if (ranges.length && ranges[ranges.length - 1]! >= lastWord) ranges[ranges.length - 1] = n;
    else ranges.push(lastWord, n);
  }
  if (!ranges.length) return text;
  const table = options.table === true;
  let out = '';
  let written = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    const a = ranges[r]!;
    let b = ranges[r + 1]!;
    // Neighbouring words separated only by spaces share one span.
    while (r + 2 < ranges.length && onlySpaces(text, b, ranges[r + 2]!)) {
      b = ranges[r + 3]!;
      r += 2;
    }
    out += text.slice(written, a) + runMarkup(text, a, b, table);
    written = b;
  }
  return out + text.slice(written);
}

function wordEnd(text: string, from: number): number {
  const space = text.indexOf(' ', from);
  return space === -1 ? text.length : space;
}

function onlySpaces(text: string, from: number, to: number): boolean {
  while (from < to && text.charCodeAt(from) === SPACE) from++;
  return from === to;
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
