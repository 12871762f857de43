import { describe, it, expect } from 'vitest';
import type { Alert, OutputFields } from '../../../model';
import type { Playbook } from '../../types';
import { PLAYBOOKS } from './index';
import { noteText } from '../../observation';

/** The k8s_audit assignment: plugins/k8s_audit_rules.yaml (Disallowed K8s User is also in the GKE overlay). */
const ASSIGNED = [
  'All K8s Audit Events',
  'Anonymous Request Allowed',
  'Attach to cluster-admin Role',
  'Attach/Exec Pod',
  'ClusterRole With Pod Exec Created',
  'ClusterRole With Wildcard Created',
  'ClusterRole With Write Privileges Created',
  'Create Disallowed Namespace',
  'Create Disallowed Pod',
  'Create HostIPC Pod',
  'Create HostNetwork Pod',
  'Create HostPid Pod',
  'Create NodePort Service',
  'Create Privileged Pod',
  'Create Sensitive Mount Pod',
  'Create/Modify Configmap With Private Credentials',
  'Disallowed K8s User',
  'EphemeralContainers Created',
  'Full K8s Administrative Access',
  'Ingress Object without TLS Certificate Created',
  'K8s ClusterRole Created',
  'K8s ClusterRole Deleted',
  'K8s ClusterRoleBinding Created',
  'K8s ClusterRoleBinding Deleted',
  'K8s ConfigMap Created',
  'K8s ConfigMap Deleted',
  'K8s Deployment Created',
  'K8s Deployment Deleted',
  'K8s Namespace Created',
  'K8s Namespace Deleted',
  'K8s Role Created',
  'K8s Role Deleted',
  'K8s RoleBinding Created',
  'K8s RoleBinding Deleted',
  'K8s Secret Created',
  'K8s Secret Deleted',
  'K8s Secret Get Successfully',
  'K8s Secret Get Unsuccessfully Tried',
  'K8s Service Created',
  'K8s Service Deleted',
  'K8s Serviceaccount Created',
  'K8s Serviceaccount Deleted',
  'Pod Created in Kube Namespace',
  'Service Account Created in Kube Namespace',
  'System ClusterRole Modified/Deleted',
  'Untrusted Node Successfully Joined the Cluster',
  'Untrusted Node Unsuccessfully Tried to Join the Cluster',
  'port-forward',
];

function playbook(rule: string): Playbook {
  const found = PLAYBOOKS.find((p) => p.rules.includes(rule));
  if (!found) throw new Error(`no playbook for ${rule}`);
  return found;
}

function alert(rule: string, outputFields: OutputFields): Alert {
  return {
    id: 0,
    file: 'test.ndjson',
    line: 1,
    rule,
    priority: 'Warning',
    time: '2025-02-10T09:15:40.698757000Z',
    timeMs: Date.parse('2025-02-10T09:15:40.698Z'),
    output: '',
    outputFields,
    source: 'k8s_audit',
    sourceInferred: false,
    tags: ['k8s'],
  };
}

function observe(rule: string, fields: OutputFields): string[] {
  const p = playbook(rule);
  expect(p.observe).toBeDefined();
  return p.observe ? p.observe(alert(rule, fields)).map(noteText) : [];
}

describe('k8s_audit playbooks: coverage and shape', () => {
  it('has a playbook for every assigned rule, one per rule', () => {
    for (const rule of ASSIGNED) expect(PLAYBOOKS.filter((p) => p.rules.includes(rule)), rule).toHaveLength(1);
    expect(PLAYBOOKS).toHaveLength(ASSIGNED.length);
  });

  it('uses unique k8s- ids, the k8s_audit family and the rule name as title', () => {
    const ids = PLAYBOOKS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of PLAYBOOKS) {
      expect(p.id).toMatch(/^k8s-[a-z0-9-]+$/);
      expect(p.family).toBe('k8s_audit');
      expect(p.title).toBe(p.rules[0]);
    }
  });

  it('writes real commands with ka.* placeholders only, never falco itself', () => {
    for (const p of PLAYBOOKS) {
      expect(p.investigate.length, p.id).toBeGreaterThanOrEqual(2);
      expect(p.investigate.length, p.id).toBeLessThanOrEqual(5);
      for (const c of p.investigate) {
        expect(c.command, p.id).toMatch(/^(kubectl|jq) /);
        expect(c.command, p.id).not.toMatch(/(^|[\s|;])falco\s/);
        for (const m of c.command.matchAll(/\{\{([^@}][^}]*)\}\}/g)) expect(m[1], `${p.id}: ${c.command}`).toMatch(/^ka\.[a-z.]+$/); // @time...: the alert's own time
        // a placeholder is never inside a quoted string
        expect(c.command, p.id).not.toMatch(/'[^']*\{ka\.[^}]*\}[^']*'/);
      }
    }
  });

  it('keeps prose plain and mitigations complete', () => {
    for (const p of PLAYBOOKS) {
      const prose = [p.detects, p.whyItMatters, ...p.benignCauses, ...p.distinguish, ...Object.values(p.mitigations).flat()];
      for (const s of prose) expect(s, p.id).not.toMatch(/`|\*\*|^#/);
      for (const k of ['immediate', 'shortTerm', 'longTerm'] as const) {
        expect(p.mitigations[k].length, `${p.id} ${k}`).toBeGreaterThanOrEqual(1);
        expect(p.mitigations[k].length, `${p.id} ${k}`).toBeLessThanOrEqual(3);
      }
      expect(p.tuningFields.length, p.id).toBeGreaterThanOrEqual(1);
      expect(p.tuningFields.length, p.id).toBeLessThanOrEqual(3);
    }
  });
});

describe('k8s_audit observe', () => {
  it('Disallowed K8s User: component traffic that succeeded', () => {
    const out = observe('Disallowed K8s User', {
      'ka.response.code': '200',
      'ka.target.name': 'csi-6afb06dce281b86b7bab718b5d966dc261b2b1554941ae449519a128cb2e3fb3',
      'ka.target.resource': 'volumeattachments',
      'ka.uri': '/apis/storage.k8s.io/v1/volumeattachments/csi-6afb06dce281b86b7bab718b5d966dc261b2b1554941ae449519a128cb2e3fb3/status',
      'ka.user.name': 'csi-cinder-controller',
      'ka.verb': 'patch',
    });
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('accepted');
  });

  it('Disallowed K8s User: a denied request and a kube-system uri', () => {
    const out = observe('Disallowed K8s User', {
      'ka.response.code': '403',
      'ka.target.name': 'bootstrap-token-abcdef',
      'ka.target.resource': 'secrets',
      'ka.uri': '/api/v1/namespaces/kube-system/secrets/bootstrap-token-abcdef',
      'ka.user.name': 'yacht',
      'ka.verb': 'get',
    });
    expect(out.some((s) => s.includes('403') && s.includes('denied'))).toBe(true);
    expect(out.some((s) => s.includes('kube-system'))).toBe(true);
  });

  it('Disallowed K8s User: GKE robot, GCP service account and email identities', () => {
    expect(observe('Disallowed K8s User', { 'ka.user.name': 'service-123@container-engine-robot.iam.gserviceaccount.com' })[0]).toContain('GKE');
    expect(observe('Disallowed K8s User', { 'ka.user.name': 'ci@proj.iam.gserviceaccount.com' })[0]).toContain('Google Cloud service account');
    expect(observe('Disallowed K8s User', { 'ka.user.name': 'jane@example.com' })[0]).toContain('email-style');
  });

  it('Attach/Exec Pod: bootstrap admin running a one-off command', () => {
    const out = observe('Attach/Exec Pod', {
      'ka.target.name': 'nginx-676b6c5bbc-4xc6t',
      'ka.target.namespace': 'hello-app',
      'ka.target.resource': 'pods',
      'ka.target.subresource': 'exec',
      'ka.uri.param[command]': 'cat',
      'ka.user.name': 'kubernetes-admin',
    });
    expect(out.some((s) => s.includes('bootstrap'))).toBe(true);
    expect(out.some((s) => s.includes('first word (cat)'))).toBe(true);
  });

  it('Attach/Exec Pod: shell in a kube-system pod by a workload service account', () => {
    const out = observe('Attach/Exec Pod', {
      'ka.target.name': 'coredns-5d78c9869d-abcde',
      'ka.target.namespace': 'kube-system',
      'ka.uri.param[command]': '/bin/sh',
      'ka.user.name': 'system:serviceaccount:ci:runner',
    });
    expect(out.some((s) => s.includes('service account runner of namespace ci'))).toBe(true);
    expect(out.some((s) => s.includes('interactive shell'))).toBe(true);
    expect(out.some((s) => s.includes('kube-system'))).toBe(true);
  });

  it('K8s Serviceaccount Created: kubelet identity creating a default account', () => {
    const out = observe('K8s Serviceaccount Created', {
      'ka.auth.decision': 'allow',
      'ka.auth.reason': '',
      'ka.response.code': '201',
      'ka.target.name': 'default',
      'ka.target.namespace': 'default',
      'ka.target.resource': 'serviceaccounts',
      'ka.user.name': 'system:node:ip-192-168-34-135.ec2.internal',
    });
    expect(out.some((s) => s.includes('kubelet identity of node ip-192-168-34-135.ec2.internal'))).toBe(true);
    expect(out.some((s) => s.includes('ka.target.name is default'))).toBe(true);
  });

  it('Anonymous Request Allowed: probe endpoint from an older ruleset and the binding that allowed it', () => {
    const out = observe('Anonymous Request Allowed', {
      'ka.auth.reason':
        'RBAC: allowed by ClusterRoleBinding "system:public-info-viewer" of ClusterRole "system:public-info-viewer" to Group "system:unauthenticated"',
      'ka.uri': '/readyz',
      'ka.user.name': 'system:anonymous',
      'ka.verb': 'get',
    });
    expect(out.some((s) => s.includes('no valid credential'))).toBe(true);
    expect(out.some((s) => s.includes('ClusterRoleBinding system:public-info-viewer'))).toBe(true);
    expect(out.some((s) => s.includes('older rules file'))).toBe(true);
  });

  it('Anonymous Request Allowed: anonymous write', () => {
    const out = observe('Anonymous Request Allowed', {
      'ka.uri': '/api/v1/namespaces/default/pods',
      'ka.user.name': 'system:anonymous',
      'ka.verb': 'create',
    });
    expect(out.some((s) => s.includes('is a write'))).toBe(true);
  });

  it('Service Account Created in Kube Namespace: known controller from an old ruleset', () => {
    const out = observe('Service Account Created in Kube Namespace', {
      'ka.target.name': 'pod-garbage-collector',
      'ka.target.namespace': 'kube-system',
      'ka.user.name': 'system:kube-controller-manager',
    });
    expect(out.some((s) => s.includes('kube-controller-manager'))).toBe(true);
    expect(out.some((s) => s.includes('known_sa_list'))).toBe(true);
  });

  it('Create Privileged Pod: event-generator deployment pod made by the replicaset controller', () => {
    const out = observe('Create Privileged Pod', {
      'ka.req.pod.containers.image': '[busybox]',
      'ka.req.pod.initContainers.image': '<NA>',
      'ka.req.pod.ephemeralContainers.image': '<NA>',
      'ka.resp.name': 'privileged-deployment-7d8f9c6b5-x2k4q',
      'ka.target.namespace': 'default',
      'ka.target.resource': 'pods',
      'ka.user.name': 'system:serviceaccount:kube-system:replicaset-controller',
    });
    expect(out.some((s) => s.includes('kube-controller-manager controller'))).toBe(true);
    expect(out.some((s) => s.includes('event-generator'))).toBe(true);
    expect(out.some((s) => s.includes('busybox') && s.includes('Docker Hub'))).toBe(true);
  });

  it('Create Privileged Pod: pinned image from a private registry raises nothing about images', () => {
    const out = observe('Create Privileged Pod', {
      'ka.req.pod.containers.image': 'registry.example.com/net/agent:1.4.2',
      'ka.resp.name': 'agent-abcde',
      'ka.target.namespace': 'net-system',
      'ka.user.name': 'system:serviceaccount:kube-system:daemon-set-controller',
    });
    expect(out.some((s) => s.includes('ka.req.pod.containers.image'))).toBe(false);
  });

  it('Create Sensitive Mount Pod: names what each host path exposes', () => {
    const out = observe('Create Sensitive Mount Pod', {
      'ka.req.pod.containers.image': 'alpine:latest',
      'ka.resp.name': 'x',
      'ka.target.namespace': 'default',
      'ka.user.name': 'mallory',
      'jevt.value[/requestObject/spec/volumes]':
        '[{"name":"sock","hostPath":{"path":"/run/containerd/containerd.sock"}},{"name":"m","hostPath":{"path":"/etc/kubernetes/manifests/","type":"Directory"}},{"name":"c","configMap":{"name":"c"}}]',
    });
    expect(out.some((s) => s.includes('containerd API'))).toBe(true);
    expect(out.some((s) => s.includes('static pod manifests'))).toBe(true);
    expect(out.some((s) => s.includes('alpine:latest') && s.includes('not pinned'))).toBe(true);
  });

  it('Attach to cluster-admin Role: binding to broad groups', () => {
    const out = observe('Attach to cluster-admin Role', {
      'ka.user.name': 'system:serviceaccount:default:default',
      'ka.req.binding.subjects':
        '[{"kind":"Group","apiGroup":"rbac.authorization.k8s.io","name":"system:authenticated"},{"kind":"ServiceAccount","name":"default","namespace":"prod"}]',
    });
    expect(out.some((s) => s.includes('system:authenticated'))).toBe(true);
    expect(out.some((s) => s.includes('default service account of prod'))).toBe(true);
  });

  it('K8s ClusterRoleBinding Created: cluster-admin role and anonymous subject', () => {
    const out = observe('K8s ClusterRoleBinding Created', {
      'ka.user.name': 'alice',
      'ka.target.name': 'oops',
      'ka.req.binding.role': 'cluster-admin',
      'ka.req.binding.subjects': '[{"kind":"User","name":"system:anonymous"}]',
      'ka.response.code': '201',
    });
    expect(out.some((s) => s.includes('unrestricted control'))).toBe(true);
    expect(out.some((s) => s.includes('no credentials'))).toBe(true);
  });

  it('ClusterRole With Wildcard Created: spells out what the rules grant', () => {
    const out = observe('ClusterRole With Wildcard Created', {
      'ka.user.name': 'bob',
      'ka.target.name': 'wildcard-resources-role',
      'ka.target.resource': 'roles',
      'ka.req.role.rules': '[{"apiGroups":[""],"resources":["*"],"verbs":["get","list"]},{"apiGroups":["rbac.authorization.k8s.io"],"resources":["clusterroles"],"verbs":["escalate","bind"]}]',
    });
    expect(out.some((s) => s.includes('wildcard'))).toBe(true);
    expect(out.some((s) => s.includes('read secrets'))).toBe(true);
    expect(out.some((s) => s.includes('escalate, bind'))).toBe(true);
    expect(out.some((s) => s.includes('event-generator'))).toBe(true);
  });

  it('K8s Secret Get Successfully: Helm release storage read by a controller', () => {
    const out = observe('K8s Secret Get Successfully', {
      'ka.user.name': 'system:serviceaccount:flux-system:helm-controller',
      'ka.target.name': 'sh.helm.release.v1.podinfo.v3',
      'ka.target.namespace': 'apps',
      'ka.response.code': '200',
      'ka.auth.decision': 'allow',
    });
    expect(out.some((s) => s.includes("Helm's release storage"))).toBe(true);
  });

  it('K8s Secret Get Unsuccessfully Tried: admission rejection versus RBAC denial', () => {
    const admission = observe('K8s Secret Get Unsuccessfully Tried', {
      'ka.user.name': 'x',
      'ka.response.code': '403',
      'ka.auth.decision': 'allow',
      'ka.target.name': 'db',
    });
    expect(admission.some((s) => s.includes('admission controller'))).toBe(true);
    const rbac = observe('K8s Secret Get Unsuccessfully Tried', {
      'ka.user.name': 'x',
      'ka.response.code': '403',
      'ka.auth.decision': 'forbid',
      'ka.target.name': 'default-token-abcde',
      'ka.target.namespace': 'kube-system',
    });
    expect(rbac.some((s) => s.includes('probing'))).toBe(true);
    expect(rbac.some((s) => s.includes('legacy long-lived service-account token'))).toBe(true);
  });

  it('EphemeralContainers Created: image not captured on patch requests', () => {
    const out = observe('EphemeralContainers Created', {
      'ka.user.name': 'dev',
      'ka.target.name': 'api-1',
      'ka.target.namespace': 'prod',
      'jevt.value[/requestObject/ephemeralContainers/0/image]': '<NA>',
    });
    expect(out.some((s) => s.includes('not captured'))).toBe(true);
    const withImage = observe('EphemeralContainers Created', {
      'ka.user.name': 'dev',
      'jevt.value[/requestObject/ephemeralContainers/0/image]': 'nicolaka/netshoot',
    });
    expect(withImage.some((s) => s.includes('general-purpose utility image'))).toBe(true);
  });

  it('Untrusted Node Successfully Joined the Cluster: kubelet registering another node', () => {
    const out = observe('Untrusted Node Successfully Joined the Cluster', {
      'ka.user.name': 'system:node:worker-1',
      'ka.target.name': 'worker-9',
    });
    expect(out.some((s) => s.includes('different name (worker-9)'))).toBe(true);
    expect(observe('Untrusted Node Successfully Joined the Cluster', { 'ka.user.name': 'system:node:worker-1', 'ka.target.name': 'worker-1' })).toHaveLength(1);
  });

  it('Ingress Object without TLS Certificate Created: cert-manager solver', () => {
    const out = observe('Ingress Object without TLS Certificate Created', {
      'ka.user.name': 'system:serviceaccount:cert-manager:cert-manager',
      'ka.target.name': 'cm-acme-http-solver-7x2kq',
      'ka.target.namespace': 'web',
    });
    expect(out.some((s) => s.includes('cert-manager HTTP-01'))).toBe(true);
  });

  it('returns nothing for an alert without values', () => {
    for (const p of PLAYBOOKS) {
      if (!p.observe) continue;
      const out = p.observe(alert(p.rules[0] ?? '', { 'ka.user.name': '<NA>' }));
      expect(out.every((s) => !noteText(s).includes('<NA>')), p.id).toBe(true);
    }
  });
});
