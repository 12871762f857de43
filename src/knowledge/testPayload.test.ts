import { describe, expect, it } from 'vitest';
import { makeAlert } from '../testing/alerts';
import { testPayload } from './testPayload';

describe('test payloads', () => {
  it('a template sent as is: values that are their own field names, or a placeholder left in the output', () => {
    const echoed = makeAlert({ output: 'x', outputFields: { 'evt.type': 'evt.type', 'user.uid': 'user.uid', 'proc.tty': 'proc.tty' } });
    expect(testPayload(echoed)).toMatchObject({ field: 'evt.type', value: 'evt.type', why: '3 of 3 values are their own field names, so the template was sent instead of an event' });
    const placeholder = makeAlert({ output: 'Shell spawned (user=%user.name)', outputFields: { 'user.name': 'root' } });
    expect(testPayload(placeholder)).toMatchObject({ field: 'output', value: '%user.name' });
  });

  it('a placeholder made of a field value is no evidence', () => {
    const alert = makeAlert({ output: 'Shell spawned (cmd=echo %user.name)', outputFields: { 'proc.cmdline': 'echo %user.name' } });
    expect(testPayload(alert)).toBeNull();
  });

  it('a record with more fields than any template (or a longer output) is judged an event, not a template', () => {
    const outputFields: Record<string, string> = {};
    for (let i = 0; i < 1001; i++) outputFields[`custom.f${i}`] = `custom.f${i}`;
    expect(testPayload(makeAlert({ output: 'x', outputFields }))).toBeNull();
    expect(testPayload(makeAlert({ output: `%user.name ${'o'.repeat(64 * 1024)}`, outputFields: { 'user.name': 'root' } }))).toBeNull();
    // The falcosidekick test message stays one, whatever the record holds.
    expect(testPayload(makeAlert({ output: 'This is a test from falcosidekick', outputFields }))).toMatchObject({ field: 'output' });
  });
});
