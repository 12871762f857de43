import { INTERPRETERS, NEVER_ALLOW_LIST, SHELLS, WEB_SERVERS, DOWNLOAD_TOOLS, PRIVILEGE_TOOLS, COREUTILS } from '../knowledge/lists';

/** Category words in advice ("never add a shell") and the names they stand for. */
const CATEGORIES: readonly [RegExp, ReadonlySet<string>][] = [
  [/\bshells?\b/i, SHELLS],
  [/\binterpreters?\b/i, INTERPRETERS],
  [/\bweb servers?\b/i, WEB_SERVERS],
  [/\bdownload(ers| tools?)\b/i, DOWNLOAD_TOOLS],
  [/\bsudo\b/i, PRIVILEGE_TOOLS],
  [/\bcoreutils\b/i, COREUTILS],
  [/\bgeneral[- ]purpose\b/i, NEVER_ALLOW_LIST],
];

const NEGATION = /\b(never|do not|don't|must not|should not|avoid)\b/i;
const ALLOW_VERB = /\b(add|append|allow|list|except|exclude|silence|whitelist|tune)/i;

/**
 * The names a text warns against allow-listing: in each sentence that both negates and speaks of
 * adding or allowing ("Append an agent ..., never a general-purpose program such as cat"), every
 * word after the negation, plus the members of any category it names (shell, interpreter ...).
 */
export function warnedTerms(text: string): Set<string> {
  const terms = new Set<string>();
  for (const sentence of text.split(/(?<=[.;!?])\s+|\n+/)) {
    const negation = NEGATION.exec(sentence);
    if (!negation || !ALLOW_VERB.test(sentence)) continue;
    const clause = sentence.slice(negation.index + negation[0].length);
    for (const word of clause.match(/[A-Za-z0-9_][A-Za-z0-9_.+/-]*/g) ?? []) terms.add(word.replace(/[.]+$/, '').toLowerCase());
    for (const [pattern, names] of CATEGORIES) if (pattern.test(clause)) for (const n of names) terms.add(n);
  }
  return terms;
}
