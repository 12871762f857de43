import type { CommandTemplate, Playbook } from '../../types';
import { ghActorAudit, ghRepoAudit, ghRepoView, ghUserProfile, observeGithub } from './helpers';
import { field, gh, repeated } from '../../commands';
import { CAPTURE_FIRST } from '../captureFirst';

const secretScanning: CommandTemplate = {
  title: 'List secret-scanning alerts on the repository',
  command: gh.api(['repos/', field('github.repo.name', 'repo'), '/secret-scanning/alerts'], { '--jq': '.[] | [.number, .state, .secret_type, .created_at] | @tsv' }),
};

const recentCommits: CommandTemplate = {
  title: 'List the latest commits: who pushed what just before the change',
  command:
    gh.api(['repos/', field('github.repo.name', 'repo'), '/commits'], { '--method': 'GET', '--raw-field': 'per_page=20', '--jq': '.[] | [.sha[0:10], .commit.author.date, .commit.author.email, .commit.message[0:60]] | @tsv' }),
};

const deletedRepoAudit: CommandTemplate = {
  title: 'Find the deletion and who did it in the organization audit log (GitHub Enterprise Cloud)',
  command: gh.api(['orgs/', field('github.org', 'segment'), '/audit-log'], { '--method': 'GET', '--raw-field': repeated('phrase=action:repo.destroy', 'per_page=50') }),
};

export const GITHUB_REPO_PLAYBOOKS: Playbook[] = [
  {
    id: 'github-repo-made-public',
    title: 'Private Repository Becoming Public',
    rules: ['Private Repository Becoming Public'],
    family: 'github',
    detects: 'A repository webhook event with action publicized: github.user changed github.repo.name from private to public.',
    whyItMatters:
      'Publishing a private repository exposes its whole history to the internet at once: source code, internal hostnames, and any secret ever committed. Scrapers index new public repositories within minutes, so the exposure cannot be undone by flipping it back.',
    benignCauses: ['A planned open-source release reviewed by the owners.', 'A documentation or sample repository meant to be public.'],
    distinguish: [
      'Is there an open-source approval for github.repo.name, and is github.user one of its maintainers?',
      'Check the history for secrets and internal data before assuming it is harmless.',
      'A change by an account that rarely administers repositories, or outside working hours, is suspicious.',
    ],
    mitigations: {
      immediate: [
        'If unapproved, make it private again (gh repo edit with --visibility private), then rotate every credential found in its history: assume they are leaked.',
      ],
      shortTerm: ['Review the repository admins and how github.user obtained admin rights.'],
      longTerm: ['Restrict repository visibility changes to organization owners in the organization settings.'],
    },
    investigate: [ghRepoView, secretScanning, ghRepoAudit, ghActorAudit],
    tuningFields: ['github.repo.name', 'github.user'],
    observe: observeGithub,
  },
  {
    id: 'github-repo-made-private',
    title: 'Public Repository Becoming Private',
    rules: ['Public Repository Becoming Private'],
    family: 'github',
    detects: 'A repository webhook event with action privatized: github.user changed github.repo.name from public to private.',
    whyItMatters:
      'Making a public project private breaks every consumer that clones it and removes its stars and forks network; it is also used to hide a repository an attacker took over, or a malicious commit, from public view.',
    benignCauses: ['Archiving or retiring an open-source project.', 'Hiding a repository published by mistake.'],
    distinguish: [
      'Was the change announced by the maintainers of github.repo.name? Check with them and look at github.user.',
      'Look for recent pushes by unfamiliar accounts before the change.',
    ],
    mitigations: {
      immediate: ['If unapproved, restore visibility and review recent commits and releases for tampering.'],
      shortTerm: ['Review who holds admin on the repository.'],
      longTerm: ['Restrict visibility changes to organization owners.'],
    },
    investigate: [ghRepoView, recentCommits, ghRepoAudit, ghActorAudit],
    tuningFields: ['github.repo.name', 'github.user'],
    observe: observeGithub,
  },
  {
    id: 'github-public-repo-created',
    title: 'Create Public Repository',
    rules: ['Create Public Repository'],
    family: 'github',
    detects:
      'A repository webhook event with action created where the repository is public. Create Repository fires for the same event.',
    whyItMatters:
      'A new public repository is an easy exfiltration channel: code or data pushed there is world-readable, and it looks like ordinary developer activity.',
    benignCauses: ['New open-source projects.', 'Forks or GitHub Pages sites created by staff.'],
    distinguish: [
      'Is the project approved for open source, and does github.user belong to the team that owns it?',
      'Inspect the first pushes: internal code or data dumps in a new public repository are the exfiltration pattern.',
    ],
    mitigations: {
      immediate: ['If unapproved, make it private and review its contents for internal material.'],
      shortTerm: ['Ask the creator about the purpose and move it to the proper visibility.'],
      longTerm: ['Restrict public repository creation to owners in the organization member privileges.'],
    },
    investigate: [ghRepoView, recentCommits, ghActorAudit, ghUserProfile],
    tuningFields: ['github.user', 'github.org'],
    observe: observeGithub,
  },
  {
    id: 'github-public-repo-deleted',
    title: 'Delete Public Repository',
    rules: ['Delete Public Repository'],
    family: 'github',
    detects: 'A repository webhook event with action deleted for a public repository. Delete Repository fires for the same event.',
    whyItMatters:
      'Deleting a public project breaks every build and user that depends on it, and can be sabotage by a compromised maintainer account or the cover-up of a malicious release.',
    benignCauses: ['Retiring an obsolete project.', 'Removing a test or demo repository.'],
    distinguish: [
      'Was the deletion agreed by the maintainers? Check github.user against them.',
      'Deletions of several repositories by the same user in a short time point to sabotage or a compromised account.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.github, 'Organization owners can restore a recently deleted repository from the organization settings; do it if the deletion was not agreed.'],
      shortTerm: ['Contain github.user if unexpected: revoke tokens and sessions, check SSH keys.'],
      longTerm: ['Restrict repository deletion to owners in the organization member privileges.'],
    },
    investigate: [deletedRepoAudit, ghActorAudit, ghUserProfile],
    tuningFields: ['github.user', 'github.repo.name'],
    observe: observeGithub,
  },
  {
    id: 'github-repo-created',
    title: 'Create Repository',
    rules: ['Create Repository'],
    family: 'github',
    detects: 'A repository webhook event with action created, public or private.',
    whyItMatters:
      'New repositories are routine, but one created by an unfamiliar account or integration can stage code for a supply-chain attack or hold exfiltrated material.',
    benignCauses: ['Developers starting projects.', 'Templates and automation creating repositories.'],
    distinguish: [
      'Is github.user a regular member or a bot, and does the name of github.repo.name follow your conventions?',
      'A new account creating repositories right after joining deserves a look at its first pushes.',
    ],
    mitigations: {
      immediate: ['If unexpected, review its contents and archive or delete it.'],
      shortTerm: ['Confirm the creator and purpose.'],
      longTerm: ['Limit repository creation to members who need it.'],
    },
    investigate: [ghRepoView, recentCommits, ghUserProfile],
    tuningFields: ['github.user', 'github.org'],
    observe: observeGithub,
  },
  {
    id: 'github-repo-deleted',
    title: 'Delete Repository',
    rules: ['Delete Repository'],
    family: 'github',
    detects: 'A repository webhook event with action deleted, public or private.',
    whyItMatters:
      'Deleting repositories destroys code and history; intruders do it for extortion or sabotage, and it removes evidence of what was pushed.',
    benignCauses: ['Cleanup of obsolete repositories.', 'Automation removing temporary repositories.'],
    distinguish: [
      'Was the deletion planned by the owning team? Check github.user against them.',
      'Several deletions in a row by the same user point to sabotage or a compromised account.',
    ],
    mitigations: {
      immediate: ['Restore the repository from the organization settings if the deletion was not agreed.'],
      shortTerm: ['Contain github.user if the deletion is unexplained.'],
      longTerm: ['Restrict deletion to owners and keep independent backups of critical repositories.'],
    },
    investigate: [deletedRepoAudit, ghActorAudit, ghUserProfile],
    tuningFields: ['github.user', 'github.repo.name'],
    observe: observeGithub,
  },
];
