import type { Playbook } from '../../types';
import { FAMILY, kc } from './helpers';
import { bindingSubjectObservations, boundRoleObservations, commonObservations } from './observe';

/** RoleBindings and ClusterRoleBindings: who is given which role. */

const bindingObserve: Playbook['observe'] = (alert) => [
  ...commonObservations(alert),
  ...boundRoleObservations(alert),
  ...bindingSubjectObservations(alert),
];

const BINDING_INSTALLERS =
  'Helm charts, operators and GitOps controllers binding their own service accounts at install or upgrade.';

export const RBAC_BINDING_PLAYBOOKS: Playbook[] = [
  {
    id: 'k8s-attach-cluster-admin',
    title: 'Attach to cluster-admin Role',
    rules: ['Attach to cluster-admin Role'],
    family: FAMILY,
    detects:
      'A create request for a ClusterRoleBinding whose roleRef is cluster-admin. The outcome is not checked, so refused attempts match too.',
    whyItMatters:
      'cluster-admin is unrestricted control of the cluster: every secret, every node through privileged pods, every RBAC object. Binding it to an identity the attacker holds is the classic end point of privilege escalation and a durable backdoor.',
    benignCauses: [
      'Cluster bootstrap and managed-provider setup binding their admin groups.',
      'Tools that request cluster-admin at install (some CNI, service-mesh or backup charts).',
      'An administrator granting a colleague or pipeline full access on purpose.',
    ],
    distinguish: [
      'ka.req.binding.subjects: a named admin group or platform service account versus a single workload service account, a default service account, or broad groups such as system:authenticated.',
      'ka.user.name: the platform pipeline or a known administrator versus an application service account or an unknown user.',
      'Whether the request succeeded and who used the new subject afterwards: look the binding up in the audit log (the alert prints neither the binding name nor the response code).',
    ],
    mitigations: {
      immediate: ['If not approved, save the ClusterRoleBinding (kubectl get clusterrolebinding -o yaml), then delete it and revoke the subject\'s credentials (service-account token, IAM mapping); review everything the subject did since.'],
      shortTerm: ['Replace the grant with a narrower role if a tool really needs broad access.'],
      longTerm: ['Allow bindings to cluster-admin only through a reviewed pipeline and reject them elsewhere with a ValidatingAdmissionPolicy on clusterrolebindings.'],
    },
    investigate: [
      {
        title: 'The ClusterRoleBinding requests this user made, with the bound subjects and outcome (audit log)',
        command: `jq -c --arg u ⟦ka.user.name⟧ 'select(.user.username == $u and .objectRef.resource == "clusterrolebindings" and .verb == "create" and .stage == "ResponseComplete") | [.requestReceivedTimestamp, .objectRef.name, .responseStatus.code, .requestObject.subjects, (.sourceIPs // [] | join(","))]' "\${AUDIT_LOG:?path of the API server audit log (JSON lines)}"`,
      },
      {
        title: 'List every current binding to cluster-admin, with age and subjects',
        command: `kubectl get clusterrolebindings -o json | jq -r '.items[] | select(.roleRef.name == "cluster-admin") | [.metadata.name, .metadata.creationTimestamp, ([.subjects[]? | .kind + ":" + (.namespace // "") + ":" + .name] | join(","))] | @tsv'`,
      },
      kc.actorBindings,
      kc.actorTimeline,
    ],
    tuningFields: ['ka.user.name', 'ka.req.binding.subjects'],
    observe: (alert) => [...commonObservations(alert), ...bindingSubjectObservations(alert)],
  },
  {
    id: 'k8s-rolebinding-created',
    title: 'K8s RoleBinding Created',
    rules: ['K8s RoleBinding Created'],
    family: FAMILY,
    detects: 'A successful create of a RoleBinding, printing its subjects and the role it refers to. Activity stream rule.',
    whyItMatters:
      'A binding is what turns a role into access. Attackers with RBAC write bind a powerful role (admin, edit, or a ClusterRole that includes secrets) to an identity they control inside a namespace.',
    benignCauses: [BINDING_INSTALLERS, 'Namespace provisioning giving a team its roles.', 'falcosecurity event-generator runs (vanilla-role-binding).'],
    distinguish: [
      'ka.req.binding.role: a narrow app role versus admin, edit, or a ClusterRole with secrets or exec.',
      'ka.req.binding.subjects: the app\'s own service account versus default service accounts, service accounts of other namespaces, or broad groups.',
      'ka.user.name: installer or GitOps identity versus a person or workload service account.',
    ],
    mitigations: {
      immediate: ['If unexplained, save the RoleBinding (kubectl get rolebinding -o yaml), then delete it and check what the subjects did in the namespace since.'],
      shortTerm: ['Revoke bind and escalate, and rolebindings write, from identities that should not grant access.'],
      longTerm: ['Deliver bindings from reviewed repositories only and reject bindings to default service accounts with an admission policy.'],
    },
    investigate: [
      { title: 'Show the binding as it is now', command: 'kubectl get --namespace=⟦ka.target.namespace⟧ --output=yaml -- rolebinding ⟦ka.target.name⟧' },
      kc.actorPermissionsNs,
      kc.actorTimeline,
    ],
    tuningFields: ['ka.user.name', 'ka.target.namespace'],
    observe: bindingObserve,
  },
  {
    id: 'k8s-rolebinding-deleted',
    title: 'K8s RoleBinding Deleted',
    rules: ['K8s RoleBinding Deleted'],
    family: FAMILY,
    detects: 'A successful delete of a RoleBinding. Activity stream rule.',
    whyItMatters:
      'Removing a binding cuts access for the workloads or people it served, and after an intrusion it removes the grant that was used, hiding how access was obtained.',
    benignCauses: ['Helm uninstalls and GitOps pruning.', 'Access reviews revoking team members.', 'falcosecurity event-generator clean-up.'],
    distinguish: [
      'ka.user.name: the identity that created the binding or the pipeline versus someone else.',
      'The binding\'s history (audit log): short-lived bindings created and removed by the same identity are a trace of temporary access.',
      'ka.target.namespace: platform namespaces rarely see manual deletions.',
    ],
    mitigations: {
      immediate: ['If unexpected, restore the binding from its source and check affected workloads in the namespace.'],
      shortTerm: ['Review what the binding\'s subjects did while it existed.'],
      longTerm: ['Restrict delete on rolebindings to the deployment pipeline.'],
    },
    investigate: [kc.objectHistory, kc.actorTimeline, kc.namespaceEvents],
    tuningFields: ['ka.user.name', 'ka.target.namespace'],
    observe: commonObservations,
  },
  {
    id: 'k8s-clusterrolebinding-created',
    title: 'K8s ClusterRoleBinding Created',
    rules: ['K8s ClusterRoleBinding Created'],
    family: FAMILY,
    detects: 'A successful create of a ClusterRoleBinding, printing its subjects and role. Activity stream rule.',
    whyItMatters:
      'A ClusterRoleBinding grants its role in every namespace and over cluster-scoped objects. It is the most direct way to give an attacker identity cluster-wide rights, and it persists until someone removes it.',
    benignCauses: [BINDING_INSTALLERS, 'Cluster bootstrap and add-on setup.'],
    distinguish: [
      'ka.req.binding.role: cluster-admin, admin, edit, or any role with secrets, exec or RBAC verbs is high impact.',
      'ka.req.binding.subjects: broad groups (system:authenticated, system:serviceaccounts), default service accounts or users outside your identity provider.',
      'ka.user.name: installer or GitOps identity versus a person or workload service account.',
    ],
    mitigations: {
      immediate: ['If unexplained, save the ClusterRoleBinding (kubectl get clusterrolebinding -o yaml), then delete it and revoke the subjects\' credentials if they are not yours.'],
      shortTerm: ['Convert cluster-wide grants into RoleBindings in the namespaces that need them.'],
      longTerm: ['Restrict create on clusterrolebindings to the platform pipeline.'],
    },
    investigate: [
      { title: 'Show the binding as it is now', command: 'kubectl get --output=yaml -- clusterrolebinding ⟦ka.target.name⟧' },
      kc.actorBindings,
      kc.actorTimeline,
    ],
    tuningFields: ['ka.user.name', 'ka.target.name'],
    observe: bindingObserve,
  },
  {
    id: 'k8s-clusterrolebinding-deleted',
    title: 'K8s ClusterRoleBinding Deleted',
    rules: ['K8s ClusterRoleBinding Deleted'],
    family: FAMILY,
    detects: 'A successful delete of a ClusterRoleBinding. Activity stream rule.',
    whyItMatters:
      'Deleting a cluster-wide binding can break controllers everywhere, or remove the grant an intruder used so the access path is harder to reconstruct.',
    benignCauses: ['Operator or chart uninstall.', 'GitOps pruning and access clean-ups.'],
    distinguish: [
      'ka.user.name: the installer or pipeline versus a person.',
      'ka.target.name: built-in system: bindings are not deleted in normal operations.',
      'The binding\'s audit history: created and deleted by the same identity within a short time.',
    ],
    mitigations: {
      immediate: ['If unexpected, restore the binding from its source and check affected controllers.'],
      shortTerm: ['Review what its subjects did while it existed.'],
      longTerm: ['Restrict delete on clusterrolebindings to the platform pipeline.'],
    },
    investigate: [kc.objectHistory, kc.actorTimeline],
    tuningFields: ['ka.user.name', 'ka.target.name'],
    observe: commonObservations,
  },
];
