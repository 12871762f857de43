/**
 * The Markdown renderers an exported report meets in the wild, each in its most permissive common
 * setup, for tests that prove the export stays inert:
 * - markdown-it with raw HTML and linkify (fuzzy links: bare domains, e-mails, `//host`);
 * - remark-gfm -> remark-rehype -> rehype-stringify with raw HTML passed through (what a raw-HTML rehype plugin
 *   does on wikis and static sites);
 * - micromark + micromark-extension-gfm with raw HTML allowed: cmark-gfm's rules, autolink
 *   literals included (GitHub, `cmark-gfm --unsafe`).
 * Their HTML is parsed back into a tree, so raw HTML that got through shows up as elements.
 */
import MarkdownIt from 'markdown-it';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import rehypeParse from 'rehype-parse';
import type { Element, Root, RootContent } from 'hast';

const markdownIt = new MarkdownIt({ html: true, linkify: true });
const remark = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeStringify, { allowDangerousHtml: true });
const htmlParser = unified().use(rehypeParse, { fragment: true });
const micromarkOptions = { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] };

export const RENDERERS: Record<string, (markdown: string) => string> = {
  'markdown-it (html, linkify)': (md) => markdownIt.render(md),
  'remark-gfm + raw HTML': (md) => String(remark.processSync(md)),
  'micromark-gfm (cmark-gfm rules, unsafe)': (md) => micromark(md, micromarkOptions),
};

/** Every renderer's output for `markdown`, parsed into an HTML tree. */
export function renderEverywhere(markdown: string): { renderer: string; tree: Root }[] {
  return Object.entries(RENDERERS).map(([renderer, render]) => ({ renderer, tree: htmlParser.parse(render(markdown)) }));
}

/** The elements our own Markdown can produce: no link, image, input, HTML of any other kind. */
const PRODUCT_ELEMENTS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'strong', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'ol', 'li', 'blockquote', 'br']);
/** Attributes the renderers put on those: table alignment and the code block's language. */
const PRODUCT_ATTRIBUTES = new Set(['align', 'style', 'className']);

export function elements(node: Root | Element, out: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    out.push(child);
    elements(child, out);
  }
  return out;
}

/** What the product never writes: foreign elements or attributes, comments, doctype. One line each. */
export function foreignMarkup(tree: Root): string[] {
  const found: string[] = [];
  const visit = (node: Root | Element) => {
    for (const child of node.children as RootContent[]) {
      if (child.type === 'comment' || child.type === 'doctype') found.push(child.type);
      if (child.type !== 'element') continue;
      if (!PRODUCT_ELEMENTS.has(child.tagName)) found.push(`<${child.tagName}>`);
      for (const name of Object.keys(child.properties)) if (!PRODUCT_ATTRIBUTES.has(name)) found.push(`<${child.tagName} ${name}>`);
      visit(child);
    }
  };
  visit(tree);
  return found;
}

/** The text a reader sees in a node: every text node below it, in order. */
export function textOf(node: Root | RootContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' || node.type === 'root') return node.children.map(textOf).join('');
  return '';
}

export const byTag = (tree: Root, ...tags: string[]) => elements(tree).filter((el) => tags.includes(el.tagName));

/** Rows of every table, as the text of their cells. */
export function tables(tree: Root): string[][][] {
  return byTag(tree, 'table').map((table) => byTag({ type: 'root', children: [table] }, 'tr').map((tr) => byTag({ type: 'root', children: [tr] }, 'th', 'td').map(textOf)));
}
