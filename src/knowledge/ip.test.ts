import { describe, expect, it } from 'vitest';
import { classifyIp, isPrivateIp } from './ip';

describe('classifyIp', () => {
  it.each([
    ['10.1.2.3', 'private', true],
    ['172.16.0.1', 'private', true],
    ['172.32.0.1', 'public', false],
    ['192.168.1.1', 'private', true],
    ['127.0.0.1', 'loopback', true],
    ['169.254.169.254', 'metadata', true],
    ['169.254.1.1', 'link-local', true],
    ['100.64.0.1', 'shared', true],
    ['8.8.8.8', 'public', false],
    ['::1', 'loopback', true],
    ['fd00::1', 'private', true],
    ['fe80::1', 'link-local', true],
    ['2606:4700::1111', 'public', false],
    ['::ffff:10.0.0.1', 'private', true],
  ])('%s is %s', (ip, scope, isPrivate) => {
    expect(classifyIp(ip)?.scope).toBe(scope);
    expect(isPrivateIp(ip)).toBe(isPrivate);
  });

  it.each(['<NA>', 'host', '999.1.1.1', ''])('%j is not an address', (value) => {
    expect(classifyIp(value)).toBeUndefined();
    expect(isPrivateIp(value)).toBe(false);
  });
});
