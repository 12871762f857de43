/**
 * The verbs of incident response in a mitigation step (one vocabulary for the product, which
 * drops containment from a drill's report, and for the tests that hold every playbook to the order).
 * Incident-response order for mitigations: preserve and capture first, then isolate, then
 * remove. A step that destroys evidence (the process, the pod or container, a file, an object
 * or its state) must come after a step, or an earlier clause of the same step, that captures it.
 */

/**
 * Words that destroy or overwrite evidence, in the imperative (or gerund: "by deleting the pod"):
 * killing or stopping a process, container, pod or VM; deleting, removing, wiping, purging;
 * draining, rebuilding, reimaging, restarting, redeploying, reverting, uninstalling, scaling to
 * zero. Not destroying: revoking, rotating, locking, blocking, cordoning (they isolate), and the
 * noun or past forms ("restrict delete on roles", "the deleted account", "wrongly removed").
 */
const DESTROY = new RegExp(
  [
    /\bdelete(?! on\b)(?![-\w])/,
    /\bdeleting\b/,
    /\bkill(ing)?\b/,
    /\bterminat(e|ing)\b/,
    /\bremov(e|ing)(?![-\w])/,
    /\bstop(ping)? (it|them|the|its|any|this|that)\b/,
    /\bscal(e|ing) (it|them|the [\w-]+|its [\w-]+) to (zero|0)\b/,
    /\b(drain|rebuild|reimage|wipe|redeploy|restart|revert|evict|uninstall|reinstall|purge)(ing)?\b/,
    /\broll(ing)? back\b/,
  ]
    .map((r) => r.source)
    .join('|'),
  'i',
);

/**
 * Words that capture evidence before it goes: logs, specs, state, files, memory, snapshots,
 * exports; or the commands that do it (kubectl logs / get -o yaml, crictl inspect, checkpoints).
 */
const CAPTURE =
  /\b(captur(e|es|ed|ing)|preserv(e|es|ed|ing)|record(s|ed|ing)?|cop(y|ies|ied|ying)|snapshot(s|ted|ting)?|sav(e|es|ed|ing)|export(s|ed|ing)?|dump(s|ed|ing)?|checkpoint(s|ed|ing)?|collect(s|ed|ing)?|back(s|ed|ing)? up|archiv(e|es|ed|ing)|kubectl logs|-o yaml|crictl inspect)\b/i;

/**
 * Words that isolate: cut the actor or the workload off without destroying it (a deny-all
 * NetworkPolicy, cordoning a node, revoking or disabling a credential, key or user, blocking an
 * address, suspending or locking an account). They belong after a capture, before removal:
 * isolation changes the state an analyst would record (connections drop, sessions end, the
 * token stops working), so the pod spec, the container's state or the audit events are saved
 * first. Scaling to zero, deleting or killing are removal (DESTROY), not isolation. Not isolating: the
 * third person or past forms ("a slow output blocks it", "the revoked key"), disabling a rule.
 */
const ISOLATE = new RegExp(
  [
    /\bisolat(e|ing)\b/,
    /\bquarantin(e|ing)\b/,
    /\bNetworkPolic(y|ies)\b/,
    /\bdeny-all\b/,
    /\bcordon(ing)?\b/,
    /\brevok(e|ing)\b/,
    /\b(disabl|deactivat)(e|ing) (?!(the |this |that )?rule\b)(the|its|that|this|any|their|unknown|unexpected|compromised|it|them)\b/,
    /\bblock(ing)? (the|its|that|this|any|their|egress|outbound|inbound|traffic|it|them)\b/,
    /\b(suspend|lock)(ing)? (the|its|that|this|any|their|it|them)\b/,
  ]
    .map((r) => r.source)
    .join('|'),
  'i',
);

export interface StepVerbs {
  /** Index in the step's text of the first capture word, or -1. */
  capture: number;
  /** Index of the first destroying word, or -1. */
  destroy: number;
  /** The destroying word found, for messages. */
  destroyWord?: string;
  /** Index of the first isolating word, or -1. */
  isolate: number;
  /** The isolating word found, for messages. */
  isolateWord?: string;
}

export function stepVerbs(step: string): StepVerbs {
  const c = CAPTURE.exec(step);
  const d = DESTROY.exec(step);
  const i = ISOLATE.exec(step);
  return {
    capture: c ? c.index : -1,
    destroy: d ? d.index : -1,
    ...(d ? { destroyWord: d[0] } : {}),
    isolate: i ? i.index : -1,
    ...(i ? { isolateWord: i[0] } : {}),
  };
}
