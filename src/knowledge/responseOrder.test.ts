import { describe, expect, it } from 'vitest';
import { ALL_PLAYBOOKS, playbookForRule } from './playbooks';
import { genericContent } from '../analyze/generic';
import { responseOrderProblems, stepVerbs } from '../testing/responseOrder';
import { makeAlert } from '../testing/alerts';

const m = (immediate: string[], shortTerm: string[] = [], longTerm: string[] = []) => ({ immediate, shortTerm, longTerm });

describe('the response-order vocabulary', () => {
  it.each([
    ['If the session was not approved, delete the pod so its controller replaces it.', 'delete'],
    ['Kill the miner and isolate the host.', 'Kill'],
    ['Stop the container and check the node.', 'Stop the'],
    ['revoke its token by deleting the pod', 'deleting'],
    ['Scale it to zero and keep it for analysis.', 'Scale it to zero'],
    ['Cordon the node, then drain and rebuild it.', 'drain'],
    ['Terminate unknown instances in the region.', 'Terminate'],
    ['Remove the unexpected links.', 'Remove'],
    ['Restart the traced service from a known-good image.', 'Restart'],
  ])('%j destroys evidence (%s)', (step, word) => {
    expect(stepVerbs(step).destroyWord).toBe(word);
  });

  it.each([
    'Restrict delete on roles to the deployment pipeline.',
    'Reconstruct what the deleted account did from the audit logs.',
    'Revoke the credential and isolate the pod with a deny-all NetworkPolicy.',
    'Rotate the secrets the pod mounted.',
    'Cordon the node.',
    'Revoke an unexpected binding (gcloud projects remove-iam-policy-binding PROJECT --member=M --role=R).',
    'If it was enabled by mistake, restore the setting to end the volume.',
  ])('%j destroys nothing', (step) => {
    expect(stepVerbs(step).destroy).toBe(-1);
  });

  it.each([
    'Save the pod spec (kubectl get pod -o yaml) first.',
    'Preserve the binary.',
    'Copy /proc/PID/exe out.',
    'Snapshot the volume.',
    'Record the command line.',
    'Read the logs with kubectl logs --previous.',
    'Run crictl inspect on the container.',
  ])('%j captures', (step) => {
    expect(stepVerbs(step).capture).toBeGreaterThanOrEqual(0);
  });

  it.each([
    ['Isolate the pod with a deny-all NetworkPolicy.', 'Isolate'],
    ['If the peer is unknown, block it at egress.', 'block it'],
    ['Cordon the node.', 'Cordon'],
    ['Contain the user: revoke its sessions.', 'revoke'],
    ['Deactivate its access keys (aws iam update-access-key --status Inactive).', 'Deactivate its'],
    ['Disable the key (gcloud iam service-accounts keys disable KEY_ID).', 'Disable the'],
    ['If nobody expects the account, suspend it and clear its sessions.', 'suspend it'],
    ['Enforce it with an egress NetworkPolicy.', 'NetworkPolicy'],
  ])('%j isolates (%s)', (step, word) => {
    expect(stepVerbs(step).isolateWord).toBe(word);
  });

  it.each([
    'If alerts are dropped, make outputs faster (a slow http_output blocks it).',
    'Disable the rule again once ingestion is confirmed.',
    'Check whether the revoked key was used again.',
    'Rotate the secrets the pod mounted.',
    'Scale it to zero and keep it for analysis.',
  ])('%j isolates nothing', (step) => {
    expect(stepVerbs(step).isolate).toBe(-1);
  });

  it('flags an isolating step before any capture, and accepts it after one', () => {
    expect(responseOrderProblems(m(['Block the peer address, then record the process.']))).toEqual([
      '"Block the" (isolation) before any capture: Block the peer address, then record the process.',
    ]);
    expect(responseOrderProblems(m([], ['Revoke the role\'s sessions.']))).toHaveLength(1);
    expect(responseOrderProblems(m(['Record the process, then block the peer address.']))).toEqual([]);
    expect(responseOrderProblems(m(['Export the CloudTrail events.'], ['Revoke the role\'s sessions.']))).toEqual([]);
  });

  it('flags a destroying step that comes before any capture, in reading order', () => {
    expect(responseOrderProblems(m(['Delete the pod.', 'Save its logs (kubectl logs).']))).toHaveLength(1);
    // isolating first is a problem too, and the later kill is still before any capture
    expect(responseOrderProblems(m(['Isolate the pod.'], ['Kill the process.']))).toHaveLength(2);
    // "after" does not reorder the text: the capture must be written first
    expect(responseOrderProblems(m(['Terminate the instances after snapshotting them.']))).toHaveLength(1);
  });

  it('accepts capture first, in an earlier step or an earlier clause of the same step', () => {
    expect(responseOrderProblems(m(['Save the pod spec (kubectl get pod -o yaml).', 'Delete the pod.']))).toEqual([]);
    expect(responseOrderProblems(m(['Snapshot the instances, then terminate them.']))).toEqual([]);
    expect(responseOrderProblems(m(['Record the pod spec, then isolate the pod.'], [], ['Remove privileged: true from the workload.']))).toEqual([]);
  });
});

describe('every playbook responds in incident-response order', () => {
  it('captures before it isolates, deletes, kills, stops, removes or rebuilds anything', () => {
    const problems = ALL_PLAYBOOKS.flatMap((p) => responseOrderProblems(p.mitigations).map((x) => `${p.id}: ${x}`));
    expect(problems).toEqual([]);
  });

  it('investigates in its Next steps without isolating or destroying: containment is in the mitigations, after capture', () => {
    const mutating =
      /\bkubectl (cordon|uncordon|drain|delete|scale|apply|patch|edit|label|annotate|taint|rollout)\b|\bcrictl (stop|stopp|rm|rmp|rmi)\b|\bdocker (stop|rm|kill|restart)\b|\bkill\b|\baws [a-z0-9-]+ (delete|update|put|attach|detach|terminate|stop|revoke|deactivate|disable|remove|create)[a-z-]*|\bgcloud [a-z -]*\b(delete|disable|remove-iam-policy-binding|set-iam-policy|update|create)\b|(-X|--method)[ =](DELETE|PUT|PATCH|POST)\b/;
    expect(mutating.test('kubectl cordon node-1'), 'the pattern itself').toBe(true);
    expect(mutating.test('aws iam update-access-key --status Inactive'), 'the pattern itself').toBe(true);
    const steps = ALL_PLAYBOOKS.flatMap((p) => p.investigate.flatMap((t) => [t.command, t.inContainer ?? '']).map((c) => `${p.id}: ${c}`));
    for (const source of ['syscall', 'k8s_audit', 'aws_cloudtrail', 'gcp_auditlog', 'okta', 'github']) {
      steps.push(...genericContent(makeAlert({ source, rule: 'Custom rule' })).investigate.map((t) => `generic ${source}: ${t.command}`));
    }
    expect(steps.length).toBeGreaterThan(500);
    expect(steps.filter((c) => mutating.test(c))).toEqual([]);
  });

  it('and so does the generic report of a custom rule', () => {
    for (const source of ['syscall', 'k8s_audit', 'aws_cloudtrail', 'gcp_auditlog', 'okta', 'github']) {
      expect(responseOrderProblems(genericContent(makeAlert({ source, rule: 'Custom rule' })).mitigations), source).toEqual([]);
    }
  });

  it.each(['Attach/Exec Pod', 'Launch Privileged Container', 'Create HostNetwork Pod'])(
    '%s opens with capture, and deletes the pod only after it',
    (rule) => {
      const p = playbookForRule(rule);
      expect(p, rule).not.toBeNull();
      const first = p!.mitigations.immediate[0] ?? '';
      const v = stepVerbs(first);
      expect(v.capture, first).toBeGreaterThanOrEqual(0);
      expect(first).toMatch(/kubectl get pod -o yaml/);
      expect(first).toMatch(/kubectl logs --previous/);
      expect(first).toMatch(/NetworkPolicy/);
      if (v.destroy >= 0) expect(v.capture).toBeLessThan(v.destroy);
    },
  );
});
