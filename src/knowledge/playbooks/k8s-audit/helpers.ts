import type { CommandTemplate, Playbook } from '../../types';

/**
 * Commands shared by the k8s_audit playbooks. Audit-log queries read the API server's JSON-lines
 * audit log with jq; the analyst exports AUDIT_LOG as the file given to kube-apiserver
 * --audit-log-path (or a copy pulled from the managed provider's log service). Placeholders are
 * always passed to jq with --arg, never spliced inside the filter's quotes.
 */

/** Columns printed for one audit event: when, who, what, outcome, from where. */
const AUDIT_COLUMNS =
  '[.requestReceivedTimestamp, .user.username, .verb, .objectRef.resource, .objectRef.namespace, .objectRef.name, .responseStatus.code, (.sourceIPs // [] | join(",")), .userAgent]';

/** Only the final record of each request (the rules match this stage too). */
const DONE = '.stage == "ResponseComplete"';

export const kc = {
  actorTimeline: {
    title:
      'Replay this identity\'s requests: outcome, source IPs, user agent (API server audit log; set AUDIT_LOG to its path)',
    command: `jq -c --arg u ⟦ka.user.name⟧ 'select(.user.username == $u and ${DONE}) | ${AUDIT_COLUMNS}' "\${AUDIT_LOG:?path of the API server audit log (JSON lines)}"`,
  },
  actorSources: {
    title: 'Count the source IPs and clients using this identity (a shared or leaked credential shows many)',
    command: `jq -r --arg u ⟦ka.user.name⟧ 'select(.user.username == $u and ${DONE}) | (.sourceIPs // [] | join(",")) + " " + (.userAgent // "-")' "\${AUDIT_LOG:?path of the API server audit log (JSON lines)}" | sort | uniq -c | sort -rn`,
  },
  actorPermissions: {
    title: 'List what this identity is allowed to do cluster-wide (needs impersonate rights)',
    command: 'kubectl auth can-i --list --as=⟦ka.user.name⟧',
  },
  actorPermissionsNs: {
    title: 'List what this identity is allowed to do in the target namespace (needs impersonate rights)',
    command: 'kubectl auth can-i --list --as=⟦ka.user.name⟧ --namespace=⟦ka.target.namespace⟧',
  },
  actorBindings: {
    title: 'Find the RoleBindings and ClusterRoleBindings that grant this identity its rights',
    command: `kubectl get clusterrolebindings,rolebindings -A -o json | jq -r --arg u ⟦ka.user.name⟧ '.items[] | select(any(.subjects[]?; .name == $u or ("system:serviceaccount:" + .namespace + ":" + .name) == $u)) | [.kind, .metadata.namespace // "-", .metadata.name, .roleRef.kind, .roleRef.name] | @tsv'`,
  },
  objectHistory: {
    title: 'Every request that touched this object name, by whom and with what outcome (audit log)',
    command: `jq -c --arg n ⟦ka.target.name⟧ 'select(.objectRef.name == $n and ${DONE}) | ${AUDIT_COLUMNS}' "\${AUDIT_LOG:?path of the API server audit log (JSON lines)}"`,
  },
  objectByName: {
    title: 'Fetch the object as it is now, in whichever namespace it lives (works for namespaced and cluster-wide kinds)',
    command: 'kubectl get -A --field-selector=metadata.name=⟦ka.target.name|objname⟧ --output=yaml -- ⟦ka.target.resource⟧',
  },
  bindingsToRole: {
    title: 'Find who is bound to this role (bindings whose roleRef names it)',
    command: `kubectl get clusterrolebindings,rolebindings -A -o json | jq -r --arg r ⟦ka.target.name⟧ '.items[] | select(.roleRef.name == $r) | [.kind, .metadata.namespace // "-", .metadata.name, ([.subjects[]? | .kind + ":" + (.namespace // "") + ":" + .name] | join(","))] | @tsv'`,
  },
  namespaceEvents: {
    title: 'Show the recent events recorded for the object',
    command:
      'kubectl get events --namespace=⟦ka.target.namespace⟧ --field-selector=involvedObject.name=⟦ka.target.name|objname⟧ --sort-by=.lastTimestamp',
  },
  createdPodSpec: {
    title: 'Dump the created pod: owner references, securityContext, host namespaces, volumes, service account',
    command: 'kubectl get --namespace=⟦ka.target.namespace⟧ --output=yaml -- pod ⟦ka.resp.name⟧',
  },
  createdPodDescribe: {
    title: 'Describe the created pod: node, controller, images pulled, recent events',
    command: 'kubectl describe --namespace=⟦ka.target.namespace⟧ -- pod ⟦ka.resp.name⟧',
  },
  workloadChanges: {
    title:
      'Find who created or changed workloads in the namespace (pods made by controllers trace back to these requests)',
    command: `jq -c --arg ns ⟦ka.target.namespace⟧ 'select(.objectRef.namespace == $ns and ${DONE} and (.objectRef.resource | IN("pods", "deployments", "daemonsets", "statefulsets", "replicasets", "jobs", "cronjobs")) and (.verb | IN("create", "update", "patch"))) | ${AUDIT_COLUMNS}' "\${AUDIT_LOG:?path of the API server audit log (JSON lines)}"`,
  },
  targetPodDescribe: {
    title: 'Describe the target pod: containers, service account, node, recent events',
    command: 'kubectl describe --namespace=⟦ka.target.namespace⟧ -- pod ⟦ka.target.name⟧',
  },
} satisfies Record<string, CommandTemplate>;

/** Audit-log query for one pod subresource (exec, attach, portforward, ephemeralcontainers). */
export function subresourceHistory(subresources: string[], title: string): CommandTemplate {
  const list = subresources.map((s) => `"${s}"`).join(', ');
  return {
    title,
    command: `jq -c --arg p ⟦ka.target.name⟧ 'select(.objectRef.name == $p and (.objectRef.subresource // "" | IN(${list}))) | [.requestReceivedTimestamp, .stage, .user.username, .requestURI, .responseStatus.code, (.sourceIPs // [] | join(",")), .userAgent]' "\${AUDIT_LOG:?path of the API server audit log (JSON lines)}"`,
  };
}

/** A cluster-wide sweep of running pods selected by a jq predicate on the pod object. */
export function podSweep(predicate: string, title: string): CommandTemplate {
  return {
    title,
    command: `kubectl get pods -A -o json | jq -r '.items[] | select(${predicate}) | [.metadata.namespace, .metadata.name, .spec.nodeName // "-", ([.spec.containers[].image] | join(","))] | @tsv'`,
  };
}

/** Shorthand so the playbook files stay readable. */
export const FAMILY: Playbook['family'] = 'k8s_audit';
