/**
 * Where the vendored Falco data lives (vendor/falco/ at the repository root, see its PROVENANCE.md).
 * Tests and test helpers read fixtures only through these, so a fresh clone has all it needs.
 */
import { fileURLToPath } from 'node:url';

/** vendor/falco/ (this file is src/testing/vendored.ts: the root is two levels up). */
export const VENDORED_FALCO = new URL('../../vendor/falco/', import.meta.url);

/** The published alerts used as fixtures (never bundled in the app). */
export const VENDORED_ALERTS_DIR = fileURLToPath(new URL('alerts/', VENDORED_FALCO));

/** The index of every `- rule:` item of the vendored rules files (scripts/gen-rule-catalog.ts writes it). */
export const VENDORED_RULES_INDEX = fileURLToPath(new URL('rules-index.json', VENDORED_FALCO));

/** The vendored upstream rules files (falcosecurity/rules and the plugins' rules under plugins/). */
export const VENDORED_RULES_DIR = fileURLToPath(new URL('rules/', VENDORED_FALCO));
