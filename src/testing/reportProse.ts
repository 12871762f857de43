/**
 * Measures of how a report's Markdown reads (issue 15): its prose (what is left without fenced
 * code, tables and headings) and the sentences said more than once.
 */

/** Fenced blocks (``` or longer fences) removed, with their content. */
function withoutFences(markdown: string): string {
  return markdown.replace(/^ *(`{3,})[^\n]*\n[\s\S]*?\n *\1 *$/gm, '');
}

/** The prose of a report: no fenced code, no table rows, no headings. */
export function proseOf(markdown: string): string {
  return withoutFences(markdown)
    .split('\n')
    .filter((line) => !/^\s*\|/.test(line) && !/^#{1,6} /.test(line))
    .join('\n');
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * Sentences of 60 characters or more that occur twice or more in the Markdown, tables included
 * (each cell is read on its own) and fenced code left out. Markup (emphasis, list markers, code
 * backticks) is ignored, so the same sentence in a list and in a paragraph counts as repeated.
 */
export function repeatedSentences(markdown: string, minLength = 60): string[] {
  const seen = new Map<string, number>();
  for (const line of withoutFences(markdown).split('\n')) {
    const cells = /^\s*\|/.test(line) ? line.split(/(?<!\\)\|/) : [line];
    for (const cell of cells) {
      const text = cell
        .replace(/^\s*(?:[-*+]|\d+[.)]|>)\s+/, '')
        .replace(/\*\*/g, '')
        .replace(/`/g, '')
        .trim();
      // A sentence ends at . ! or ? followed by a space (not inside "e.g." or a file name).
      for (const sentence of text.split(/(?<=[.!?])\s+(?=[A-Z"(])/)) {
        const s = sentence.trim();
        if (s.length >= minLength) seen.set(s, (seen.get(s) ?? 0) + 1);
      }
    }
  }
  return [...seen].filter(([, n]) => n > 1).map(([s]) => s);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
