import type { Arg } from './shell';
import { alertTime, field, opt, word, words } from './shell';
import type { ToolOptions } from './options';

const ID = field('container.id');

/** docker, on a Docker host. The container id goes after `--` (docker's cobra parser ends options there). */
export const docker = {
  inspect(id: Arg = ID): string {
    return words('docker inspect --', word(id));
  },
  diff(id: Arg = ID): string {
    return words('docker diff --', word(id));
  },
  /** exec sessions started in the container in the hour around the alert. */
  execEvents(id: Arg = ID): string {
    return words(
      'docker events',
      opt('--since', alertTime('-1h')),
      opt('--until', alertTime('+1h')),
      `--filter=container=${word(id)}`,
      '--filter=event=exec_start',
    );
  },
};

/** Docker CLI reference (docs.docker.com/reference/cli/docker/, Docker 27). */
export const DOCKER_OPTIONS: ToolOptions = {
  source: 'https://docs.docker.com/reference/cli/docker/ (Docker 27: inspect, diff, events)',
  global: ['-H', '--host', '--context', '-c', '--config', '-D', '--debug', '-l', '--log-level', '--tls', '--tlsverify'],
  commands: {
    inspect: ['-f', '--format', '-s', '--size', '--type'],
    diff: [],
    events: ['-f', '--filter', '--format', '--since', '--until'],
  },
  takesValue: ['-H', '--host', '--context', '-c', '--config', '-l', '--log-level', '-f', '--format', '--filter', '--type', '--since', '--until'],
};
