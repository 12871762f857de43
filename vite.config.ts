import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig, type Plugin, type PluginOption } from 'vite';
import { configDefaults } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA, type VitePWAOptions } from 'vite-plugin-pwa';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { applyCsp } from './scripts/csp.ts';

/**
 * Two builds:
 * - `vite build`                 -> dist/: the PWA (service worker precaches everything, works offline).
 * - `vite build --mode single`   -> dist-single/falcoscope.html: one self-contained file for
 *                                   air-gapped use from file://. No service worker, no public/ copy.
 * Both get a strict Content-Security-Policy <meta> (see scripts/csp.ts); dev mode gets none.
 */

const SINGLE_HTML = 'falcoscope.html';

/** Bytes of the final HTML asset, whatever type the bundler hands us. */
function assetText(source: string | Uint8Array): string {
  return typeof source === 'string' ? source : new TextDecoder().decode(source);
}

/**
 * Injects the CSP meta tag into the final HTML, hashing its inline code. Runs in generateBundle
 * (order 'post', listed after vite-plugin-singlefile), i.e. after Vite's own HTML transforms and
 * after the single-file inlining, so the hashes match what the browser parses. In single mode it
 * also renames index.html to falcoscope.html (after hashing, so nothing changes the HTML later).
 */
function cspPlugin(opts: { rename?: string }): Plugin {
  return {
    name: 'falcoscope:csp',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const htmlNames = Object.keys(bundle).filter((n) => n.endsWith('.html'));
        if (htmlNames.length === 0) this.error('falcoscope:csp: no HTML in the bundle');
        for (const name of htmlNames) {
          const asset = bundle[name];
          if (!asset || asset.type !== 'asset') continue;
          let out: string;
          try {
            out = applyCsp(assetText(asset.source)).html;
          } catch (e) {
            this.error(`falcoscope:csp: ${name}: ${(e as Error).message}`);
          }
          if (opts.rename && name === 'index.html') {
            delete bundle[name];
            this.emitFile({ type: 'asset', fileName: opts.rename, source: out });
          } else {
            asset.source = out;
          }
        }
      },
    },
  };
}

/** Single file: the favicon becomes a data: URL so the page shows it from file:// too. */
function inlineFaviconPlugin(): Plugin {
  return {
    name: 'falcoscope:inline-favicon',
    apply: 'build',
    transformIndexHtml(html) {
      const svg = readFileSync(new URL('./public/favicon.svg', import.meta.url), 'utf8');
      const href = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      const link = `<link rel="icon" type="image/svg+xml" href="${href}">`;
      const re = /<link\b[^>]*rel=["']?(?:shortcut )?icon["']?[^>]*>/i;
      return re.test(html) ? html.replace(re, link) : html.replace(/<\/head>/i, `  ${link}\n  </head>`);
    },
  };
}

/** Single file: the manifest/apple-touch links point at files that are not shipped. */
function dropPwaLinksPlugin(): Plugin {
  return {
    name: 'falcoscope:drop-pwa-links',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(/\s*<link\b[^>]*rel=["']?(?:manifest|apple-touch-icon)["']?[^>]*>/gi, '');
    },
  };
}

const pwaOptions: Partial<VitePWAOptions> = {
  registerType: 'autoUpdate',
  // The app registers the service worker itself: import { registerSW } from 'virtual:pwa-register'.
  injectRegister: null,
  // public/ is precached by globPatterns below; listing it again would only duplicate entries.
  includeManifestIcons: false,
  manifest: {
    name: 'falcoscope',
    short_name: 'falcoscope',
    description: 'Triage Falco alerts in your browser: incidents, explainable risk, valid tuning, Markdown reports. Works offline; nothing leaves the machine.',
    start_url: '.',
    scope: '.',
    display: 'standalone',
    background_color: '#0b1220',
    theme_color: '#0b1220',
    icons: [
      { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    // Everything the app needs offline, the built-in samples (public/samples/) included.
    globPatterns: ['**/*.{js,css,html,svg,png,ico,json,gz,ndjson,txt,md}'],
    // The bundle carries the inline worker and react-markdown; samples may be larger than 2 MiB.
    maximumFileSizeToCacheInBytes: 20 * 1024 * 1024,
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    // No runtime caching of other origins: the app never talks to one.
    runtimeCaching: [],
    // No workbox-*.js beside sw.js: one file to fetch, nothing from a CDN.
    inlineWorkboxRuntime: true,
    sourcemap: false,
  },
  devOptions: { enabled: false },
};

export default defineConfig(({ mode }) => {
  const single = mode === 'single';
  const testing = mode === 'test' || process.env.VITEST !== undefined;

  const plugins: PluginOption[] = [react()];
  if (!testing) {
    if (single) {
      plugins.push(
        // Disabled PWA still provides `virtual:pwa-register` (as a no-op), so the app code is the
        // same in both builds; it emits no service worker and no manifest.
        VitePWA({ ...pwaOptions, disable: true }),
        dropPwaLinksPlugin(),
        inlineFaviconPlugin(),
        viteSingleFile({ removeViteModuleLoader: true }),
        cspPlugin({ rename: SINGLE_HTML }),
      );
    } else {
      plugins.push(VitePWA(pwaOptions), cspPlugin({}));
    }
  }

  return {
    plugins,
    // Nothing from public/ in the single file: it must stand alone (samples come from the bundle).
    publicDir: single ? false : 'public',
    build: {
      outDir: single ? 'dist-single' : 'dist',
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      // The analysis worker is inlined into the main chunk as a string (`?worker&inline`), so the
      // main chunk is about twice the engine's size by design; warn only well above that.
      chunkSizeWarningLimit: 2048,
    },
    worker: {
      // The worker is imported as `./worker?worker&inline`: Vite builds it into the main bundle and
      // starts it from a blob: URL. Classic (iife), not module: Chromium refuses a *module* worker
      // from a blob: URL created by a file:// page (opaque origin), which the single file needs.
      // Same format in both builds so the e2e run of dist/ exercises the same worker code path.
      format: 'iife',
      // One chunk: a blob: worker cannot load sibling chunks, so dynamic imports are inlined.
      rolldownOptions: { output: { codeSplitting: false } },
    },
    // The worker's dependencies are only found when the worker starts; pre-bundle them up front
    // so the dev server does not reload the page (losing the loaded alerts) on first use.
    optimizeDeps: { include: ['yaml'] },
    preview: { host: '127.0.0.1', port: 4173, strictPort: true },
    server: { host: '127.0.0.1' },
    test: {
      include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
      exclude: [...configDefaults.exclude, 'e2e/**', 'dist/**', 'dist-single/**'],
      environment: 'node',
      // Generous: CI's machine has 2 cores and may be busy. Tests assert results, never speed
      // (the bench measures speed), so a slow machine must not turn into a failure.
      // 120 s, not 60: with one test process per core (below) two heavy files share the cores, and
      // on a machine busy with other work a 50 MB line (stream.test.ts) took past 60 s.
      testTimeout: 120_000,
      hookTimeout: 120_000,
      // One test process per core. Vitest's default is one fewer, which on CI's 2 cores runs the
      // files one at a time while the main process (transforms, reporting) mostly idles.
      maxWorkers: availableParallelism(),
    },
  };
});
