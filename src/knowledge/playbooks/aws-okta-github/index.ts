import type { Playbook } from '../../types';
import { AWS_CLOUDTRAIL_PLAYBOOKS } from './aws-cloudtrail';
import { AWS_COMPUTE_PLAYBOOKS } from './aws-compute';
import { AWS_IAM_PLAYBOOKS } from './aws-iam';
import { AWS_S3_PLAYBOOKS } from './aws-s3';
import { GITHUB_ACCESS_PLAYBOOKS } from './github-access';
import { GITHUB_CODE_PLAYBOOKS } from './github-code';
import { GITHUB_REPO_PLAYBOOKS } from './github-repos';
import { OKTA_AUTH_PLAYBOOKS } from './okta-auth';
import { OKTA_LIFECYCLE_PLAYBOOKS } from './okta-lifecycle';
import { OKTA_PRIVILEGE_PLAYBOOKS } from './okta-privilege';

/** Playbooks for the CloudTrail, Okta and GitHub plugin rules. */
export const PLAYBOOKS: Playbook[] = [
  ...AWS_IAM_PLAYBOOKS,
  ...AWS_CLOUDTRAIL_PLAYBOOKS,
  ...AWS_S3_PLAYBOOKS,
  ...AWS_COMPUTE_PLAYBOOKS,
  ...OKTA_LIFECYCLE_PLAYBOOKS,
  ...OKTA_PRIVILEGE_PLAYBOOKS,
  ...OKTA_AUTH_PLAYBOOKS,
  ...GITHUB_REPO_PLAYBOOKS,
  ...GITHUB_ACCESS_PLAYBOOKS,
  ...GITHUB_CODE_PLAYBOOKS,
];
