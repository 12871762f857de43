import type { ToolOptions } from './options';

/**
 * Host tools our commands call: journalctl, find, getent, jq and the coreutils/procps/iproute2
 * family. Option lists from the Debian 12 manual pages of the versions named.
 */
const tool = (source: string, options: string[], takesValue: string[] = [], bundles = true): ToolOptions => ({
  source,
  global: options,
  commands: { '': [] },
  takesValue,
  bundles,
});

export const HOST_OPTIONS: Record<string, ToolOptions> = {
  journalctl: tool(
    'journalctl(1), systemd 252',
    ['-u', '--unit', '-k', '--dmesg', '-S', '--since', '-U', '--until', '-o', '--output', '-n', '--lines', '--no-pager', '-b', '--boot', '-g', '--grep', '-t', '--identifier', '-p', '--priority', '-r', '--reverse', '-a', '--all', '-e', '--pager-end', '-x', '--catalog', '-q', '--quiet', '--utc', '-D', '--directory', '--file'],
    ['-u', '--unit', '-S', '--since', '-U', '--until', '-o', '--output', '-n', '--lines', '-b', '--boot', '-g', '--grep', '-t', '--identifier', '-p', '--priority', '-D', '--directory', '--file'],
  ),
  find: tool(
    'find(1), GNU findutils 4.9 (tests and actions are single-dash words)',
    ['-xdev', '-type', '-perm', '-newerct', '-newermt', '-newer', '-cnewer', '-ctime', '-cmin', '-mtime', '-mmin', '-name', '-iname', '-path', '-samefile', '-not', '-user', '-uid', '-maxdepth', '-mindepth', '-size', '-ls', '-print', '-print0', '-o', '-a', '-H', '-L', '-P', '-links', '-inum', '-exec', '-executable', '-readable', '-writable'],
    ['-type', '-perm', '-newerct', '-newermt', '-newer', '-cnewer', '-ctime', '-cmin', '-mtime', '-mmin', '-name', '-iname', '-path', '-samefile', '-user', '-uid', '-maxdepth', '-mindepth', '-size', '-links', '-inum'],
    false,
  ),
  getent: tool('getent(1), glibc 2.36', ['-s', '--service', '-i', '--no-idn', '--help', '-V', '--version'], ['-s', '--service']),
  jq: tool(
    'jq 1.6/1.7 manual',
    ['-r', '--raw-output', '-c', '--compact-output', '-j', '--join-output', '-s', '--slurp', '-n', '--null-input', '-e', '--exit-status', '--arg', '--argjson', '--args', '--jsonargs', '-S', '--sort-keys', '-M', '--monochrome-output', '-C', '--color-output', '--tab', '--indent', '-R', '--raw-input', '--seq', '--stream'],
    ['--arg', '--argjson', '--indent'],
  ),
  ps: tool('ps(1), procps-ng 4.0', ['-o', '-p', '-C', '-e', '-f', '-F', '-l', '-u', '-U', '-G', '--ppid', '--pid', '-H', '--forest', '--sort', '-w', '-ww', '-A', '-a', '-x', 'ax', 'aux', '--no-headers'], ['-o', '-p', '-C', '-u', '-U', '-G', '--ppid', '--pid', '--sort']),
  ls: tool('ls(1), GNU coreutils 9.1', ['-l', '-a', '-A', '-d', '-R', '-h', '-i', '-n', '-t', '-r', '-S', '--time-style', '--full-time', '-L', '--color'], ['--time-style']),
  stat: tool('stat(1), GNU coreutils 9.1', ['-c', '--format', '-L', '--dereference', '-f', '--file-system', '-t', '--terse', '--printf'], ['-c', '--format', '--printf']),
  sha256sum: tool('sha256sum(1), GNU coreutils 9.1', ['-b', '--binary', '-c', '--check', '-t', '--text', '--tag', '-z', '--zero']),
  cat: tool('cat(1), GNU coreutils 9.1', ['-A', '-v', '-n', '-e', '-t', '-s']),
  tail: tool('tail(1), GNU coreutils 9.1', ['-n', '--lines', '-c', '--bytes', '-f', '-F', '-q', '-v'], ['-n', '--lines', '-c', '--bytes']),
  head: tool('head(1), GNU coreutils 9.1', ['-n', '--lines', '-c', '--bytes', '-q', '-v'], ['-n', '--lines', '-c', '--bytes']),
  file: tool('file(1), file 5.44', ['-L', '-b', '-i', '-z', '-s', '-k', '-h']),
  id: tool('id(1), GNU coreutils 9.1', ['-u', '-g', '-G', '-n', '-r', '-z', '-a']),
  last: tool('last(1), util-linux 2.38', ['-F', '--fulltimes', '-a', '--hostlast', '-n', '--limit', '-i', '--ip', '-w', '--fullnames', '-x', '--system', '-s', '--since', '-t', '--until', '-f', '--file', '-R', '--nohostname', '-d', '--dns', '-p', '--present'], ['-n', '--limit', '-s', '--since', '-t', '--until', '-f', '--file', '-p', '--present']),
  ss: tool('ss(8), iproute2 6.1', ['-t', '-u', '-a', '-n', '-p', '-l', '-e', '-i', '-x', '-w', '-4', '-6', '-H', '-o', '-s', '-K', '-r', '-m'], []),
  grep: tool('grep(1), GNU grep 3.8', ['-F', '-E', '-i', '-l', '-L', '-c', '-h', '-H', '-r', '-R', '-v', '-w', '-x', '-o', '-q', '-s', '-n', '-e', '-f', '-A', '-B', '-C', '-m', '-a', '--color', '--include', '--exclude'], ['-e', '-f', '-A', '-B', '-C', '-m', '--include', '--exclude']),
  rpm: tool('rpm(8), rpm 4.18', ['-q', '-f', '-V', '-a', '-i', '-l', '--last', '--qf', '--queryformat', '-v'], ['--qf', '--queryformat']),
  dpkg: tool('dpkg(1), dpkg 1.21', ['-S', '--search', '-s', '--status', '-l', '--list', '-L', '--listfiles', '-V', '--verify', '--verify-format'], ['--verify-format']),
  nsenter: tool('nsenter(1), util-linux 2.38', ['-t', '--target', '-n', '--net', '-m', '--mount', '-p', '--pid', '-u', '--uts', '-i', '--ipc', '-U', '--user', '-a', '--all', '-r', '--root', '-w', '--wd', '-S', '--setuid', '-G', '--setgid'], ['-t', '--target', '-S', '--setuid', '-G', '--setgid']),
  crontab: tool('crontab(1), cron 3.0', ['-l', '-u', '-e', '-r', '-i'], ['-u']),
  lsns: tool('lsns(8), util-linux 2.38', ['-t', '--type', '-p', '--task', '-l', '--list', '-J', '--json', '-o', '--output', '-n', '--noheadings', '-u', '--notruncate'], ['-t', '--type', '-p', '--task', '-o', '--output']),
  'ssh-keygen': tool('ssh-keygen(1), OpenSSH 9.2', ['-l', '-f', '-E', '-v', '-B'], ['-f', '-E']),
  ausearch: tool('ausearch(8), audit 3.0', ['-f', '--file', '-i', '--interpret', '-ts', '--start', '-te', '--end', '-k', '--key', '-x', '--executable', '-ui', '--uid', '-ua', '--uid-all', '-m', '--message', '-p', '--pid', '-sc', '--syscall', '--raw'], ['-f', '--file', '-ts', '--start', '-te', '--end', '-k', '--key', '-x', '--executable', '-ui', '--uid', '-ua', '--uid-all', '-m', '--message', '-p', '--pid', '-sc', '--syscall'], false),
  dig: tool('dig(1), BIND 9.18', ['-x', '-t', '-p', '-4', '-6', '+short', '+trace', '+noall', '+answer'], ['-x', '-t', '-p'], false),
};
