import type { Playbook } from '../../types';
import { fieldText } from '../../fieldValue';
import { FAMILY, kc } from './helpers';
import { commonObservations, secretNameObservations } from './observe';
import { CAPTURE_FIRST } from '../captureFirst';

/** Secrets and ConfigMaps: credential storage, reads of it, and churn. */

const secretObserve: Playbook['observe'] = (alert) => [...commonObservations(alert), ...secretNameObservations(alert)];

/** Key and value markers the contains_private_credentials macro looks for (case-sensitive substrings). */
const CREDENTIAL_MARKERS = "'aws[_-](s3[_-])?access[_-]key[_-]id|password|passphrase'";

const secretAccessHistory = {
  title: 'Who else read or changed this secret, and from where (audit log)',
  command: `jq -c --arg n ⟦ka.target.name⟧ --arg ns ⟦ka.target.namespace⟧ 'select(.objectRef.resource == "secrets" and .objectRef.namespace == $ns and .objectRef.name == $n and .stage == "ResponseComplete") | [.requestReceivedTimestamp, .user.username, .verb, .responseStatus.code, (.sourceIPs // [] | join(",")), .userAgent]' "\${AUDIT_LOG:?path of the API server audit log (JSON lines)}"`,
};

const secretDescribe = {
  title: 'Show the secret\'s type, owner and key names without printing the values',
  command: 'kubectl describe --namespace=⟦ka.target.namespace⟧ -- secret ⟦ka.target.name⟧',
};

export const SECRET_CONFIGMAP_PLAYBOOKS: Playbook[] = [
  {
    id: 'k8s-configmap-private-credentials',
    title: 'Create/Modify Configmap With Private Credentials',
    rules: ['Create/Modify Configmap With Private Credentials'],
    family: FAMILY,
    detects:
      'A create, update or patch of a ConfigMap (any outcome) whose data contains one of the substrings aws_access_key_id, aws-access-key-id, aws_s3_access_key_id, aws-s3-access-key-id, password or passphrase (case-sensitive).',
    whyItMatters:
      'ConfigMaps are not treated as secret: they are readable by many roles (view included), shown in dashboards and copied into Git and logs. A credential stored there is exposed to anyone with read access to the namespace, and read access is the most common permission an attacker obtains first.',
    benignCauses: [
      'Configuration keys that only mention the word, such as password_min_length, passwordFile paths or comments.',
      'Applications configured with placeholders or references to secrets (a password key whose value is an environment variable reference).',
      'falcosecurity event-generator runs (private-creds-configmap).',
    ],
    distinguish: [
      'The matching key and its value in the ConfigMap: a real secret value versus a path, placeholder, reference or policy setting.',
      'ka.req.configmap.name and ka.user.name: a chart or pipeline that templates config versus a manual edit.',
      'ka.verb: create and update both match; repeated updates by a pipeline are one finding, not many.',
    ],
    mitigations: {
      immediate: ['If a live credential is in the ConfigMap, rotate it at its source (AWS IAM key, database password) now; editing it out of the ConfigMap does not undo exposure.'],
      shortTerm: ['Move the value into a Secret (or an external secret manager) and reference it from the pod.'],
      longTerm: ['Scan manifests for credentials in CI and reject ConfigMaps with credential patterns at admission.'],
    },
    investigate: [
      {
        title: 'Find the ConfigMap (the alert does not print its namespace) and show the lines that matched',
        command: `kubectl get --all-namespaces --field-selector=metadata.name=⟦ka.req.configmap.name|dnsname⟧ --output=yaml -- configmaps | grep -n -E ${CREDENTIAL_MARKERS}`,
      },
      {
        title: 'Who read this ConfigMap since it was written (audit log)',
        command: `jq -c --arg n ⟦ka.req.configmap.name⟧ 'select(.objectRef.resource == "configmaps" and .objectRef.name == $n and .stage == "ResponseComplete") | [.requestReceivedTimestamp, .user.username, .verb, .objectRef.namespace, .responseStatus.code, (.sourceIPs // [] | join(","))]' "\${AUDIT_LOG:?path of the API server audit log (JSON lines)}"`,
      },
      kc.actorTimeline,
    ],
    tuningFields: ['ka.req.configmap.name', 'ka.user.name'],
    observe: commonObservations,
  },
  {
    id: 'k8s-configmap-created',
    title: 'K8s ConfigMap Created',
    rules: ['K8s ConfigMap Created'],
    family: FAMILY,
    detects: 'A successful create of a ConfigMap. Activity stream rule.',
    whyItMatters:
      'ConfigMaps steer application behaviour (endpoints, feature flags, scripts mounted into pods). Planting or replacing one changes what a workload runs at its next restart without touching its image.',
    benignCauses: ['Application deployments and Helm installs.', 'Controllers that publish ConfigMaps (kube-root-ca.crt in every namespace, leader-election records).', 'falcosecurity event-generator runs (vanilla-configmap).'],
    distinguish: [
      'ka.user.name: pipeline, controller or operator identity versus a person or an application service account.',
      'ka.target.name: kube-root-ca.crt and lock or leader records are controller traffic.',
      'Which pods mount it and whether it holds scripts or endpoints.',
    ],
    mitigations: {
      immediate: ['If unexplained, record its content and delete it before a pod picks it up.'],
      shortTerm: ['Remove create on configmaps from identities that do not deploy.'],
      longTerm: ['Deliver configuration from reviewed repositories only.'],
    },
    investigate: [
      { title: 'Show the ConfigMap', command: 'kubectl get --namespace=⟦ka.target.namespace⟧ --output=yaml -- configmap ⟦ka.target.name⟧' },
      kc.actorTimeline,
    ],
    tuningFields: ['ka.user.name', 'ka.target.namespace'],
    observe: (alert) => {
      const out = commonObservations(alert);
      if (fieldText(alert, 'ka.target.name') === 'kube-root-ca.crt') {
        out.push('ka.target.name kube-root-ca.crt is published into every namespace by the root CA publisher controller.');
      }
      return out;
    },
  },
  {
    id: 'k8s-configmap-deleted',
    title: 'K8s ConfigMap Deleted',
    rules: ['K8s ConfigMap Deleted'],
    family: FAMILY,
    detects: 'A successful delete of a ConfigMap. Activity stream rule.',
    whyItMatters: 'Pods that mount a missing ConfigMap fail to start, and deleting then recreating one is a way to swap configuration.',
    benignCauses: ['Helm uninstalls and GitOps pruning.', 'Namespace clean-up.', 'falcosecurity event-generator clean-up.'],
    distinguish: [
      'ka.user.name: the pipeline or owning team versus someone else.',
      'Whether a ConfigMap of the same name was recreated right after with different content (audit log history).',
    ],
    mitigations: {
      immediate: ['If unexpected, restore it from its source of truth.'],
      shortTerm: ['Review other changes by the same identity.'],
      longTerm: ['Limit delete on configmaps to the pipeline.'],
    },
    investigate: [kc.objectHistory, kc.actorTimeline],
    tuningFields: ['ka.user.name', 'ka.target.namespace'],
    observe: commonObservations,
  },
  {
    id: 'k8s-secret-created',
    title: 'K8s Secret Created',
    rules: ['K8s Secret Created'],
    family: FAMILY,
    detects: 'A successful create of a Secret outside kube-system by a user whose name does not start with system:. Activity stream rule.',
    whyItMatters:
      'Creating a secret of type kubernetes.io/service-account-token for an existing service account makes the control plane mint a non-expiring token for it, a classic persistence trick. Other new secrets can replace credentials an app trusts.',
    benignCauses: ['Deployments, Helm releases (sh.helm.release.v1.*) and external-secret operators syncing values.', 'cert-manager issuing certificates.'],
    distinguish: [
      'The secret type (kubectl describe): service-account-token secrets created by people are suspicious.',
      'ka.user.name: pipeline, Helm or operator identity versus a person or an application service account.',
      'ka.target.name: Helm release storage and TLS secrets follow recognisable patterns.',
    ],
    mitigations: {
      immediate: ['If it is an unexplained service-account token secret, save its metadata (kubectl get secret -o yaml, without sharing the token), then delete it (the token stops working) and review what the token did.'],
      shortTerm: ['Revoke create on secrets from identities that do not deploy.'],
      longTerm: ['Reject kubernetes.io/service-account-token secrets at admission outside approved cases and rely on short-lived tokens from the TokenRequest API.'],
    },
    investigate: [secretDescribe, secretAccessHistory, kc.actorTimeline],
    tuningFields: ['ka.user.name', 'ka.target.namespace'],
    observe: secretObserve,
  },
  {
    id: 'k8s-secret-deleted',
    title: 'K8s Secret Deleted',
    rules: ['K8s Secret Deleted'],
    family: FAMILY,
    detects: 'A successful delete of a Secret outside kube-system by a user whose name does not start with system:. Activity stream rule.',
    whyItMatters: 'Deleting secrets breaks the applications that need them and can remove a token secret an intruder created, erasing evidence.',
    benignCauses: ['Helm uninstalls and upgrades pruning old release secrets.', 'Credential rotation by operators.'],
    distinguish: [
      'ka.user.name: Helm or the owning pipeline versus a person.',
      'ka.target.name: Helm release history secrets are deleted routinely.',
      'The secret\'s audit history: created shortly before by the same identity.',
    ],
    mitigations: {
      immediate: ['If unexpected, restore the secret from its source (secret manager, sealed secret); save the affected pods\' logs (kubectl logs), then restart them.'],
      shortTerm: ['Review other deletes by the same identity.'],
      longTerm: ['Limit delete on secrets to the pipeline.'],
    },
    investigate: [secretAccessHistory, kc.actorTimeline],
    tuningFields: ['ka.user.name', 'ka.target.namespace'],
    observe: secretObserve,
  },
  {
    id: 'k8s-secret-get-successful',
    title: 'K8s Secret Get Successfully',
    rules: ['K8s Secret Get Successfully'],
    family: FAMILY,
    detects:
      'A successful get of a single Secret, from any user including system accounts and in any namespace. list and watch calls, which return many secrets at once, do not match.',
    whyItMatters:
      'A secret read hands over its values: database passwords, API keys, TLS keys, service-account tokens. Reading secrets is the main way an attacker with API access turns it into access to everything else.',
    benignCauses: [
      'Controllers and operators reading the secrets they manage (cert-manager, ingress controllers, external-secrets).',
      'Helm reading its release secrets on every command.',
      'Applications fetching their own credentials through the API.',
    ],
    distinguish: [
      'ka.user.name: the component that owns or consumes the secret versus a person or a workload from another namespace.',
      'ka.target.name and ka.target.namespace: token secrets, bootstrap tokens and cloud credentials are the prizes.',
      'The actor\'s other requests: a sequence of gets across many secrets is harvesting.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.k8sAudit, 'If the read was not by the secret\'s consumer, rotate the secret\'s values at their source and revoke the reader\'s access.'],
      shortTerm: ['Limit get on secrets with resourceNames to the exact secrets each identity needs.'],
      longTerm: ['Keep high-value credentials in an external secret manager with its own audit, and give people no standing secret-read rights.'],
    },
    investigate: [secretAccessHistory, kc.actorTimeline, kc.actorBindings],
    tuningFields: ['ka.user.name', 'ka.target.namespace', 'ka.target.name'],
    observe: secretObserve,
  },
  {
    id: 'k8s-secret-get-failed',
    title: 'K8s Secret Get Unsuccessfully Tried',
    rules: ['K8s Secret Get Unsuccessfully Tried'],
    family: FAMILY,
    detects: 'A get of a single Secret that did not return a 2xx code, from any user, in any namespace.',
    whyItMatters:
      'Denied secret reads are what credential hunting looks like from a foothold with limited rights: the attacker tries the names that usually exist and keeps what works.',
    benignCauses: [
      'Applications or operators looking for a secret that does not exist yet (404), e.g. before a certificate is issued.',
      'Misconfigured RBAC after a deployment change (403).',
    ],
    distinguish: [
      'ka.response.code: 404 is usually a missing secret; 403 is a denial, and a series of 403s across names or namespaces is probing.',
      'ka.user.name: the component that should own the secret versus an unrelated workload or person.',
      'ka.target.name and ka.target.namespace: guessable high-value names (admin, aws, db, token) in several namespaces.',
    ],
    mitigations: {
      immediate: ['If it looks like probing, identify the workload or person behind the identity and cut its credential.'],
      shortTerm: ['Fix RBAC for legitimate consumers so genuine failures stop.'],
      longTerm: ['Alert on bursts of denied reads per identity rather than each single one.'],
    },
    investigate: [kc.actorTimeline, kc.actorPermissionsNs, secretAccessHistory],
    tuningFields: ['ka.user.name', 'ka.target.namespace', 'ka.target.name'],
    observe: secretObserve,
  },
];
