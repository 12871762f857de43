import { lookupTable } from './lookupTable';
/**
 * Glossary of the fields Falco puts in `output_fields`: one short plain sentence each, for the
 * report's "fields explained" table. Exact entries first, then field families with an argument
 * or a variable part (`proc.aname[2]`, `evt.arg.path`, `falco.rules.<rule>`, `scap.n_evts_cpu_3`),
 * then a fallback by prefix so every field gets something honest to say.
 */

/** Exact field names. */
export const FIELD_GLOSSARY: Readonly<Record<string, string>> = lookupTable({
  // --- process ---
  'proc.name': 'Name of the executable that triggered the event (the command, without its path).',
  'proc.exe': 'First command-line word of the process as it was started (argv[0]), which the caller can set freely.',
  'proc.exepath': 'Full path of the binary the process runs, as resolved by the kernel at exec time.',
  'proc.cmdline': 'The process name followed by its arguments: the command line that ran.',
  'proc.args': 'Arguments of the process, without the process name.',
  'proc.pid': 'Process id of the process that triggered the event.',
  'proc.ppid': 'Process id of its parent.',
  'proc.pname': 'Name of the parent process (who started the process).',
  'proc.pcmdline': 'Command line of the parent process.',
  'proc.pexe': 'First command-line word (argv[0]) of the parent process.',
  'proc.pexepath': 'Full path of the binary the parent process runs.',
  'proc.sname': 'Name of the session leader of the process (often the login shell or the container entrypoint).',
  'proc.tty': 'Terminal the process is attached to; 0 means no terminal, any other number means an interactive session.',
  'proc.cwd': 'Working directory of the process when the event happened.',
  'proc.env': 'Environment variables of the process.',
  'proc.exe_ino.ctime': 'Last status change time (ctime) of the inode of the executed file.',
  'proc.exe_ino.mtime': 'Last modification time (mtime) of the executed file.',
  'proc.exe_ino.ctime_duration_proc_start':
    'Time between the last status change of the executed file and the start of the process; small values mean the binary was just written.',
  'proc.is_exe_upper_layer': 'True when the executable lives in the writable upper layer of an overlay filesystem (written after the container started).',
  'proc.vpid': 'Process id as seen inside its own PID namespace (the container).',
  'thread.cap_effective': 'Linux capabilities the thread can use right now (effective set).',
  'thread.cap_permitted': 'Linux capabilities the thread is allowed to take on (permitted set).',
  // --- user / group ---
  'user.name': 'Name of the user the process runs as.',
  'user.uid': 'Numeric user id the process runs as; 0 is root.',
  'user.loginuid': 'User id of the original login (audit uid) that started the session; -1 means no login session, as for services and container processes.',
  'user.loginname': 'Name of the user who originally logged in, kept across sudo and su.',
  'group.gid': 'Numeric group id the process runs as.',
  'group.name': 'Name of the group the process runs as.',
  // --- container / k8s metadata ---
  'container.id': 'Short id (12 characters) of the container the event happened in; "host" means outside any container.',
  'container.name': 'Name of the container given by the runtime or orchestrator.',
  'container.image': 'Image the container was started from, with its tag.',
  'container.image.repository': 'Repository part of the container image name, without the tag.',
  'container.image.tag': 'Tag of the container image.',
  'container.image.digest': 'Content digest of the container image.',
  'container.info': 'Container details appended to the output by Falco (typically the container id and image).',
  'container.privileged': 'True when the container runs in privileged mode, with nearly all host capabilities.',
  'container.mounts': 'Mounts of the container: source, destination, mode and propagation of each volume.',
  'container.start_ts': 'Time the container started (epoch nanoseconds).',
  'k8s.ns.name': 'Kubernetes namespace of the pod the container belongs to.',
  'k8s.pod.name': 'Name of the Kubernetes pod the container belongs to.',
  'k8s.pod.uid': 'Unique id of the Kubernetes pod.',
  // --- file descriptors / network ---
  'fd.name': 'The file or connection the event acted on: a path, or client and server addresses for a socket.',
  'fd.nameraw': 'File path exactly as the process passed it, before Falco resolved it (keeps ../ sequences).',
  'fd.type': 'Kind of file descriptor: file, directory, ipv4, ipv6, unix, pipe, event, signalfd, memfd and others.',
  'fd.l4proto': 'Transport protocol of the socket: tcp, udp, icmp or raw.',
  'fd.rip': 'IP address of the remote end of the connection.',
  'fd.rport': 'Port of the remote end of the connection.',
  'fd.sip': 'IP address of the server side of the connection.',
  'fd.sport': 'Port of the server side of the connection.',
  'fd.lport': 'Port of the local end of the connection.',
  'fd.cip.name': 'Domain name Falco associates with the client IP of the connection.',
  'fd.sip.name': 'Domain name Falco associates with the server IP of the connection.',
  'fd.rip.name': 'Domain name Falco associates with the remote IP of the connection.',
  'fd.lip.name': 'Domain name Falco associates with the local IP of the connection.',
  'fd.directory': 'Directory part of the file path.',
  'fd.filename': 'File name part of the path, without the directory.',
  // --- event ---
  'evt.type': 'The system call or event that matched, e.g. execve, openat, connect.',
  'evt.time': 'Time of the event in nanoseconds since the Unix epoch.',
  'evt.time.iso8601': 'Time of the event as an ISO 8601 date and time.',
  'evt.num': 'Sequence number of the event in the capture.',
  'evt.res': 'Result of the system call: SUCCESS or the error name (for example EACCES, ENOENT).',
  'evt.args': 'All arguments of the system call, as one string.',
  'evt.dir': 'Direction of the event: > for the call entering the kernel, < for its return.',
  'evt.hostname': 'Host name of the machine Falco runs on.',
  'evt.source': 'Event source the alert came from: syscall or a plugin source such as k8s_audit.',
  'evt.plugininfo': 'Summary line the source plugin gives for the event.',
  'evt.arg.cmd': 'Command argument of the system call (for example the bpf or ptrace request).',
  'evt.arg.fd': 'File descriptor number the system call used.',
  'evt.arg.filename': 'File name argument of the system call (the program for execve).',
  'evt.arg.flags': 'Flags the system call was given, decoded into names (for example O_RDWR|O_CREAT, or exec flags such as EXE_WRITABLE).',
  'evt.arg.linkpath': 'Path of the link being created (symlink or hard link).',
  'evt.arg.mode': 'Permission mode argument of the system call (for example the mode set by chmod).',
  'evt.arg.name': 'Name argument of the system call (a file path or an object name, depending on the call).',
  'evt.arg.newpath': 'Destination path of a link or rename.',
  'evt.arg.oldpath': 'Source path of a link or rename.',
  'evt.arg.path': 'Path argument of the system call.',
  'evt.arg.target': 'Target of the link being created.',
  'evt.arg.uid': 'User id the process asked to switch to (setuid family).',
  'evt.arg.request': 'The request code of the call, such as the ptrace operation.',
  // --- raw JSON of plugin events ---
  'jevt.obj': 'The whole raw JSON object of the event (Kubernetes audit record).',
  'jevt.time': 'Time of the JSON event as Falco read it.',
  'jevt.time.iso8601': 'Time of the JSON event as an ISO 8601 date and time.',
  // --- Kubernetes audit (k8s_audit) ---
  'ka.user.name': 'Kubernetes user (or service account) that made the API request.',
  'ka.user.groups': 'Groups of the Kubernetes user that made the request.',
  'ka.verb': 'API action requested: get, list, create, update, patch, delete, watch.',
  'ka.uri': 'Request path sent to the Kubernetes API server, with its query string.',
  'ka.target.name': 'Name of the Kubernetes object the request acted on.',
  'ka.target.namespace': 'Namespace of the object the request acted on.',
  'ka.target.resource': 'Kind of resource the request acted on, e.g. pods, secrets, clusterrolebindings.',
  'ka.target.subresource': 'Subresource of the request, e.g. exec, attach, log, portforward.',
  'ka.auth.decision': 'Whether the API server allowed or forbade the request.',
  'ka.auth.reason': 'Why the authorizer decided as it did (usually the role binding that granted access).',
  'ka.response.code': 'HTTP status code the API server answered with.',
  'ka.response.reason': 'Reason the API server gave with its response (for example why a request failed).',
  'ka.resp.name': 'Name of the object returned in the API response.',
  'ka.req.binding.role': 'Role or ClusterRole referenced by the role binding in the request.',
  'ka.req.binding.subjects': 'Users, groups or service accounts the role binding in the request grants the role to.',
  'ka.req.configmap.name': 'Name of the ConfigMap in the request.',
  'ka.req.pod.containers.image': 'Images of the containers of the pod being created.',
  'ka.req.pod.initContainers.image': 'Images of the init containers of the pod being created.',
  'ka.req.pod.ephemeralContainers.image': 'Images of the ephemeral (debug) containers added to the pod.',
  'ka.req.role.rules': 'Permission rules of the Role or ClusterRole in the request.',
  'ka.req.service.ports': 'Ports of the Service in the request.',
  'ka.req.service.type': 'Type of the Service in the request (ClusterIP, NodePort, LoadBalancer).',
  'ka.useragent': 'User agent of the client that sent the API request (kubectl, a controller, an SDK).',
  'ka.sourceips': 'Source IP addresses of the API request.',
  // --- AWS CloudTrail (aws_cloudtrail) ---
  'ct.name': 'Name of the AWS API call recorded by CloudTrail (for example ConsoleLogin, PutBucketPolicy).',
  'ct.id': 'Unique id CloudTrail gave the event.',
  'ct.error': 'Error code AWS returned for the call; empty when the call succeeded.',
  'ct.region': 'AWS region the call was made in.',
  'ct.srcip': 'IP address the call came from (or the AWS service that made it on someone\'s behalf).',
  'ct.user': 'Identity that made the call: user name or role session name.',
  'ct.user.arn': 'ARN of the identity that made the call.',
  'ct.user.accountid': 'AWS account id of the identity that made the call.',
  'ct.user.principalid': 'Principal id of the identity that made the call.',
  'ct.user.type': 'Kind of identity that made the call: Root, IAMUser, AssumedRole, AWSService and others.',
  'ct.request.availabilityzone': 'Availability zone named in the request.',
  'ct.request.cluster': 'ECS cluster named in the request.',
  'ct.request.functionname': 'Lambda function named in the request.',
  'ct.request.groupname': 'Group (IAM or security group) named in the request.',
  'ct.request.host': 'Host named in the request (for S3, the bucket endpoint).',
  'ct.request.name': 'Name given in the request parameters.',
  'ct.request.policy': 'Policy document sent in the request.',
  'ct.request.serialnumber': 'Serial number of the MFA device named in the request.',
  'ct.request.servicename': 'ECS service named in the request.',
  'ct.request.taskdefinition': 'ECS task definition named in the request.',
  'ct.request.username': 'IAM user named in the request.',
  'ct.request.instanceid': 'EC2 instance id named in the request.',
  'ct.request.instancetype': 'EC2 instance type named in the request.',
  'ct.response.reservationid': 'EC2 reservation id returned in the response.',
  'ct.response.subnetid': 'Subnet id returned in the response.',
  's3.bucket': 'Name of the S3 bucket the call acted on.',
  // --- GCP audit log (gcp_auditlog) ---
  'gcp.user': 'Google account or service account that made the call.',
  'gcp.callerIP': 'IP address the call came from.',
  'gcp.userAgent': 'User agent of the client that made the call (console, gcloud, an SDK).',
  'gcp.authorizationInfo': 'Permissions checked for the call and whether each was granted.',
  'gcp.methodName': 'Name of the GCP API method that was called.',
  'gcp.serviceName': 'GCP service the call went to, e.g. storage.googleapis.com.',
  'gcp.policyDelta': 'Changes made to the IAM policy: the bindings added and removed.',
  'gcp.projectId': 'GCP project the call acted in.',
  'gcp.request': 'Request body of the call.',
  'gcp.storage.bucket': 'Cloud Storage bucket the call acted on.',
  'gcp.cloudfunctions.function': 'Cloud Function the call acted on.',
  'gcp.cloudsql.databaseId': 'Cloud SQL database instance the call acted on.',
  'al.principal.ip': 'IP address of the caller, as named by older GCP audit log plugin releases (source auditlogs); same as gcp.callerIP.',
  // --- Okta ---
  'okta.actor.name': 'Okta user (or app) that performed the action.',
  'okta.client.ip': 'IP address of the client that performed the action.',
  'okta.client.geo.country': 'Country Okta located the client IP in.',
  'okta.reason': 'Reason Okta gave for the outcome of the action (for example why a sign-in failed).',
  'okta.target.user.name': 'Okta user the action was applied to.',
  'okta.target.group.name': 'Okta group the action was applied to.',
  'okta.target.app.alternateid': 'Application the action was applied to.',
  'okta.evt.type': 'Okta System Log event type, e.g. user.session.start.',
  // --- GitHub ---
  'github.org': 'GitHub organisation the webhook event belongs to.',
  'github.owner': 'Owner (user or organisation) of the repository.',
  'github.repo.name': 'Name of the repository.',
  'github.repo.url': 'URL of the repository.',
  'github.user': 'GitHub user who triggered the event.',
  'github.collaborator.name': 'User added as collaborator.',
  'github.collaborator.role': 'Permission given to the collaborator.',
  'github.webhook.id': 'Id of the webhook.',
  'github.webhook.type': 'Type of the GitHub webhook event, e.g. push, member, repository.',
  'github.workflow.filename': 'GitHub Actions workflow file the event concerns.',
  'github.diff.committed_secrets.desc': 'Kinds of secrets found in the pushed changes.',
  'github.diff.committed_secrets.files': 'Files of the pushed changes that contain secrets.',
  'github.diff.committed_secrets.lines': 'Line numbers where the secrets were found.',
  'github.diff.committed_secrets.links': 'Links to the lines that contain secrets.',
  // --- alert envelope ---
  hostname: 'Host name of the machine that produced the alert.',
  // --- "Falco internal: syscall event drop" ---
  n_evts: 'Number of kernel events in the last second, dropped ones included.',
  n_drops: 'Number of kernel events lost in the last second, for any reason.',
  n_drops_buffer_total: 'Events lost in the last second because the kernel-to-Falco ring buffer was full.',
  n_drops_scratch_map: 'Events the eBPF probe could not build because its scratch space ran out.',
  n_drops_page_faults: 'Events lost because the driver could not read process memory (page faults).',
  n_drops_bug: 'Events lost because the driver rejected them as malformed (a driver bug or an unexpected kernel).',
  ebpf_enabled: '1 when Falco uses an eBPF driver, 0 for the kernel module.',
  // --- "Falco internal: metrics snapshot": falco.* (userspace) ---
  'falco.version': 'Falco version that produced the snapshot.',
  'falco.hostname': 'Host name Falco reports for itself.',
  'falco.kernel_release': 'Linux kernel release of the host.',
  'falco.start_ts': 'Time Falco started (epoch nanoseconds).',
  'falco.reload_ts': 'Time Falco last (re)loaded its configuration and rules (epoch nanoseconds).',
  'falco.host_boot_ts': 'Time the host booted (epoch nanoseconds).',
  'falco.duration_sec': 'Seconds Falco has been running.',
  'falco.host_num_cpus': 'Number of CPUs of the host.',
  'falco.evts_rate_sec': 'Events per second Falco processed since the previous snapshot.',
  'falco.num_evts': 'Total events Falco has processed since it started.',
  'falco.num_evts_prev': 'Total events processed at the previous snapshot.',
  'falco.outputs_queue_num_drops': 'Alerts dropped because the outputs queue was full; above 0 means alerts were lost.',
  'falco.cpu_usage_perc': 'CPU used by Falco, in percent of one CPU.',
  'falco.cpu_usage_perc_total_host': 'CPU used by the whole host, in percent.',
  'falco.host_cpu_usage_perc': 'CPU used by the whole host, in percent.',
  'falco.memory_rss': 'Resident memory of the Falco process.',
  'falco.memory_rss_mb': 'Resident memory of the Falco process, in MB.',
  'falco.memory_vsz': 'Virtual memory size of the Falco process.',
  'falco.memory_vsz_mb': 'Virtual memory size of the Falco process, in MB.',
  'falco.memory_pss': 'Proportional set size (shared pages split among users) of the Falco process.',
  'falco.memory_pss_mb': 'Proportional set size of the Falco process, in MB.',
  'falco.memory_used_host': 'Memory used by the whole host.',
  'falco.host_memory_used_mb': 'Memory used by the whole host, in MB.',
  'falco.container_memory_used': 'Memory used by the container Falco runs in (cgroup figure); 0 when not measured.',
  'falco.container_memory_used_mb': 'Memory used by the container Falco runs in, in MB.',
  'falco.open_fds_host': 'Open file descriptors on the whole host.',
  'falco.host_open_fds': 'Open file descriptors on the whole host.',
  'falco.procs_running_host': 'Processes running on the host at snapshot time.',
  'falco.host_procs_running': 'Processes running on the host at snapshot time.',
  'falco.n_threads': 'Threads in Falco\'s process table.',
  'falco.n_fds': 'File descriptors in Falco\'s tables.',
  'falco.n_added_threads': 'Threads added to Falco\'s process table since start.',
  'falco.n_removed_threads': 'Threads removed from Falco\'s process table since start.',
  'falco.n_added_fds': 'File descriptors added to Falco\'s tables since start.',
  'falco.n_removed_fds': 'File descriptors removed from Falco\'s tables since start.',
  'falco.n_cached_thread_lookups': 'Thread lookups answered from Falco\'s cache.',
  'falco.n_noncached_thread_lookups': 'Thread lookups that missed the cache.',
  'falco.n_failed_thread_lookups': 'Thread lookups that found nothing; high counts mean incomplete process context in alerts.',
  'falco.n_cached_fd_lookups': 'File descriptor lookups answered from Falco\'s cache.',
  'falco.n_noncached_fd_lookups': 'File descriptor lookups that missed the cache.',
  'falco.n_failed_fd_lookups': 'File descriptor lookups that found nothing; high counts mean missing file or connection names in alerts.',
  'falco.n_drops_full_threadtable': 'Threads not tracked because the process table was full (see falco_libs.thread_table_size).',
  'falco.n_retrieved_evts': 'Events retrieved from the asynchronous event queue.',
  'falco.n_retrieve_evts_drops': 'Events dropped when retrieving from the asynchronous event queue.',
  'falco.n_stored_evts': 'Events stored in the asynchronous event queue.',
  'falco.n_store_evts_drops': 'Events dropped when storing into the asynchronous event queue.',
  'falco.n_containers': 'Containers Falco currently knows about.',
  'falco.n_missing_container_images': 'Containers whose image Falco could not resolve.',
  'falco.rules.matches_total': 'Total number of rule matches (alerts) since Falco started.',
  // --- metrics snapshot: scap.* (kernel side) ---
  'scap.engine_name': 'Driver Falco captures with: kmod, bpf, modern_bpf, or a plugin engine.',
  'scap.n_evts': 'Events the driver saw since start, dropped ones included.',
  'scap.n_evts_prev': 'Events the driver had captured at the previous snapshot.',
  'scap.n_drops': 'Events the driver lost since start, for any reason.',
  'scap.n_drops_prev': 'Events the driver had lost at the previous snapshot.',
  'scap.n_drops_perc': 'Share of events lost since the previous snapshot, in percent.',
  'scap.evts_rate_sec': 'Events per second captured by the driver since the previous snapshot.',
  'scap.evts_drop_rate_sec': 'Events per second lost by the driver since the previous snapshot.',
  'scap.n_drops_buffer_total': 'Events lost since start because the ring buffer was full.',
  'scap.n_drops_scratch_map': 'Events the eBPF probe could not build because its scratch space ran out.',
  'scap.n_drops_page_faults': 'Events lost because the driver could not read process memory (page faults).',
  'scap.n_drops_bug': 'Events the driver rejected as malformed.',
});

const DROP_CATEGORY: Readonly<Record<string, string>> = lookupTable({
  clone_fork: 'process creation (clone, fork, vfork)',
  execve: 'program execution (execve)',
  connect: 'outbound connection (connect)',
  open: 'file open (open, openat)',
  dir_file: 'directory and file change (mkdir, rename, unlink, link ...)',
  other_interest: 'other monitored system call',
  close: 'file close (close)',
  proc: 'process exit',
});

const ORDINAL = ['', 'parent', 'grandparent', 'great-grandparent'];

function ancestor(level: number): string {
  return ORDINAL[level] ?? `ancestor ${level} levels up`;
}

type Rule = [RegExp, (m: RegExpExecArray) => string];

/** Field families whose names carry an argument or a variable part. */
const PATTERNS: readonly Rule[] = [
  [/^proc\.aname\[(\d+)\]$/, (m) => `Name of the process's ${ancestor(Number(m[1]))}.`],
  [/^proc\.aexepath\[(\d+)\]$/, (m) => `Full path of the binary of the process's ${ancestor(Number(m[1]))}.`],
  [/^proc\.aexe\[(\d+)\]$/, (m) => `First command-line word of the process's ${ancestor(Number(m[1]))}.`],
  [/^proc\.apid\[(\d+)\]$/, (m) => `Process id of the process's ${ancestor(Number(m[1]))}.`],
  [/^proc\.acmdline\[(\d+)\]$/, (m) => `Command line of the process's ${ancestor(Number(m[1]))}.`],
  [/^proc\.(aname|aexepath|apid|acmdline)$/, () => 'Names of the process\'s ancestors (any level).'],
  [/^proc\.env\[(.+)\]$/, (m) => `Value of the ${m[1]} environment variable of the process.`],
  [/^evt\.(?:raw)?arg\[(\d+)\]$/, (m) => `Argument number ${m[1]} of the system call.`],
  [/^evt\.(?:raw)?arg\.([a-z0-9_]+)$/i, (m) => `The ${m[1]} argument of the system call.`],
  [/^(?:jevt|json)\.value\[(.+)\]$/, (m) => `Value found at ${m[1]} in the raw JSON of the event.`],
  [/^ka\.uri\.param\[(.+)\]$/, (m) => `Value of the ${m[1]} query parameter of the request to the Kubernetes API.`],
  [/^okta\.mfa\.failure\.countlast\[(\d+)\]$/, (m) => `Failed MFA attempts by this actor in the last ${m[1]} seconds.`],
  [/^okta\.mfa\.deny\.countlast\[(\d+)\]$/, (m) => `MFA pushes this actor denied in the last ${m[1]} seconds.`],
  [/^k8s\.pod\.label\[(.+)\]$/, (m) => `Value of the ${m[1]} label of the pod.`],
  [/^container\.label\[(.+)\]$/, (m) => `Value of the ${m[1]} label of the container.`],
  [
    /^falco\.rules\.(.+)$/,
    (m) => `Times the rule "${(m[1] ?? '').replace(/_/g, ' ')}" matched since Falco started.`,
  ],
  [
    /^falco\.host_netinfo\.interfaces\.(.+)\.protocols\.(ipv4|ipv6)\.addresses$/,
    (m) => `${m[2] === 'ipv4' ? 'IPv4' : 'IPv6'} addresses of the host's ${m[1]} network interface.`,
  ],
  [/^falco\.sha256_config_file\.(.+)$/, (m) => `SHA-256 of the loaded configuration file ${m[1]}, to spot configuration changes.`],
  [/^falco\.sha256_rules_file\.(.+)$/, (m) => `SHA-256 of the loaded rules file ${m[1]}, to spot rule changes.`],
  [/^scap\.n_drops_cpu_(\d+)$/, (m) => `Events lost on CPU ${m[1]} since start.`],
  [/^scap\.n_evts_cpu_(\d+)$/, (m) => `Events captured on CPU ${m[1]} since start.`],
  [
    /^(?:scap\.)?n_drops_buffer_([a-z_]+?)_(enter|exit)$/,
    (m) =>
      `Events lost because the ring buffer was full: ${DROP_CATEGORY[m[1] ?? ''] ?? (m[1] ?? '').replace(/_/g, ' ')}, ${m[2]} side.`,
  ],
  [/^scap\.([a-z_]+)\.run_cnt$/, (m) => `Times the driver's ${m[1]} eBPF program ran.`],
  [/^scap\.([a-z_]+)\.run_time_ns$/, (m) => `Total nanoseconds spent in the driver's ${m[1]} eBPF program.`],
  [/^scap\.([a-z_]+)\.avg_time_ns$/, (m) => `Average nanoseconds per run of the driver's ${m[1]} eBPF program.`],
];

/** Fallback by prefix: what kind of value this is, when the field itself is not in the glossary. */
const PREFIXES: readonly [string, string][] = [
  ['proc.', 'process'],
  ['thread.', 'thread'],
  ['user.', 'user the process runs as'],
  ['group.', 'group the process runs as'],
  ['container.', 'container'],
  ['k8s.', 'Kubernetes pod or namespace of the container'],
  ['fd.', 'file or network connection'],
  ['evt.', 'system call or event'],
  ['ka.', 'Kubernetes API request (audit log)'],
  ['jevt.', 'raw JSON event'],
  ['json.', 'raw JSON event'],
  ['ct.', 'AWS CloudTrail event'],
  ['s3.', 'S3 object or bucket'],
  ['gcp.', 'GCP audit log event'],
  ['al.', 'GCP audit log event'],
  ['okta.', 'Okta System Log event'],
  ['github.', 'GitHub webhook event'],
  ['falco.', "Falco's own state (metrics)"],
  ['scap.', "Falco driver's kernel-side counters (metrics)"],
];

export type ExplanationSource = 'glossary' | 'pattern' | 'prefix' | 'unknown';

export interface Explained {
  text: string;
  source: ExplanationSource;
}

/**
 * Some payloads mangle keys (`n drops/buffer?clone{fork]enter`) or keep stray spaces. A name
 * that is not field-shaped is retried with every run of other characters turned into `_`.
 */
function repairName(name: string): string | null {
  if (/^[A-Za-z0-9_.]+(\[[^\]]*\])?$/.test(name)) return null;
  const repaired = name.replace(/[^A-Za-z0-9_.]+/g, '_').replace(/^_+|_+$/g, '');
  return repaired && repaired !== name ? repaired : null;
}

/** The explanation of a field, and where it came from (glossary, family pattern, prefix, nothing). */
export function explainFieldDetailed(rawName: string): Explained {
  const name = rawName.trim();
  const exact = FIELD_GLOSSARY[name];
  if (exact) return { text: exact, source: 'glossary' };
  for (const [re, make] of PATTERNS) {
    const m = re.exec(name);
    if (m) return { text: make(m), source: 'pattern' };
  }
  const repaired = repairName(name);
  if (repaired) {
    const again = explainFieldDetailed(repaired);
    if (again.source === 'glossary' || again.source === 'pattern') return again;
  }
  const prefix = PREFIXES.find(([p]) => name.startsWith(p));
  if (prefix) return { text: `A property of the ${prefix[1]} (${name}).`, source: 'prefix' };
  return { text: 'A field of this alert; Falco or the rule author defined it.', source: 'unknown' };
}

/** One plain sentence explaining a Falco output field. */
export function explainField(name: string): string {
  return explainFieldDetailed(name).text;
}
