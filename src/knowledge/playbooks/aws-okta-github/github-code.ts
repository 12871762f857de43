import type { Alert } from '../../../model';
import { fieldText } from '../../fieldValue';
import type { CommandTemplate, Playbook } from '../../types';
import { ghActorAudit, observeGithub } from './helpers';
import { field, gh, repeated } from '../../commands';

const commitsByUser: CommandTemplate = {
  title: 'List the latest commits of the pushing user on the repository',
  command:
    gh.api(['repos/', field('github.repo.name', 'repo'), '/commits'], { '--method': 'GET', '--raw-field': repeated(['author=', field('github.user')], 'per_page=10'), '--jq': '.[] | [.sha[0:10], .commit.author.date, .commit.message[0:60]] | @tsv' }),
};

const secretScanning: CommandTemplate = {
  title: 'Check GitHub secret scanning for the same secrets (state, type, first seen)',
  command: gh.api(['repos/', field('github.repo.name', 'repo'), '/secret-scanning/alerts'], { '--jq': '.[] | [.number, .state, .secret_type, .created_at] | @tsv' }),
};

const FIXTURE_PATH = /(^|[/_.-])(tests?|spec|fixtures?|examples?|samples?|mocks?|testdata)([/_.-]|$)/i;

function splitList(value: string | undefined): string[] {
  return value ? value.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

function observeSecrets(alert: Alert, publicRepo: boolean): string[] {
  const notes = observeGithub(alert);
  const types = splitList(fieldText(alert, 'github.diff.committed_secrets.desc'));
  const files = splitList(fieldText(alert, 'github.diff.committed_secrets.files'));

  if (types.length > 0) {
    const unique = [...new Set(types)];
    notes.push(`${types.length} secret(s) detected, of type: ${unique.join(', ')}.`);
    if (unique.some((t) => /aws/i.test(t)) && publicRepo) {
      notes.push('AWS keys pushed to a public repository are usually tried by scrapers within minutes; treat the key as used, not just exposed.');
    }
  }
  const fixtures = [...new Set(files)].filter((f) => FIXTURE_PATH.test(f));
  if (fixtures.length > 0 && fixtures.length === new Set(files).size) {
    notes.push(`Every flagged file (${fixtures.join(', ')}) sits in a test, fixture or example path: check whether the values are dummies before rotating.`);
  }
  if (publicRepo && /private repository/i.test(alert.output)) {
    notes.push('The output text says "private repository": the upstream rule reuses that message, but this rule only fires for public repositories.');
  }
  return notes;
}

function secretsPlaybook(publicRepo: boolean): Playbook {
  const where = publicRepo ? 'public' : 'private';
  return {
    id: `github-secret-pushed-${where}`,
    title: `Secret pushed into a ${where} repository`,
    rules: [`Secret pushed into a ${where} repository`],
    family: 'github',
    detects: `A push event to a ${where} repository whose diff the GitHub plugin matched against its secret patterns (cloud keys, tokens, private keys); the alert lists the secret types, files, lines and links.`,
    whyItMatters: publicRepo
      ? 'A secret in a public repository is public: bots harvest new pushes continuously, and deleting the commit does not recall the copies. The credential gives whatever its issuer allows, often cloud account access.'
      : 'A secret in a private repository is readable by everyone with access to the repository, its forks, CI logs and any future leak of the code; it also survives in history after being removed from the files.',
    benignCauses: [
      'Test fixtures or documentation examples with dummy keys that match the patterns.',
      'A developer committing a real key by mistake (the usual case, and still an incident).',
    ],
    distinguish: [
      'Open the links in github.diff.committed_secrets.links and check whether the value is live with its issuer (key last used, token still valid).',
      'Paths in github.diff.committed_secrets.files under tests or examples are more likely dummies; configuration files and scripts are more likely real.',
      'Check github.user: a push by an unexpected account may be an intruder planting or moving credentials.',
    ],
    mitigations: {
      immediate: [
        'Record the commit, the files and the credential\'s id (never its value), then revoke or rotate the credential at its issuer (for AWS keys, deactivate the key with aws iam update-access-key --status Inactive); rewriting the commit out comes second.',
      ],
      shortTerm: [
        'Save a mirror clone (git clone --mirror) as evidence, rewrite the history to drop the secret (git filter-repo) and ask GitHub support to purge cached views if the repository is public.',
        'Review the issuer\'s logs for use of the credential since the push.',
      ],
      longTerm: ['Enable secret scanning with push protection and keep credentials in a secret manager injected at runtime.'],
    },
    investigate: [secretScanning, commitsByUser, ghActorAudit],
    tuningFields: ['github.repo.name', 'github.user'],
    noException: 'A pushed secret is exposed whoever pushed it and wherever: rotate it and add a pre-commit or push-protection scan; an exception would hide the next leak.',
    observe: (alert) => observeSecrets(alert, publicRepo),
  };
}

export const GITHUB_CODE_PLAYBOOKS: Playbook[] = [
  secretsPlaybook(true),
  secretsPlaybook(false),
  {
    id: 'github-action-with-miners',
    title: 'Github action with miners',
    rules: ['Github action with miners'],
    family: 'github',
    detects:
      'A workflow_run event with action requested where the plugin found crypto-miner indicators (miner binaries, stratum pool URLs) in the workflow file github.workflow.filename.',
    whyItMatters:
      'Free or self-hosted Actions runners are abused for mining; on self-hosted runners the miner also runs inside your network with the runner\'s credentials, and a workflow that mines can just as well steal repository secrets.',
    benignCauses: ['Security research or detection tests that contain miner signatures on purpose.'],
    distinguish: [
      'Read the workflow file: a download of xmrig or similar, or a stratum+tcp URL, is unambiguous.',
      'Who added it? Look at the commits touching github.workflow.filename and at github.user; pushes from a new contributor, a fork pull request or a stolen token are typical.',
    ],
    mitigations: {
      immediate: ['Save the run\'s logs (gh run view --log), then cancel the run (gh run cancel), disable the workflow (gh workflow disable) and revert the commit that added the miner.'],
      shortTerm: [
        'Rotate repository and organization secrets the workflow could read; snapshot the disks of self-hosted runners it ran on, then reimage them.',
        'Revoke the token or account that pushed the change.',
      ],
      longTerm: [
        'Require approval for workflow runs from outside contributors, protect .github/workflows with CODEOWNERS, and keep self-hosted runners off public repositories.',
      ],
    },
    investigate: [
      {
        title: 'Read the workflow file as it is now',
        command: gh.api(['repos/', field('github.repo.name', 'repo'), '/contents/', field('github.workflow.filename', 'relpath')], { '--header': 'Accept: application/vnd.github.raw' }),
      },
      {
        title: 'List the commits that touched the workflow file',
        command:
          gh.api(['repos/', field('github.repo.name', 'repo'), '/commits'], { '--method': 'GET', '--raw-field': ['path=', field('github.workflow.filename')], '--jq': '.[] | [.sha[0:10], .commit.author.date, .author.login, .commit.message[0:60]] | @tsv' }),
      },
      {
        title: 'List the latest workflow runs with their trigger and actor',
        command: gh.run('run list', { options: { '--repo': field('github.repo.name'), '--limit': '20' } }),
      },
      {
        title: 'List self-hosted runners the job may have landed on',
        command: gh.api(['repos/', field('github.repo.name', 'repo'), '/actions/runners']),
      },
    ],
    tuningFields: ['github.repo.name', 'github.workflow.filename'],
    observe: observeGithub,
  },
];
