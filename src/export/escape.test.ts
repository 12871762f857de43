import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { escapeInline, fencedBlock, tableRow } from './escape';

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

const parse = (markdown: string) => unified().use(remarkParse).use(remarkGfm).parse(markdown) as MdNode;

function collect(node: MdNode, out: MdNode[] = []): MdNode[] {
  out.push(node);
  for (const child of node.children ?? []) collect(child, out);
  return out;
}

/** Text of a parsed tree, the way a reader sees it (text nodes and inline code). */
function textOf(node: MdNode): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

const UNSAFE = new Set(['linkReference', 'image', 'imageReference', 'html', 'definition', 'footnoteReference', 'footnoteDefinition']);

/**
 * GFM turns bare URLs and e-mail addresses into links after parsing, on the decoded text, so no
 * escaping can prevent it. Such a link is only allowed when it is exactly a literal in the input:
 * its visible text is its target (mailto: aside) and the input contains that text.
 */
function forbiddenNodes(tree: MdNode, input: string): MdNode[] {
  return collect(tree).filter((node) => {
    if (UNSAFE.has(node.type)) return true;
    if (node.type !== 'link') return false;
    const link = node as MdNode & { url: string };
    const text = textOf(link);
    const target = link.url.replace(/^mailto:/, '').replace(/^http:\/\/(?=www\.)/, '');
    return !input.includes(text) || target !== text || !/^(https?:|mailto:)/.test(link.url);
  });
}

// Hostile strings from real attack payloads, plus random ones (NUL excluded: Markdown itself maps it to U+FFFD).
const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '![x](http://evil/x.png)',
    'http://evil.example/a',
    'www.evil.example',
    'root@evil.example',
    '```\nfence\n```',
    '| a | b |\n|---|---|',
    '*emph* __strong__ ~~del~~',
    '# heading',
    '    indented code',
    '> quote',
    '1. list',
    '- [ ] task',
    '[^1]',
    '[ref]: http://evil',
    '&lt;b&gt; &amp; &#x41;',
    'trailing spaces  \nnext',
    '\u202Egnp.exe',
    'zero\u200Bwidth',
    '\\`\\*',
  ),
).filter((s) => !s.includes('\u0000'));

describe('escapeInline', () => {
  it('keeps every string exactly as text, with no image, HTML or disguised link (property)', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const tree = parse(`Value: ${escapeInline(value)}.`);
        const nodes = collect(tree);
        expect(forbiddenNodes(tree, value)).toEqual([]);
        if (nodes.some((n) => n.type === 'link')) expect(value).toMatch(/(https?:\/\/|www\.|@)/i);
        expect(tree.children).toHaveLength(1);
        expect(tree.children![0]!.type).toBe('paragraph');
        expect(textOf(tree)).toBe(`Value: ${value}.`);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a table intact whatever the cells hold (property)', () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        const md = [tableRow(['Field', 'Value']), tableRow(['---', '---']), tableRow([escapeInline(a), escapeInline(b)])].join('\n');
        const tree = parse(md);
        expect(tree.children).toHaveLength(1);
        const table = tree.children![0]!;
        expect(table.type).toBe('table');
        const row = table.children![1]!;
        expect(row.children).toHaveLength(2);
        expect(textOf(row.children![0]!)).toBe(a);
        expect(textOf(row.children![1]!)).toBe(b);
        expect(forbiddenNodes(tree, a + b)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['a list item', (v: string) => `- ${v}`, 'list'],
    ['a heading', (v: string) => `## ${v}`, 'heading'],
    ['a quote', (v: string) => `> ${v}`, 'blockquote'],
  ])('stays one %s with the exact text (property)', (_name, wrap, type) => {
    fc.assert(
      fc.property(hostile, (value) => {
        const tree = parse(wrap(`${escapeInline(value)}.`));
        expect(tree.children).toHaveLength(1);
        expect(tree.children![0]!.type).toBe(type);
        expect(textOf(tree)).toBe(`${value}.`);
        expect(forbiddenNodes(tree, value)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('fencedBlock', () => {
  it('cannot be closed early by backticks in the content (property)', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const tree = parse(`${fencedBlock(value, 'sh')}\n\nafter`);
        expect(tree.children![0]!.type).toBe('code');
        expect(tree.children![0]!.value).toBe(value.replace(/\r\n?/g, '\n').replace(/\n$/, ''));
        expect(tree.children![1]!.type).toBe('paragraph');
      }),
      { numRuns: 1000 },
    );
  });
});
