import type { Playbook } from '../../types';
import { fieldText } from '../../fieldValue';
import { FAMILY, kc } from './helpers';
import { commonObservations, roleRulesObservations } from './observe';

/** Roles and ClusterRoles: risky grants being written, built-in roles being altered, churn. */

const ROLE_BENIGN_INSTALLERS =
  'Helm charts and operators installing their own roles (the ka.user.name is then the Helm user, a GitOps controller such as Argo CD or Flux, or an operator service account).';

const roleObserve: Playbook['observe'] = (alert) => [...commonObservations(alert), ...roleRulesObservations(alert)];

export const RBAC_ROLE_PLAYBOOKS: Playbook[] = [
  {
    id: 'k8s-role-wildcard-created',
    title: 'ClusterRole With Wildcard Created',
    rules: ['ClusterRole With Wildcard Created'],
    family: FAMILY,
    detects:
      'A create request for a Role or ClusterRole in which some rule lists * as a resource or a verb. The outcome is not checked, so refused requests match too.',
    whyItMatters:
      'A wildcard grants every verb or every resource, including secrets, pods/exec, and the escalate, bind and impersonate verbs, plus anything added later. Bound to an identity the attacker holds, a wildcard ClusterRole is cluster-admin under another name and is easy to overlook in a review.',
    benignCauses: [
      ROLE_BENIGN_INSTALLERS,
      'Platform teams creating a namespace-admin or break-glass role on purpose.',
      'falcosecurity event-generator runs (role wildcard-resources-role).',
    ],
    distinguish: [
      'ka.req.role.rules: * on a narrow apiGroup the operator owns (its own CRDs) is common; * on the core group, secrets or all groups is full control.',
      'ka.user.name: a known installer or GitOps identity versus a person or an application service account.',
      'ka.target.resource: a namespaced Role limits the blast radius; a ClusterRole does not once it is bound cluster-wide.',
      'Whether a binding to ka.target.name followed shortly after, and for whom.',
    ],
    mitigations: {
      immediate: ['If nobody owns it, save the role and the bindings that reference ka.target.name (kubectl get -o yaml), then delete them.'],
      shortTerm: ['Replace the wildcard with the explicit resources and verbs the component needs.'],
      longTerm: ['Reject * in verbs or resources outside an approved set of charts with a ValidatingAdmissionPolicy or a CI check on RBAC manifests.'],
    },
    investigate: [kc.objectByName, kc.bindingsToRole, kc.actorTimeline],
    tuningFields: ['ka.user.name', 'ka.target.name'],
    observe: roleObserve,
  },
  {
    id: 'k8s-role-write-privileges-created',
    title: 'ClusterRole With Write Privileges Created',
    rules: ['ClusterRole With Write Privileges Created'],
    family: FAMILY,
    detects:
      'A create request for a Role or ClusterRole whose rules include any of create, update, patch, delete or deletecollection. The outcome is not checked.',
    whyItMatters:
      'Write verbs are what turn read access into control: creating pods runs code as any service account in scope, patching workloads swaps images, deleting disrupts service. A new role with write verbs is the usual vehicle for persistence once it is bound.',
    benignCauses: [
      ROLE_BENIGN_INSTALLERS,
      'Application teams creating roles for their CI deploy accounts.',
      'falcosecurity event-generator runs (role write-privileges-role).',
    ],
    distinguish: [
      'ka.req.role.rules: writes on the component\'s own resources are expected; writes on pods, workloads, roles, bindings or secrets are powerful.',
      'ka.user.name: installer or GitOps identity versus an individual or a workload service account.',
      'ka.target.resource: Role (one namespace) versus ClusterRole (cluster-wide once bound by a ClusterRoleBinding).',
    ],
    mitigations: {
      immediate: ['If unexplained, save the role and its bindings (kubectl get -o yaml), then delete them and check what the bound subjects already changed with the audit log.'],
      shortTerm: ['Narrow the verbs and resources to what the owner needs, and prefer namespaced Roles.'],
      longTerm: ['Manage RBAC only through reviewed GitOps repositories and alert on roles created outside them.'],
    },
    investigate: [kc.objectByName, kc.bindingsToRole, kc.actorTimeline],
    tuningFields: ['ka.user.name', 'ka.target.name'],
    observe: roleObserve,
  },
  {
    id: 'k8s-role-pod-exec-created',
    title: 'ClusterRole With Pod Exec Created',
    rules: ['ClusterRole With Pod Exec Created'],
    family: FAMILY,
    detects:
      'A create request for a Role or ClusterRole whose rules name the pods/exec resource explicitly (wildcards are left to the wildcard rule). The outcome is not checked.',
    whyItMatters:
      'pods/exec lets the holder run commands in any container in scope, reading its secrets and token and pivoting through it. It is one of the most abused grants in Kubernetes intrusions.',
    benignCauses: [
      'Backup or operations tooling that runs commands in pods (Velero hooks, database operators).',
      'Support roles created for on-call engineers.',
      'falcosecurity event-generator runs (role pod-exec-role).',
    ],
    distinguish: [
      'ka.req.role.rules: exec limited with resourceNames or a single namespace versus cluster-wide exec.',
      'ka.user.name: the installer of a known tool versus a person or unexpected service account.',
      'Who gets bound to ka.target.name afterwards.',
    ],
    mitigations: {
      immediate: ['If unexplained, save the role and its bindings (kubectl get -o yaml), then delete them and look for exec sessions by the bound subjects (Attach/Exec Pod alerts).'],
      shortTerm: ['Scope exec roles to specific namespaces and grant them just in time.'],
      longTerm: ['Block exec in production namespaces with an admission policy on CONNECT pods/exec, independent of RBAC.'],
    },
    investigate: [kc.objectByName, kc.bindingsToRole, kc.actorTimeline],
    tuningFields: ['ka.user.name', 'ka.target.name'],
    observe: roleObserve,
  },
  {
    id: 'k8s-system-clusterrole-modified',
    title: 'System ClusterRole Modified/Deleted',
    rules: ['System ClusterRole Modified/Deleted'],
    family: FAMILY,
    detects:
      'A create, update, patch or delete on a Role or ClusterRole whose name starts with system:, except system:coredns and system:managed-certificate-controller. The outcome is not checked and system users are not excluded.',
    whyItMatters:
      'system: roles are the built-in ones the control plane and every user rely on. Adding rules to one such as system:discovery or system:basic-user silently hands those rights to every authenticated identity while looking like a default; deleting one breaks components. Setting the rbac.authorization.kubernetes.io/autoupdate annotation to false keeps such edits across API server restarts.',
    benignCauses: [
      'The API server reconciling built-in roles at startup or after an upgrade (ka.user.name system:apiserver).',
      'Add-ons that name their own roles with the system: prefix, e.g. metrics-server (system:metrics-server, system:aggregated-metrics-reader).',
      'Managed-cluster control planes updating their provider roles.',
    ],
    distinguish: [
      'ka.user.name: system:apiserver or the add-on installer versus a person or an application service account.',
      'ka.target.name: a built-in Kubernetes role (system:discovery, system:basic-user, system:public-info-viewer, system:node, system:controller:*) versus an add-on\'s own role.',
      'ka.verb: delete and patch by a person are never routine for built-in roles.',
      'The role\'s current rules and autoupdate annotation compared with a fresh cluster of the same version.',
    ],
    mitigations: {
      immediate: ['Save the role as it is now (kubectl get clusterrole -o yaml), then revert the change: for built-in roles set rbac.authorization.kubernetes.io/autoupdate back to true and restart the API server so it reconciles them, or re-apply the role from a clean cluster.'],
      shortTerm: ['Find whoever else holds update, patch, escalate or bind on clusterroles and revoke it.'],
      longTerm: ['Restrict RBAC writes to a break-glass group and detect drift of built-in roles against the version\'s defaults.'],
    },
    investigate: [
      kc.objectByName,
      {
        title: 'Show the exact change: request bodies of writes to this role in the audit log (needs Request level)',
        command: `jq -c --arg n ⟦ka.target.name⟧ 'select(.objectRef.name == $n and (.objectRef.resource | IN("roles", "clusterroles")) and .stage == "ResponseComplete" and .verb != "get" and .verb != "list" and .verb != "watch") | [.requestReceivedTimestamp, .user.username, .verb, .responseStatus.code, .requestObject]' "\${AUDIT_LOG:?path of the API server audit log (JSON lines)}"`,
      },
      kc.bindingsToRole,
      kc.actorPermissions,
    ],
    tuningFields: ['ka.user.name', 'ka.target.name'],
    observe: (alert) => {
      const out = commonObservations(alert);
      const user = fieldText(alert, 'ka.user.name');
      const verb = fieldText(alert, 'ka.verb');
      if (user === 'system:apiserver') out.push('Changes by system:apiserver are usually the startup reconciliation of built-in roles.');
      if (verb === 'delete') out.push('ka.verb is delete: components relying on this role lose their permissions.');
      return out;
    },
  },
  {
    id: 'k8s-role-created',
    title: 'K8s Role Created',
    rules: ['K8s Role Created'],
    family: FAMILY,
    detects: 'A successful create of a namespaced Role. Activity stream rule: every role creation, with its rules printed.',
    whyItMatters:
      'Roles define what can be done inside a namespace. An attacker who can write RBAC creates a role granting what they need (secrets, exec, pods) and binds it to an identity they control, gaining persistence that survives pod restarts.',
    benignCauses: [ROLE_BENIGN_INSTALLERS, 'Namespace provisioning that creates team roles.', 'falcosecurity event-generator runs (vanilla-role and related roles).'],
    distinguish: [
      'ka.req.role.rules: narrow verbs on app resources versus secrets, pods/exec, pods create, roles, bindings or wildcards.',
      'ka.user.name: installer or GitOps identity versus a person or an application service account.',
      'ka.target.namespace: kube-system and shared platform namespaces deserve more scrutiny.',
    ],
    mitigations: {
      immediate: ['If unexplained, save the role and the bindings that reference it in ka.target.namespace (kubectl get -o yaml), then delete them.'],
      shortTerm: ['Revoke the creator\'s rights to write roles if it should not have them.'],
      longTerm: ['Deliver RBAC only from reviewed repositories and alert on roles created outside them.'],
    },
    investigate: [
      { title: 'Show the role as it is now', command: 'kubectl get --namespace=⟦ka.target.namespace⟧ --output=yaml -- role ⟦ka.target.name⟧' },
      { title: 'Find the RoleBindings in the namespace that use it', command: 'kubectl get --namespace=⟦ka.target.namespace⟧ --output=wide -- rolebindings' },
      kc.actorTimeline,
    ],
    tuningFields: ['ka.user.name', 'ka.target.namespace'],
    observe: roleObserve,
  },
  {
    id: 'k8s-role-deleted',
    title: 'K8s Role Deleted',
    rules: ['K8s Role Deleted'],
    family: FAMILY,
    detects: 'A successful delete of a namespaced Role. Activity stream rule.',
    whyItMatters:
      'Deleting a role removes permissions components depend on (a denial of service), and after an intrusion it is how temporary roles used for access are cleaned away.',
    benignCauses: ['Helm uninstalls or GitOps pruning removing an application\'s roles.', 'Namespace clean-up.', 'falcosecurity event-generator clean-up.'],
    distinguish: [
      'ka.user.name: the tool that installed the role versus someone else.',
      'The role\'s history in the audit log: a role created and deleted by the same identity within a short window, with activity by its subjects in between, is a trace of temporary access.',
      'ka.target.namespace: roles of platform namespaces are rarely deleted by hand.',
    ],
    mitigations: {
      immediate: ['If unexpected, restore the role from its source (chart, Git) and check what broke in the namespace.'],
      shortTerm: ['Review what the role\'s subjects did while it existed (audit log).'],
      longTerm: ['Restrict delete on roles to the deployment pipeline.'],
    },
    investigate: [kc.objectHistory, kc.actorTimeline, kc.namespaceEvents],
    tuningFields: ['ka.user.name', 'ka.target.namespace'],
    observe: commonObservations,
  },
  {
    id: 'k8s-clusterrole-created',
    title: 'K8s ClusterRole Created',
    rules: ['K8s ClusterRole Created'],
    family: FAMILY,
    detects: 'A successful create of a ClusterRole. Activity stream rule: every cluster role creation, with its rules printed.',
    whyItMatters:
      'ClusterRoles can cover every namespace, cluster-scoped objects (nodes, namespaces, RBAC itself) and non-resource URLs. A new cluster role bound to an attacker identity is durable, cluster-wide persistence.',
    benignCauses: [ROLE_BENIGN_INSTALLERS, 'Aggregated roles added by CRD-based operators (labels such as rbac.authorization.k8s.io/aggregate-to-admin).'],
    distinguish: [
      'ka.req.role.rules: read-only on own CRDs versus secrets, exec, pods create, RBAC verbs or wildcards.',
      'ka.user.name: installer or GitOps identity versus a person or workload service account.',
      'Aggregation labels on the role: rules aggregated into admin, edit or view reach every user bound to those roles.',
    ],
    mitigations: {
      immediate: ['If unexplained, save the cluster role and the bindings that reference it (kubectl get -o yaml), then delete them.'],
      shortTerm: ['Check the aggregation labels and take out rules that leak into admin, edit or view.'],
      longTerm: ['Restrict create on clusterroles to the platform pipeline.'],
    },
    investigate: [
      { title: 'Show the cluster role, including aggregation labels', command: 'kubectl get --output=yaml -- clusterrole ⟦ka.target.name⟧' },
      kc.bindingsToRole,
      kc.actorTimeline,
    ],
    tuningFields: ['ka.user.name', 'ka.target.name'],
    observe: roleObserve,
  },
  {
    id: 'k8s-clusterrole-deleted',
    title: 'K8s ClusterRole Deleted',
    rules: ['K8s ClusterRole Deleted'],
    family: FAMILY,
    detects: 'A successful delete of a ClusterRole. Activity stream rule.',
    whyItMatters:
      'Removing a cluster role can break controllers and admission webhooks across the cluster, and removes the evidence of a role used for temporary access.',
    benignCauses: ['Uninstalling an operator or chart.', 'GitOps pruning of removed manifests.'],
    distinguish: [
      'ka.user.name: the tool that installed it versus a person.',
      'ka.target.name: built-in (system:*) and platform roles are not deleted in normal operations.',
      'The role\'s audit history: recently created and deleted by the same identity.',
    ],
    mitigations: {
      immediate: ['If unexpected, restore the cluster role from its source and check affected controllers.'],
      shortTerm: ['Review what its subjects did while it existed.'],
      longTerm: ['Restrict delete on clusterroles to the platform pipeline.'],
    },
    investigate: [kc.objectHistory, kc.actorTimeline],
    tuningFields: ['ka.user.name', 'ka.target.name'],
    observe: commonObservations,
  },
];
