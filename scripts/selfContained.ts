/**
 * Finds references to paths outside the repository, so that a fresh clone with nothing beside it
 * builds and passes its tests (issue 10). scripts/selfContained.test.ts runs it over the code.
 *
 * Three kinds of reference are reported, each with file and line:
 * - an absolute path into the machine's work folder (under `/work`), where the project was first developed;
 * - the data collection in a `shared` folder beside the repository: what the project needs of it is
 *   vendored in vendor/falco;
 * - on code lines, a relative path (`'../../../x'`) that climbs above the repository root from the
 *   folder of the file that contains it. Comment lines are exempt from this last check only, because
 *   they often quote import patterns ("'../ui/x'") that are not paths of the file itself.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface OutsideReference {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  line: number;
  why: string;
  text: string;
}

/** Folders scanned recursively, and the top-level files scanned, relative to the repository root. */
export const SCANNED_FOLDERS = ['src', 'e2e', 'scripts', 'bench', '.ci'];
const TOP_LEVEL_FILE = /^(package\.json|tsconfig(\.[\w-]+)?\.json|index\.html|[\w-]+\.config\.(ts|js|mjs|cjs|mts))$/;

/** Text files that can hold a path: code, configuration, documentation, shell (extension-less included). */
const TEXT_EXTENSIONS = new Set(['', '.ts', '.tsx', '.js', '.mjs', '.cjs', '.mts', '.json', '.html', '.md', '.sh', '.yaml', '.yml', '.css']);

const WORK_FOLDER = /(^|[^\w.])\/work\//;
const SHARED_COLLECTION = /(^|[^\w])(\.\.\/)+shared\b|\bshared\/falco\b/;
/** A run of `../` at the start of a path (not inside a longer path like `a/../b`), and what follows. */
const CLIMBING_PATH = /(?<![\w./$}-])((?:\.\.\/)+)([\w@.-][^\s'"`),;]*)?/g;
const COMMENT_LINE = /^\s*(\/\/|\/\*|\*|#|<!--)/;

/** The outside references in one file's text. `file` is relative to `root`, with forward slashes. */
export function outsideReferences(root: string, file: string, text: string): OutsideReference[] {
  const found: OutsideReference[] = [];
  const folder = dirname(resolve(root, file));
  const lines = text.split('\n');
  lines.forEach((lineText, i) => {
    const report = (why: string) => found.push({ file, line: i + 1, why, text: lineText.trim() });
    if (WORK_FOLDER.test(lineText)) report('absolute path into the work folder (outside the repository)');
    if (SHARED_COLLECTION.test(lineText)) report('the shared data collection beside the repository (use vendor/falco/)');
    if (COMMENT_LINE.test(lineText)) return;
    for (const m of lineText.matchAll(CLIMBING_PATH)) {
      const target = resolve(folder, `${m[1] ?? ''}${m[2] ?? ''}`);
      if (!isInside(root, target)) report(`relative path ${m[0]} leaves the repository`);
    }
  });
  return found;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(resolve(root), path);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** Every scanned file under `root` (repository-relative, forward slashes, sorted). */
export function scannedFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel))) {
      if (name === 'node_modules') continue;
      const child = rel ? `${rel}/${name}` : name;
      if (statSync(join(root, child)).isDirectory()) walk(child);
      else if (TEXT_EXTENSIONS.has(extname(name))) out.push(child);
    }
  };
  for (const name of readdirSync(root)) {
    const isDir = statSync(join(root, name)).isDirectory();
    if (isDir && SCANNED_FOLDERS.includes(name)) walk(name);
    else if (!isDir && TOP_LEVEL_FILE.test(name)) out.push(name);
  }
  return out.sort();
}

/** The outside references of the whole repository at `root`. */
export function scanRepository(root: string): OutsideReference[] {
  return scannedFiles(root).flatMap((file) => outsideReferences(root, file, readFileSync(join(root, file), 'utf8')));
}
