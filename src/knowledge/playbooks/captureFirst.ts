/**
 * The quick capture step that opens a response which isolates before anything else (a deny-all
 * NetworkPolicy, a blocked address, a revoked credential, a suspended user): isolation ends the
 * sessions and connections an analyst would record, so their state is saved first. Each step is
 * short on purpose: network isolation of a live C2 or a stolen key is urgent, and these take
 * seconds. The order is checked by knowledge/responseOrder.test.ts.
 */
export const CAPTURE_FIRST = {
  /** Events of a process, on a host or in a container (syscall source). */
  workload:
    'First record the process and its container: command line, open files and connections (/proc/PID/cmdline, /proc/PID/fd, ss -p) and, in a container, its state (crictl inspect).',
  /** Kubernetes audit events: the audit log outlives the objects and the bindings. */
  k8sAudit: 'First save the user\'s audit events for the alert window and the objects involved (kubectl get -o yaml).',
  /** AWS CloudTrail. */
  cloudtrail: 'First export the identity\'s CloudTrail events for the alert window (aws cloudtrail lookup-events).',
  /** GCP audit logs. */
  gcp: 'First export the principal\'s audit log entries for the alert window (gcloud logging read).',
  /** Okta System Log. */
  okta: 'First export the user\'s System Log events for the alert window (GET /api/v1/logs).',
  /** GitHub audit log. */
  github: 'First export the actor\'s audit log entries for the alert window (the organization audit log).',
} as const;
