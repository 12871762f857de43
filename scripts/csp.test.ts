import { describe, expect, it } from 'vitest';
import { applyCsp, buildCsp, findInlineCode, injectCspMeta, normaliseInlineText, sha256Source } from './csp.ts';

function directives(policy: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) m.set(name, sources);
  }
  return m;
}

describe('buildCsp', () => {
  it('is strict by default', () => {
    const d = directives(buildCsp());
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(d.get('connect-src')).toEqual(["'self'", 'blob:', 'data:']);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
  });

  it('never allows unsafe-inline, unsafe-eval or any other origin', () => {
    const p = buildCsp({ scriptHashes: ['abc='], styleHashes: ["'sha256-def='"] });
    expect(p).not.toMatch(/unsafe|\*|https?:|frame-ancestors/);
  });

  it('adds hashes to script-src and style-src only, de-duplicated', () => {
    const d = directives(buildCsp({ scriptHashes: ['abc=', "'sha256-abc='"], styleHashes: ['def='] }));
    expect(d.get('script-src')).toEqual(["'self'", "'sha256-abc='"]);
    expect(d.get('style-src')).toEqual(["'self'", "'sha256-def='"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
  });

  it('rejects something that is not a hash', () => {
    expect(() => buildCsp({ scriptHashes: ["'unsafe-inline'"] })).toThrow(/not a CSP hash/);
    expect(() => buildCsp({ scriptHashes: ['https://evil.example'] })).toThrow(/not a CSP hash/);
  });

  it('is pure', () => {
    expect(buildCsp({ scriptHashes: ['x='] })).toBe(buildCsp({ scriptHashes: ['x='] }));
  });
});

describe('sha256Source', () => {
  it.each([
    // MDN's documented example for script-src hashes
    ["alert('Hello, world.');", "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"],
    ['alert(1)', "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"],
    // the HTML parser turns CRLF and CR into LF before CSP sees the text
    ['a\r\nb', "'sha256-fhj3NzEbLcOy8mndeDlrA1HxT7Zu+oefdoyyMYGIPHg='"],
    ['a\rb', "'sha256-fhj3NzEbLcOy8mndeDlrA1HxT7Zu+oefdoyyMYGIPHg='"],
    // UTF-8 bytes, not UTF-16 code units
    ['é', "'sha256-SplVfkAzw1Od4utlRyAXytX5VX96BiWgnxw/biumnEw='"],
  ])('%j -> %s', (text, expected) => {
    expect(sha256Source(text)).toBe(expected);
  });

  it('normalises NUL like the HTML parser', () => {
    expect(normaliseInlineText('a\0b')).toBe('a\uFFFDb');
  });
});

describe('findInlineCode', () => {
  it('finds inline scripts and styles, skips external scripts and comments', () => {
    const html = `<!doctype html><html><head>
<!-- <script>commented()</script> -->
<script type="module" crossorigin src="/assets/index.js"></script>
<link rel="stylesheet" href="/assets/index.css">
<style>body{color:red}</style>
</head><body><div id="root"></div>
<script type="module">import "x"; const s = "\\x3C/script>";</script>
<SCRIPT>b()</SCRIPT >
</body></html>`;
    const found = findInlineCode(html);
    expect(found.scripts).toEqual(['import "x"; const s = "\\x3C/script>";', 'b()']);
    expect(found.styles).toEqual(['body{color:red}']);
    expect(found.eventHandlers).toEqual([]);
    expect(found.styleAttributes).toEqual([]);
  });

  it('does not mistake code inside a script for markup', () => {
    const html = '<head></head><body><script>const a = \'<div onclick="x()" style="color:red">\';</script></body>';
    const found = findInlineCode(html);
    expect(found.scripts).toHaveLength(1);
    expect(found.eventHandlers).toEqual([]);
    expect(found.styleAttributes).toEqual([]);
  });

  it('reports event handler and style attributes in markup', () => {
    const found = findInlineCode('<body onload="go()"><div style="color:red"></div></body>');
    expect(found.eventHandlers).toHaveLength(1);
    expect(found.styleAttributes).toHaveLength(1);
  });
});

describe('injectCspMeta', () => {
  it('places the meta right after <meta charset>, before any script', () => {
    const html = '<html><head><meta charset="UTF-8" /><title>t</title><script src="/a.js"></script></head></html>';
    const out = injectCspMeta(html, "default-src 'self'");
    expect(out).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">');
    expect(out.indexOf('Content-Security-Policy')).toBeGreaterThan(out.indexOf('charset'));
    expect(out.indexOf('Content-Security-Policy')).toBeLessThan(out.indexOf('<title>'));
  });

  it('falls back to the start of <head>', () => {
    const out = injectCspMeta('<html><head lang="en"><script src="/a.js"></script></head></html>', 'x');
    expect(out.indexOf('Content-Security-Policy')).toBeLessThan(out.indexOf('<script'));
  });

  it('refuses a second policy', () => {
    const html = '<head><meta http-equiv="Content-Security-Policy" content="x"></head>';
    expect(() => injectCspMeta(html, 'y')).toThrow(/already has/);
  });
});

describe('applyCsp', () => {
  it('hashes the inline code of the final html', () => {
    const html = '<html><head><meta charset="utf-8"><style>a{}</style></head><body><script type="module">alert(1)</script></body></html>';
    const { html: out, policy } = applyCsp(html);
    const d = directives(policy);
    expect(d.get('script-src')).toEqual(["'self'", "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"]);
    expect(d.get('style-src')).toEqual(["'self'", sha256Source('a{}')]);
    expect(out).toContain(`content="${policy}"`);
  });

  it('adds no hash when there is no inline code', () => {
    const html = '<html><head><meta charset="utf-8"><script type="module" crossorigin src="/assets/i.js"></script></head></html>';
    expect(directives(applyCsp(html).policy).get('script-src')).toEqual(["'self'"]);
  });

  it('fails the build on inline code a strict policy would block', () => {
    expect(() => applyCsp('<head></head><body><button onclick="x()"></button></body>')).toThrow(/event handler/);
    expect(() => applyCsp('<head></head><body><div style="color:red"></div></body>')).toThrow(/style attribute/);
  });
});
