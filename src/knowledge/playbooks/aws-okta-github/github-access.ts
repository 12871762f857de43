import type { Alert } from '../../../model';
import { fieldText } from '../../fieldValue';
import type { CommandTemplate, Playbook } from '../../types';
import { ghActorAudit, ghRepoAudit, ghUserProfile, observeGithub } from './helpers';
import { field, gh, repeated } from '../../commands';
import { CAPTURE_FIRST } from '../captureFirst';

const deployKeys: CommandTemplate = {
  title: 'List the repository deploy keys: title, read-only flag, creation date',
  command: gh.run('repo deploy-key list', { options: { '--repo': field('github.repo.name') } }),
};

const collaborators: CommandTemplate = {
  title: 'List the repository collaborators and their permission',
  command: gh.api(['repos/', field('github.repo.name', 'repo'), '/collaborators'], { '--paginate': true, '--jq': '.[] | [.login, .role_name] | @tsv' }),
};

function observeCollaborator(alert: Alert): string[] {
  const notes = observeGithub(alert);
  const role = fieldText(alert, 'github.collaborator.role');
  const collaborator = fieldText(alert, 'github.collaborator.name');
  const user = fieldText(alert, 'github.user');
  if (role && /^(admin|maintain)$/i.test(role)) {
    notes.push(`github.collaborator.role is ${role}: the collaborator can change settings, webhooks and deploy keys, not just push code.`);
  }
  if (collaborator && user && collaborator.toLowerCase() === user.toLowerCase()) {
    notes.push(`github.user ${user} changed their own collaborator access.`);
  }
  return notes;
}

export const GITHUB_ACCESS_PLAYBOOKS: Playbook[] = [
  {
    id: 'github-deploy-key-created',
    title: 'Create Deploy Key',
    rules: ['Create Deploy Key'],
    family: 'github',
    detects: 'A deploy_key webhook event with action created: github.user added an SSH deploy key to github.repo.name.',
    whyItMatters:
      'A deploy key is an SSH credential bound to one repository and to no person: it survives the removal of the user who added it, bypasses SSO and 2FA, and with write access can push code directly.',
    benignCauses: ['CI/CD or a deployment server that clones the repository.', 'Rotating an existing deploy key.'],
    distinguish: [
      'Check the new key\'s title and whether it is read-only; a write-enabled key with a vague title deserves a question to github.user.',
      'Is github.user a maintainer who manages deployments? Keys added by other accounts, or by an account showing other unusual activity, are suspicious.',
    ],
    mitigations: {
      immediate: ['Record the key\'s title and fingerprint (gh repo deploy-key list), then delete it if nobody claims it (gh repo deploy-key delete) and review pushes made over SSH since.'],
      shortTerm: ['Make remaining deploy keys read-only where write access is not needed.'],
      longTerm: ['Disable deploy keys in the organization settings and use GitHub Apps with scoped, short-lived tokens.'],
    },
    investigate: [deployKeys, ghRepoAudit, ghActorAudit],
    tuningFields: ['github.repo.name', 'github.user'],
    observe: observeGithub,
  },
  {
    id: 'github-deploy-key-deleted',
    title: 'Delete Deploy Key',
    rules: ['Delete Deploy Key'],
    family: 'github',
    detects: 'A deploy_key webhook event with action deleted: github.user removed a deploy key from github.repo.name.',
    whyItMatters:
      'Mostly housekeeping, but removing a key breaks the deployment that used it, and an intruder may remove a key they added to cover their tracks.',
    benignCauses: ['Key rotation.', 'Decommissioning a deployment target.'],
    distinguish: [
      'Was a key created shortly before by the same or another unusual account? Create-then-delete within a short window suggests the key was used for a one-off push or clone.',
      'Check whether deployments that relied on the key are now failing.',
    ],
    mitigations: {
      immediate: ['If unexpected, check recent pushes and clones on the repository.'],
      shortTerm: ['Restore the deployment credential through your normal rotation process.'],
      longTerm: ['Move deployments to GitHub Apps or OIDC-based credentials.'],
    },
    investigate: [deployKeys, ghRepoAudit],
    tuningFields: ['github.repo.name', 'github.user'],
    observe: observeGithub,
  },
  {
    id: 'github-collaborator-added',
    title: 'Add Collaborator to Repository',
    rules: ['Add Collaborator to Repository'],
    family: 'github',
    detects:
      'A member webhook event with action added: github.user added github.collaborator.name to github.repo.name, with the permission in github.collaborator.role when the payload carries it.',
    whyItMatters:
      'A direct collaborator gets access outside team membership and organization reviews; adding an external account is a simple way to give an outsider lasting access to the code.',
    benignCauses: ['Inviting a contractor or an open-source contributor.', 'Personal repositories where collaborators are the only sharing method.'],
    distinguish: [
      'Is github.collaborator.name an organization member or an outside account? Outside collaborators on private repositories deserve a reason.',
      'Check github.collaborator.role: admin or maintain on a private repository is high privilege.',
      'Does github.user administer this repository normally?',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.github, 'Revoke the collaborator\'s access if unapproved and review what they cloned or pushed.'],
      shortTerm: ['Convert needed access to team membership with the least permission.'],
      longTerm: ['Restrict outside collaborator invitations to organization owners.'],
    },
    investigate: [
      {
        title: 'Show the collaborator\'s effective permission on the repository',
        command: gh.api(['repos/', field('github.repo.name', 'repo'), '/collaborators/', field('github.collaborator.name', 'segment'), '/permission']),
      },
      {
        title: 'Look up the collaborator account (creation date, company, type)',
        command: gh.api(['users/', field('github.collaborator.name', 'segment')]),
      },
      collaborators,
      ghRepoAudit,
    ],
    tuningFields: ['github.repo.name', 'github.collaborator.name', 'github.user'],
    observe: observeCollaborator,
  },
  {
    id: 'github-collaborator-removed',
    title: 'Remove Collaborator from Repository',
    rules: ['Remove Collaborator from Repository'],
    family: 'github',
    detects: 'A member webhook event with action removed: github.user removed github.collaborator.name from github.repo.name.',
    whyItMatters:
      'Normally offboarding; but removing maintainers can lock the legitimate owners out so an intruder keeps control of a repository.',
    benignCauses: ['Offboarding or the end of a contract.', 'Access reviews.'],
    distinguish: [
      'Was github.collaborator.name a maintainer or admin? Removal of the real owners by another account is the concerning pattern.',
      'Look at what github.user did next on the repository.',
    ],
    mitigations: {
      immediate: ['Restore access for wrongly removed maintainers and review github.user\'s session.'],
      shortTerm: ['Check for other permission changes on the organization\'s repositories.'],
      longTerm: ['Manage access through teams synced from the identity provider.'],
    },
    investigate: [collaborators, ghRepoAudit, ghActorAudit],
    tuningFields: ['github.repo.name', 'github.user'],
    observe: observeCollaborator,
  },
  {
    id: 'github-webhook-connected',
    title: 'Webhook Connected',
    rules: ['Webhook Connected'],
    family: 'github',
    detects:
      'A ping event: GitHub confirmed a webhook that delivers to this Falco instance. The Falco GitHub plugin creates such a webhook on each monitored repository when it starts.',
    whyItMatters:
      'Operational, not a threat: it proves events are flowing. Webhooks that deliver elsewhere are never seen by Falco, so this rule cannot detect an attacker\'s webhook.',
    benignCauses: ['Falco starting or reloading with the GitHub plugin.', 'Someone adding a webhook to Falco by hand.'],
    distinguish: [
      'Match the time with a Falco start or reload; pings without one mean someone else pointed a webhook at Falco.',
      'Check github.owner and github.user: the owner should be a monitored account and the user the plugin token\'s owner.',
    ],
    mitigations: {
      immediate: ['None needed when it matches a Falco start.'],
      shortTerm: ['Keep the plugin token scoped to the monitored repositories only.'],
      longTerm: ['Serve the plugin webhook endpoint over HTTPS so deliveries cannot be read or forged in transit.'],
    },
    investigate: [
      ghUserProfile,
      {
        title: 'List the organization webhooks when the owner is an organization',
        command: gh.api(['orgs/', field('github.owner', 'segment'), '/hooks']),
      },
    ],
    tuningFields: ['github.owner', 'github.user'],
    observe: observeGithub,
  },
  {
    id: 'github-webhook-disconnected',
    title: 'Webhook Disconnected',
    rules: ['Webhook Disconnected'],
    family: 'github',
    detects:
      'A meta event with action deleted: the webhook that delivered events to this Falco instance was removed.',
    whyItMatters:
      'Once the webhook is gone Falco sees nothing from that repository or organization: pushes of secrets, visibility changes and new deploy keys go unnoticed. Removing monitoring is a typical first move for an intruder with admin rights.',
    benignCauses: ['The plugin deleting its own webhooks when Falco stops or reloads.', 'A repository admin cleaning up webhooks.'],
    distinguish: [
      'Match the time with a Falco shutdown or reload; a deletion while Falco keeps running was done by someone else.',
      'Check github.user: the plugin token\'s owner is expected; any other admin should confirm.',
    ],
    mitigations: {
      immediate: ['Reload Falco so the plugin recreates its webhook, and review what happened in the repository during the gap.'],
      shortTerm: ['Ask github.user why the webhook was removed.'],
      longTerm: ['Restrict webhook management to organization owners and monitor the organization audit log for hook.destroy.'],
    },
    investigate: [
      {
        title: 'Find who removed webhooks in the organization audit log (GitHub Enterprise Cloud)',
        command: gh.api(['orgs/', field('github.org', 'segment'), '/audit-log'], { '--method': 'GET', '--raw-field': repeated('phrase=action:hook.destroy', 'per_page=50') }),
      },
      {
        title: 'List the organization webhooks that remain',
        command: gh.api(['orgs/', field('github.org', 'segment'), '/hooks']),
      },
      ghUserProfile,
    ],
    tuningFields: ['github.org', 'github.user'],
    observe: observeGithub,
  },
];
