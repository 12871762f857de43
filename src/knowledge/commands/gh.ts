import type { Arg } from './shell';
import type { CliCall } from './cli';
import { cliCommand } from './cli';
import type { ToolOptions } from './options';

/**
 * GitHub CLI (gh, cobra/pflag: `--name=value` is one word). `gh api` paths are concatenated
 * words (`['repos/', field('github.repo.name', 'repo'), '/hooks']`), so no value starts a word there.
 */
export const gh = {
  /** `gh api PATH` with its options (`--method`, `--raw-field`, `--jq`, `--paginate` ...). */
  api(path: Arg, options: CliCall['options'] = {}): string {
    return cliCommand('gh', GH_OPTIONS, 'api', { args: [path], options });
  },
  run(sub: string, call: CliCall = {}): string {
    return cliCommand('gh', GH_OPTIONS, sub, call);
  },
};

/** GitHub CLI manual (cli.github.com/manual, gh 2.6x): api, repo deploy-key list, run list. */
export const GH_OPTIONS: ToolOptions = {
  source: 'https://cli.github.com/manual/ (gh 2.6x: gh api, gh repo deploy-key list, gh run list)',
  global: ['--help'],
  commands: {
    api: ['-X', '--method', '-f', '--raw-field', '-F', '--field', '-H', '--header', '--hostname', '-i', '--include', '--input', '-q', '--jq', '--paginate', '-p', '--preview', '--silent', '--slurp', '-t', '--template', '--cache', '--verbose'],
    'repo deploy-key list': ['-R', '--repo', '-q', '--jq', '--json', '-t', '--template'],
    'run list': ['-R', '--repo', '-L', '--limit', '-w', '--workflow', '-b', '--branch', '-u', '--user', '-e', '--event', '-s', '--status', '-c', '--commit', '--created', '-a', '--all', '--json', '-q', '--jq', '-t', '--template'],
  },
  takesValue: ['-X', '--method', '-f', '--raw-field', '-F', '--field', '-H', '--header', '--hostname', '--input', '-q', '--jq', '-p', '--preview', '-t', '--template', '--cache', '-R', '--repo', '--json', '-L', '--limit', '-w', '--workflow', '-b', '--branch', '-u', '--user', '-e', '--event', '-s', '--status', '-c', '--commit', '--created'],
};
