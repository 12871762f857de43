import { describe, expect, it } from 'vitest';
import type { ProcessNode } from '../../model';
import { makeAlert } from '../../testing/alerts';
import { ELIDED_NAME, ancestryOf, countNodes, mergeAncestries } from './processTree';

const shellAlert = makeAlert({
  outputFields: {
    'proc.name': 'bash',
    'proc.pid': 4242,
    'proc.exepath': '/bin/bash',
    'proc.cmdline': 'bash -i',
    'proc.sid': 4200,
    'proc.vpgid': 4242,
    'proc.pname': 'runc',
    'proc.ppid': 4100,
    'proc.pcmdline': 'runc init',
    'proc.aname[2]': 'containerd-shim',
    'proc.apid[2]': 900,
    'proc.aname[3]': 'systemd',
    'proc.apid[3]': 1,
  },
});

/** Node names down the first branch, for readable assertions. */
function path(nodes: ProcessNode[]): string[] {
  const out: string[] = [];
  for (let n = nodes[0]; n; n = n.children[0]) out.push(n.pid ? `${n.name}(${n.pid})` : n.name);
  return out;
}

const inc = (id: string) => ({ id, rule: `rule ${id}`, priority: 'Notice' as const, count: 1 });

describe('ancestryOf', () => {
  it('orders the chain from the oldest ancestor to the alerting process, with its session and group', () => {
    const chain = ancestryOf(shellAlert);
    expect(chain.map((s) => `${s.name}:${s.pid}`)).toEqual(['systemd:1', 'containerd-shim:900', 'runc:4100', 'bash:4242']);
    expect(chain[2]).toMatchObject({ cmdline: 'runc init' });
    expect(chain[3]).toMatchObject({ exepath: '/bin/bash', cmdline: 'bash -i', sid: '4200', vpgid: '4242' });
  });

  it('stops at the first ancestor level the alert did not print, and ignores <NA>', () => {
    const alert = makeAlert({ outputFields: { 'proc.name': 'curl', 'proc.pname': '<NA>', 'proc.aname[1]': 'sh', 'proc.aname[3]': 'init' } });
    expect(ancestryOf(alert).map((s) => s.name)).toEqual(['sh', 'curl']);
  });

  it('is empty for an alert that names no process (audit sources)', () => {
    expect(ancestryOf(makeAlert({ outputFields: { 'ka.user.name': 'admin' } }))).toEqual([]);
  });
});

describe('mergeAncestries', () => {
  it('merges chains that share processes into one tree and marks where each incident alerted', () => {
    const curl = makeAlert({ outputFields: { 'proc.name': 'curl', 'proc.pid': 5000, 'proc.pname': 'bash', 'proc.ppid': 4242, 'proc.aname[2]': 'runc', 'proc.apid[2]': 4100 } });
    const roots = mergeAncestries([
      { incident: inc('shell'), chain: ancestryOf(shellAlert) },
      { incident: inc('curl'), chain: ancestryOf(curl) },
    ]);
    expect(roots).toHaveLength(1);
    expect(path(roots)).toEqual(['systemd(1)', 'containerd-shim(900)', 'runc(4100)', 'bash(4242)', 'curl(5000)']);
    const bash = roots[0]!.children[0]!.children[0]!.children[0]!;
    expect(bash.incidents.map((i) => i.id)).toEqual(['shell']);
    expect(bash.children[0]!.incidents.map((i) => i.id)).toEqual(['curl']);
    expect(countNodes(roots)).toBe(5);
  });

  it('hangs chains that do not reach init, and share no known process, under a placeholder', () => {
    const lone = makeAlert({ outputFields: { 'proc.name': 'nc', 'proc.pid': 77, 'proc.pname': 'python3', 'proc.ppid': 70 } });
    const roots = mergeAncestries([
      { incident: inc('shell'), chain: ancestryOf(shellAlert) },
      { incident: inc('nc'), chain: ancestryOf(lone) },
    ]);
    expect(roots.map((r) => r.name)).toEqual(['systemd', ELIDED_NAME]);
    expect(roots[1]!.elided).toBe(true);
    expect(path([roots[1]!])).toEqual([ELIDED_NAME, 'python3(70)', 'nc(77)']);
  });

  it('keeps two processes of the same name apart when their pids differ', () => {
    const a = makeAlert({ outputFields: { 'proc.name': 'sh', 'proc.pid': 10, 'proc.pname': 'init', 'proc.ppid': 1 } });
    const b = makeAlert({ outputFields: { 'proc.name': 'sh', 'proc.pid': 11, 'proc.pname': 'init', 'proc.ppid': 1 } });
    const roots = mergeAncestries([
      { incident: inc('a'), chain: ancestryOf(a) },
      { incident: inc('b'), chain: ancestryOf(b) },
    ]);
    expect(roots).toHaveLength(1);
    expect(roots[0]!.children.map((c) => c.key)).toEqual(['10:sh', '11:sh']);
  });
});
