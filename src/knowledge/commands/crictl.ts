import type { Arg } from './shell';
import { alertTime, field, isField, opt, substitution, word, words } from './shell';
import type { ToolOptions } from './options';

/**
 * crictl, on the node that runs the container. crictl (urfave/cli) stops reading options at the
 * container id, so `exec ID cmd -x` passes `-x` to cmd; a container id is hex, and an id value
 * starting with `-` is rejected by the filler.
 */
const ID = field('container.id');

export const crictl = {
  inspect(id: Arg = ID): string {
    return words('crictl inspect', word(id));
  },
  /** Run argv (already a template) inside the container; the tool must exist in its image. */
  exec(argv: string, id: Arg = ID): string {
    return words('crictl exec', word(id), argv);
  },
  /**
   * Run a host tool (`ss`, `ip`) in the container's network namespace: the tool need not exist in
   * the image. The pid is the substitution's whole, double-quoted word.
   */
  inNetns(argv: string, id: Arg = ID): string {
    return words('nsenter', opt('--target', substitution(`crictl inspect ${word(id)} | jq -r .info.pid`)), '--net', '--', argv);
  },
  /** The container's logs from ten minutes before the alert. */
  logs(id: Arg = ID, since: Arg = alertTime('-10m')): string {
    return words('crictl logs --timestamps', opt('--since', since), word(id));
  },
  /**
   * A checkpoint (memory and file system changes) exported to a tar file while the container
   * keeps running: needs a runtime with checkpoint support (CRI-O, containerd 2.0+) and CRIU.
   */
  checkpoint(id: Arg = ID): string {
    // The id is also part of a file path there: one path segment only, never `../`.
    const inPath = isField(id) ? { ...id, encoding: 'segment' as const } : id;
    return words('crictl checkpoint', `--export=/var/tmp/checkpoint-${word(inPath)}.tar`, word(id));
  },
};

/** cri-tools cmd/crictl (container.go, exec.go, logs.go, main.go) at ba03eabc, urfave/cli v2. */
export const CRICTL_OPTIONS: ToolOptions = {
  source: 'github.com/kubernetes-sigs/cri-tools cmd/crictl/{main,container,exec,logs}.go (v1.3x, commit ba03eabc)',
  global: ['-c', '--config', '-r', '--runtime-endpoint', '-i', '--image-endpoint', '-t', '--timeout', '-D', '--debug', '--max-retries'],
  commands: {
    inspect: ['-o', '--output', '-q', '--quiet', '--template', '--name', '--namespace', '-p', '--pod', '--image', '-s', '--state', '--label', '-l', '--latest', '-n', '--last', '-a', '--all'],
    ps: ['-v', '--verbose', '--id', '--name', '-p', '--pod', '--image', '-s', '--state', '--label', '-q', '--quiet', '-o', '--output', '-a', '--all', '-l', '--latest', '-n', '--last', '--no-trunc', '-r', '--resolve-image-path', '--namespace'],
    exec: ['-s', '--sync', '--timeout', '-t', '--tty', '-i', '--interactive', '-r', '--transport', '--name', '-p', '--pod', '--image', '--state', '--label', '-l', '--latest', '-n', '--last', '-q', '--quiet', '-e', '--ignore-errors', '-x', '--parallel'],
    logs: ['-f', '--follow', '-p', '--previous', '-r', '--reopen', '--tail', '--limit-bytes', '--since', '-t', '--timestamps', '-s', '--stream'],
    checkpoint: ['-e', '--export'],
  },
  takesValue: ['-c', '--config', '-r', '--runtime-endpoint', '-i', '--image-endpoint', '-t', '--timeout', '--max-retries', '-o', '--output', '--template', '--name', '--namespace', '-p', '--pod', '--image', '-s', '--state', '--label', '-n', '--last', '--id', '--tail', '--limit-bytes', '--since', '--stream', '-e', '--export', '--transport'],
};
