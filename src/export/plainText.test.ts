import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeSpan, escapeInline } from './escape';
import { plainTextOf } from '../testing/plainText';
import { byTag, renderEverywhere, textOf } from '../testing/markdownRenderers';

/** Values as alerts carry them: markup, links, entities, backslashes, clock times, numbers. */
const piece = fc.constantFrom(
  // eslint-disable-next-line no-script-url -- attack strings as data
  'http://e.x/', 'www.', 'evil.com', 'a@b.co', 'javascript:', '<img src=x>', '&', '&#49;', '&amp;', '\\', '\\-1', '`', '``', '*', '_', '[x](y)',
  '# ', '- ', '1. ', '> ', 'x', '42', '-1', '34816', '14:37:27', ' ', '|', 'é', '%proc.name', 'O_RDWR|O_CREAT', 'e.g.', '~', '!',
);
/** One line (a line break is shown as ⏎ by design, see escape.ts), no NUL. */
const value = fc
  .oneof(fc.array(piece, { minLength: 1, maxLength: 8 }).map((p) => p.join('')), fc.string({ maxLength: 24 }))
  .filter((v) => !/[\r\n\0]/.test(v));

describe('plain-text reading of escaped values', () => {
  it('reads every value back as itself, code-span delimiters aside: no entity, no backslash added (property)', () => {
    fc.assert(
      fc.property(value, (v) => {
        // In a sentence of our own, as the report writes them, and as a data span.
        expect(plainTextOf(`Seen ${escapeInline(v)} here.`)).toBe(`Seen ${v} here.`);
        expect(plainTextOf(escapeInline(v))).toBe(v);
        expect(plainTextOf(codeSpan(v))).toBe(v);
      }),
      { numRuns: 400 },
    );
  });

  it('renders what it reads: the rendered text is the value too', () => {
    fc.assert(
      fc.property(value, (v) => {
        for (const { renderer, tree } of renderEverywhere(`Seen ${escapeInline(v)} here.`)) {
          expect(byTag(tree, 'p').map(textOf).join(''), renderer).toBe(`Seen ${v} here.`);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('keeps the numbers and flags of real alerts plain: no &#51;4816, no \\-1', () => {
    for (const v of ['34816', '-1', '1685022245478445995', '14:37:27', '2023-12-20 14:37:27 UTC']) {
      expect(escapeInline(v)).not.toMatch(/&#|\\/);
      expect(plainTextOf(escapeInline(v))).toBe(v);
    }
    expect(escapeInline('at 2023-12-20 14:37:27 UTC')).toBe('at 2023-12-20 14:37:27 UTC');
  });
});
