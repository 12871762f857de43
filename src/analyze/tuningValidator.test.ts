import { describe, expect, it } from 'vitest';
import { validateTuning, type TuningCheck } from './tuningValidator';
import { ruleSchemaCheck, vendoredRulesCatalog } from '../testing/vendorFalco';

const catalog = vendoredRulesCatalog();
const schema = ruleSchemaCheck();
const check = (yaml: string, reportText = '') => validateTuning(yaml, { catalog, schema, reportText });

/** A rule exception snippet (fields, comps and values as YAML flow text). */
const exception = (rule: string, fields: string, comps: string, values: string) =>
  `- rule: ${JSON.stringify(rule)}\n  exceptions:\n    - name: t\n      fields: ${fields}\n      comps: ${comps}\n      values:\n        - ${values}\n  override:\n    exceptions: append\n`;

const listAppend = (list: string, items: string) => `- list: ${list}\n  items: ${items}\n  override:\n    items: append\n`;

describe('validateTuning accepts safe snippets', () => {
  it.each([
    ['syscall exception on image and executable', exception('PTRACE attached to process', '[container.image.repository, proc.exepath]', '[=, =]', '["registry.example/debug", "/usr/bin/gdb"]')],
    ['k8s_audit list field with in and a list value', exception('Create Privileged Pod', '[ka.user.name, ka.target.namespace, ka.req.pod.containers.image]', '[=, =, in]', '["ci", "payments", ["registry.example/app:1"]]')],
    ['pod owner prefix with startswith', exception('Attach/Exec Pod', '[ka.user.name, ka.target.namespace, ka.target.name]', '[=, =, startswith]', '["alice", "payments", "web-"]')],
    ['list append of a dedicated agent', listAppend('known_ptrace_binaries', '["gdb"]')],
    [
      'single-field form (fields: one name, comps: in, values: flat list)',
      '- rule: PTRACE attached to process\n  exceptions:\n    - name: t\n      fields: container.image.repository\n      comps: in\n      values: ["registry.example/debug", "registry.example/profiler"]\n  override:\n    exceptions: append\n',
    ],
    ['argument field', exception('Read sensitive file untrusted', '[container.image.repository, "proc.aname[2]"]', '[=, =]', '["registry.example/agent", "agentd"]')],
    ['generic image paired with the namespace', exception('Read sensitive file untrusted', '[proc.name, container.image.repository, k8s.ns.name]', '[=, =, =]', '["backup", "docker.io/library/alpine", "backups"]')],
    ['generic image paired with an installed executable', exception('Read sensitive file untrusted', '[container.image.repository, proc.exepath]', '[=, =]', '["busybox", "/opt/backup/bin/backup"]')],
  ])('%s', (_name, yaml) => {
    expect(check(yaml)).toEqual([]);
  });
});

/** One row per check: a snippet that breaks exactly that check. */
const BAD: readonly [TuningCheck, string, string, string?][] = [
  ['yaml', 'not YAML', '- rule: [unclosed'],
  ['yaml', 'not a list of items', 'rule: PTRACE attached to process'],
  ['schema', 'unknown key per rule-schema.json', `${listAppend('known_ptrace_binaries', '["gdb"]')}  colour: red\n`],
  ['syntax', 'deprecated append', '- list: known_ptrace_binaries\n  items: ["gdb"]\n  append: true\n'],
  ['syntax', 'redefines an upstream list', '- list: known_ptrace_binaries\n  items: ["gdb"]\n'],
  ['target', 'override on a rule that is not loaded', exception('No Such Rule', '[container.image.repository]', '[=]', '["x"]')],
  ['target', 'list append to a list that is not loaded', listAppend('no_such_list', '["gdb"]')],
  ['target', 'macro override of a macro that is not loaded', '- macro: no_such_macro\n  condition: (never_true)\n  override:\n    condition: replace\n'],
  ['internal', 'override on the metrics snapshot', '- rule: "Falco internal: metrics snapshot"\n  enabled: false\n  override:\n    enabled: replace\n'],
  ['field', 'syscall field on a k8s_audit rule', exception('Attach/Exec Pod', '[ka.user.name, proc.exepath]', '[=, =]', '["alice", "/bin/x"]')],
  ['field', 'argument on a field that takes none', exception('PTRACE attached to process', '["proc.exepath[1]"]', '[=]', '["/usr/bin/gdb"]')],
  ['operator', '= on a list field', exception('Create Privileged Pod', '[ka.user.name, ka.req.pod.containers.image]', '[=, =]', '["ci", "nginx"]')],
  ['operator', 'in with a single value', exception('PTRACE attached to process', '[proc.exepath]', '[in]', '["/usr/bin/gdb"]')],
  ['operator', 'numeric operator on a string field', exception('PTRACE attached to process', '[proc.exepath]', '[bcontains]', '["/usr/bin/gdb"]')],
  ['pairing', 'identity alone (single user.name)', exception('System user interactive', '[user.name]', '[=]', '["bin"]')],
  ['pairing', 'audit exception without identity', exception('Create Privileged Pod', '[ka.target.namespace]', '[=]', '["payments"]')],
  ['pairing', 'user, namespace of the actor-less kind: resource alone is no workload', exception('Attach/Exec Pod', '[ka.user.name, ka.target.resource]', '[=, =]', '["kubernetes-admin", "pods"]')],
  ['pairing', 'a generic image as the only workload (anyone can run alpine)', exception('Read sensitive file untrusted', '[proc.name, container.image.repository]', '[=, =]', '["backup", "docker.io/library/alpine:3.19"]')],
  ['pairing', 'generic images as the only workload of a pod', exception('Create Privileged Pod', '[ka.user.name, ka.req.pod.containers.image]', '[=, in]', '["ci", ["busybox", "nginx:1.27"]]')],
  ['pairing', 'an executable in a temporary directory (anyone can write there)', exception('Read sensitive file untrusted', '[proc.name, proc.exepath]', '[=, =]', '["agent", "/tmp/agent"]')],
  ['volatile', 'container id field', exception('Terminal shell in container', '[container.image.repository, container.id]', '[=, =]', '["app", "8fbf0a6486b6"]')],
  ['volatile', 'container:<hex> in a command line', exception('Terminal shell in container', '[container.image.repository, proc.cmdline]', '[=, =]', '["app", "runc init container:8fbf0a6486b6"]')],
  ['volatile', 'generated pod name with =', exception('Attach/Exec Pod', '[ka.user.name, ka.target.name]', '[=, =]', '["alice", "web-7d9f8b6c5-x2kq9"]')],
  ['volatile', 'process id', exception('PTRACE attached to process', '[proc.exepath, proc.pid]', '[=, =]', '["/usr/bin/gdb", "4242"]')],
  ['volatile', 'event number', exception('PTRACE attached to process', '[proc.exepath, evt.num]', '[=, =]', '["/usr/bin/gdb", "99"]')],
  ['never-allow', 'web server appended to a shell-spawn list', listAppend('user_known_shell_spawn_binaries', '["httpd"]')],
  ['never-allow', 'coreutil appended to a sensitive-file list', listAppend('read_sensitive_file_binaries', '["cat"]')],
  ['never-allow', 'exception on a shell by name', exception('Terminal shell in container', '[container.image.repository, proc.name]', '[=, =]', '["app", "bash"]')],
  ['never-allow', 'sudo by path', exception('PTRACE attached to process', '[proc.exepath]', '[=]', '["/usr/bin/sudo"]')],
  [
    'self-contradiction',
    'allow-lists what the report says never to add',
    listAppend('known_ptrace_binaries', '["strace"]'),
    'Append a dedicated debugger your team uses; never add strace, it is what attackers reach for.',
  ],
];

describe('validateTuning rejects each kind of bad snippet', () => {
  it.each(BAD.map(([checkId, name, yaml, text]) => [`${checkId}: ${name}`, checkId, yaml, text] as const))('%s', (_name, checkId, yaml, text) => {
    const problems = check(yaml, text ?? '');
    expect(problems.map((p) => p.check), JSON.stringify(problems)).toContain(checkId);
    for (const p of problems) expect(p.item.length).toBeGreaterThan(0);
  });

  it('names the rule or list at fault and the reason', () => {
    const [problem] = check(exception('Create Privileged Pod', '[ka.user.name, ka.target.namespace, ka.req.pod.containers.image]', '[=, =, =]', '["ci", "ns", "nginx"]'));
    expect(problem).toEqual({
      check: 'operator',
      item: 'rule "Create Privileged Pod" exception "t"',
      reason: 'ka.req.pod.containers.image is a list field: compare it with in or intersects, never =',
    });
  });

  it('points Falco internal events at their falco.yaml setting', () => {
    const [problem] = check('- rule: "Falco internal: syscall event drop"\n  enabled: false\n  override:\n    enabled: replace\n');
    expect(problem!.reason).toContain('syscall_event_drops.actions');
  });
});
