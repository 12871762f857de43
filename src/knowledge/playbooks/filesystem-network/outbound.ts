import { aws, cmd, variable } from '../../commands';
import { fieldText } from '../../fieldValue';
import type { Alert } from '../../../model';
import type { CommandTemplate, Playbook } from '../../types';
import { baseNotes, fx, remoteEndpoint, remoteNotes } from './helpers';
import { cmdlineIpNotes, exeLocationNotes, parentNotes } from './observe';
import type { Note } from '../../observation';
import { CAPTURE_FIRST } from '../captureFirst';

/**
 * Outbound connections: the API server, cloud metadata, mining pools, SSH tunnels, listed or
 * unlisted destinations. The `outbound` macro only keeps connect (and unconnected UDP sends) to
 * servers outside 127.0.0.0/8 and the RFC 1918 ranges, so most of these peers are public.
 */

const outboundNotes = (alert: Alert): Note[] => [...baseNotes(alert), ...remoteNotes(alert, 'outbound')];

const whoisRemote: CommandTemplate = { title: 'Who owns the destination address', command: 'whois ⟦fd.rip⟧' };

const AD_HOC_CLIENTS = new Set(['kubectl', 'curl', 'wget', 'python', 'python3', 'nc', 'ncat', 'socat']);

const k8sApiServer: Playbook = {
  id: 'net-k8s-api-server-from-container',
  title: 'Contact K8S API Server From Container',
  rules: ['Contact K8S API Server From Container'],
  family: 'network',
  detects:
    'A container connects to an address Falco resolved for kubernetes.default.svc.cluster.local (fd.sip.name): the in-cluster API server. kube-system pods and known controller and monitoring images (k8s_containers: Falco, Prometheus, Velero, cert-manager, MetalLB...) are excluded; the connect may have failed.',
  whyItMatters:
    'Most applications never call the API server. An intruder in a pod uses the mounted service-account token to list secrets, find workloads or create privileged pods: the first API call is often the first step out of the container.',
  benignCauses: [
    'Operators, controllers, CI runners and service meshes running outside kube-system.',
    'Applications using the API for discovery or leader election (Spring Cloud Kubernetes, Hazelcast, Infinispan, Elasticsearch operators...).',
    'Jobs running kubectl for deployments or maintenance.',
  ],
  distinguish: [
    'proc.name and proc.cmdline: the application or a known controller, or kubectl, curl or wget run ad hoc, or a command reading /var/run/secrets/kubernetes.io/serviceaccount/token.',
    'container.image.repository and k8s.ns.name: an image built to call the API, or a web or batch application with no reason to.',
    'The service account: its RBAC rights and its audit-log activity around the alert (a run of 403 responses is probing).',
  ],
  mitigations: {
    immediate: ['If the caller is unexplained, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and container state (crictl inspect), isolate it with a deny-all NetworkPolicy, review the service account\'s audit-log activity, then revoke its token by deleting the pod or rotating the service account.'],
    shortTerm: ['Set automountServiceAccountToken: false where the API is not used; cut the service account\'s RBAC to what it needs.'],
    longTerm: ['Allow egress to the API server only from namespaces that need it (NetworkPolicy); except confirmed controllers by image.'],
  },
  investigate: [cmd.podDescribe, fx.serviceAccountRights, cmd.containerProcesses, fx.containerSockets],
  tuningFields: ['container.image.repository', 'proc.name', 'k8s.ns.name'],
  observe: (alert) => {
    const notes = outboundNotes(alert);
    const remote = remoteEndpoint(alert, 'outbound');
    if (remote?.ip === '10.96.0.1') {
      notes.push('10.96.0.1 is the usual ClusterIP of the kubernetes Service in kubeadm-style clusters (service range 10.96.0.0/12).');
    }
    const name = fieldText(alert, 'proc.name');
    if (name !== undefined && AD_HOC_CLIENTS.has(name)) {
      notes.push(`proc.name=${name} is a general-purpose client rather than the application itself: someone or something scripted this API call.`);
    }
    return [...notes, ...parentNotes(alert)];
  },
};

const METADATA_PATHS: Array<[RegExp, string]> = [
  [/security-credentials/, 'asks for the temporary credentials of the node\'s IAM role'],
  [/latest\/api\/token/, 'requests an IMDSv2 session token, the first step of any IMDSv2 read'],
  [/user-data/, 'reads the instance user data, which often contains bootstrap secrets'],
  [/computeMetadata\/v1\/.*token/, 'asks for an access token of the node\'s Google service account'],
  [/kube-env/, 'reads kube-env, which on older GKE nodes holds kubelet bootstrap credentials'],
  [/metadata\/identity\/oauth2\/token/, 'asks for an Azure managed-identity access token'],
];

const metadataNotes = (alert: Alert): string[] => {
  const cmdline = fieldText(alert, 'proc.cmdline');
  if (cmdline === undefined) return [];
  return METADATA_PATHS.filter(([re]) => re.test(cmdline)).map(([, what]) => `proc.cmdline ${what}.`);
};

const METADATA_DISTINGUISH = [
  'proc.name and proc.cmdline: an SDK-based application or a known node agent versus curl, wget or an interpreter one-liner, especially one naming security-credentials, token or user-data paths.',
  'container.image.repository and k8s.ns.name: a cloud integration (CNI, CSI, autoscaler, logging agent) versus an application that should use workload identity instead.',
  'Whether the workload has its own cloud identity (IRSA or EKS Pod Identity, GKE Workload Identity, Azure Workload Identity): if it does, it has no reason to reach the node\'s metadata endpoint.',
];

const instanceCloudTrail: CommandTemplate = {
  title: 'AWS: calls made with the node role\'s credentials (role sessions are named after the instance id); set INSTANCE_ID first',
  command:
    aws.lookupEvents('Username', variable('INSTANCE_ID', 'the EC2 instance id of the node'), { region: variable('AWS_REGION', 'the region of the node') }),
};

const instanceMetadataOptions: CommandTemplate = {
  title: 'AWS: check whether the node enforces IMDSv2 and its hop limit; set INSTANCE_ID first',
  command:
    'aws ec2 describe-instances --region="${AWS_REGION:?the region of the node}" --instance-ids "${INSTANCE_ID:?the EC2 instance id of the node}" --query \'Reservations[].Instances[].MetadataOptions\'',
};

const ec2Metadata: Playbook = {
  id: 'net-ec2-metadata-from-container',
  title: 'Contact EC2 Instance Metadata Service From Container',
  rules: ['Contact EC2 Instance Metadata Service From Container'],
  family: 'network',
  detects:
    'An outbound connection from a container to 169.254.169.254, the EC2 instance metadata service. The only exception is the ec2_metadata_containers macro, empty by default, so system pods match too until it is tuned.',
  whyItMatters:
    'The metadata service hands out temporary credentials of the node\'s IAM role. A pod that reaches it, through code execution or a server-side request forgery, can act in AWS with the node\'s permissions.',
  benignCauses: [
    'AWS SDKs in pods without IRSA or Pod Identity falling back to the instance profile.',
    'Node-level agents running as pods (VPC CNI aws-node, EBS CSI, CloudWatch or logging agents) reading instance data.',
  ],
  distinguish: METADATA_DISTINGUISH,
  mitigations: {
    immediate: ['If unexplained, assume the node role\'s credentials were taken: review CloudTrail for that role\'s session from unexpected source addresses and narrow the role.'],
    shortTerm: [
      'Require IMDSv2 with a hop limit of 1 (aws ec2 modify-instance-metadata-options --http-tokens required --http-put-response-hop-limit 1) so pods behind the extra network hop cannot get a token.',
    ],
    longTerm: ['Give pods their own IAM roles (IRSA or EKS Pod Identity), keep the node role minimal, and block 169.254.169.254/32 in egress NetworkPolicies for application namespaces.'],
  },
  investigate: [instanceCloudTrail, instanceMetadataOptions, cmd.podDescribe, cmd.containerProcesses],
  tuningFields: ['container.image.repository', 'proc.name', 'k8s.ns.name'],
  observe: (alert) => [...outboundNotes(alert), ...metadataNotes(alert), ...parentNotes(alert)],
};

const cloudMetadata: Playbook = {
  id: 'net-cloud-metadata-from-container',
  title: 'Contact cloud metadata service from container',
  rules: ['Contact cloud metadata service from container'],
  family: 'network',
  detects:
    'An outbound connection from a container to 169.254.169.254, the metadata endpoint of AWS, GCP, Azure and most other clouds. Pods in kube-system are excluded (user_known_metadata_access).',
  whyItMatters:
    'The metadata endpoint serves the node\'s cloud identity: IAM role credentials on AWS, service-account tokens on GCP, managed-identity tokens on Azure, plus user data that often holds bootstrap secrets. Reaching it from a pod is the classic SSRF and container-compromise route into the cloud account.',
  benignCauses: [
    'Cloud SDKs in pods without workload identity falling back to the node identity.',
    'Agents outside kube-system that read instance attributes (region, zone, instance id) for tagging.',
  ],
  distinguish: METADATA_DISTINGUISH,
  mitigations: {
    immediate: [CAPTURE_FIRST.workload, 'If unexplained, review the node identity\'s recent cloud API activity from unexpected sources and reduce its permissions.'],
    shortTerm: ['Block 169.254.169.254/32 in egress NetworkPolicies for application namespaces; on AWS also require IMDSv2 with a hop limit of 1.'],
    longTerm: ['Give workloads their own identities (IRSA or Pod Identity, GKE Workload Identity with the GKE metadata server, Azure Workload Identity) and keep node identities minimal.'],
  },
  investigate: [cmd.podDescribe, cmd.podSpec, cmd.containerProcesses, fx.containerSockets],
  tuningFields: ['container.image.repository', 'proc.name', 'k8s.ns.name'],
  observe: (alert) => [...outboundNotes(alert), ...metadataNotes(alert), ...parentNotes(alert)],
};

const STRATUM_PORTS = new Set(['3333', '3334', '3335', '3336', '4444', '5555', '7777', '14433', '14444', '45560', '45700']);

const minerPool: Playbook = {
  id: 'net-miner-pool-connection',
  title: 'Detect outbound connections to common miner pool ports',
  rules: ['Detect outbound connections to common miner pool ports'],
  family: 'network',
  detects:
    'A connect, sendto or sendmsg to a non-private address whose name Falco resolved from the rule\'s mining-pool domain lists: port 80 with http_miner_domains, port 443 with https_miner_domains, or a port in miner_ports (3333, 4444, 14444 and others) with miner_domains. Falco\'s own images are excluded.',
  whyItMatters:
    'Mining pools are where cryptojackers send their work: a hit means someone is turning your CPU, and your cloud bill, into coins, usually after exploiting an exposed service or a leaked credential that may serve other purposes too.',
  benignCauses: [
    'An address shared by a pool domain and an unrelated site behind the same CDN or hosting provider; the match is by IP.',
    'Threat-intelligence or research systems that deliberately contact pools.',
  ],
  distinguish: [
    'proc.name and proc.exepath: xmrig-like names, random names, binaries in /tmp or /dev/shm, or a renamed system process with high CPU use.',
    'fd.rport and fd.rip: stratum ports (3333, 4444, 14444, 45700) on the pool\'s address are mining; port 443 to a CDN address may be a shared-IP coincidence.',
    'CPU usage of the container or node at the alert time.',
  ],
  mitigations: {
    immediate: ['Record its command line, open files and connections (/proc/PID/cmdline, /proc/PID/fd, ss -p) and copy /proc/PID/exe; then isolate the pod or host, kill the miner (or delete the pod) and find the entry point (exposed service, leaked credential, malicious image).'],
    shortTerm: ['Block the pool addresses and domains at the egress firewall or DNS, and set CPU limits on workloads.'],
    longTerm: ['Default-deny egress for workloads, and admit only signed images from trusted registries.'],
  },
  investigate: [
    whoisRemote,
    fx.procByName,
    fx.exeOwner,
    { title: 'Top CPU consumers on the node', command: 'top -b -n 1 -o %CPU | head -n 20' },
    fx.socketsToRemotePort,
  ],
  tuningFields: ['proc.name', 'container.image.repository'],
  observe: (alert) => {
    const notes = [...outboundNotes(alert), ...exeLocationNotes(alert)];
    const port = fieldText(alert, 'fd.rport');
    if (port !== undefined && STRATUM_PORTS.has(port)) notes.push(`fd.rport=${port} is a port mining pools commonly use for the Stratum protocol.`);
    return notes;
  },
};

const sshNonStandardPort: Playbook = {
  id: 'net-ssh-non-standard-port',
  title: 'Disallowed SSH Connection Non Standard Port',
  rules: ['Disallowed SSH Connection Non Standard Port'],
  family: 'network',
  detects:
    'An outbound TCP connect by a program whose executable path ends in ssh, to a server outside the private ranges on one of ssh_non_standard_ports: 80, 8080, 88, 443, 8443, 53 or 4444.',
  whyItMatters:
    'Running SSH over web or DNS ports gets it through egress filters that only allow those ports; once out, ssh -R or -D builds tunnels back into the network or out for exfiltration.',
  benignCauses: [
    'Git over SSH on port 443 (for example ssh.github.com), used where port 22 is blocked.',
    'Bastion hosts deliberately listening on 443 for staff behind restrictive networks.',
  ],
  distinguish: [
    'proc.cmdline: -R, -L, -D, -N, -f or -w options build tunnels; StrictHostKeyChecking=no and keys from /tmp point to automation an intruder set up.',
    'fd.name and fd.rport: a known Git host or company bastion versus an unknown VPS.',
    'proc.pname and user.loginuid: a developer\'s terminal or CI job versus a service process or a web application.',
  ],
  mitigations: {
    immediate: ['If unexplained, record its command line, open files and connections (/proc/PID/cmdline, /proc/PID/fd, ss -p) and copy /proc/PID/exe, then kill the ssh process and block the destination; check what was forwarded through it.'],
    shortTerm: ['Egress-filter by destination, not only by port, and send outbound SSH through a bastion or proxy.'],
    longTerm: ['Remove SSH clients from application images and inspect TLS-port traffic at the egress proxy.'],
  },
  investigate: [fx.socketsToRemotePort, fx.procByName, fx.loginUser, cmd.containerInspect],
  tuningFields: ['proc.pname', 'user.name', 'container.image.repository'],
  observe: (alert) => {
    const notes = outboundNotes(alert);
    const cmdline = fieldText(alert, 'proc.cmdline');
    const flags = cmdline?.match(/(?:^|\s)-[A-Za-z]*[RDLw][A-Za-z]*(?=\s|$)/g);
    if (flags && flags.length > 0) notes.push(`proc.cmdline uses port-forwarding options (${flags.map((f) => f.trim()).join(' ')}): this SSH session builds a tunnel.`);
    return [...notes, ...parentNotes(alert)];
  },
};

const c2Servers: Playbook = {
  id: 'net-c2-server-connection',
  title: 'Outbound Connection to C2 Servers',
  rules: ['Outbound Connection to C2 Servers'],
  family: 'network',
  detects:
    'An outbound connection to an address in c2_server_ip_list or to a name in c2_server_fqdn_list. Both lists are empty by default, so the rule only fires once you fill them from threat intelligence; it is deprecated upstream.',
  whyItMatters:
    'A match against your command-and-control list means a process on the host is talking to infrastructure known to control malware: the machine is likely compromised and taking instructions.',
  benignCauses: [
    'Stale or over-broad indicators (shared hosting, CDN or sinkholed addresses) in the list.',
    'Security tooling that probes indicators on purpose.',
  ],
  distinguish: [
    'fd.sip and fd.sip.name: confirm the indicator is current and specific to the threat, not a shared service.',
    'proc.name and proc.exepath: an unknown or recently dropped binary versus a browser, proxy or scanner.',
  ],
  mitigations: {
    immediate: ['Capture the process and its binary (copy /proc/PID/exe, record /proc/PID/cmdline), then isolate the host or pod and block the indicator at the egress firewall and DNS.'],
    shortTerm: ['Hunt for the same indicator across all nodes and logs to find other infected machines.'],
    longTerm: ['Feed maintained threat-intelligence lists into egress controls rather than a static Falco list.'],
  },
  investigate: [
    { title: 'Who owns the C2 address', command: 'whois ⟦fd.sip⟧' },
    { title: 'Reverse DNS of the C2 address', command: 'dig +short -x ⟦fd.sip⟧' },
    fx.procByName,
    fx.exeOwner,
  ],
  tuningFields: ['proc.name', 'container.image.repository'],
  observe: (alert) => [...outboundNotes(alert), ...exeLocationNotes(alert)],
};

const unexpectedOutbound: Playbook = {
  id: 'net-unexpected-outbound-destination',
  title: 'Unexpected outbound connection destination',
  rules: ['Unexpected outbound connection destination'],
  family: 'network',
  detects:
    'An outbound connection to a non-private address that is not in allowed_outbound_destination_ipaddrs, allowed_outbound_destination_networks or allowed_outbound_destination_domains. The shipped lists are only examples (8.8.8.8, google.com), so the rule needs your own allow-lists; it is deprecated and disabled upstream.',
  whyItMatters:
    'On hosts with a known set of destinations, anything new is either a change nobody announced or traffic to infrastructure an intruder controls (downloads, command and control, exfiltration).',
  benignCauses: ['New integrations, SaaS endpoints or package mirrors not yet added to the lists.', 'Cloud provider endpoints that change addresses.'],
  distinguish: [
    'proc.name: a known client of the destination (package manager, agent, the application) versus curl, wget, an interpreter or an unknown binary.',
    'fd.name: the destination address and port; look up its owner and compare with the services the application uses.',
  ],
  mitigations: {
    immediate: [CAPTURE_FIRST.workload, 'If the destination is unknown, block it at the egress firewall and investigate the process.'],
    shortTerm: ['Add confirmed destinations to the allow-lists (or, better, to the egress firewall\'s allow-list).'],
    longTerm: ['Enforce default-deny egress with an allow-list at the network layer.'],
  },
  investigate: [fx.socketsToRemotePort, fx.procByName, fx.containerSockets],
  tuningFields: ['proc.name', 'container.image.repository'],
  allowList: {
    list: 'allowed_outbound_destination_ipaddrs',
    field: 'fd.sip',
    note: 'Append the server address (the right side of fd.name) once the destination is confirmed; use allowed_outbound_destination_networks for ranges and allowed_outbound_destination_domains for names.',
  },
  observe: (alert) => [...outboundNotes(alert), ...exeLocationNotes(alert)],
};

const interpretedOutbound: Playbook = {
  id: 'net-interpreted-outbound',
  title: 'Interpreted procs outbound network activity',
  rules: ['Interpreted procs outbound network activity'],
  family: 'network',
  detects:
    'An outbound connection to a non-private address by an interpreter in interpreted_binaries: lua, node, perl (perl5, perl6), php, python (python2, python3), ruby or tcl.',
  whyItMatters:
    'Interpreter one-liners are the usual way to open reverse shells and download stages without dropping binaries; on hosts where scripts should not talk to the Internet, an outbound connection is a strong lead.',
  benignCauses: [
    'Any application written in these languages calling external APIs, package registries or webhooks.',
    'Package managers and build tools (pip, npm, gem) fetching dependencies.',
  ],
  distinguish: [
    'proc.cmdline: a known script or application entry point versus -c or -e one-liners, base64 blobs, or scripts in /tmp.',
    'fd.name and fd.rport: the application\'s known dependencies versus a bare IP on an unusual port (4444, 1337, 9001).',
    'proc.pname: a service manager or the container entrypoint versus a web server or shell.',
  ],
  mitigations: {
    immediate: ['If the script is unknown, capture its source from the command line or disk, then kill it.'],
    shortTerm: ['Restrict egress for interpreter-based services to the destinations they need.'],
    longTerm: ['Enable this rule only on hosts where interpreters should not reach the Internet, and use egress allow-lists.'],
  },
  investigate: [fx.procByName, fx.socketsToRemotePort, cmd.containerProcesses],
  tuningFields: ['container.image.repository', 'proc.cmdline'],
  observe: (alert) => {
    const notes = [...outboundNotes(alert), ...cmdlineIpNotes(alert)];
    if (/\s-[ce]\s/.test(` ${fieldText(alert, 'proc.cmdline') ?? ''} `)) notes.push('proc.cmdline runs inline code (-c or -e) rather than a script file.');
    return [...notes, ...parentNotes(alert)];
  },
};

const outsideLocalSubnet: Playbook = {
  id: 'net-outside-local-subnet',
  title: 'Network Connection outside Local Subnet',
  rules: ['Network Connection outside Local Subnet'],
  family: 'network',
  detects:
    'An accept, listen or connect by a container in a namespace listed in namespace_scope_network_only_subnet, where the remote address (fd.rnet) is not in the RFC 1918 ranges. The namespace list is empty by default, so the rule only fires once you name namespaces that should stay internal.',
  whyItMatters:
    'You listed this namespace as internal-only: any connection to or from a public address breaks that assumption and may be data leaving or an intruder reaching in.',
  benignCauses: ['Calls to cloud APIs, package registries or SaaS endpoints the team did not declare.', 'Load balancers or NAT presenting public source addresses to the pod.'],
  distinguish: [
    'fd.rip.name and fd.name: a known service name or provider range versus an unknown host.',
    'proc.name and evt.type: the application making an expected call (connect) versus an unexpected listener or an inbound accept from the Internet.',
  ],
  mitigations: {
    immediate: [CAPTURE_FIRST.workload, 'If the peer is unknown, block it and look at the process behind the connection.'],
    shortTerm: ['Enforce the intent with an egress NetworkPolicy allowing only private ranges for that namespace.'],
    longTerm: ['Keep namespace_scope_network_only_subnet aligned with the namespaces your policies declare internal.'],
  },
  investigate: [fx.containerSockets, fx.procByName, { title: 'NetworkPolicies applying in the namespace', command: 'kubectl get --namespace=⟦k8s.ns.name⟧ -- networkpolicy' }],
  tuningFields: ['proc.name', 'container.image.repository'],
  observe: (alert) => {
    const notes = [...baseNotes(alert), ...remoteNotes(alert, 'either')];
    const name = fieldText(alert, 'fd.rip.name');
    if (name !== undefined) notes.push(`fd.rip.name=${name} is the name Falco resolved for the remote address.`);
    return notes;
  },
};

export const OUTBOUND_PLAYBOOKS: Playbook[] = [
  k8sApiServer,
  ec2Metadata,
  cloudMetadata,
  minerPool,
  sshNonStandardPort,
  c2Servers,
  unexpectedOutbound,
  interpretedOutbound,
  outsideLocalSubnet,
];
