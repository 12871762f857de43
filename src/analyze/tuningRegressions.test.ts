import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Alert } from '../model';
import { playbookForRule } from '../knowledge/playbooks';
import { makeAlert } from '../testing/alerts';
import { buildTuning } from './tuning';

/** The snippets an expert review found harmful on current main (issue 12), one row each. */

type Exception = { fields: string[]; comps: string[]; values: unknown[][] };
type Item = { rule?: string; list?: string; items?: string[]; exceptions?: Exception[] };

const tuningOf = (alert: Alert) => buildTuning(alert, playbookForRule(alert.rule));
const firstException = (yaml: string): Exception | undefined => (parse(yaml) as Item[] | null)?.[0]?.exceptions?.[0];
const allYaml = (alert: Alert) => {
  const t = tuningOf(alert);
  return `${t.yaml}\n${t.alternative?.yaml ?? ''}`;
};

describe('tuning the review found harmful is no longer printed', () => {
  it.each(['Create Privileged Pod', 'Create Sensitive Mount Pod', 'Create HostNetwork Pod', 'Create Disallowed Pod', 'Pod Created in Kube Namespace'])(
    '%s: ka.req.pod.containers.image (a list field) is compared with in and a list, never =',
    (rule) => {
      const alert = makeAlert({
        rule,
        source: 'k8s_audit',
        outputFields: {
          'ka.user.name': 'system:serviceaccount:kube-system:replicaset-controller',
          'ka.target.namespace': 'payments',
          'ka.req.pod.containers.image': '["registry.example/api:1.4","registry.example/proxy:2"]',
        },
      });
      const exception = firstException(tuningOf(alert).yaml)!;
      const i = exception.fields.indexOf('ka.req.pod.containers.image');
      expect(i).toBeGreaterThanOrEqual(0);
      expect(exception.comps[i]).toBe('in');
      expect(exception.values[0]![i]).toEqual(['registry.example/api:1.4', 'registry.example/proxy:2']);
    },
  );

  it.each([
    ['Falco internal: metrics snapshot', 'metrics.output_rule', /^metrics:\n {2}output_rule: false/],
    ['Falco internal: syscall event drop', 'syscall_event_drops', /^syscall_event_drops:\n/],
  ])('%s: the falco.yaml setting, never an override on a rule that does not exist', (rule, setting, yaml) => {
    const tuning = tuningOf(makeAlert({ rule, source: 'syscall', outputFields: {} }));
    expect(tuning.target).toBe('falco.yaml');
    expect(tuning.yaml).toMatch(yaml);
    expect(tuning.yaml).not.toMatch(/^- rule:/m);
    expect(tuning.explanation).toContain(setting);
  });

  it('Run shell untrusted from httpd: httpd is never added to user_known_shell_spawn_binaries', () => {
    const alert = makeAlert({
      rule: 'Run shell untrusted',
      outputFields: { 'proc.name': 'sh', 'proc.pname': 'httpd', 'proc.pexepath': '/usr/sbin/httpd', 'proc.cmdline': 'sh -c id', 'container.image.repository': 'registry.example/web' },
    });
    const yaml = allYaml(alert);
    expect(yaml).not.toContain('user_known_shell_spawn_binaries');
    expect(yaml).not.toContain('"httpd"');
    expect(yaml).not.toContain('"/usr/sbin/httpd"');
  });

  it('Read sensitive file untrusted by cat: cat is never added to read_sensitive_file_binaries, as the text itself says', () => {
    const alert = makeAlert({
      rule: 'Read sensitive file untrusted',
      outputFields: { 'proc.name': 'cat', 'proc.exepath': '/usr/bin/cat', 'fd.name': '/etc/shadow', 'container.image.repository': 'registry.example/app' },
    });
    const yaml = allYaml(alert);
    expect(playbookForRule(alert.rule)!.allowList!.note).toMatch(/never .*cat/);
    expect(yaml).not.toContain('read_sensitive_file_binaries');
    expect(yaml).not.toContain('"cat"');
  });

  it('Attach/Exec Pod: the pod owner, never ka.target.resource (always pods) with user and namespace alone', () => {
    const alert = makeAlert({
      rule: 'Attach/Exec Pod',
      source: 'k8s_audit',
      outputFields: { 'ka.user.name': 'kubernetes-admin', 'ka.target.namespace': 'default', 'ka.target.resource': 'pods', 'ka.target.name': 'nginx-676b6c5bbc-4xc6t' },
    });
    const exception = firstException(tuningOf(alert).yaml)!;
    expect(exception.fields).not.toContain('ka.target.resource');
    expect(exception.fields).toEqual(['ka.user.name', 'ka.target.namespace', 'ka.target.name']);
    expect(exception.comps).toEqual(['=', '=', 'startswith']);
    expect(exception.values[0]).toEqual(['kubernetes-admin', 'default', 'nginx-']);
  });

  it.each(['bin', 'vagrant'])('System user interactive as %s: never a single-field user.name exception', (user) => {
    const alert = makeAlert({ rule: 'System user interactive', outputFields: { 'user.name': user, 'proc.name': 'login', 'proc.exepath': '/bin/login' } });
    const exception = firstException(tuningOf(alert).yaml);
    if (exception) {
      expect(exception.fields).not.toEqual(['user.name']);
      expect(exception.fields).toContain('proc.exepath');
    }
  });

  it('Terminal shell in container: a cmdline with container:<hex> is left out, with the reason', () => {
    const alert = makeAlert({
      rule: 'Terminal shell in container',
      outputFields: { 'proc.cmdline': 'runc init container:8fbf0a6486b6', 'proc.name': 'bash', 'user.name': 'root', 'container.image.repository': 'registry.example/app' },
    });
    const tuning = tuningOf(alert);
    expect(tuning.yaml).not.toContain('container:8fbf0a6486b6');
    expect(firstException(tuning.yaml)!.fields).toContain('container.image.repository');
    expect(tuning.explanation).toContain('proc.cmdline (runc init container:8fbf0a6486b6 contains a container id');
  });

  it('a rule whose alert offers no stable workload gets no snippet, and the reason', () => {
    const alert = makeAlert({ rule: 'Terminal shell in container', outputFields: { 'proc.name': 'bash', 'container.id': '8fbf0a6486b6', 'user.name': 'root' } });
    const tuning = tuningOf(alert);
    expect(tuning.yaml).toBe('');
    expect(tuning.explanation).toMatch(/^No safe exception/);
    expect(tuning.explanation).toContain('proc.name (bash), as a general-purpose program');
  });
});
