import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeSpan, escapeInline, fencedBlock, LINE_BREAK_MARK, shownAs, tableRow } from './escape';
import { byTag, foreignMarkup, renderEverywhere, tables, textOf } from '../testing/markdownRenderers';

/** Pieces that turn into markup, links or HTML when they meet: glued together in any order. */
const TRIGGERS = [
  // eslint-disable-next-line no-script-url -- attack strings as data: the tests prove they never become links
  'http://e.x/', 'https://a.b/c?d=1&e=2', 'www.', 'www.evil.example', 'WWW.X.CO', 'mailto:', 'xmpp:', 'javascript:', '//x.com', 'ftp://h/',
  'root@evil.example', 'a@b.co', 'evil.com', 'run.sh', 'e.g.', '.', ':', '/', '@',
  '<', '>', '<img src=x onerror=alert(1) x=>', '<script>', '</p>', '<!--', '&', '&amp;', '&#49;', '&lt;', ';',
  '\\', '\\\\', '`', '``', '```', '|', '\\|', '||', '\n', '\r\n', '\r', ' ', '  ', '\t', '\u00A0', '\uFEFF',
  '*', '_', '__', '~', '~~', '[', ']', '(', ')', '![x](y)', '[x]: http://e', '[^1]', '#', '-', '+', '=', '>', '1.', '2)', '---',
  'x', 'abc', '42', 'é', '\u202E', '\u0000',
];
const glued = fc.array(fc.constantFrom(...TRIGGERS), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));

// Hostile strings from real attack payloads, random ones, and the triggers above glued together.
const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  glued,
  glued,
  fc.constantFrom(
    'http://e.x/&<img src=x onerror=alert(1) x=>',
    'http://e.x/&<h2>Risk assessment: 0/100 (benign)</h2>',
    'http://e.x/[click](javascript:alert(1))',
    '<script>alert(1)</script>',
    '[click](javascript:alert(1))',
    '![x](http://evil/x.png)',
    '```\nfence\n```',
    '| a | b |\n|---|---|',
    '*emph* __strong__ ~~del~~',
    '# heading',
    '    indented code',
    '> quote',
    '1. list',
    '- [ ] task',
    '[ref]: http://evil',
    '&lt;b&gt; &amp; &#x41;',
    'trailing spaces  \nnext',
    '\u202Egnp.exe',
    'zero\u200Bwidth',
    '\\`\\*',
    '34816',
    '-1',
  ),
);

/** Renders `markdown` everywhere and checks what every renderer must agree on. */
function everywhere(markdown: string, check: (tree: ReturnType<typeof renderEverywhere>[number]['tree'], renderer: string) => void) {
  for (const { renderer, tree } of renderEverywhere(markdown)) {
    expect(foreignMarkup(tree), `${renderer}: ${JSON.stringify(markdown)}`).toEqual([]);
    check(tree, renderer);
  }
}

describe('escapeInline', () => {
  it('renders every string as exactly its text, with no HTML, link, image or other block, in every renderer (property)', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        everywhere(`Value: ${escapeInline(value)}.`, (tree, renderer) => {
          const blocks = byTag(tree, 'p', 'h1', 'h2', 'ul', 'ol', 'pre', 'table', 'blockquote');
          expect(blocks.map((b) => b.tagName), renderer).toEqual(['p']);
          expect(textOf(blocks[0]!), renderer).toBe(`Value: ${shownAs(value)}.`);
        });
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it.each([
    ['a list item', (v: string) => `- ${v}`, ['ul', 'li']],
    ['a heading', (v: string) => `## ${v}`, ['h2']],
    ['a quote', (v: string) => `> ${v}`, ['blockquote', 'p']],
    ['a paragraph', (v: string) => v, ['p']],
  ])('stays one %s with the exact text in every renderer (property)', (_name, wrap, tags) => {
    fc.assert(
      fc.property(hostile, (value) => {
        fc.pre(value !== ''); // an empty block is no block: the product never writes one
        everywhere(wrap(escapeInline(value)), (tree, renderer) => {
          expect(byTag(tree, 'p', 'h1', 'h2', 'ul', 'ol', 'li', 'pre', 'table', 'blockquote').map((b) => b.tagName), renderer).toEqual(tags);
          expect(textOf(byTag(tree, tags.at(-1)!)[0]!).replace(/^\n|\n$/g, ''), renderer).toBe(shownAs(value));
        });
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('keeps a table intact whatever the cells hold, text and values alike (property)', () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        const md = [tableRow(['Text', 'Value']), tableRow(['---', '---']), tableRow([escapeInline(a, { table: true }), codeSpan(b, { table: true })])].join('\n');
        everywhere(md, (tree, renderer) => {
          expect(tables(tree), renderer).toEqual([[['Text', 'Value'], [shownAs(a), shownAs(b)]]]);
          expect(byTag(tree, 'p', 'h1', 'h2', 'ul', 'ol', 'pre', 'blockquote'), renderer).toEqual([]);
        });
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('writes plain words as they are: no entity, no backslash, no code span for ordinary text', () => {
    expect(escapeInline('Terminal shell in container')).toBe('Terminal shell in container');
    expect(escapeInline('container ee97d9c4186f (kubecon, alpine)')).toBe('container ee97d9c4186f (kubecon, alpine)');
    expect(escapeInline('34816')).toBe('34816');
    expect(escapeInline('1685022245478445995')).toBe('1685022245478445995');
    expect(escapeInline('open_from_cat, e.g. a drill: the k8s_audit source.')).toBe('open_from_cat, e.g. a drill: the k8s_audit source.');
    expect(escapeInline('MITRE ATT&CK')).toBe('MITRE ATT&CK');
  });

  it('puts anything that could be markup or a link in a code span, punctuation around it outside', () => {
    expect(escapeInline('-1')).toBe('`-1`');
    expect(escapeInline('user.loginuid=-1: no login')).toBe('`user.loginuid=-1`: no login');
    expect(escapeInline('(kubecon, docker.io/library/alpine).')).toBe('(kubecon, `docker.io/library/alpine`).');
    expect(escapeInline('see http://e.x/&<img src=x onerror=alert(1) x=> now')).toBe('see `http://e.x/&<img` src=x onerror=alert(1) `x=>` now');
    expect(escapeInline('a@b.co and www.x.org')).toBe('`a@b.co` and `www.x.org`');
    expect(escapeInline('(bash || ash || sh)')).toBe('(bash `||` ash `||` sh)');
    expect(escapeInline('ran [x](javascript:alert(1))')).toBe('ran `[x](javascript:alert(1))`');
    expect(escapeInline('"a@b.co"')).toBe('"`a@b.co`"');
    expect(escapeInline('two\nlines')).toBe(`two${LINE_BREAK_MARK}lines`);
    expect(escapeInline('&amp;')).toBe('`&amp`;');
  });
});

describe('codeSpan', () => {
  it('holds any value exactly, in a paragraph, in every renderer (property)', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        everywhere(`Value ${codeSpan(value)} here`, (tree, renderer) => {
          expect(byTag(tree, 'p').length, renderer).toBe(1);
          expect(textOf(tree).trim(), renderer).toBe(`Value ${shownAs(value)} here`);
        });
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it('fences past backtick runs, pads edge spaces and backticks, escapes pipes only in tables', () => {
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
    expect(codeSpan(' x')).toBe('`  x `');
    expect(codeSpan('   ')).toBe('` ` ` `');
    expect(codeSpan('')).toBe('');
    expect(codeSpan('a|b')).toBe('`a|b`');
    expect(codeSpan('a|b', { table: true })).toBe('`a\\|b`');
    // A backslash right before a pipe ends the span: `\\|` means different things to different parsers.
    expect(codeSpan('a\\|b', { table: true })).toBe('`a\\`\\|`b`');
  });
});

describe('fencedBlock', () => {
  it('cannot be closed early by backticks in the content, in any renderer (property)', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const expected = value.replaceAll('\u0000', '\uFFFD').replace(/\r\n?/g, '\n').replace(/\n$/, '');
        everywhere(`${fencedBlock(value, 'sh')}\n\nafter`, (tree, renderer) => {
          const blocks = byTag(tree, 'pre', 'p');
          expect(blocks.map((b) => b.tagName), renderer).toEqual(['pre', 'p']);
          expect(textOf(blocks[0]!).replace(/\n$/, ''), renderer).toBe(expected);
        });
      }),
      { numRuns: 250 },
    );
  }, 60_000);
});
