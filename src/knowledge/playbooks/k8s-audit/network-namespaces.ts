import type { Playbook } from '../../types';
import { fieldText } from '../../fieldValue';
import { FAMILY, kc } from './helpers';
import { commonObservations } from './observe';
import { CAPTURE_FIRST } from '../captureFirst';

/** Exposure (Services, Ingress) and namespace lifecycle. */

export const NETWORK_NAMESPACE_PLAYBOOKS: Playbook[] = [
  {
    id: 'k8s-create-nodeport-service',
    title: 'Create NodePort Service',
    rules: ['Create NodePort Service'],
    family: FAMILY,
    detects:
      'A Service create request (any outcome) with type NodePort. The user_known_node_port_service macro is the exclusion hook and matches nothing by default.',
    whyItMatters:
      'A NodePort opens the same port on every node\'s address, bypassing the ingress layer and its authentication and TLS. Attackers use it to expose a backdoor or an internal admin interface directly on node IPs, which are often reachable from wider networks than intended.',
    benignCauses: [
      'Bare-metal or lab clusters with no load balancer, where NodePort is the normal way in.',
      'Load balancers that target node ports (some cloud and on-prem integrations).',
      'falcosecurity event-generator runs (nodeport-service).',
    ],
    distinguish: [
      'ka.req.service.ports: the nodePort chosen and the target port; database, SSH or admin ports exposed this way are a red flag.',
      'ka.user.name: the deployment pipeline versus a person or an application service account.',
      'ka.target.namespace and ka.target.name: a service of a known app versus one selecting an unexpected pod.',
    ],
    mitigations: {
      immediate: ['If unexplained, save the Service and its endpoints (kubectl get service,endpoints -o yaml), then delete it and check which pods it selected and what they serve.'],
      shortTerm: ['Block the NodePort range (30000-32767 by default) at the node firewall or security group from untrusted networks.'],
      longTerm: ['Reject type NodePort outside approved namespaces with an admission policy and publish services through an Ingress or Gateway.'],
    },
    investigate: [
      { title: 'Show the service: selector, ports and nodePorts', command: 'kubectl get --namespace=⟦ka.target.namespace⟧ --output=yaml -- service ⟦ka.target.name⟧' },
      { title: 'Show which pods back the service', command: 'kubectl get --namespace=⟦ka.target.namespace⟧ --selector=kubernetes.io/service-name=⟦ka.target.name|labelvalue⟧ --output=wide -- endpointslices' },
      kc.actorTimeline,
    ],
    tuningFields: ['ka.target.namespace', 'ka.target.name', 'ka.user.name'],
    observe: commonObservations,
  },
  {
    id: 'k8s-ingress-without-tls',
    title: 'Ingress Object without TLS Certificate Created',
    rules: ['Ingress Object without TLS Certificate Created'],
    family: FAMILY,
    detects: 'A successful create of an Ingress whose spec has no tls section.',
    whyItMatters:
      'Without TLS the exposed application takes credentials and session cookies in clear text, readable and modifiable by anyone on the path. An attacker can also publish a backdoor route this way.',
    benignCauses: [
      'TLS terminated in front of the ingress: a cloud load balancer with a certificate set by annotation, or a CDN.',
      'Plain HTTP routes used only to redirect to HTTPS or for ACME challenges (cert-manager solver ingresses).',
      'Internal-only or development ingresses.',
    ],
    distinguish: [
      'ka.target.name and ka.target.namespace: cert-manager solver ingresses (cm-acme-http-solver-*) are short-lived and expected.',
      'Annotations on the Ingress: load balancer certificate annotations mean TLS exists, just not in spec.tls.',
      'ka.user.name: the deployment pipeline versus a person or an application service account.',
    ],
    mitigations: {
      immediate: ['If the host serves logins or APIs, add a tls section with a certificate or take the route down until it has one.'],
      shortTerm: ['Enable HTTPS redirect on the ingress controller.'],
      longTerm: ['Require spec.tls (or an approved certificate annotation) on ingresses with an admission policy, and automate certificates with cert-manager.'],
    },
    investigate: [
      { title: 'Show the ingress: hosts, paths, backends and annotations', command: 'kubectl get --namespace=⟦ka.target.namespace⟧ --output=yaml -- ingress ⟦ka.target.name⟧' },
      kc.actorTimeline,
    ],
    tuningFields: ['ka.target.namespace', 'ka.target.name'],
    observe: (alert) => {
      const out = commonObservations(alert);
      const name = fieldText(alert, 'ka.target.name');
      if (name?.startsWith('cm-acme-http-solver-')) {
        out.push(`ka.target.name ${name} is a temporary cert-manager HTTP-01 challenge ingress, which is plain HTTP by design.`);
      }
      return out;
    },
  },
  {
    id: 'k8s-service-created',
    title: 'K8s Service Created',
    rules: ['K8s Service Created'],
    family: FAMILY,
    detects: 'A successful create of a Service. Activity stream rule.',
    whyItMatters:
      'Services decide what is reachable and from where: a LoadBalancer or NodePort service can expose an internal pod to the internet, and a service with an unexpected selector can intercept traffic meant for another app.',
    benignCauses: ['Application deployments and Helm installs.', 'Operators creating services for the resources they manage.', 'falcosecurity event-generator runs (vanilla-service).'],
    distinguish: [
      'ka.user.name: pipeline, GitOps or operator identity versus a person or an application service account.',
      'The service type and selector (kubectl get service): LoadBalancer or NodePort, and which pods it selects.',
      'ka.target.namespace: services in kube-system or in another team\'s namespace.',
    ],
    mitigations: {
      immediate: ['If unexplained, save the Service and its endpoints (kubectl get service,endpoints -o yaml), then delete it and check what it exposed.'],
      shortTerm: ['Revoke create on services from identities that do not deploy.'],
      longTerm: ['Restrict LoadBalancer and NodePort types with admission policy.'],
    },
    investigate: [
      { title: 'Show the service: type, selector, ports, external addresses', command: 'kubectl get --namespace=⟦ka.target.namespace⟧ --output=yaml -- service ⟦ka.target.name⟧' },
      kc.actorTimeline,
    ],
    tuningFields: ['ka.user.name', 'ka.target.namespace'],
    observe: commonObservations,
  },
  {
    id: 'k8s-service-deleted',
    title: 'K8s Service Deleted',
    rules: ['K8s Service Deleted'],
    family: FAMILY,
    detects: 'A successful delete of a Service. Activity stream rule.',
    whyItMatters:
      'Deleting a Service cuts traffic to an application (denial of service), and deleting then recreating one is a way to redirect traffic to other pods.',
    benignCauses: ['Application retirement, Helm uninstalls and GitOps pruning.', 'falcosecurity event-generator clean-up.'],
    distinguish: [
      'ka.user.name: the pipeline or owning team versus someone else.',
      'Whether a service of the same name was recreated right after with a different selector (audit log history).',
    ],
    mitigations: {
      immediate: ['If unexpected, restore the service from its source of truth.'],
      shortTerm: ['Review other changes by the same identity.'],
      longTerm: ['Limit delete on services to the pipeline.'],
    },
    investigate: [kc.objectHistory, kc.actorTimeline],
    tuningFields: ['ka.user.name', 'ka.target.namespace'],
    observe: commonObservations,
  },
  {
    id: 'k8s-namespace-created',
    title: 'K8s Namespace Created',
    rules: ['K8s Namespace Created'],
    family: FAMILY,
    detects: 'A successful create of a Namespace. Activity stream rule.',
    whyItMatters:
      'A fresh namespace is an unwatched space: monitoring, network policies and quotas often do not cover it yet, which suits hidden workloads.',
    benignCauses: ['Team or environment provisioning.', 'Helm --create-namespace and operators creating their own namespaces.', 'CI creating ephemeral test namespaces.'],
    distinguish: [
      'ka.user.name: the provisioning pipeline versus a person or an application service account.',
      'ka.target.name: your naming scheme versus look-alike names (kube-systems, default-1).',
      'What gets deployed there next (pods, service accounts, bindings).',
    ],
    mitigations: {
      immediate: ['If unexplained, save everything in it (kubectl get all,configmaps,secrets,rolebindings -o yaml), then delete the namespace.'],
      shortTerm: ['Revoke create on namespaces from identities that do not provision.'],
      longTerm: ['Apply default NetworkPolicies, quotas and Pod Security labels to new namespaces automatically.'],
    },
    investigate: [
      {
        title: 'List what has been created in the namespace',
        command: 'kubectl get --namespace=⟦ka.target.name⟧ -- all,serviceaccounts,roles,rolebindings,secrets',
      },
      kc.actorTimeline,
    ],
    tuningFields: ['ka.user.name', 'ka.target.name'],
    observe: commonObservations,
  },
  {
    id: 'k8s-namespace-deleted',
    title: 'K8s Namespace Deleted',
    rules: ['K8s Namespace Deleted'],
    family: FAMILY,
    detects: 'A successful delete of a Namespace by a user whose name does not start with system:. Activity stream rule.',
    whyItMatters:
      'Deleting a namespace destroys everything in it at once, including secrets and persistent volume claims. It is the fastest sabotage move and also removes attacker artefacts.',
    benignCauses: ['Environment or team decommissioning.', 'CI tearing down ephemeral namespaces.'],
    distinguish: [
      'ka.user.name: the provisioning pipeline or a platform admin versus anyone else.',
      'ka.target.name: production or shared namespaces versus ephemeral test ones.',
      'Other deletes by the same identity around the same time.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.k8sAudit, 'If unexpected, revoke the identity\'s access and restore the namespace from backups (Velero or GitOps) before persistent volumes are reclaimed.'],
      shortTerm: ['Set reclaimPolicy Retain on storage classes holding important data.'],
      longTerm: ['Restrict delete on namespaces to a break-glass group and protect critical namespaces with an admission policy.'],
    },
    investigate: [
      kc.actorTimeline,
      {
        title: 'Everything this identity deleted (audit log)',
        command: `jq -c --arg u ⟦ka.user.name⟧ 'select(.user.username == $u and .verb == "delete" and .stage == "ResponseComplete") | [.requestReceivedTimestamp, .objectRef.resource, .objectRef.namespace, .objectRef.name, .responseStatus.code]' "\${AUDIT_LOG:?path of the API server audit log (JSON lines)}"`,
      },
    ],
    tuningFields: ['ka.user.name', 'ka.target.name'],
    observe: commonObservations,
  },
  {
    id: 'k8s-create-disallowed-namespace',
    title: 'Create Disallowed Namespace',
    rules: ['Create Disallowed Namespace'],
    family: FAMILY,
    detects: 'A Namespace create request (any outcome) whose name is not in allowed_namespaces (kube-system, kube-public and default upstream).',
    whyItMatters:
      'In clusters where namespaces are provisioned deliberately, an unplanned namespace is a place to run workloads outside existing policies and monitoring.',
    benignCauses: [
      'Any legitimate namespace not yet in allowed_namespaces: with the upstream list almost every namespace alerts.',
      'Helm --create-namespace, operators and CI creating namespaces.',
    ],
    distinguish: [
      'ka.target.name: matches your naming and an open request versus look-alike or random names.',
      'ka.user.name: the provisioning pipeline versus a person or service account.',
    ],
    mitigations: {
      immediate: ['If unplanned, save what it holds (kubectl get all,configmaps,secrets,rolebindings -o yaml), then delete the namespace.'],
      shortTerm: ['Append the cluster\'s legitimate namespaces to allowed_namespaces.'],
      longTerm: ['Provision namespaces only through a pipeline that applies policies, and restrict create on namespaces to it.'],
    },
    investigate: [
      { title: 'List what has been created in the namespace', command: 'kubectl get --namespace=⟦ka.target.name⟧ -- all,serviceaccounts,roles,rolebindings,secrets' },
      kc.actorTimeline,
    ],
    tuningFields: ['ka.target.name', 'ka.user.name'],
    allowList: {
      list: 'allowed_namespaces',
      field: 'ka.target.name',
      note: 'Append every namespace the cluster is meant to have; the rule then flags only unplanned ones.',
    },
    observe: commonObservations,
  },
];
