import type { Alert } from '../../../model';
import { fieldText } from '../../fieldValue';
import type { CommandTemplate, Playbook } from '../../types';
import { ctEventsByName, ctEventsByResource, ctEventsByUser, observeCloudTrail } from './helpers';
import { aws, field, substitution } from '../../commands';
import { CAPTURE_FIRST } from '../captureFirst';

const bucketHistory = ctEventsByResource('s3.bucket', 'List the recent configuration calls made on the bucket');

const bucketPolicyStatus: CommandTemplate = {
  title: 'Ask S3 whether the bucket is public right now (IsPublic)',
  command: aws.run('s3api get-bucket-policy-status', { '--bucket': field('s3.bucket') }, { region: false }),
};

const bucketPublicAccessBlock: CommandTemplate = {
  title: 'Show the bucket\'s public access block settings',
  command: aws.run('s3api get-public-access-block', { '--bucket': field('s3.bucket') }, { region: false }),
};

const accountPublicAccessBlock: CommandTemplate = {
  title: 'Show the account-wide public access block, which overrides bucket settings',
  command:
    aws.run(
      's3control get-public-access-block',
      { '--account-id': substitution(aws.run('sts get-caller-identity', { '--query': 'Account', '--output': 'text' }, { region: false })) },
      { region: false },
    ),
};

const bucketPolicy: CommandTemplate = {
  title: 'Read the bucket policy currently in force',
  command: aws.run('s3api get-bucket-policy', { '--bucket': field('s3.bucket'), '--query': 'Policy', '--output': 'text' }, { region: false }),
};

interface PolicyFindings {
  wildcard: boolean;
  conditioned: boolean;
  accounts: string[];
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Who an S3 bucket policy lets in: a wildcard principal and any 12-digit account ids. */
export function analyseBucketPolicy(text: string): PolicyFindings | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (!doc || typeof doc !== 'object') return null;
  const findings: PolicyFindings = { wildcard: false, conditioned: false, accounts: [] };
  for (const raw of asArray((doc as Record<string, unknown>).Statement)) {
    if (!raw || typeof raw !== 'object') continue;
    const stmt = raw as Record<string, unknown>;
    if (stmt.Effect !== 'Allow') continue;
    const principal = stmt.Principal;
    const values: unknown[] = [];
    if (principal === '*') values.push('*');
    else if (principal && typeof principal === 'object') {
      for (const v of Object.values(principal as Record<string, unknown>)) values.push(...asArray(v));
    }
    for (const v of values) {
      if (typeof v !== 'string') continue;
      if (v === '*') {
        findings.wildcard = true;
        if (stmt.Condition) findings.conditioned = true;
      }
      const account = /^(?:arn:aws[\w-]*:iam::)?(\d{12})(?::|$)/.exec(v);
      if (account?.[1] && !findings.accounts.includes(account[1])) findings.accounts.push(account[1]);
    }
  }
  return findings;
}

function observeBucketPolicy(alert: Alert): string[] {
  const notes = observeCloudTrail(alert);
  const policy = fieldText(alert, 'ct.request.policy');
  if (!policy) {
    notes.push('ct.request.policy is empty in the alert: read the applied policy with get-bucket-policy before judging it.');
    return notes;
  }
  const findings = analyseBucketPolicy(policy);
  if (!findings) return notes;
  if (findings.wildcard) {
    notes.push(
      findings.conditioned
        ? 'The new policy allows a wildcard principal under a Condition: check that the condition (source VPC, organization id, source account) really narrows it.'
        : 'The new policy allows a wildcard principal with no Condition: anyone on the internet gets the listed actions unless Block Public Access stops it.',
    );
  }
  if (findings.accounts.length > 0) {
    notes.push(
      `The policy grants access to account(s) ${findings.accounts.join(', ')}: confirm each belongs to your organization.`,
    );
  }
  return notes;
}

export const AWS_S3_PLAYBOOKS: Playbook[] = [
  {
    id: 'aws-delete-bucket-encryption',
    title: 'Delete Bucket Encryption',
    rules: ['Delete Bucket Encryption'],
    family: 'aws',
    detects: 'A successful DeleteBucketEncryption call on the bucket in s3.bucket, removing its default encryption configuration.',
    whyItMatters:
      'S3 falls back to its own managed keys (SSE-S3), so the real loss is the customer KMS key: new objects no longer need kms:Decrypt to be read, which removes the key policy as a second gate and the KMS audit trail of reads. It is also a step seen before data theft or ransom re-encryption.',
    benignCauses: [
      'IaC reapplying a bucket definition that no longer declares encryption.',
      'A migration from SSE-KMS to SSE-S3 to cut KMS request costs.',
    ],
    distinguish: [
      'Check whether the bucket in s3.bucket holds sensitive data and whether its objects were read or copied right after the change.',
      'Verify ct.user is the IaC or storage-admin identity and ct.srcip its usual address; a human or workload role doing this is suspicious.',
    ],
    mitigations: {
      immediate: ['Reapply the KMS default encryption (aws s3api put-bucket-encryption) and review the bucket policy for new grants.'],
      shortTerm: ['Re-encrypt objects written since the change by copying them onto themselves with the KMS key.'],
      longTerm: [
        'Deny s3:PutEncryptionConfiguration (which authorises the delete) outside the IaC role, and add a bucket policy that rejects uploads without aws:kms encryption.',
      ],
    },
    investigate: [
      {
        title: 'Show the encryption now in force on the bucket',
        command: aws.run('s3api get-bucket-encryption', { '--bucket': field('s3.bucket') }, { region: false }),
      },
      bucketPolicy,
      bucketHistory,
      ctEventsByUser,
    ],
    tuningFields: ['ct.user', 's3.bucket'],
    observe: observeCloudTrail,
  },
  {
    id: 'aws-delete-bucket-public-access-block',
    title: 'Delete Bucket Public Access Block',
    rules: ['Delete Bucket Public Access Block'],
    family: 'aws',
    detects:
      'A successful PutBucketPublicAccessBlock call on s3.bucket that sets at least one of the four Block Public Access flags to false. A genuine DeleteBucketPublicAccessBlock call is a different event name and does not match this rule.',
    whyItMatters:
      'Block Public Access is the safety net that stops a bad ACL or policy from exposing a bucket. Turning it off is the usual prelude to making data public for exfiltration or hosting, and it also undoes protection against accidental exposure.',
    benignCauses: [
      'A bucket that intentionally serves public content (static website, public datasets, software downloads).',
      'IaC that manages the block explicitly with some flags off.',
    ],
    distinguish: [
      'Is s3.bucket meant to be public? Check its tags, name and owner team.',
      'Look for PutBucketPolicy or PutBucketAcl on the same bucket shortly after: the flags are lowered so that a public grant can take effect.',
      'Check ct.user and ct.srcip against the IaC pipeline that owns the bucket.',
    ],
    mitigations: {
      immediate: [
        'Restore all four flags: aws s3api put-public-access-block --bucket with BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true.',
      ],
      shortTerm: ['Check S3 server access logs or CloudTrail data events for anonymous reads while the block was off.'],
      longTerm: [
        'Turn on the account-level public access block and deny s3:PutBucketPublicAccessBlock by SCP except for a reviewed role; serve public content through CloudFront with origin access control instead.',
      ],
    },
    investigate: [bucketPublicAccessBlock, accountPublicAccessBlock, bucketPolicyStatus, bucketHistory],
    tuningFields: ['s3.bucket', 'ct.user'],
    observe: observeCloudTrail,
  },
  {
    id: 'aws-list-buckets',
    title: 'List Buckets',
    rules: ['List Buckets'],
    family: 'aws',
    detects:
      'A successful ListBuckets call, which returns every bucket in the account. The rule ships disabled because this call is very common.',
    whyItMatters:
      'Enumerating buckets is one of the first things done with fresh AWS credentials: it maps where the data is before targeted reads, policy changes or deletion.',
    benignCauses: [
      'Opening the S3 page of the console, which lists buckets.',
      'aws s3 ls, backup tools, cost and security scanners (CSPM) that inventory the account.',
    ],
    distinguish: [
      'Is ct.user a principal that normally never lists buckets, such as an application or instance role? That is the strongest signal.',
      'Is ct.srcip outside your networks, or the same address that is now calling other List and Describe APIs across services?',
      'See whether GetBucketPolicy, GetBucketAcl or GetObject on many buckets follows.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.cloudtrail, 'If a workload role is enumerating from outside its environment, revoke its sessions and find where the credentials leaked.'],
      shortTerm: ['Revoke s3:ListAllMyBuckets from roles that only need specific buckets.'],
      longTerm: ['Scope workload roles to named buckets and pin their use to your VPCs with aws:SourceVpc or aws:SourceIp conditions.'],
    },
    investigate: [
      ctEventsByUser,
      ctEventsByName('ListBuckets', 'See who else listed buckets recently, to establish the normal callers'),
    ],
    tuningFields: ['ct.user', 'ct.srcip'],
    observe: observeCloudTrail,
  },
  {
    id: 'aws-put-bucket-acl',
    title: 'Put Bucket ACL',
    rules: ['Put Bucket ACL'],
    family: 'aws',
    detects: 'A successful PutBucketAcl call that replaced the access control list of the bucket in s3.bucket.',
    whyItMatters:
      'An ACL grant to AllUsers or AuthenticatedUsers makes a bucket readable or writable by anyone, and a grant to a foreign canonical user shares it with another account, both without touching the bucket policy that reviewers usually check.',
    benignCauses: [
      'Legacy log delivery that needs the log-delivery group on a bucket with ACLs enabled.',
      'Older tooling that sets canned ACLs (private, bucket-owner-full-control) on every change.',
    ],
    distinguish: [
      'Read the grants now on s3.bucket: public group URIs or unknown canonical ids are the malicious outcome; a canned private ACL is harmless.',
      'Check whether ACLs are even in effect: with Object Ownership set to BucketOwnerEnforced they are ignored.',
      'Check ct.user and ct.srcip against the owner of the bucket.',
    ],
    mitigations: {
      immediate: ['Reset the ACL to private (aws s3api put-bucket-acl --acl private) if it grants public or unknown access.'],
      shortTerm: ['Switch the bucket to Object Ownership BucketOwnerEnforced so ACLs stop applying.'],
      longTerm: ['Enable account-level Block Public Access and deny s3:PutBucketAcl by SCP outside reviewed roles.'],
    },
    investigate: [
      {
        title: 'Show the bucket ACL grants now in force',
        command: aws.run('s3api get-bucket-acl', { '--bucket': field('s3.bucket') }, { region: false }),
      },
      {
        title: 'Check whether ACLs are disabled (BucketOwnerEnforced)',
        command: aws.run('s3api get-bucket-ownership-controls', { '--bucket': field('s3.bucket') }, { region: false }),
      },
      bucketPolicyStatus,
      bucketHistory,
    ],
    tuningFields: ['ct.user', 's3.bucket'],
    observe: observeCloudTrail,
  },
  {
    id: 'aws-put-bucket-policy',
    title: 'Put Bucket Policy',
    rules: ['Put Bucket Policy'],
    family: 'aws',
    detects:
      'A successful PutBucketPolicy call on the bucket in s3.bucket; the alert carries the submitted policy in ct.request.policy when CloudTrail recorded it as text.',
    whyItMatters:
      'The bucket policy decides who outside the account can read or write the bucket. A statement allowing a wildcard principal or a foreign account is a direct exfiltration path that needs no stolen credentials afterwards.',
    benignCauses: [
      'IaC applying the bucket\'s declared policy.',
      'Granting a partner account, CloudFront origin access or a logging service access to the bucket.',
      'Adding deny statements such as requiring TLS or encryption.',
    ],
    distinguish: [
      'Read the policy in ct.request.policy or from get-bucket-policy: Allow statements with a wildcard principal or account ids you do not own are the malicious pattern; Deny-only changes are hardening.',
      'Check ct.user and ct.srcip: a change made outside the IaC pipeline deserves a diff against the last known policy.',
    ],
    mitigations: {
      immediate: ['Save the policy (aws s3api get-bucket-policy), then remove the offending statements (or delete the policy) and check get-bucket-policy-status returns IsPublic false.'],
      shortTerm: ['Look at S3 data events or server access logs for reads by the newly allowed principals.'],
      longTerm: [
        'Enforce account-level Block Public Access, add aws:PrincipalOrgID conditions to cross-account grants, and run IAM Access Analyzer to flag external access.',
      ],
    },
    investigate: [bucketPolicy, bucketPolicyStatus, bucketHistory, ctEventsByUser],
    tuningFields: ['ct.user', 's3.bucket'],
    observe: observeBucketPolicy,
  },
];
