import { describe, it, expect } from 'vitest';
import type { Alert, OutputFields } from '../../../model';
import type { Playbook } from '../../types';
import { PLAYBOOKS } from './index';
import { analyseBucketPolicy } from './aws-s3';
import { isPrivateIp } from './helpers';
import { noteText } from '../../observation';

const ASSIGNED_RULES = [
  'Add Collaborator to Repository',
  'Adding user in OKTA group',
  'Adding user to application membership in OKTA',
  'Admin permission has been assigned to a user in OKTA',
  'All Cloudtrail Events',
  'CloudTrail Logging Disabled',
  'CloudTrail Trail Created',
  'Console Login Through Assume Role',
  'Console Login Without MFA',
  'Console Root Login Without MFA',
  'Create AWS user',
  'Create Deploy Key',
  'Create Group',
  'Create Lambda Function',
  'Create Public Repository',
  'Create Repository',
  'Creating a new OKTA API token',
  'Creating a new OKTA user account',
  'Deactivate MFA for Root User',
  'Delete Bucket Encryption',
  'Delete Bucket Public Access Block',
  'Delete Deploy Key',
  'Delete Group',
  'Delete Public Repository',
  'Delete Repository',
  'Detecting unknown logins using geolocation',
  'ECS Service Created',
  'ECS Task Run or Started',
  'Github action with miners',
  'List Buckets',
  'Private Repository Becoming Public',
  'Public Repository Becoming Private',
  'Put Bucket ACL',
  'Put Bucket Policy',
  'Remove Collaborator from Repository',
  'Run Instances',
  'Run Instances in Non-approved Region',
  'Secret pushed into a private repository',
  'Secret pushed into a public repository',
  'Too many denied MFA Pushes in last 5min',
  'Too many failed MFA in last 5min',
  'Update Lambda Function Code',
  'Update Lambda Function Configuration',
  'User Changing password in to OKTA',
  'User accessing OKTA admin section',
  'User accessing app via single sign on OKTA',
  'User has been activated in OKTA',
  'User has been deactivated in OKTA',
  'User has been locked out in OKTA',
  'User has been moved from suspended status in OKTA.',
  'User has been suspended in OKTA',
  'User hitting the rate limit on requests in OKTA',
  'User initiating impersonation session in OKTA',
  'User password reset by OKTA admin',
  'Webhook Connected',
  'Webhook Disconnected',
  'removing MFA factor from user in OKTA',
  'removing all MFA factor from user in OKTA',
];

const SOURCES: Record<string, string> = { aws: 'aws_cloudtrail', okta: 'okta', github: 'github' };

function playbook(rule: string): Playbook {
  const found = PLAYBOOKS.find((p) => p.rules.includes(rule));
  if (!found) throw new Error(`no playbook for ${rule}`);
  return found;
}

function alertFor(rule: string, outputFields: OutputFields, output = ''): Alert {
  const family = playbook(rule).family;
  return {
    id: 0,
    file: 'test.ndjson',
    line: 1,
    rule,
    priority: 'Warning',
    time: '2024-05-02T10:00:00.000000000Z',
    timeMs: Date.parse('2024-05-02T10:00:00Z'),
    output,
    outputFields,
    source: SOURCES[family] ?? family,
    sourceInferred: false,
    tags: [family],
  };
}

function observe(rule: string, fields: OutputFields, output = ''): string[] {
  const pb = playbook(rule);
  return pb.observe ? pb.observe(alertFor(rule, fields, output)).map(noteText) : [];
}

describe('aws-okta-github playbooks: coverage and shape', () => {
  it('has a playbook for every assigned rule, and nothing else', () => {
    const covered = PLAYBOOKS.flatMap((p) => p.rules);
    for (const rule of ASSIGNED_RULES) expect(covered, rule).toContain(rule);
    expect(PLAYBOOKS).toHaveLength(ASSIGNED_RULES.length);
  });

  it('keeps ids unique, prefixed by family, and titles equal to the rule name', () => {
    const ids = PLAYBOOKS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of PLAYBOOKS) {
      expect(['aws', 'okta', 'github']).toContain(p.family);
      expect(p.id.startsWith(`${p.family}-`), p.id).toBe(true);
      expect(p.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.title).toBe(p.rules[0]);
    }
  });

  it('uses only family fields in placeholders and tuning, and never a falco command', () => {
    const prefixes: Record<string, RegExp> = { aws: /^(ct|s3)\./, okta: /^okta\./, github: /^github\./ };
    for (const p of PLAYBOOKS) {
      const prefix = prefixes[p.family]!;
      expect(p.investigate.length, p.id).toBeGreaterThanOrEqual(2);
      expect(p.investigate.length, p.id).toBeLessThanOrEqual(5);
      for (const c of p.investigate) {
        expect(c.command).not.toMatch(/(^|[\s|;&])falco(\s|$)/);
        for (const m of c.command.matchAll(/\{\{([^@}][^}]*)\}\}/g)) expect(m[1], `${p.id}: ${c.command}`).toMatch(prefix); // @time...: the alert's own time
      }
      for (const f of p.tuningFields) expect(f, p.id).toMatch(prefix);
      for (const k of ['immediate', 'shortTerm', 'longTerm'] as const) {
        expect(p.mitigations[k].length, `${p.id} ${k}`).toBeGreaterThanOrEqual(1);
        expect(p.mitigations[k].length, `${p.id} ${k}`).toBeLessThanOrEqual(3);
      }
    }
  });

  it('declares allow lists only where the rule consults one', () => {
    const withLists = PLAYBOOKS.filter((p) => p.allowList).map((p) => [p.rules[0], p.allowList!.list, p.allowList!.field]);
    expect(withLists).toEqual([
      ['Run Instances in Non-approved Region', 'approved_regions', 'ct.region'],
      ['Detecting unknown logins using geolocation', 'allowed_countries_list', 'okta.client.geo.country'],
    ]);
  });

  it('writes prose without Markdown', () => {
    for (const p of PLAYBOOKS) {
      const prose = [p.detects, p.whyItMatters, ...p.benignCauses, ...p.distinguish];
      for (const s of prose) expect(s, p.id).not.toMatch(/[`*]|\*\*/);
    }
  });
});

describe('helpers', () => {
  it('recognises private addresses', () => {
    for (const ip of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '100.64.0.9', '127.0.0.1', 'fd00::1', 'fe80::1']) {
      expect(isPrivateIp(ip), ip).toBe(true);
    }
    for (const ip of ['8.8.8.8', '172.32.0.1', '203.0.113.7', '2001:db8::1', 'cloudformation.amazonaws.com']) {
      expect(isPrivateIp(ip), ip).toBe(false);
    }
  });

  it('analyses bucket policies', () => {
    const open = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '444455556666'] }, Action: 's3:*', Resource: '*' },
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    });
    expect(analyseBucketPolicy(open)).toEqual({ wildcard: true, conditioned: false, accounts: ['111122223333', '444455556666'] });
    const scoped = JSON.stringify({
      Statement: { Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } },
    });
    expect(analyseBucketPolicy(scoped)).toEqual({ wildcard: true, conditioned: true, accounts: [] });
    expect(analyseBucketPolicy('not json')).toBeNull();
  });
});

describe('AWS observations', () => {
  it('says nothing special about an IAM user calling from a public address', () => {
    expect(
      observe('Create AWS user', {
        'ct.user': 'alice',
        'ct.srcip': '203.0.113.10',
        'ct.region': 'us-east-1',
        'ct.request.username': 'svc-backup',
      }),
    ).toEqual([]);
  });

  it('notes AWS service endpoints and private source addresses', () => {
    const viaService = observe('Create Lambda Function', {
      'ct.user': 'deploy',
      'ct.srcip': 'cloudformation.amazonaws.com',
      'ct.region': 'eu-west-1',
      'ct.request.functionname': 'f',
    });
    expect(viaService.join(' ')).toContain('cloudformation.amazonaws.com');
    const fromVpc = observe('List Buckets', { 'ct.user': 'app-role', 'ct.srcip': '10.0.3.4', 'ct.region': 'eu-west-1' });
    expect(fromVpc.join(' ')).toContain('private address');
  });

  it('flags instance credentials and SSO sessions behind a console login', () => {
    const instance = observe('Console Login Through Assume Role', {
      'ct.user.principalid': 'AROAEXAMPLEID:i-0123456789abcdef0',
      'ct.user.arn': 'arn:aws:sts::123456789012:assumed-role/web-instance-role/i-0123456789abcdef0',
      'ct.srcip': '198.51.100.20',
      'ct.region': 'us-east-1',
    });
    expect(instance.join(' ')).toContain('EC2 instance id');

    const sso = observe('Console Login Through Assume Role', {
      'ct.user.principalid': 'AROAEXAMPLEID:jane@example.com',
      'ct.user.arn': 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123abcd/jane@example.com',
      'ct.srcip': '198.51.100.20',
      'ct.region': 'us-east-1',
    });
    expect(sso.join(' ')).toContain('IAM Identity Center');
    expect(sso.join(' ')).not.toContain('EC2 instance id');
  });

  it('explains an empty ct.user on root sign-ins', () => {
    const notes = observe('Console Root Login Without MFA', { 'ct.user': '<NA>', 'ct.srcip': '198.51.100.7', 'ct.region': 'us-east-1' });
    expect(notes.join(' ')).toContain('root');
  });

  it('reads the submitted bucket policy', () => {
    const policy = JSON.stringify({
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }],
    });
    const notes = observe('Put Bucket Policy', {
      'ct.user': 'bob',
      'ct.srcip': '198.51.100.1',
      'ct.region': 'us-east-1',
      's3.bucket': 'data',
      'ct.request.policy': policy,
    });
    expect(notes.join(' ')).toContain('wildcard principal with no Condition');

    const missing = observe('Put Bucket Policy', { 'ct.user': 'bob', 's3.bucket': 'data', 'ct.request.policy': '<NA>' });
    expect(missing.join(' ')).toContain('get-bucket-policy');
  });

  it('explains the mislabelled instance id and the placeholder region list', () => {
    const notes = observe('Run Instances in Non-approved Region', {
      'ct.user': 'ci',
      'ct.srcip': '198.51.100.9',
      'ct.region': 'ap-southeast-3',
      'ct.response.reservationid': 'r-0abc',
      'json.value[/responseElements/instancesSet/items/0/instanceId]': 'i-0fedcba9876543210',
    });
    expect(notes.join(' ')).toContain('i-0fedcba9876543210');
    expect(notes.join(' ')).toContain('us-east-0');
  });

  it('reports the error code of a debug CloudTrail event', () => {
    expect(observe('All Cloudtrail Events', { 'ct.id': 'abc', 'ct.error': 'AccessDenied' }).join(' ')).toContain('AccessDenied');
    expect(observe('All Cloudtrail Events', { 'ct.id': 'abc', 'ct.error': '<NA>' })).toEqual([]);
  });
});

describe('Okta observations', () => {
  it('recognises Okta System, self-actions and private addresses', () => {
    expect(
      observe('User has been suspended in OKTA', {
        'okta.actor.name': 'Okta System',
        'okta.client.ip': '52.1.2.3',
        'okta.target.user.name': 'Jane Doe',
      }).join(' '),
    ).toContain('Okta System');
    const self = observe('User password reset by OKTA admin', {
      'okta.actor.name': 'Jane Doe',
      'okta.client.ip': '192.168.10.4',
      'okta.target.user.name': 'Jane Doe',
    });
    expect(self.join(' ')).toContain('own account');
    expect(self.join(' ')).toContain('private address');
  });

  it('points out the reused lockout message on privilege grants', () => {
    const notes = observe(
      'Admin permission has been assigned to a user in OKTA',
      { 'okta.actor.name': 'Admin One', 'okta.client.ip': '198.51.100.3', 'okta.target.user.name': 'New Admin' },
      'A user has been locked out in OKTA (user=Admin One, ip=198.51.100.3, target user=New Admin)',
    );
    expect(notes.join(' ')).toContain('user.account.privilege.grant');
  });

  it('grades MFA counters against the threshold', () => {
    const burst = observe('Too many denied MFA Pushes in last 5min', {
      'okta.actor.name': 'Jane Doe',
      'okta.reason': 'User rejected Okta push verify',
      'okta.mfa.deny.countlast[300]': 12,
    });
    expect(burst.join(' ')).toContain('far above the threshold');
    expect(burst.join(' ')).toContain('User rejected Okta push verify');
    const third = observe('Too many failed MFA in last 5min', {
      'okta.actor.name': 'Jane Doe',
      'okta.reason': '<NA>',
      'okta.mfa.failure.countlast[300]': 3,
    });
    expect(third).toEqual([]);
  });

  it('names the country and the empty default list on geolocation alerts', () => {
    const notes = observe('Detecting unknown logins using geolocation', {
      'okta.actor.name': 'Jane Doe',
      'okta.client.ip': '203.0.113.77',
      'okta.client.geo.country': 'Brazil',
    });
    expect(notes.join(' ')).toContain('Brazil');
  });
});

describe('GitHub observations', () => {
  const repo = {
    'github.repo.name': 'acme/payments',
    'github.repo.url': 'https://github.com/acme/payments',
    'github.owner': 'acme',
    'github.org': 'acme',
  };

  it('stays quiet for an organization member acting on an organization repository', () => {
    expect(observe('Create Repository', { ...repo, 'github.user': 'jdoe' })).toEqual([]);
  });

  it('recognises bots and personal repositories', () => {
    expect(observe('Delete Deploy Key', { ...repo, 'github.user': 'dependabot[bot]' }).join(' ')).toContain('bot');
    const personal = observe('Private Repository Becoming Public', {
      'github.repo.name': 'jdoe/notes',
      'github.owner': 'jdoe',
      'github.org': '<NA>',
      'github.user': 'mallory',
    });
    expect(personal.join(' ')).toContain('personal account');
    expect(personal.join(' ')).toContain('collaborator acted');
  });

  it('summarises committed secrets, fixtures and the reused output text', () => {
    const notes = observe(
      'Secret pushed into a public repository',
      {
        ...repo,
        'github.user': 'jdoe',
        'github.diff.committed_secrets.desc': 'aws_access_key,aws_secret_key',
        'github.diff.committed_secrets.files': 'tests/fixtures/creds.env,tests/fixtures/creds.env',
        'github.diff.committed_secrets.lines': '3,4',
        'github.diff.committed_secrets.links': 'https://github.com/acme/payments/blob/abc/tests/fixtures/creds.env/#L3',
      },
      'One or more secrets were pushed into a private repository (repository_name=acme/payments ...)',
    );
    const text = notes.join(' ');
    expect(text).toContain('2 secret(s)');
    expect(text).toContain('scrapers');
    expect(text).toContain('fixture');
    expect(text).toContain('only fires for public repositories');

    const priv = observe('Secret pushed into a private repository', {
      ...repo,
      'github.user': 'jdoe',
      'github.diff.committed_secrets.desc': 'github_personal_access_token',
      'github.diff.committed_secrets.files': 'deploy/config.yaml',
    });
    expect(priv.join(' ')).not.toContain('fixture');
    expect(priv.join(' ')).not.toContain('scrapers');
  });

  it('flags high collaborator roles', () => {
    const notes = observe('Add Collaborator to Repository', {
      ...repo,
      'github.user': 'jdoe',
      'github.collaborator.name': 'outsider',
      'github.collaborator.role': 'admin',
    });
    expect(notes.join(' ')).toContain('admin');
  });
});
