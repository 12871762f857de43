import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Alert } from '../model';
import type { CommandTemplate } from '../knowledge/types';
import { ALL_PLAYBOOKS, playbookForRule } from '../knowledge/playbooks';
import { TOOL_OPTIONS, field, kubectl, opt, word, words } from '../knowledge/commands';
import { ingestText } from '../ingest';
import { makeAlert } from '../testing/alerts';
import { checkCall, runWithStubs, syntaxErrors } from '../testing/commandHarness';
import { unquotedExpansions } from '../testing/shellExpansions';
import { genericContent } from './generic';
import { PLACEHOLDER, fillCommand, fillStep } from './fillTemplate';
import { nextSteps } from './report';

// ---------------------------------------------------------------- the alerts

const VENDOR_ALERTS = fileURLToPath(new URL('../../vendor/falco/alerts/', import.meta.url));

function vendoredAlerts(): Alert[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  const alerts: Alert[] = [];
  for (const path of walk(VENDOR_ALERTS).filter((p) => !p.endsWith('.sources.ndjson') && !p.endsWith('.md'))) {
    const bytes = readFileSync(path);
    const text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    ingestText(text, path, { alert: (a) => void alerts.push({ ...a, id: alerts.length }), problem: () => undefined });
  }
  return alerts;
}

/** The command templates (both variants) of a step. */
const templatesOf = (c: CommandTemplate): string[] => [c.command, ...(c.inContainer ? [c.inContainer] : [])];

function fieldsOf(steps: CommandTemplate[]): string[] {
  const fields = new Set<string>();
  for (const s of steps) for (const t of templatesOf(s)) for (const m of t.matchAll(PLACEHOLDER)) fields.add(m[1] ?? '');
  return [...fields].filter((f) => !f.startsWith('@'));
}

/** A plausible value for a field, so every template can be filled. */
function plausible(field: string): string {
  if (/^(proc\.(exepath|pexepath)|fd\.name|evt\.arg\.\w+)$/.test(field)) return '/usr/local/bin/agent';
  if (/\.(pid|ppid|rport|lport|loginuid|uid)$/.test(field)) return '4242';
  if (/ip$|\.(sip|rip|srcip|callerIP)$/i.test(field)) return '203.0.113.7';
  if (field === 'ct.region') return 'eu-west-1';
  if (field === 'container.id') return 'f00dbabe1234';
  if (field === 'github.repo.name') return 'acme/app';
  if (field === 'github.workflow.filename') return '.github/workflows/ci.yml';
  return `${field.replace(/[^a-z0-9]+/gi, '-')}-1`.toLowerCase();
}

/** Values an attacker chooses: options in disguise, quotes, substitutions, newlines. */
const HOSTILE_VALUES = ['--server=https://attacker.example:6443', `-x'; touch pwned; echo '$(touch pwned)\`touch pwned\`\na" "$HOME`];

interface Case {
  source: string;
  alert: Alert;
  steps: CommandTemplate[];
}

function alertWith(source: string, rule: string, fields: string[], value: (f: string) => string, where: 'host' | 'container'): Alert {
  const outputFields: Record<string, string> = {};
  for (const f of fields) outputFields[f] = value(f);
  outputFields['container.id'] = where === 'host' ? 'host' : value('container.id');
  return makeAlert({ rule, source, outputFields, hostname: 'node-1' });
}

const SOURCES = ['syscall', 'k8s_audit', 'aws_cloudtrail', 'gcp_auditlog', 'okta', 'github'];

/** Every playbook (and the generic content of each source) against plausible and hostile alerts. */
function syntheticCases(): Case[] {
  const cases: Case[] = [];
  const content = [
    ...ALL_PLAYBOOKS.map((p) => ({ rule: p.rules[0] ?? p.title, source: 'syscall', steps: p.investigate })),
    ...SOURCES.map((source) => ({ rule: 'Custom rule', source, steps: genericContent(makeAlert({ source })).investigate })),
  ];
  for (const { rule, source, steps } of content) {
    const fields = fieldsOf(steps);
    for (const where of ['container', 'host'] as const) {
      cases.push({ source, steps, alert: alertWith(source, rule, fields, plausible, where) });
      for (const h of HOSTILE_VALUES) {
        cases.push({ source, steps, alert: alertWith(source, rule, fields, (f) => (f === 'container.id' ? 'f00dbabe1234' : h), where) });
      }
    }
  }
  return cases;
}

function vendoredCases(): Case[] {
  return vendoredAlerts().map((alert) => ({
    source: alert.source,
    alert,
    steps: playbookForRule(alert.rule)?.investigate ?? genericContent(alert).investigate,
  }));
}

// ---------------------------------------------------------------- the commands

interface Printed {
  command: string;
  /** Alert values starting with `-` in the alert that printed it. */
  dash: string[];
  origin: string;
}

function printed(cases: Case[]): Printed[] {
  const seen = new Map<string, Printed>();
  for (const c of cases) {
    const values = Object.values(c.alert.outputFields).map(String);
    const dash = values.filter((v) => v.startsWith('-'));
    for (const step of nextSteps(c.steps, c.alert)) {
      const prev = seen.get(step.command);
      if (prev) prev.dash = [...new Set([...prev.dash, ...dash])];
      else seen.set(step.command, { command: step.command, dash, origin: `${c.alert.rule} (${c.source})` });
    }
  }
  return [...seen.values()];
}

/** The analyst-supplied variables commands may use, always as `${NAME:?what to set}`. */
function suppliedVariables(commands: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const c of commands) for (const m of c.matchAll(/\$\{([A-Z][A-Z0-9_]*):\?/g)) env[m[1] ?? ''] = `stub-${m[1]}`;
  return env;
}

const ALL = printed([...syntheticCases(), ...vendoredCases()]);
const COMMANDS = ALL.map((p) => p.command);

/** One stub run shared by the tests that read it (it forks a process or two per command). */
let stubResult: ReturnType<typeof runWithStubs> | undefined;
function stubRun(): ReturnType<typeof runWithStubs> {
  stubResult ??= runWithStubs(COMMANDS, suppliedVariables(COMMANDS));
  return stubResult;
}

describe('every command a report can print', () => {
  it('covers every step of every playbook', () => {
    // each template is printed for at least one of the synthetic alerts
    expect(COMMANDS.length).toBeGreaterThan(ALL_PLAYBOOKS.length * 2);
    const missing: string[] = [];
    for (const p of ALL_PLAYBOOKS) {
      for (const s of p.investigate) {
        const fields = fieldsOf([s]);
        for (const where of ['container', 'host'] as const) {
          const alert = alertWith('syscall', p.rules[0] ?? '', fields, plausible, where);
          if (fillStep(s, alert)) continue;
          const other = alertWith('syscall', p.rules[0] ?? '', fields, plausible, where === 'host' ? 'container' : 'host');
          if (!fillStep(s, other)) missing.push(`${p.id}: ${s.command}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('parses with bash -n, for plausible, hostile and vendored alerts', { timeout: 300_000 }, () => {
    const bad = syntaxErrors(COMMANDS).map((e) => `${ALL[e.index]?.origin}: ${COMMANDS[e.index]}\n  ${e.message}`);
    expect(bad).toEqual([]);
  });

  it('quotes every expansion: no unquoted $(...), backtick or $VAR outside an assignment (word splitting, globbing)', () => {
    const bad = COMMANDS.flatMap((c, i) => unquotedExpansions(c).map((e) => `${ALL[i]?.origin}: ${e} in ${c}`));
    expect(bad).toEqual([]);
  });

  it('has no hole: no <field>, no unfilled ⟦placeholder⟧', () => {
    expect(COMMANDS.filter((c) => /<[a-z][\w.]*(\[\d+\])?>/.test(c) || /[\u27E6\u27E7]/.test(c))).toEqual([]);
  });

  it('runs against stub tools with set -u: no unbound variable, no unknown command, nothing injected', { timeout: 300_000 }, () => {
    const result = stubRun();
    const bad = result.errors.map((e, i) => (e ? `${ALL[i]?.command ?? ''}\n  ${e.trim()}` : '')).filter(Boolean);
    expect(bad).toEqual([]);
  });

  it('passes each tool only options it has, and no alert value where options are read', { timeout: 300_000 }, () => {
    const result = stubRun();
    const problems: string[] = [];
    result.calls.forEach((calls, i) => {
      for (const call of calls) problems.push(...checkCall(call.argv, TOOL_OPTIONS, ALL[i]?.dash ?? []));
    });
    // one line per kind of problem, with the first command that shows it
    const byKind = new Map<string, string>();
    for (const p of problems) if (!byKind.has(p.split(' — in: ')[0] ?? p)) byKind.set(p.split(' — in: ')[0] ?? p, p);
    expect([...byKind.values()]).toEqual([]);
    // the stubs really ran: kubectl, crictl, aws, gcloud, gh, curl, jq, find, getent, journalctl, docker were all called
    const called = new Set(result.calls.flat().map((c) => c.argv[0]));
    for (const tool of ['kubectl', 'crictl', 'aws', 'gcloud', 'gh', 'curl', 'jq', 'find', 'getent', 'journalctl', 'docker']) expect(called, tool).toContain(tool);
  });
});

describe('filling a command', () => {
  const alert = makeAlert({
    outputFields: { 'k8s.ns.name': '--server=https://attacker.example:6443', 'k8s.pod.name': '-x', 'container.id': 'host', 'user.loginuid': -1, 'fd.name': '-rf' },
  });

  it('rejects a value starting with - where it would begin a word before --', () => {
    expect(fillCommand('kubectl get pods ⟦k8s.ns.name⟧', alert).rejected).toEqual(['k8s.ns.name']);
    expect(fillCommand('kubectl exec ⟦k8s.pod.name⟧ -- ls -- ⟦fd.name⟧', alert).rejected).toEqual(['k8s.pod.name']);
    // kubectl exec's own -- ends kubectl's options, not those of the command it runs
    expect(fillCommand('kubectl exec pod -- ls ⟦fd.name⟧', alert).rejected).toEqual(['fd.name']);
    // so do nsenter's and sudo's
    expect(fillCommand('nsenter -t 1 -m -- ls ⟦fd.name⟧', alert).rejected).toEqual(['fd.name']);
    expect(fillCommand('sudo -- ls -- ⟦fd.name⟧', alert).rejected).toEqual([]);
  });

  it('passes it after -- or glued to an option', () => {
    expect(fillCommand('kubectl get --namespace=⟦k8s.ns.name⟧ -- pod ⟦k8s.pod.name⟧', alert)).toEqual({
      command: 'kubectl get --namespace=--server=https://attacker.example:6443 -- pod -x',
      missing: [],
      rejected: [],
    });
  });

  it('leaves tool braces alone: jsonpath is not a placeholder', () => {
    const jsonpath = makeAlert({ outputFields: { 'k8s.ns.name': 'prod', 'k8s.pod.name': 'api-1' } });
    expect(fillCommand("kubectl get --namespace=⟦k8s.ns.name⟧ --output='jsonpath={.spec.nodeName}' -- pod ⟦k8s.pod.name⟧", jsonpath).command).toBe(
      "kubectl get --namespace=prod --output='jsonpath={.spec.nodeName}' -- pod api-1",
    );
  });

  it('leaves tool syntax alone: jsonpath range, Go templates, jq and awk braces survive filling', () => {
    const a = makeAlert({ outputFields: { 'k8s.ns.name': 'prod', 'container.id': 'f00dbabe1234' } });
    const jsonpathRange = kubectl.get({ kind: 'pods', ns: field('k8s.ns.name'), output: 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}' });
    expect(fillCommand(jsonpathRange, a)).toEqual({
      command: `kubectl get --namespace=prod --output='jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}' -- pods`,
      missing: [],
      rejected: [],
    });
    // Go templates use double braces, the old placeholder syntax: they must not be taken for fields
    const goTemplate = words('docker inspect', opt('--format', '{{.State.Pid}} {{ .Config.Image }} {{json .Mounts}}'), '--', word(field('container.id')));
    expect(fillCommand(goTemplate, a)).toEqual({
      command: "docker inspect --format='{{.State.Pid}} {{ .Config.Image }} {{json .Mounts}}' -- f00dbabe1234",
      missing: [],
      rejected: [],
    });
    const crictlTemplate = `crictl inspect --output=go-template --template='{{.info.pid}}' ${word(field('container.id'))}`;
    expect(fillCommand(crictlTemplate, a).command).toBe("crictl inspect --output=go-template --template='{{.info.pid}}' f00dbabe1234");
    expect(fillCommand("ps -ef | awk '{print $2}' ; echo ${HOME:?}", a).command).toBe("ps -ef | awk '{print $2}' ; echo ${HOME:?}");
  });

  it('never takes a bracket for a placeholder in a literal word or a filled value', () => {
    expect(() => word('⟦k8s.ns.name⟧')).toThrow(/placeholder bracket/);
    // a value holding the brackets is filled once, as text: no second pass reads it
    const a = makeAlert({ outputFields: { 'k8s.ns.name': '⟦k8s.pod.name⟧', 'k8s.pod.name': 'secret' } });
    expect(fillCommand(kubectl.get({ kind: 'pods', ns: field('k8s.ns.name') }), a).command).toBe("kubectl get --namespace='⟦k8s.pod.name⟧' -- pods");
  });

  it('anchors time windows to the alert', () => {
    const at = makeAlert({ time: '2024-08-07T13:49:51.703321833Z', timeMs: Date.parse('2024-08-07T13:49:51.703Z') });
    expect(fillCommand('x --since-time=⟦@time-10m⟧ --until=⟦@time+1h⟧', at).command).toBe('x --since-time=2024-08-07T13:39:51Z --until=2024-08-07T14:49:51Z');
    expect(fillCommand('journalctl --since=⟦@journal-10m⟧', at).command).toBe("journalctl --since='2024-08-07 13:39:51 UTC'");
    expect(fillCommand('x ⟦@time⟧', makeAlert({ timeMs: Number.NaN })).missing).toEqual(['@time']);
  });

  it('omits what does not apply: loginuid -1, container commands on the host, host commands in a container', () => {
    expect(fillStep({ title: 't', command: 'getent passwd ⟦user.loginuid⟧' }, alert)).toBeNull();
    expect(fillStep({ title: 't', command: 'crictl inspect ⟦container.id⟧' }, alert)).toBeNull();
    const both = { title: 't', command: 'ls -la /etc', inContainer: 'crictl exec ⟦container.id⟧ ls -la /etc' };
    expect(fillStep(both, alert)?.command).toBe('ls -la /etc');
    expect(fillStep(both, makeAlert({ outputFields: { 'container.id': 'f00dbabe1234' } }))?.command).toBe('crictl exec f00dbabe1234 ls -la /etc');
    expect(fillStep(both, makeAlert())).toBeNull();
    expect(fillStep({ title: 't', command: 'last -F', where: 'host' }, makeAlert({ outputFields: { 'container.id': 'f00dbabe1234' } }))).toBeNull();
  });

  it('prints no step with a hole for a generic report', () => {
    const steps = nextSteps(genericContent(makeAlert()).investigate, makeAlert());
    for (const s of steps) expect(s.command).not.toMatch(/<[a-z.]+>/);
  });
});

describe('the command harness itself', () => {
  it('records argv, and reports unknown commands, unbound variables and created files', () => {
    const r = runWithStubs(['kubectl get --namespace=a -- pod "b c"', 'rm -rf x', 'echo "$NOT_SET"', 'cat >pwned </dev/null'], {});
    expect(r.calls[0]?.map((c) => c.argv)).toEqual([['kubectl', 'get', '--namespace=a', '--', 'pod', 'b c']]);
    expect(r.errors[1]).toMatch(/rm: command not found/);
    expect(r.errors[2]).toMatch(/NOT_SET: unbound variable/);
    expect(r.errors.at(-1)).toMatch(/files created by the commands: pwned/);
  });

  it('flags unknown options, unlisted subcommands and alert values in option position', () => {
    expect(checkCall(['kubectl', 'logs', '--since-time=x', '--', 'p'], TOOL_OPTIONS)).toEqual([]);
    expect(checkCall(['kubectl', 'logs', '--until=x', '--', 'p'], TOOL_OPTIONS)[0]).toMatch(/kubectl logs: no option --until/);
    expect(checkCall(['kubectl', 'frobnicate'], TOOL_OPTIONS)[0]).toMatch(/subcommand not in its option list/);
    expect(checkCall(['kubectl', 'get', 'pods', '--server=https://e.x'], TOOL_OPTIONS, ['--server=https://e.x'])[0]).toMatch(/alert value is read as an option/);
    expect(checkCall(['kubectl', 'get', '--', 'pods', '--server=https://e.x'], TOOL_OPTIONS, ['--server=https://e.x'])).toEqual([]);
    // the command kubectl exec runs is checked as its own program
    expect(checkCall(['kubectl', 'exec', 'p', '--', 'ls', '-rf'], TOOL_OPTIONS, ['-rf'])[0]).toMatch(/^ls: an alert value/);
    expect(checkCall(['find', '/', '-xdev', '-perm', '-4000', '-newerct', 'T'], TOOL_OPTIONS)).toEqual([]);
    expect(checkCall(['find', '/', '-mtime', '-7', '-frob'], TOOL_OPTIONS)[0]).toMatch(/find: no option -frob/);
  });
});
