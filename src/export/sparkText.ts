/** The incident's alerts over time as text: the Markdown (and plain-text) form of the Summary's chart. */
const BLOCKS = '▁▂▃▄▅▆▇█';

/** The bins as a line of block characters, for Markdown and plain text: an empty bin is the lowest block. */
export function sparkText(counts: number[]): string {
  const max = Math.max(1, ...counts);
  return counts.map((c) => BLOCKS[c === 0 ? 0 : Math.max(1, Math.ceil((c / max) * (BLOCKS.length - 1)))]).join('');
}
