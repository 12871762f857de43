import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToolOptions } from '../knowledge/commands';

/**
 * Runs investigation commands the way an analyst would paste them, but against stubs: every
 * tool is a stub that records its argv. Then each recorded call is checked
 * against the tool's real options (knowledge/commands) and for alert values read as options.
 */

/** Every program a command may call. Missing ones show up as "command not found". */
export const STUB_TOOLS = [
  'kubectl', 'crictl', 'docker', 'aws', 'gcloud', 'gh', 'bq', 'curl', 'jq', 'find', 'getent', 'journalctl',
  'ps', 'ls', 'stat', 'sha256sum', 'cat', 'tail', 'head', 'file', 'id', 'last', 'ss', 'grep', 'rpm', 'dpkg',
  'nsenter', 'crontab', 'lsns', 'ssh-keygen', 'ausearch', 'dig', 'whois', 'sysctl', 'bpftool', 'uname', 'sudo',
  'runc', 'pkexec', 'lsmod', 'lsblk', 'findmnt', 'xz', 'ldd', 'top', 'psql', 'sort', 'uniq', 'cut', 'sleep',
  'base64', 'wc', 'tr', 'awk', 'sed', 'xargs', 'sh', 'git', 'kubeadm', 'openssl', 'host', 'nslookup', 'ip',
  'iptables', 'nft', 'lsof', 'readlink', 'strings', 'md5sum', 'tee', 'date', 'env', 'cp', 'mount', 'dmesg',
  'systemctl', 'cmp', 'diff', 'mysql', 'auditctl', 'getcap', 'capsh', 'modinfo', 'ldconfig', 'passwd', 'chage',
];

export interface Call {
  argv: string[];
}

export interface RunResult {
  /** Calls recorded per command, in the order given. */
  calls: Call[][];
  /** bash's complaints per command (unbound variables, commands not found, syntax errors). */
  errors: string[];
}

/**
 * bash -n on each command: the indexes that fail, with bash's message. Commands are checked in
 * chunks, each as the body of its own function; a chunk that fails is checked command by command.
 */
export function syntaxErrors(commands: string[], chunk = 400): { index: number; message: string }[] {
  const bashN = (text: string): string => {
    const r = spawnSync('/bin/bash', ['-n'], { input: text, encoding: 'utf8' });
    return r.status === 0 ? '' : (r.stderr || `bash -n exited ${r.status}`).trim();
  };
  const errors: { index: number; message: string }[] = [];
  for (let start = 0; start < commands.length; start += chunk) {
    const part = commands.slice(start, start + chunk);
    if (!bashN(part.map((c, i) => `__step${i}() {\n${c}\n}`).join('\n'))) continue;
    part.forEach((c, i) => {
      const message = bashN(c);
      if (message) errors.push({ index: start + i, message });
    });
  }
  return errors;
}

/**
 * Run each command with `set -u` in bash, in a scratch directory, stdin empty, PATH an empty
 * directory: every tool in STUB_TOOLS is a stub that records its argv (a shell function, so the
 * same words a program would receive, without a fork per call: this suite runs thousands of
 * commands on a shared machine), anything else is "command not found". `env` sets the
 * analyst-supplied variables (`${AUDIT_LOG:?...}`). Commands run in batches, each in a subshell;
 * a batch that complains is run again one command per subshell to tell which one it was.
 */
export function runWithStubs(commands: string[], env: Record<string, string>, batch = 100): RunResult {
  const root = mkdtempSync(join(tmpdir(), 'falcoscope-stubs-'));
  const bin = join(root, 'bin');
  const calls = join(root, 'calls');
  const work = join(root, 'work');
  for (const d of [bin, calls, work]) mkdirSync(d);
  try {
    commands.forEach((c, i) => writeFileSync(join(work, `.cmd${i}`), c));
    const prelude = [
      'set -u',
      '__n=0',
      `__rec() { __n=$((__n+1)); printf '%s\\0' "$@" > "$STUB_CALLS/$STEP.$BASHPID.$__n"; }`,
      ...STUB_TOOLS.map((t) => `${t}() { __rec ${t} "$@"; }`),
    ];
    const run = (groups: number[][]): string => {
      const lines = [...prelude];
      groups.forEach((g, k) => {
        lines.push(`echo "@@${k}" >&2`);
        lines.push(`( ${g.map((i) => `STEP=${i}; . ./.cmd${i}`).join('\n')}\n) </dev/null >/dev/null`);
      });
      writeFileSync(join(work, '.run'), lines.join('\n'));
      const res = spawnSync('/bin/bash', ['--noprofile', '--norc', '.run'], {
        cwd: work,
        env: { PATH: bin, STUB_CALLS: calls, LC_ALL: 'C', ...env },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      return res.stderr ?? '';
    };
    const complaints = (stderr: string, n: number): string[] => {
      const out: string[] = Array.from({ length: n }, () => '');
      let current = -1;
      for (const line of stderr.split('\n')) {
        const m = /^@@(\d+)$/.exec(line);
        if (m) current = Number(m[1]);
        else if (line && current >= 0) out[current] += `${line}\n`;
      }
      return out;
    };
    const batches: number[][] = [];
    for (let i = 0; i < commands.length; i += batch) batches.push(commands.slice(i, i + batch).map((_, k) => i + k));
    const errors: string[] = commands.map(() => '');
    const noisy = complaints(run(batches), batches.length).flatMap((e, k) => (e ? (batches[k] ?? []) : []));
    if (noisy.length) {
      for (const name of readdirSync(calls)) if (noisy.includes(Number(name.split('.')[0]))) rmSync(join(calls, name));
      complaints(run(noisy.map((i) => [i])), noisy.length).forEach((e, k) => {
        errors[noisy[k] ?? 0] = e;
      });
    }
    const byStep: Call[][] = commands.map(() => []);
    for (const name of readdirSync(calls).sort()) {
      const step = Number(name.split('.')[0]);
      const argv = readFileSync(join(calls, name), 'utf8').split('\0');
      argv.pop(); // the record ends with a NUL
      byStep[step]?.push({ argv });
    }
    const stray = readdirSync(work).filter((n) => !n.startsWith('.'));
    if (stray.length) errors.push(`files created by the commands: ${stray.join(', ')}`);
    return { calls: byStep, errors };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- checking a call

/** The subcommand key of `spec` that the positional words start with (longest first). */
function subcommandOf(spec: ToolOptions, positionals: string[]): string | undefined {
  const keys = Object.keys(spec.commands).sort((a, b) => b.split(' ').length - a.split(' ').length);
  return keys.find((k) => k === '' || k.split(' ').every((w, i) => positionals[i] === w));
}

interface Parsed {
  /** Index in argv of each option word before the end of options. */
  options: { index: number; name: string }[];
  positionals: { index: number; value: string }[];
  /** Index of the `--` that ends the options, or -1. */
  endOfOptions: number;
}

function parse(argv: string[], spec: ToolOptions | undefined): Parsed {
  const options: Parsed['options'] = [];
  const positionals: Parsed['positionals'] = [];
  let endOfOptions = -1;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (endOfOptions < 0 && a === '--') {
      endOfOptions = i;
      continue;
    }
    if (endOfOptions < 0 && a.length > 1 && a.startsWith('-')) {
      const name = a.startsWith('--') ? (a.split('=')[0] ?? a) : a.includes('=') ? (a.split('=')[0] ?? a) : a;
      options.push({ index: i, name });
      if (spec?.takesValue.includes(name) && !a.includes('=')) i++;
      continue;
    }
    positionals.push({ index: i, value: a });
  }
  return { options, positionals, endOfOptions };
}

/** Where a wrapper (kubectl exec, crictl exec, nsenter, sudo) starts the argv of the program it runs. */
function innerArgv(argv: string[], parsed: Parsed): string[] | null {
  const tool = argv[0];
  const pos = parsed.positionals.map((p) => p.value);
  if (tool === 'kubectl' && pos[0] === 'exec' && parsed.endOfOptions >= 0) return argv.slice(parsed.endOfOptions + 1);
  if (tool === 'crictl' && pos[0] === 'exec') {
    const id = parsed.positionals[1];
    return id ? argv.slice(id.index + 1) : null;
  }
  if ((tool === 'nsenter' || tool === 'sudo') && parsed.positionals[0]) return argv.slice(parsed.positionals[0].index);
  return null;
}

/**
 * Problems with one recorded call: options the tool does not have, a subcommand the option
 * list does not cover, and any of `hostile` (alert values starting with `-`) given where the
 * program reads options.
 */
export function checkCall(argv: string[], tools: Record<string, ToolOptions>, hostile: string[] = []): string[] {
  const tool = argv[0] ?? '';
  const spec = tools[tool];
  const parsed = parse(argv, spec);
  const inner = innerArgv(argv, parsed);
  const innerStart = inner ? argv.length - inner.length : argv.length;
  const problems: string[] = [];
  const shown = argv.join(' ');

  for (const o of parsed.options) {
    if (o.index >= innerStart) break;
    if (hostile.includes(argv[o.index] ?? '')) problems.push(`${tool}: an alert value is read as an option — in: ${shown}`);
  }
  if (spec) {
    const sub = subcommandOf(spec, parsed.positionals.filter((p) => p.index < innerStart).map((p) => p.value));
    if (sub === undefined) {
      problems.push(`${tool} ${argv.slice(1, 3).join(' ')}: subcommand not in its option list — in: ${shown}`);
    } else {
      const allowed = new Set([...spec.global, ...(spec.commands[sub] ?? [])]);
      for (const o of parsed.options) {
        if (o.index >= innerStart || hostile.includes(argv[o.index] ?? '')) continue;
        const ok =
          allowed.has(o.name) ||
          (spec.bundles !== false && /^-[A-Za-z0-9]{2,}$/.test(o.name) && [...o.name.slice(1)].every((ch) => allowed.has(`-${ch}`)));
        if (!ok) problems.push(`${tool}${sub ? ` ${sub}` : ''}: no option ${o.name} (${spec.source}) — in: ${shown}`);
      }
    }
  }
  if (inner && inner.length) problems.push(...checkCall(inner, tools, hostile));
  return problems;
}
