import { describe, it, expect } from 'vitest';
import {
  buildCatalog,
  buildIndex,
  generate,
  namesIn,
  normalisePriority,
  parseRulesFiles,
  referencesIn,
  renderIndex,
  type RulesFileText,
} from './ruleCatalogBuilder';

const BASE: RulesFileText = {
  file: 'falco_rules.yaml',
  text: `# comment
- required_engine_version: 0.57.0

- list: shell_binaries
  items: [bash, sh, zsh]

- list: login_binaries
  items: [login, shell_binaries, "su"]

- macro: spawned_process
  condition: (evt.type in (execve, execveat) and evt.dir=<)

- macro: shell_procs
  condition: proc.name in (shell_binaries)

- macro: never_true
  condition: (evt.num=0)

- macro: rename
  condition: (evt.type in (rename, renameat))

- macro: user_expected_terminal
  condition: (never_true)

- rule: Terminal shell in container
  desc: >
    A shell was used as the entrypoint
    or exec point.
  condition: >
    spawned_process and shell_procs and proc.tty != 0
    and not user_expected_terminal and not evt.type in (rename)
  output: "A shell was spawned (user=%user.name shell=%proc.name parent=%proc.aname[2]) "
  priority: NOTICE
  tags: [container, shell, mitre_execution, T1059]

- rule: Quoted names are values
  desc: x
  condition: proc.name = "shell_procs" and fd.name startswith /etc/shell_binaries and proc.aname[login_binaries] = x and k8s.ns.name=login_binaries.x
  output: "%proc.name"
  priority: warning
  enabled: false
  source: syscall
`,
};

const OVERLAY: RulesFileText = {
  file: 'plugins/overlay.yaml',
  text: `- macro: shell_procs
  condition: proc.name in (login_binaries)

- rule: Terminal shell in container
  exceptions:
    - name: robot
      fields: [user.name]
      values: [[robot]]
  override:
    exceptions: append

- rule: Overlay rule
  desc: uses its own shell_procs
  condition: shell_procs
  output: "x=%proc.name"
  priority: ERROR
  source: k8s_audit
`,
};

const EMPTY: RulesFileText = { file: 'archive/application_rules.yaml', text: '# every rule commented out\n# - rule: x\n' };

describe('buildIndex', () => {
  const index = buildIndex(parseRulesFiles([BASE, EMPTY, OVERLAY]));

  it('has one entry per rule item, in file order, with Falco defaults made explicit', () => {
    expect(index.map((e) => [e.file, e.rule])).toEqual([
      ['falco_rules.yaml', 'Terminal shell in container'],
      ['falco_rules.yaml', 'Quoted names are values'],
      ['plugins/overlay.yaml', 'Terminal shell in container'],
      ['plugins/overlay.yaml', 'Overlay rule'],
    ]);
    expect(index[0]).toEqual({
      rule: 'Terminal shell in container',
      file: 'falco_rules.yaml',
      priority: 'NOTICE',
      source: 'syscall',
      tags: ['container', 'shell', 'mitre_execution', 'T1059'],
      enabled: null,
      output: 'A shell was spawned (user=%user.name shell=%proc.name parent=%proc.aname[2])',
      desc: 'A shell was used as the entrypoint or exec point.',
    });
    expect(index[1]).toMatchObject({ priority: 'warning', enabled: false });
  });

  it('keeps override-only items with nulls and their override', () => {
    expect(index[2]).toEqual({
      rule: 'Terminal shell in container',
      file: 'plugins/overlay.yaml',
      priority: null,
      source: 'syscall',
      tags: [],
      enabled: null,
      output: null,
      desc: null,
      override: { exceptions: 'append' },
    });
  });

  it('renders with one-space indent and no final newline (the committed format)', () => {
    const json = renderIndex(index.slice(0, 1));
    expect(json.startsWith('[\n {\n  "rule": "Terminal shell in container",\n')).toBe(true);
    expect(json.endsWith('\n }\n]')).toBe(true);
  });

  it('rejects a rules file that is not a YAML sequence', () => {
    expect(() => parseRulesFiles([{ file: 'bad.yaml', text: 'rule: x\n' }])).toThrow(/bad\.yaml/);
  });
});

describe('buildCatalog', () => {
  const catalog = buildCatalog(parseRulesFiles([BASE, EMPTY, OVERLAY]));

  it('takes the first full definition of a rule and normalises its priority', () => {
    expect(Object.keys(catalog)).toEqual(['Terminal shell in container', 'Quoted names are values', 'Overlay rule']);
    expect(catalog['Terminal shell in container']).toMatchObject({
      source: 'syscall',
      priority: 'Notice',
      file: 'falco_rules.yaml',
      enabled: true,
      outputFields: ['user.name', 'proc.name', 'proc.aname[2]'],
    });
    expect(catalog['Quoted names are values']).toMatchObject({ priority: 'Warning', enabled: false });
  });

  it('follows macros transitively, and lists named inside lists', () => {
    expect(catalog['Terminal shell in container']).toMatchObject({
      macros: ['never_true', 'shell_procs', 'spawned_process', 'user_expected_terminal'],
      lists: ['shell_binaries'],
    });
  });

  it('ignores names inside quotes, paths, field arguments and field names', () => {
    expect(catalog['Quoted names are values']).toMatchObject({ macros: [], lists: [] });
  });

  it("resolves a name in the rule's own file first, then in the files loaded before it", () => {
    // The overlay's shell_procs consults login_binaries, which names shell_binaries (from the base file).
    expect(catalog['Overlay rule']).toMatchObject({
      source: 'k8s_audit',
      priority: 'Error',
      macros: ['shell_procs'],
      lists: ['login_binaries', 'shell_binaries'],
    });
  });
});

describe('referencesIn', () => {
  it('tells values of set operators (lists only) from bare names (macros or lists)', () => {
    expect(referencesIn('spawned_process and proc.name in (bash, shell_binaries) and not fd.name pmatch (dirs) and never_true')).toEqual({
      bare: ['spawned_process', 'and', 'and', 'not', 'and', 'never_true'],
      values: ['bash', 'shell_binaries', 'dirs'],
    });
  });
});

describe('namesIn', () => {
  it('lists bare words only', () => {
    expect(namesIn(`a and not (b) and proc.name in (c, 'd') and fd.name glob /x/e* and ka.uri.param[f]=g`)).toEqual([
      'a', 'and', 'not', 'b', 'and', 'in', 'c', 'and', 'glob', 'and', 'g',
    ]);
  });
});

describe('normalisePriority', () => {
  it.each([['WARNING', 'Warning'], ['info', 'Informational'], ['Critical', 'Critical'], ['odd', 'odd']])('%s', (p, want) => {
    expect(normalisePriority(p)).toBe(want);
  });
});

describe('generate', () => {
  it('gives the index text, the catalog module and the rule count from the same texts', () => {
    const out = generate([BASE, OVERLAY]);
    expect(out.rules).toBe(3);
    expect(JSON.parse(out.indexJson)).toHaveLength(4);
    expect(out.catalogTs).toContain('"Overlay rule": {"source":"k8s_audit","priority":"Error"');
    expect(out.catalogTs).toMatch(/^\/\/ GENERATED by scripts\/gen-rule-catalog\.ts/);
  });
});
