import { describe, expect, it } from 'vitest';
import { isNeverAllowProgram, isVolatileField, podOwnerPrefix, volatileValueReason } from './exceptionPolicy';

describe('podOwnerPrefix', () => {
  it.each([
    ['web-7d9f8b6c5-x2kq9', 'web-'], // Deployment: ReplicaSet hash + pod suffix
    ['nginx-676b6c5bbc-4xc6t', 'nginx-'],
    ['node-agent-x2kq9', 'node-agent-'], // DaemonSet or Job
    ['falco-74htl', 'falco-'],
    ['postgres-0', undefined], // StatefulSet pods keep their names
    ['kube-proxy', undefined], // a vowel: not a generated suffix
    ['my-bare-pod', undefined],
  ])('%s -> %s', (name, prefix) => {
    expect(podOwnerPrefix(name)).toBe(prefix);
  });
});

describe('volatile fields and values', () => {
  it.each(['container.id', 'proc.pid', 'proc.vpid', 'evt.num', 'evt.time', 'evt.rawtime.s', 'evt.arg.fd', 'ka.auditid', 'k8s.pod.uid'])('%s is volatile', (field) => {
    expect(isVolatileField(field)).toBe(true);
  });

  it.each(['proc.exepath', 'container.image.repository', 'evt.type', 'evt.arg.flags', 'user.name', 'ka.target.namespace'])('%s is stable', (field) => {
    expect(isVolatileField(field)).toBe(false);
  });

  it.each([
    ['proc.cmdline', 'runc init container:8fbf0a6486b6'],
    ['proc.cmdline', 'crictl exec -it 3ad7b26ded6d8e7b23da sh'],
    ['fd.name', '/proc/4242/environ'],
    ['ka.target.name', 'web-7d9f8b6c5-x2kq9'],
    ['k8s.pod.name', 'falco-74htl'],
    ['evt.arg.flags', '12345'],
  ])('%s = %s is volatile', (field, value) => {
    expect(volatileValueReason(field, value)).toBeDefined();
  });

  it.each([
    ['proc.cmdline', 'nginx -g daemon off;'],
    ['fd.name', '/etc/shadow'],
    ['ka.target.name', 'postgres-0'],
    ['container.image.repository', 'registry.example/app'],
  ])('%s = %s is stable', (field, value) => {
    expect(volatileValueReason(field, value)).toBeUndefined();
  });
});

describe('isNeverAllowProgram', () => {
  it.each(['bash', '/bin/sh', 'httpd', '/usr/sbin/nginx', 'cat', 'curl', 'sudo', 'python3', 'python3.11', '/usr/bin/busybox'])('%s', (v) => {
    expect(isNeverAllowProgram(v)).toBe(true);
  });
  it.each(['gdb', '/usr/bin/falco', 'payment-agent', 'kubelet'])('not %s', (v) => {
    expect(isNeverAllowProgram(v)).toBe(false);
  });
});
