/**
 * The one set of process and path lists that risk scoring, playbooks, observations and the tuning
 * validator share. A name here is a fact about what a binary is (a shell, a web server, a download
 * tool), so every layer must agree on it: a list kept twice drifts, and the drift is how a shell ends
 * up allow-listed in one place while it raises risk in another.
 *
 * Names are process names as Falco reports them in `proc.name` / `proc.pname` (the kernel's comm,
 * cut at 15 characters: `httpd-foregroun`). Where Falco's own rules keep a list of the same kind, its
 * items are included (falco_rules.yaml: shell_binaries, http_server_binaries, db_server_binaries,
 * package_mgmt_binaries), so an allow-list check catches what the stock rules consider the same thing.
 */

const set = (...names: string[]): ReadonlySet<string> => new Set(names);

/** Command interpreters (falco_rules.yaml `shell_binaries`, plus fish and busybox, which run `sh`). */
export const SHELLS = set('ash', 'bash', 'csh', 'ksh', 'sh', 'tcsh', 'zsh', 'dash', 'fish', 'busybox');

/** Language runtimes that execute arbitrary code given on their command line or stdin. */
export const INTERPRETERS = set(
  'python', 'python2', 'python3', 'perl', 'ruby', 'node', 'nodejs', 'php', 'lua', 'java', 'dotnet', 'pwsh', 'tclsh', 'awk', 'gawk', 'mawk',
);

/** Processes that serve HTTP (falco_rules.yaml `http_server_binaries` plus common app servers). */
export const WEB_SERVERS = set(
  'nginx', 'httpd', 'httpd-foregroun', 'lighttpd', 'apache', 'apache2', 'caddy', 'php-fpm', 'php-cgi', 'uwsgi', 'gunicorn',
  'tomcat', 'catalina.sh', 'puma', 'unicorn', 'traefik', 'envoy', 'haproxy',
);

/** Database servers (falco_rules.yaml `db_server_binaries` plus common ones). */
export const DATABASES = set('mysqld', 'postgres', 'sqlplus', 'couchdb', 'memcached', 'redis-server', 'rabbitmq-server', 'mongod', 'mariadbd');

/** Basic file and text tools: allow-listing one silences every use of it, by anyone. */
export const COREUTILS = set(
  'cat', 'cp', 'mv', 'rm', 'ln', 'ls', 'dd', 'tee', 'head', 'tail', 'less', 'more', 'grep', 'sed', 'find', 'xargs', 'touch', 'chmod',
  'chown', 'install', 'tar', 'cpio', 'gzip', 'base64', 'od', 'xxd', 'strings', 'env', 'echo', 'printf', 'id', 'whoami', 'stat', 'vi', 'vim', 'nano',
);

/** Tools that fetch or move data over the network. */
export const DOWNLOAD_TOOLS = set('curl', 'wget', 'nc', 'ncat', 'netcat', 'socat', 'scp', 'sftp', 'ftp', 'tftp', 'rsync', 'aria2c', 'fetch');

/** Tools that change identity (sudo and its kin). */
export const PRIVILEGE_TOOLS = set('sudo', 'su', 'doas', 'pkexec', 'runuser', 'setpriv', 'chroot', 'nsenter');

/** Package managers (falco_rules.yaml `package_mgmt_binaries`, expanded). */
export const PACKAGE_MANAGERS = set(
  'apt', 'apt-get', 'aptitude', 'dpkg', 'yum', 'dnf', 'rpm', 'microdnf', 'zypper', 'apk', 'pip', 'pip3', 'npm', 'yarn', 'gem', 'conda', 'snapd',
);

/**
 * Names no allow-list may ever carry: each is a general-purpose way to run or fetch anything, so
 * excepting it by name turns the rule off for an attacker who uses it.
 */
export const NEVER_ALLOW_LIST: ReadonlySet<string> = new Set([
  ...SHELLS, ...INTERPRETERS, ...WEB_SERVERS, ...COREUTILS, ...DOWNLOAD_TOOLS, ...PRIVILEGE_TOOLS,
]);

/** World-writable scratch directories: a binary run from one was most likely dropped there. */
export const TEMP_DIRS: readonly string[] = ['/tmp/', '/var/tmp/', '/dev/shm/', '/run/shm/'];

/** True when `path` lies in one of TEMP_DIRS. */
export function inTempDir(path: string): boolean {
  return TEMP_DIRS.some((dir) => path.startsWith(dir));
}

/**
 * Images anyone can run: Docker Hub's official base and runtime images and the usual debug
 * images. An exception pinned to one of them as its only workload holds for any container
 * started from it, an attacker's included: it names no workload of yours.
 */
export const GENERIC_IMAGES = set(
  'alpine', 'busybox', 'ubuntu', 'debian', 'centos', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux', 'oraclelinux',
  'archlinux', 'opensuse/leap', 'registry.access.redhat.com/ubi8/ubi', 'registry.access.redhat.com/ubi9/ubi', 'python',
  'node', 'golang', 'openjdk', 'eclipse-temurin', 'ruby', 'php', 'perl', 'bash', 'nginx', 'httpd', 'curlimages/curl',
  'nicolaka/netshoot', 'gcr.io/distroless/static', 'gcr.io/distroless/base', 'cgr.dev/chainguard/static', 'cgr.dev/chainguard/wolfi-base',
);

/** The image repository as Docker Hub names it: `docker.io/library/alpine:3.19` -> `alpine`. */
export function hubName(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const colon = noDigest.lastIndexOf(':');
  const repo = colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
  return repo.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '').toLowerCase();
}

export function isGenericImage(image: string): boolean {
  return GENERIC_IMAGES.has(hubName(image));
}
