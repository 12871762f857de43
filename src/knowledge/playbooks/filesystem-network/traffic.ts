import { cmd } from '../../commands';
import { fieldText } from '../../fieldValue';
import type { Playbook } from '../../types';
import { baseNotes, fx, remoteNotes } from './helpers';
import { exeLocationNotes, parentNotes } from './observe';
import { SHELLS } from '../../lists';
import { CAPTURE_FIRST } from '../captureFirst';

/**
 * Inbound and any-direction traffic, raw sockets and socket-backed standard streams. The
 * `inbound_outbound` macro covers accept, accept4, listen and connect over IPv4/IPv6, except
 * 0.0.0.0 and 127.0.0.0/8 addresses, and keeps only successful (or in-progress) calls.
 */

const disallowedSsh: Playbook = {
  id: 'net-disallowed-ssh-connection',
  title: 'Disallowed SSH Connection',
  rules: ['Disallowed SSH Connection'],
  family: 'network',
  detects:
    'Any inbound or outbound connection (accept, listen or connect) where the server port is 22, unless it matches the allowed_ssh_hosts macro. That macro never matches by default, so every SSH connection alerts until you define it; the rule is deprecated upstream.',
  whyItMatters:
    'SSH is the main route for interactive access and lateral movement between Linux hosts; on hosts and containers where nobody should SSH in or out, a connection is someone using credentials or keys they should not have.',
  benignCauses: ['Administrators, deployment tools and Git over SSH.', 'Monitoring or backup systems that connect over SSH.'],
  distinguish: [
    'fd.name: the peer address against your bastion and automation hosts.',
    'proc.name and evt.type: sshd accepting (inbound) versus ssh, scp or git connecting out; outbound SSH from an application container is unusual.',
    'user.name and user.loginuid: a known administrator or automation account versus a service account.',
  ],
  mitigations: {
    immediate: ['If the peer is unknown, check the SSH logs for the account and key used, record the session\'s processes (ps, ss -p), then terminate it.'],
    shortTerm: ['Define allowed_ssh_hosts for your bastions and automation, or restrict port 22 with host firewalls and security groups.'],
    longTerm: ['Funnel SSH through a bastion or session manager and drop direct SSH to workloads.'],
  },
  investigate: [fx.socketsOnLocalPort, fx.procByName, fx.recentLogins],
  tuningFields: ['proc.name', 'user.name'],
  observe: (alert) => [...baseNotes(alert), ...remoteNotes(alert, 'either')],
};

const interpretedInbound: Playbook = {
  id: 'net-interpreted-inbound',
  title: 'Interpreted procs inbound network activity',
  rules: ['Interpreted procs inbound network activity'],
  family: 'network',
  detects:
    'An accept, accept4 or listen (or an unconnected UDP receive) by an interpreter in interpreted_binaries: lua, node, perl, php, python, ruby or tcl and their versioned names.',
  whyItMatters:
    'A script that starts listening where none should is a classic bind shell or ad-hoc file server (python -m http.server) used to move tools or data.',
  benignCauses: ['Applications written in these languages serving traffic (Node.js, Django, Flask, Rails, PHP servers).', 'Developers running local test servers.'],
  distinguish: [
    'proc.cmdline: the application\'s normal start command versus -c one-liners, http.server or SimpleHTTPServer, or scripts in /tmp.',
    'fd.lport: the service\'s documented port versus a high or unusual port.',
    'fd.name: who connected in, and whether the listener is reachable from outside the host or cluster.',
  ],
  mitigations: {
    immediate: ['If the listener is unexplained, record its command line, open files and connections (/proc/PID/cmdline, /proc/PID/fd, ss -p) and copy /proc/PID/exe, then kill it and block the port while you find how it started.'],
    shortTerm: ['Limit which ports pods and hosts expose (NetworkPolicy ingress rules, host firewall).'],
    longTerm: ['Enable this rule only where interpreters should not serve traffic, with exceptions for the services that do.'],
  },
  investigate: [fx.socketsOnLocalPort, fx.procByName, cmd.containerProcesses],
  tuningFields: ['container.image.repository', 'proc.cmdline'],
  observe: (alert) => [...baseNotes(alert), ...remoteNotes(alert, 'inbound'), ...parentNotes(alert)],
};

const unexpectedInbound: Playbook = {
  id: 'net-unexpected-inbound-source',
  title: 'Unexpected inbound connection source',
  rules: ['Unexpected inbound connection source'],
  family: 'network',
  detects:
    'An inbound connection (accept, accept4, listen, or an unconnected UDP receive) from a client not in allowed_inbound_source_ipaddrs, allowed_inbound_source_networks or allowed_inbound_source_domains. The shipped lists (127.0.0.1, 10.0.0.0/8, google.com) are examples, so the rule needs your own sources.',
  whyItMatters:
    'On services that should only be reached from known networks, a connection from elsewhere is exposure you did not intend, or an attacker who found a way in.',
  benignCauses: ['New clients, load balancers or health checkers not yet in the lists.', 'Cloud load balancers presenting addresses outside the listed networks.'],
  distinguish: [
    'fd.name: the client address (left side) against your load balancers, VPN ranges and partners.',
    'proc.name and fd.lport: which service accepted it, and whether that service is meant to be reachable.',
  ],
  mitigations: {
    immediate: [CAPTURE_FIRST.workload, 'If the source is unknown, block it and review what the service returned to it.'],
    shortTerm: ['Restrict ingress with security groups, host firewalls or NetworkPolicies to the sources you listed.'],
    longTerm: ['Keep the Falco lists and network controls generated from the same source of truth.'],
  },
  investigate: [fx.socketsOnLocalPort, fx.procByName, fx.containerSockets],
  tuningFields: ['proc.name', 'container.image.repository'],
  allowList: {
    list: 'allowed_inbound_source_ipaddrs',
    field: 'fd.cip',
    note: 'Append a confirmed client address (the left side of fd.name); use allowed_inbound_source_networks for whole ranges.',
  },
  observe: (alert) => [...baseNotes(alert), ...remoteNotes(alert, 'inbound')],
};

const nodePort: Playbook = {
  id: 'net-unexpected-k8s-nodeport',
  title: 'Unexpected K8s NodePort Connection',
  rules: ['Unexpected K8s NodePort Connection'],
  family: 'network',
  detects:
    'An inbound or outbound connection in a container where the server port is in the default NodePort range, 30000 to 32767, unless the nodeport_containers macro (never true by default) matches.',
  whyItMatters:
    'NodePorts expose a service on every node\'s address. Unexpected NodePort traffic means a service is reachable more widely than intended, or a workload is reaching services through node addresses to get around NetworkPolicies.',
  benignCauses: [
    'Services deliberately exposed as NodePort, and load balancers forwarding to node ports.',
    'Clients configured to reach a service through node addresses and its node port instead of the ClusterIP.',
  ],
  distinguish: [
    'fd.name and fd.lport or fd.rport: which side holds the 30000-32767 port, and whether a Service of type NodePort or LoadBalancer really uses it.',
    'The peer address: load balancers and node addresses versus unknown clients.',
  ],
  mitigations: {
    immediate: ['Find the Service that owns the port and confirm it should be exposed.'],
    shortTerm: ['Replace NodePort services with ClusterIP plus an ingress or internal load balancer, and firewall the NodePort range at the node level.'],
    longTerm: ['Restrict creation of NodePort services by admission policy.'],
  },
  investigate: [
    { title: 'List services exposed through node ports', command: 'kubectl get -A --field-selector=spec.type=NodePort -- svc' },
    fx.containerSockets,
    cmd.podDescribe,
  ],
  tuningFields: ['container.image.repository', 'proc.name'],
  observe: (alert) => [...baseNotes(alert), ...remoteNotes(alert, 'either')],
};

const unexpectedUdp: Playbook = {
  id: 'net-unexpected-udp-traffic',
  title: 'Unexpected UDP Traffic',
  rules: ['Unexpected UDP Traffic'],
  family: 'network',
  detects:
    'A UDP socket connect, accept or listen where neither port is in expected_udp_ports: 53, the OpenVPN and L2TP ports, statsd 8125, NTP 123, and a few test ports (0, 9, 80, 3306).',
  whyItMatters:
    'UDP is used for tunnelling and covert channels (DNS-like tunnels on odd ports, custom C2, VPNs) and for scanning; unexpected UDP on a server is worth knowing about.',
  benignCauses: [
    'Service discovery, metrics and telemetry protocols (gossip, StatsD or DogStatsD variants, syslog on 514, QUIC on 443, Kubernetes overlay networks such as VXLAN on 4789 or 8472).',
    'VPN and WireGuard clients on ports not in the list.',
  ],
  distinguish: [
    'fd.lport and fd.rport: a documented protocol port versus a random high port pair.',
    'proc.name: the daemon that owns the protocol versus a shell, interpreter or unknown binary.',
    'fd.name: an internal peer versus a public address.',
  ],
  mitigations: {
    immediate: ['If the process is unknown, record its command line, open files and connections (/proc/PID/cmdline, /proc/PID/fd, ss -p) and copy /proc/PID/exe, then kill it and block the peer.'],
    shortTerm: ['Add confirmed protocol ports to expected_udp_ports and restrict UDP egress to them.'],
    longTerm: ['Default-deny UDP egress at the network layer except DNS to your resolvers and the protocols you use.'],
  },
  investigate: [fx.socketsToRemotePort, fx.procByName, fx.exeOwner],
  tuningFields: ['proc.name', 'container.image.repository'],
  allowList: {
    list: 'expected_udp_ports',
    field: 'fd.rport',
    note: 'Append the service port of a confirmed protocol; the rule compares fd.port, so a port on either side of the flow counts.',
  },
  observe: (alert) => [...baseNotes(alert), ...remoteNotes(alert, 'either'), ...exeLocationNotes(alert)],
};

const systemProcsNetwork: Playbook = {
  id: 'net-system-procs-network-activity',
  title: 'System procs network activity',
  rules: ['System procs network activity'],
  family: 'network',
  detects:
    'An accept, listen or connect over IP by a shell or by a coreutils or user-management binary (cat, tee, base64, sort, useradd, login ...), other than systemd, hostid and id, and other than login doing DNS lookups.',
  whyItMatters:
    'These programs have no networking of their own. A shell that connects out is usually a reverse shell using bash\'s /dev/tcp, and a coreutils tool on a socket is moving data through redirection or an injected library.',
  benignCauses: [
    'Shell scripts using bash /dev/tcp for health checks or simple probes.',
    'NSS modules (LDAP, SSSD, winbind) making user-management or login tools open network connections for account lookups.',
  ],
  distinguish: [
    'proc.cmdline: /dev/tcp/ or /dev/udp/ with an interactive shell (-i) and redirections of 0, 1 and 2 is a reverse shell; a port check in a script is not.',
    'fd.name and fd.rport: your directory servers (LDAP 389 or 636, Kerberos 88) versus an external address on an arbitrary port.',
    'proc.pname: a web server, interpreter or cron job starting the shell.',
  ],
  mitigations: {
    immediate: ['If the shell connected to an unknown address, record its command line, open files and connections (/proc/PID/cmdline, /proc/PID/fd, ss -p) and copy /proc/PID/exe, then isolate the host or pod and kill the process tree.'],
    shortTerm: ['Find the parent that spawned the shell (web application, cron, exploited service) and close that entry point.'],
    longTerm: ['Default-deny egress and keep shells out of production images.'],
  },
  investigate: [fx.procByName, fx.socketsToRemotePort, fx.loginUser],
  tuningFields: ['proc.name', 'proc.pname'],
  allowList: {
    list: 'known_system_procs_network_activity_binaries',
    field: 'proc.name',
    note: 'Append a system binary that needs the network on your hosts by design (for example a tool resolving users over LDAP); never add a shell.',
  },
  observe: (alert) => {
    const notes = [...baseNotes(alert), ...remoteNotes(alert, 'outbound')];
    const cmdline = fieldText(alert, 'proc.cmdline');
    if (cmdline !== undefined && /\/dev\/(tcp|udp)\//.test(cmdline)) notes.push('proc.cmdline uses /dev/tcp or /dev/udp: bash opens the socket itself, the usual one-line reverse shell.');
    return [...notes, ...parentNotes(alert)];
  },
};

const authorizedServer: Playbook = {
  id: 'net-unauthorized-server-process-port',
  title: 'Outbound or Inbound Traffic not to Authorized Server Process and Port',
  rules: ['Outbound or Inbound Traffic not to Authorized Server Process and Port'],
  family: 'network',
  detects:
    'For containers whose image is in allowed_image, any accept, listen or connect by a process not in authorized_server_binary on a server port not in authorized_server_port. All three lists are empty by default, so the rule is inert until filled; it is deprecated upstream.',
  whyItMatters:
    'For an image you pinned down, any other process or port on the network is something the image was not built to do: a dropped tool, a shell or a backdoor listener.',
  benignCauses: ['Helper processes of the image (health checks, sidecars sharing the network namespace) not yet listed.', 'A new release that added a port.'],
  distinguish: [
    'proc.name: a helper shipped in the image versus a shell, interpreter or unknown binary.',
    'fd.name and ports: the image\'s documented ports versus others.',
  ],
  mitigations: {
    immediate: ['If the process is not part of the image, capture the binary and the process\'s command line, open files and connections (/proc/PID/cmdline, /proc/PID/fd, ss -p) and copy /proc/PID/exe, then stop the pod.'],
    shortTerm: ['Update the lists together with the image\'s release process.'],
    longTerm: ['Enforce the same intent with NetworkPolicies for the workload.'],
  },
  investigate: [fx.containerSockets, cmd.containerProcesses, fx.procByName],
  tuningFields: ['proc.name', 'container.image.repository'],
  allowList: {
    list: 'authorized_server_binary',
    field: 'proc.name',
    note: 'Append a process name the image legitimately runs with network activity; ports go to authorized_server_port.',
  },
  observe: (alert) => [...baseNotes(alert), ...remoteNotes(alert, 'either')],
};

const packetSocket: Playbook = {
  id: 'net-packet-socket-in-container',
  title: 'Packet socket created in container',
  rules: ['Packet socket created in container'],
  family: 'network',
  detects:
    'A socket call with the AF_PACKET domain inside a container, by a process not in user_known_packet_socket_binaries (empty by default).',
  whyItMatters:
    'Packet sockets read and write raw frames on the interface: sniffing traffic of the pod or, with host networking, the node, and forging ARP or other frames to intercept traffic (ARP spoofing). It needs CAP_NET_RAW, which common runtimes grant by default.',
  benignCauses: ['tcpdump or similar debugging tools in a debug container.', 'DHCP clients, keepalived, arping and network agents or CNI components.'],
  distinguish: [
    'proc.name: a known network agent or debugging tool versus an unknown binary or interpreter.',
    'container.image.repository and k8s.ns.name: a network add-on or debug image versus an application.',
    'Pod spec: hostNetwork: true widens the reach from the pod to the whole node.',
  ],
  mitigations: {
    immediate: ['If unexplained, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy, then delete the pod and check for credentials that crossed the network in clear text.'],
    shortTerm: ['Drop NET_RAW in the container securityContext (capabilities: drop: [NET_RAW], or drop ALL).'],
    longTerm: ['Enforce Pod Security Admission restricted, which requires dropping all capabilities, for application namespaces.'],
  },
  investigate: [cmd.podSpec, fx.procByName, cmd.containerProcesses],
  tuningFields: ['proc.name', 'container.image.repository'],
  allowList: {
    list: 'user_known_packet_socket_binaries',
    field: 'proc.name',
    note: 'Append the process name of a network agent or DHCP client that needs raw frames by design.',
  },
  observe: (alert) => [...baseNotes(alert), ...exeLocationNotes(alert), ...parentNotes(alert)],
};

const redirectStdio: Playbook = {
  id: 'net-redirect-stdio-to-network',
  title: 'Redirect STDOUT/STDIN to Network Connection in Container',
  rules: ['Redirect STDOUT/STDIN to Network Connection in Container'],
  family: 'network',
  detects:
    'A dup, dup2 or dup3 inside a container that makes standard input, output or error (descriptor 0, 1 or 2) a copy of an IPv4 or IPv6 socket.',
  whyItMatters:
    'Wiring a process\'s standard streams to a socket is how reverse and bind shells work: whatever runs next takes commands from, and answers to, the remote peer.',
  benignCauses: [
    'inetd-style servers (xinetd, tcpserver, socat-based services) that hand a connection to a program on its standard streams.',
    'Test harnesses and debugging tools built on the same pattern.',
  ],
  distinguish: [
    'proc.name and proc.cmdline: a shell or interpreter (bash -i, sh, python -c) is a remote shell; a daemon designed around inetd is not.',
    'fd.sip and fd.name: the peer address; an outbound connection to a public address on an arbitrary port is a reverse shell.',
    'proc.pname and proc.aname[2] to proc.aname[4]: a web server, runtime or unexpected parent above the shell.',
  ],
  mitigations: {
    immediate: ['Collect what the session ran from process and file evidence (command line, open files and connections (/proc/PID/cmdline, /proc/PID/fd, ss -p) and copy /proc/PID/exe), then block the peer address, isolate the pod and kill the process tree.'],
    shortTerm: ['Close the entry point (exploited endpoint, leaked credential) and rebuild the pod from a clean image.'],
    longTerm: ['Default-deny egress for workloads and ship images without shells.'],
  },
  investigate: [fx.containerSockets, cmd.containerProcesses, fx.procByName, cmd.podLogs],
  tuningFields: ['proc.name', 'container.image.repository'],
  observe: (alert) => {
    const notes = [...baseNotes(alert), ...remoteNotes(alert, 'either')];
    const name = fieldText(alert, 'proc.name');
    if (name !== undefined && SHELLS.has(name)) notes.push(`proc.name=${name}: a shell with its standard streams on a socket is a remote shell.`);
    return [...notes, ...parentNotes(alert)];
  },
};

export const TRAFFIC_PLAYBOOKS: Playbook[] = [
  disallowedSsh,
  interpretedInbound,
  unexpectedInbound,
  nodePort,
  unexpectedUdp,
  systemProcsNetwork,
  authorizedServer,
  packetSocket,
  redirectStdio,
];
