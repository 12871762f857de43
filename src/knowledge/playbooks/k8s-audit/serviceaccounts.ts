import type { Alert } from '../../../model';
import type { Playbook } from '../../types';
import { fieldText } from '../../fieldValue';
import { FAMILY, kc } from './helpers';
import { commonObservations } from './observe';

/** Service accounts: workload identities being created or removed, in particular in kube-* namespaces. */

/** Upstream known_sa_list: controller accounts expected in kube-system. */
const KNOWN_SA_LIST = new Set([
  'coredns',
  'coredns-autoscaler',
  'cronjob-controller',
  'daemon-set-controller',
  'deployment-controller',
  'disruption-controller',
  'endpoint-controller',
  'endpointslice-controller',
  'endpointslicemirroring-controller',
  'generic-garbage-collector',
  'horizontal-pod-autoscaler',
  'job-controller',
  'namespace-controller',
  'node-controller',
  'persistent-volume-binder',
  'pod-garbage-collector',
  'pv-protection-controller',
  'pvc-protection-controller',
  'replicaset-controller',
  'resourcequota-controller',
  'root-ca-cert-publisher',
  'service-account-controller',
  'statefulset-controller',
]);

function defaultSaObservation(alert: Alert): string[] {
  const name = fieldText(alert, 'ka.target.name');
  const user = fieldText(alert, 'ka.user.name');
  if (name !== 'default') return [];
  if (user === 'system:serviceaccount:kube-system:service-account-controller') {
    return ['ka.target.name default created by the service-account controller: every new namespace gets one automatically.'];
  }
  return ['ka.target.name is default: the account every pod in the namespace uses unless it names another one, so rights bound to it reach all of them.'];
}

export const SERVICEACCOUNT_PLAYBOOKS: Playbook[] = [
  {
    id: 'k8s-serviceaccount-created',
    title: 'K8s Serviceaccount Created',
    rules: ['K8s Serviceaccount Created'],
    family: FAMILY,
    detects: 'A successful create of a ServiceAccount, by any user including system ones. Activity stream rule.',
    whyItMatters:
      'Service accounts are the identities of workloads. An attacker who can create one and bind a role to it gets a credential of their own (a requested token) that outlives any pod and does not look like a person.',
    benignCauses: [
      'The service-account controller creating the default account of each new namespace.',
      'Helm charts and operators creating accounts for their workloads.',
      'falcosecurity event-generator runs (vanilla-serviceaccount).',
    ],
    distinguish: [
      'ka.user.name: the service-account controller, an installer or a GitOps identity versus a person or an application service account.',
      'ka.target.namespace: kube-system and platform namespaces are where a new account is most dangerous.',
      'What happens next to ka.target.name: bindings naming it, or token requests (serviceaccounts/token) for it in the audit log.',
    ],
    mitigations: {
      immediate: ['If unexplained, save the service account and the bindings naming it (kubectl get -o yaml), then delete them (this invalidates its tokens).'],
      shortTerm: ['Revoke create on serviceaccounts and serviceaccounts/token from identities that do not deploy workloads.'],
      longTerm: ['Create workload identities only through the deployment pipeline and alert on token requests for accounts outside it.'],
    },
    investigate: [
      { title: 'Show the account and any token secrets tied to it', command: 'kubectl get --namespace=⟦ka.target.namespace⟧ --output=yaml -- serviceaccount ⟦ka.target.name⟧' },
      {
        title: 'Requests made as this service account or for its tokens (audit log)',
        command: `jq -c --arg n ⟦ka.target.name⟧ --arg ns ⟦ka.target.namespace⟧ 'select(.stage == "ResponseComplete" and (.user.username == ("system:serviceaccount:" + $ns + ":" + $n) or (.objectRef.resource == "serviceaccounts" and .objectRef.name == $n))) | [.requestReceivedTimestamp, .user.username, .verb, .objectRef.resource, .objectRef.subresource, .objectRef.name, .responseStatus.code, (.sourceIPs // [] | join(","))]' "\${AUDIT_LOG:?path of the API server audit log (JSON lines)}"`,
      },
      kc.actorTimeline,
    ],
    tuningFields: ['ka.user.name', 'ka.target.namespace'],
    observe: (alert) => [...commonObservations(alert), ...defaultSaObservation(alert)],
  },
  {
    id: 'k8s-serviceaccount-deleted',
    title: 'K8s Serviceaccount Deleted',
    rules: ['K8s Serviceaccount Deleted'],
    family: FAMILY,
    detects: 'A successful delete of a ServiceAccount. Activity stream rule.',
    whyItMatters:
      'Deleting an account breaks the workloads using it and invalidates its tokens; after an intrusion it also erases an identity that was used for access.',
    benignCauses: ['Namespace deletion removing its accounts (the namespace controller).', 'Helm uninstalls and GitOps pruning.'],
    distinguish: [
      'ka.user.name: the namespace controller or the installer versus a person.',
      'The account\'s audit history: created, used and deleted by the same identity within a short time.',
      'ka.target.namespace: accounts of kube-system and platform namespaces are not removed by hand.',
    ],
    mitigations: {
      immediate: ['If unexpected, recreate the account from its source; record the affected workloads\' state and logs (kubectl get -o yaml, kubectl logs), then restart them.'],
      shortTerm: ['Review what the account did while it existed.'],
      longTerm: ['Restrict delete on serviceaccounts to the deployment pipeline.'],
    },
    investigate: [kc.objectHistory, kc.actorTimeline, kc.namespaceEvents],
    tuningFields: ['ka.user.name', 'ka.target.namespace'],
    observe: commonObservations,
  },
  {
    id: 'k8s-serviceaccount-in-kube-namespace',
    title: 'Service Account Created in Kube Namespace',
    rules: ['Service Account Created in Kube Namespace'],
    family: FAMILY,
    detects:
      'A successful create of a ServiceAccount in kube-system or kube-public whose name is in neither known_sa_list (the built-in controllers) nor user_known_sa_list.',
    whyItMatters:
      'kube-system is where privileged control-plane identities live and where few people look closely. An account planted there blends in with system components and, once bound, gives the attacker a long-lived, official-looking credential.',
    benignCauses: [
      'Add-ons installed into kube-system (CNI, CSI drivers, metrics-server, cloud controllers).',
      'Controllers added by newer Kubernetes versions and not yet in known_sa_list.',
    ],
    distinguish: [
      'ka.target.name: matches an add-on you installed (check its Deployment or DaemonSet) versus a generic or look-alike name.',
      'ka.user.name: system:kube-controller-manager or the add-on installer versus a person or an application service account.',
      'Bindings and token requests that follow for the account.',
    ],
    mitigations: {
      immediate: ['If no add-on owns it, save the account and the bindings naming it (kubectl get -o yaml), then delete them.'],
      shortTerm: ['Add legitimate add-on accounts to user_known_sa_list so the rule stays sharp.'],
      longTerm: ['Restrict writes in kube-system to the platform pipeline and install add-ons into their own namespaces where possible.'],
    },
    investigate: [
      { title: 'Show the account and its owner labels', command: 'kubectl get --namespace=⟦ka.target.namespace⟧ --output=yaml -- serviceaccount ⟦ka.target.name⟧' },
      {
        title: 'Find workloads in the namespace that use the account',
        command: `kubectl -n ⟦ka.target.namespace⟧ get pods,deployments,daemonsets -o json | jq -r --arg n ⟦ka.target.name⟧ '.items[] | select((.spec.serviceAccountName // .spec.template.spec.serviceAccountName) == $n) | .kind + "/" + .metadata.name'`,
      },
      kc.objectHistory,
    ],
    tuningFields: ['ka.target.name', 'ka.user.name'],
    allowList: {
      list: 'user_known_sa_list',
      field: 'ka.target.name',
      note: 'Add the account name when it belongs to an add-on you run in kube-system or kube-public.',
    },
    observe: (alert) => {
      const out = commonObservations(alert);
      const name = fieldText(alert, 'ka.target.name');
      if (name && KNOWN_SA_LIST.has(name)) {
        out.push(`ka.target.name ${name} is in the current upstream known_sa_list, so this alert comes from an older rules file and is expected controller behaviour.`);
      }
      return out;
    },
  },
];
