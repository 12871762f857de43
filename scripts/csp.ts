/**
 * Content-Security-Policy for falcoscope's built HTML.
 *
 * Pure functions: the Vite build (vite.config.ts, plugin `falcoscope:csp`) calls `applyCsp` on the
 * final HTML, after every other plugin (including vite-plugin-singlefile's inlining) has run, so the
 * hashes cover exactly the inline code the browser will see.
 *
 * Policy, and why each source is there:
 * - default-src 'self'          everything not listed below: the app's own origin only.
 * - script-src 'self' + hashes  no 'unsafe-inline', no 'unsafe-eval'. The single-file build inlines
 *                               the bundle as one <script type="module">, allowed by its sha256.
 * - style-src 'self' + hashes   the single-file build inlines the CSS as one <style>, allowed by its
 *                               sha256. No 'unsafe-inline': React's `style` prop goes through the
 *                               CSSOM, which CSP does not restrict; only style="" attributes written
 *                               in HTML markup (or via setAttribute) would be blocked.
 * - img-src 'self' data: blob:  icons inlined as data: URLs in the single file; blob: for previews.
 * - worker-src 'self' blob:     the analysis worker is `?worker&inline`: a blob: URL worker. 'self'
 *                               for the service worker script (sw.js) in the PWA build.
 * - connect-src 'self' blob: data:  the app's own files (PWA, samples) and local blob:/data: URLs
 *                               only; nothing can be sent to another origin.
 * - manifest-src 'self', object-src 'none', base-uri 'none', form-action 'none'.
 * frame-ancestors, report-uri and sandbox are ignored in a <meta> policy, so they are not emitted.
 */
import { createHash } from 'node:crypto';

export type CspDirectives = Record<string, readonly string[]>;

export interface CspInput {
  /** sha256 sources for inline <script> elements, e.g. `'sha256-…'` or the bare base64 digest. */
  scriptHashes?: readonly string[];
  /** sha256 sources for inline <style> elements. */
  styleHashes?: readonly string[];
}

/** Base policy, before hashes of inline code are added. Order is the order of the output. */
export const BASE_DIRECTIVES: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'", 'blob:', 'data:'],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

function hashSource(h: string): string {
  if (/^'sha(256|384|512)-[A-Za-z0-9+/]+={0,2}'$/.test(h)) return h;
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(h)) return `'sha256-${h}'`;
  throw new Error(`not a CSP hash source: ${h}`);
}

function uniq(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

/** Builds the policy string. Pure: same input, same output. */
export function buildCsp(input: CspInput = {}): string {
  const d: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(BASE_DIRECTIVES)) d[k] = [...v];
  d['script-src'] = uniq([...(d['script-src'] ?? []), ...(input.scriptHashes ?? []).map(hashSource)]);
  d['style-src'] = uniq([...(d['style-src'] ?? []), ...(input.styleHashes ?? []).map(hashSource)]);
  return Object.entries(d)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

/**
 * The text a browser hashes for an inline element: the HTML parser turns CRLF and lone CR into LF
 * and NUL into U+FFFD before the script or style text reaches CSP.
 */
export function normaliseInlineText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
}

/** `'sha256-<base64>'` of the UTF-8 bytes of the normalised text. */
export function sha256Source(text: string): string {
  const digest = createHash('sha256').update(normaliseInlineText(text), 'utf8').digest('base64');
  return `'sha256-${digest}'`;
}

export interface InlineCode {
  /** Text content of every <script> without a src attribute. */
  scripts: string[];
  /** Text content of every <style>. */
  styles: string[];
  /** Inline event handler attributes (onclick=…): CSP cannot allow these by hash. */
  eventHandlers: string[];
  /** style="…" attributes in the markup: blocked by a style-src without 'unsafe-inline'. */
  styleAttributes: string[];
}

const RAW_TEXT_RE = /<(script|style)\b([^>]*)>([\s\S]*?)<\/\1(?=[\s/>])[^>]*>/gi;

/** Finds inline code in an HTML document (as produced by Vite; not a general HTML parser). */
export function findInlineCode(html: string): InlineCode {
  const scripts: string[] = [];
  const styles: string[] = [];
  const markup = html.replace(/<!--[\s\S]*?-->/g, '').replace(RAW_TEXT_RE, (_m, tag: string, attrs: string, body: string) => {
    if (tag.toLowerCase() === 'style') styles.push(body);
    else if (!/(^|\s)src\s*=/i.test(attrs)) scripts.push(body);
    return `<${tag}${attrs}></${tag}>`;
  });
  const tags = markup.match(/<[a-zA-Z][^>]*>/g) ?? [];
  const eventHandlers: string[] = [];
  const styleAttributes: string[] = [];
  for (const t of tags) {
    for (const m of t.matchAll(/\s(on[a-z]+)\s*=/gi)) eventHandlers.push(`${m[1]} in ${t.slice(0, 80)}`);
    if (/\sstyle\s*=/i.test(t)) styleAttributes.push(t.slice(0, 80));
  }
  return { scripts, styles, eventHandlers, styleAttributes };
}

/** Inserts the policy as the first element of <head> that follows <meta charset>. */
export function injectCspMeta(html: string, policy: string): string {
  if (/http-equiv\s*=\s*["']?content-security-policy/i.test(html)) {
    throw new Error('index.html already has a Content-Security-Policy meta tag; the build adds it');
  }
  const attr = policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${attr}">`;
  const charset = /<meta\s+charset\s*=\s*["']?[\w-]+["']?\s*\/?>/i.exec(html);
  if (charset) {
    const at = charset.index + charset[0].length;
    return `${html.slice(0, at)}\n    ${meta}${html.slice(at)}`;
  }
  const head = /<head\b[^>]*>/i.exec(html);
  if (!head) throw new Error('no <head> in index.html: cannot place the CSP meta tag');
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n    ${meta}${html.slice(at)}`;
}

export interface AppliedCsp {
  html: string;
  policy: string;
}

/**
 * Hashes the inline code of the final HTML, builds the policy and injects it. Throws when the HTML
 * holds something a strict policy would silently block (event handler or style attributes).
 */
export function applyCsp(html: string): AppliedCsp {
  const inline = findInlineCode(html);
  const problems = [
    ...inline.eventHandlers.map((h) => `inline event handler ${h}`),
    ...inline.styleAttributes.map((s) => `style attribute in ${s}`),
  ];
  if (problems.length > 0) {
    throw new Error(`the CSP would block inline code in index.html:\n  ${problems.join('\n  ')}`);
  }
  const policy = buildCsp({
    scriptHashes: inline.scripts.map(sha256Source),
    styleHashes: inline.styles.map(sha256Source),
  });
  return { html: injectCspMeta(html, policy), policy };
}
