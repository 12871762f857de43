import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root, RootContent } from 'mdast';

const parser = unified().use(remarkParse).use(remarkGfm);

/**
 * What a reader sees of inline Markdown pasted as plain text (a ticket, a chat), with code-span
 * delimiters read as quotes: the raw source, where each code span is replaced by its content.
 * Backslash escapes and entities stay as written, which is the point: a value must read as itself.
 */
export function plainTextOf(markdown: string): string {
  const tree = parser.parse(markdown) as Root;
  const spans: { start: number; end: number; value: string }[] = [];
  const visit = (nodes: RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'inlineCode') spans.push({ start: node.position!.start.offset!, end: node.position!.end.offset!, value: node.value });
      else if ('children' in node) visit(node.children as RootContent[]);
    }
  };
  visit(tree.children);
  let out = '';
  let at = 0;
  for (const s of spans.sort((a, b) => a.start - b.start)) {
    out += markdown.slice(at, s.start) + s.value;
    at = s.end;
  }
  return out + markdown.slice(at);
}
