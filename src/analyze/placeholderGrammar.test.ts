import { describe, expect, it } from 'vitest';
import type { CommandTemplate } from '../knowledge/types';
import { ALL_PLAYBOOKS } from '../knowledge/playbooks';
import { cmd, field, gh, kubectl } from '../knowledge/commands';
import { ENCODINGS } from '../knowledge/commands/placeholder';
import { makeAlert } from '../testing/alerts';
import { genericContent } from './generic';
import { PLACEHOLDER, fillCommand } from './fillTemplate';

/**
 * Values that go into a URL/API path or a Kubernetes selector are checked against the grammar
 * of the place (knowledge/commands/placeholder.ts): shell quoting keeps them one word, but
 * `gh api repos/'a/../../orgs/x'/hooks` still reaches another endpoint, and
 * `--field-selector=involvedObject.name='p,involvedObject.kind=Secret'` still adds a term.
 */

const SOURCES = ['syscall', 'k8s_audit', 'aws_cloudtrail', 'gcp_auditlog', 'okta', 'github'];

function everyTemplate(): { origin: string; template: string }[] {
  const steps: { origin: string; step: CommandTemplate }[] = [
    ...ALL_PLAYBOOKS.flatMap((p) => p.investigate.map((step) => ({ origin: p.id, step }))),
    ...Object.entries(cmd).map(([name, step]) => ({ origin: `cmd.${name}`, step })),
    ...SOURCES.flatMap((source) => genericContent(makeAlert({ source })).investigate.map((step) => ({ origin: `generic ${source}`, step }))),
  ];
  return steps.flatMap(({ origin, step }) => [step.command, step.inContainer ?? ''].filter(Boolean).map((template) => ({ origin, template })));
}

/** kubectl options whose value is a selector (label or field). */
const SELECTOR_OPTION = /^(--field-selector|--selector|-l)$/;

/** Where a placeholder sits: the part of its shell word before it, and the word before that. */
function placeOf(template: string, offset: number): { prefix: string; previous: string } {
  const before = template.slice(0, offset);
  const start = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\n')) + 1;
  const previous = before.slice(0, start).trimEnd().split(/\s+/).pop() ?? '';
  return { prefix: before.slice(start), previous };
}

describe('placeholders in URL paths and selectors', () => {
  it('carry a grammar wherever a value becomes a path segment or a selector value, in every template', () => {
    const unchecked: string[] = [];
    for (const { origin, template } of everyTemplate()) {
      for (const m of template.matchAll(PLACEHOLDER)) {
        if (m[1]?.startsWith('@')) continue;
        const { prefix, previous } = placeOf(template, m.index ?? 0);
        const inPath = prefix.includes('/');
        const kubectlWord = /\bkubectl\b/.test(template.slice(0, m.index ?? 0));
        const inSelector = kubectlWord && (/^(--field-selector|--selector|-l)=/.test(prefix) || SELECTOR_OPTION.test(previous));
        const grammar = m[2];
        if ((inPath || inSelector) && (grammar === undefined || grammar === 'dq')) unchecked.push(`${origin}: ${m[0]} in ${template}`);
      }
    }
    expect(unchecked).toEqual([]);
  });

  it('gh api: a repository name that changes the path is refused, a real owner/name is passed', () => {
    const step = gh.api(['repos/', field('github.repo.name', 'repo'), '/hooks']);
    for (const bad of ['acme/../../orgs/victim', '../x', 'acme/app/../../user', 'acme', 'acme/app?x=1', 'acme/app#f', 'acme/%2e%2e', 'acme/..', './app', 'acme/app/hooks']) {
      expect(fillCommand(step, makeAlert({ outputFields: { 'github.repo.name': bad } })).rejected, bad).toEqual(['github.repo.name']);
    }
    expect(fillCommand(step, makeAlert({ outputFields: { 'github.repo.name': 'acme-corp/app.v2_x' } })).command).toBe('gh api repos/acme-corp/app.v2_x/hooks');
  });

  it('a builder refuses a field after a / that has no path grammar, as the playbook is built', () => {
    expect(() => gh.api(['repos/', field('github.repo.name'), '/hooks'])).toThrow(/path grammar/);
    expect(() => gh.api(['orgs/', field('github.org', 'segment'), '/hooks'])).not.toThrow();
  });

  it('kubectl selectors: a , = or ! in a name cannot add or change a term', () => {
    const events = kubectl.events({ ns: field('k8s.ns.name'), name: field('k8s.pod.name') });
    const get = kubectl.get({ kind: 'pods', allNamespaces: true, fieldSelector: ['spec.nodeName=', field('ka.target.name', 'dnsname')] });
    for (const bad of ['api-1,involvedObject.kind=Secret', 'api-1,metadata.namespace!=x', 'a=b', 'a\\,b', 'a b']) {
      const alert = makeAlert({ outputFields: { 'k8s.ns.name': 'prod', 'k8s.pod.name': bad, 'ka.target.name': bad } });
      expect(fillCommand(events, alert).rejected, bad).toEqual(['k8s.pod.name']);
      expect(fillCommand(get, alert).rejected, bad).toEqual(['ka.target.name']);
    }
    const ok = makeAlert({ outputFields: { 'k8s.ns.name': 'prod', 'k8s.pod.name': 'api-7d9f-x2', 'ka.target.name': 'node-1.eu.internal' } });
    expect(fillCommand(events, ok).command).toContain('--field-selector=involvedObject.name=api-7d9f-x2');
    expect(fillCommand(get, ok).command).toContain('--field-selector=spec.nodeName=node-1.eu.internal');
  });

  it('grammars: each accepts the real shapes and refuses the path- or term-changing ones', () => {
    const table: [keyof typeof ENCODINGS, string[], string[]][] = [
      ['repo', ['falcosecurity/falco', 'a-b/c.d_e'], ['a/b/c', 'a/..', '../b', 'a', 'a/b c', 'a/%2f']],
      ['segment', ['octocat', 'my-org', 'user.name_1'], ['..', '.', 'a/b', 'a?b', 'a%2fb', '']],
      ['relpath', ['.github/workflows/ci.yml', 'ci.yml'], ['.github/../x', '/etc/passwd', 'a//b', 'a/./b', 'a?b']],
      ['dnsname', ['prod', 'api-1', 'node-1.eu.internal'], ['API', 'a,b', 'a_b', '-a', 'a.', 'system:x', 'x'.repeat(254)]],
      ['objname', ['system:controller:job-controller', 'cluster-admin', 'My.Role'], ['a,b', 'a=b', 'a!b', 'a b', 'a\\b', 'a(b)', '']],
      ['labelvalue', ['web', 'my_app.v1'], ['a,b', 'a=b', '-a', 'x'.repeat(64), '']],
      ['bucket', ['my-bucket', 'logs.example.com'], ['b/o', 'b*', 'a..b', 'B', 'ab/../c']],
      ['pid', ['1', '4242'], ['0', '-1', '12/../1', '1,2', 'self']],
    ];
    for (const [grammar, good, bad] of table) {
      for (const v of good) expect(ENCODINGS[grammar](v), `${grammar} ${v}`).toBe(v);
      for (const v of bad) expect(ENCODINGS[grammar](v), `${grammar} ${v}`).toBeUndefined();
    }
  });
});
