import type { Alert } from '../../../model';
import { fieldText } from '../../fieldValue';
import type { CommandTemplate, Playbook } from '../../types';
import { ctEventsByResource, ctEventsByUser, ctEventsFromIp, observeCloudTrail } from './helpers';
import { aws, field, word, words } from '../../commands';
import { CAPTURE_FIRST } from '../captureFirst';

const taskDefinition: CommandTemplate = {
  title: 'Show the task definition: images, task and execution roles, command, environment',
  command:
    aws.run('ecs describe-task-definition', { '--task-definition': field('ct.request.taskdefinition'), '--query': 'taskDefinition.[taskRoleArn,executionRoleArn,containerDefinitions[].[image,command,entryPoint,environment]]' }),
};

const lambdaFunction: CommandTemplate = {
  title: 'Show the function: runtime, role, handler, layers, code hash and last change',
  command: aws.run('lambda get-function', { '--function-name': field('ct.request.functionname') }),
};

const lambdaPolicy: CommandTemplate = {
  title: 'Show who may invoke the function (resource policy; absent if none)',
  command: aws.run('lambda get-policy', { '--function-name': field('ct.request.functionname') }),
};

const lambdaVersions: CommandTemplate = {
  title: 'Compare the code hash and role with published versions',
  command:
    aws.run('lambda list-versions-by-function', { '--function-name': field('ct.request.functionname'), '--query': 'Versions[].[Version,LastModified,CodeSha256,Role]', '--output': 'table' }),
};

const lambdaHistory = ctEventsByResource('ct.request.functionname', 'List the recent API calls on the function');

const instancesOfReservation: CommandTemplate = {
  title: 'Show the launched instances: type, image, instance profile, public IP, key pair',
  command:
    aws.run('ec2 describe-instances', { '--filters': ['Name=reservation-id,Values=', field('ct.response.reservationid')], '--query': 'Reservations[].Instances[].[InstanceId,InstanceType,ImageId,IamInstanceProfile.Arn,PublicIpAddress,KeyName,LaunchTime]', '--output': 'table' }),
};

const INSTANCE_ID_FIELD = 'json.value[/responseElements/instancesSet/items/0/instanceId]';

/** CloudTrail observations plus the mislabelled instance id the output prints. */
function observeRunInstances(alert: Alert): string[] {
  const notes = observeCloudTrail(alert);
  const instanceId = fieldText(alert, INSTANCE_ID_FIELD);
  if (instanceId) {
    notes.push(
      `The value the output labels "image id" (${instanceId}) is in fact the first launched instance id; use it with aws ec2 describe-instances --instance-ids.`,
    );
  }
  return notes;
}

const LAMBDA_BENIGN = [
  'Deployments by the Serverless Framework, SAM, CDK, Terraform or a CI pipeline.',
  'A developer iterating on a function in a sandbox account.',
];

export const AWS_COMPUTE_PLAYBOOKS: Playbook[] = [
  {
    id: 'aws-ecs-service-created',
    title: 'ECS Service Created',
    rules: ['ECS Service Created'],
    family: 'aws',
    detects:
      'A successful CreateService call to ecs.amazonaws.com; the alert names the cluster, the service and the task definition it runs.',
    whyItMatters:
      'A service keeps its tasks running and restarts them, which makes it a durable foothold: a miner or a reverse shell in a service survives task crashes, and its task role hands AWS credentials to whatever code runs inside.',
    benignCauses: [
      'Deployments by CI/CD, Copilot, CDK or Terraform.',
      'Blue/green deployments that create a replacement service.',
    ],
    distinguish: [
      'Check the images in ct.request.taskdefinition: your own ECR repositories are expected; public images, miners or unfamiliar registries are not.',
      'Check the task role: a new service running with an admin-level role is a privilege-escalation path (iam:PassRole).',
      'Verify ct.user is the deployment role and ct.srcip its runner or a service endpoint.',
    ],
    mitigations: {
      immediate: ['If unknown, save the service and its task definition (aws ecs describe-services, describe-task-definition), scale it to zero (aws ecs update-service --desired-count 0) and then delete it.'],
      shortTerm: ['Restrict iam:PassRole so only the deployment role can hand task roles to ECS.'],
      longTerm: ['Allow only images from your registries (ECR pull-through rules, admission in CI) and scope ecs:CreateService to the pipeline role.'],
    },
    investigate: [
      {
        title: 'Describe the service: desired count, network configuration, deployments, events',
        command:
          aws.run('ecs describe-services', { '--cluster': field('ct.request.cluster'), '--services': field('ct.request.servicename') }),
      },
      taskDefinition,
      ctEventsByUser,
    ],
    tuningFields: ['ct.user', 'ct.request.servicename', 'ct.request.cluster'],
    observe: observeCloudTrail,
  },
  {
    id: 'aws-ecs-task-run-started',
    title: 'ECS Task Run or Started',
    rules: ['ECS Task Run or Started'],
    family: 'aws',
    detects: 'A successful RunTask or StartTask call to ecs.amazonaws.com, with the cluster and task definition that were launched.',
    whyItMatters:
      'RunTask with a command override runs arbitrary code inside an existing, trusted task definition, inheriting its task role and network access; attackers use it to mint credentials for the task role or to run miners on your bill.',
    benignCauses: [
      'Scheduled tasks fired by EventBridge, batch jobs and database migrations run from CI.',
      'Operators running one-off maintenance tasks.',
    ],
    distinguish: [
      'Read the request overrides for this call (command, environment, task role override): a shell or curl command override is the malicious pattern.',
      'Check whether ct.user is the scheduler or pipeline that usually runs ct.request.taskdefinition, and whether ct.srcip is events.amazonaws.com or your runners.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.cloudtrail, 'Stop unknown tasks (aws ecs stop-task) and revoke sessions of the task role they used.'],
      shortTerm: ['Deny ecs:RunTask for principals that do not need it, and use the ecs:task-definition condition to limit which definitions each may run.'],
      longTerm: ['Keep task roles minimal and alert on task-role credentials used from outside the ECS network ranges.'],
    },
    investigate: [
      {
        title: 'Show the overrides used by recent RunTask calls from the same source IP',
        command:
          words(
            aws.lookupEvents('EventName', 'RunTask', { output: 'json' }),
            '| jq -c --arg ip',
            word(field('ct.srcip')),
            word('.Events[].CloudTrailEvent | fromjson | select(.sourceIPAddress == $ip) | [.eventTime, .userIdentity.arn, .requestParameters.taskDefinition, .requestParameters.overrides]'),
          ),
      },
      {
        title: 'List the tasks running in the cluster',
        command: aws.run('ecs list-tasks', { '--cluster': field('ct.request.cluster'), '--desired-status': 'RUNNING' }),
      },
      taskDefinition,
      ctEventsByUser,
    ],
    tuningFields: ['ct.user', 'ct.request.taskdefinition', 'ct.request.cluster'],
    observe: observeCloudTrail,
  },
  {
    id: 'aws-create-lambda-function',
    title: 'Create Lambda Function',
    rules: ['Create Lambda Function'],
    family: 'aws',
    detects: 'A successful CreateFunction call (API version 2015-03-31); ct.request.functionname is the new function.',
    whyItMatters:
      'A function created with a privileged execution role and invoked once gives the creator that role\'s permissions (the PassRole escalation path); attached to a trigger or a public function URL it is also a persistent backdoor.',
    benignCauses: LAMBDA_BENIGN,
    distinguish: [
      'Check the function\'s execution role: if it is more privileged than ct.user itself, creating the function was an escalation.',
      'Look for a function URL with auth type NONE, a resource policy open to everyone or to another account, or an event source mapping on sensitive data.',
      'Check ct.user is the deployment identity and that the function name follows your conventions.',
    ],
    mitigations: {
      immediate: ['If unknown, save its code and configuration (aws lambda get-function gives a download link), set its reserved concurrency to 0 (aws lambda put-function-concurrency) so it no longer runs, then delete it.'],
      shortTerm: ['Limit iam:PassRole for Lambda to the deployment role and to named execution roles.'],
      longTerm: ['Require code signing for Lambda and deny lambda:CreateFunctionUrlConfig with auth type NONE by SCP.'],
    },
    investigate: [
      lambdaFunction,
      lambdaPolicy,
      {
        title: 'Check for a function URL and its auth type',
        command: aws.run('lambda get-function-url-config', { '--function-name': field('ct.request.functionname') }),
      },
      ctEventsByUser,
    ],
    tuningFields: ['ct.user', 'ct.request.functionname'],
    observe: observeCloudTrail,
  },
  {
    id: 'aws-update-lambda-code',
    title: 'Update Lambda Function Code',
    rules: ['Update Lambda Function Code'],
    family: 'aws',
    detects: 'A successful UpdateFunctionCode call (2015-03-31 v2 API) that replaced the code of ct.request.functionname.',
    whyItMatters:
      'Swapping the code of a trusted function runs attacker code with the function\'s role and inside its triggers: it can read every event it processes, leak environment secrets, or act with its permissions, while looking like the same function.',
    benignCauses: LAMBDA_BENIGN,
    distinguish: [
      'Compare the new CodeSha256 with the one your pipeline built; an update outside a pipeline run is suspicious.',
      'Check ct.user and ct.srcip: a human principal or an unusual address updating production code needs confirmation.',
    ],
    mitigations: {
      immediate: ['Save the current code and configuration (aws lambda get-function), then redeploy the last known-good version (or point the alias back to it) and rotate secrets the function can read.'],
      shortTerm: ['Review the role\'s CloudTrail activity since the update for misuse.'],
      longTerm: ['Enforce Lambda code signing and restrict lambda:UpdateFunctionCode to the deployment role.'],
    },
    investigate: [lambdaFunction, lambdaVersions, lambdaHistory, ctEventsByUser],
    tuningFields: ['ct.user', 'ct.request.functionname'],
    observe: observeCloudTrail,
  },
  {
    id: 'aws-update-lambda-configuration',
    title: 'Update Lambda Function Configuration',
    rules: ['Update Lambda Function Configuration'],
    family: 'aws',
    detects:
      'A successful UpdateFunctionConfiguration call (2015-03-31 v2 API) on ct.request.functionname: role, handler, layers, environment, VPC or timeout changed.',
    whyItMatters:
      'Adding a layer or changing the handler injects code without touching the function package, a new role escalates privileges, and environment changes can redirect data or expose secrets.',
    benignCauses: [...LAMBDA_BENIGN, 'Rotating environment values or raising memory and timeout.'],
    distinguish: [
      'Find what changed in the request parameters of the call: Role, Layers (especially from another account) and Handler changes matter most.',
      'Check ct.user is the deployment identity and ct.srcip its runner.',
    ],
    mitigations: {
      immediate: ['Save the current configuration (aws lambda get-function-configuration), then revert it to the last published version and remove unknown layers.'],
      shortTerm: ['Restrict lambda:UpdateFunctionConfiguration and iam:PassRole to the deployment role.'],
      longTerm: ['Allow layers only from your own accounts (lambda:Layer condition key in an SCP).'],
    },
    investigate: [
      {
        title: 'Show the current role, handler, layers and environment',
        command: aws.run('lambda get-function-configuration', { '--function-name': field('ct.request.functionname') }),
      },
      lambdaVersions,
      {
        title: 'Show exactly what recent configuration updates on the function changed',
        command:
          words(
            aws.lookupEvents('ResourceName', field('ct.request.functionname'), { maxResults: 20, output: 'json' }),
            '| jq -c',
            word('.Events[].CloudTrailEvent | fromjson | select(.eventName | startswith("UpdateFunctionConfiguration")) | [.eventTime, .userIdentity.arn, .requestParameters]'),
          ),
      },
    ],
    tuningFields: ['ct.user', 'ct.request.functionname'],
    observe: observeCloudTrail,
  },
  {
    id: 'aws-run-instances',
    title: 'Run Instances',
    rules: ['Run Instances'],
    family: 'aws',
    detects: 'A successful RunInstances call that launched one or more EC2 instances; the alert gives the availability zone and reservation id.',
    whyItMatters:
      'Launching instances is how stolen credentials are turned into compute: GPU or large instances for mining, a pivot host inside your VPC, or an instance with a privileged instance profile whose credentials the attacker then reads.',
    benignCauses: [
      'Auto Scaling groups, EKS node groups, Spot fleets and Karpenter launching capacity.',
      'IaC or engineers launching instances by hand.',
    ],
    distinguish: [
      'Look at instance type, image and instance profile of the reservation: unusual large or GPU types, community AMIs, or an admin instance profile are red flags.',
      'Check ct.user: autoscaling.amazonaws.com or your node provisioner is routine; a human or application role launching instances is not.',
      'Check ct.srcip and ct.region: launches from unknown addresses or in regions you do not use are typical of abuse.',
    ],
    mitigations: {
      immediate: ['Stop and snapshot unknown instances for forensics, then terminate them; revoke the credentials that launched them.'],
      shortTerm: ['Restrict ec2:RunInstances and iam:PassRole to provisioning roles.'],
      longTerm: ['Deny unused regions and instance types by SCP, and set service quotas low for GPU families you do not use.'],
    },
    investigate: [
      instancesOfReservation,
      ctEventsFromIp('RunInstances', 'List the RunInstances calls made from the same source IP'),
      ctEventsByUser,
    ],
    tuningFields: ['ct.user', 'ct.region'],
    observe: observeRunInstances,
  },
  {
    id: 'aws-run-instances-unapproved-region',
    title: 'Run Instances in Non-approved Region',
    rules: ['Run Instances in Non-approved Region'],
    family: 'aws',
    detects:
      'A successful RunInstances call whose ct.region is not in the approved_regions list (upstream ships only the placeholder us-east-0).',
    whyItMatters:
      'Attackers launch in regions you never look at, so miners and staging hosts run unnoticed and outside your region-scoped monitoring and budgets.',
    benignCauses: [
      'A team expanding into a new region before approved_regions was updated.',
      'Disaster-recovery tests in a secondary region.',
      'approved_regions left at its upstream placeholder, so every region alerts.',
    ],
    distinguish: [
      'Is ct.region a region any of your workloads use? A region with nothing else in it is the suspicious case.',
      'Look at ct.user and ct.srcip as for any launch, and at the instance types in the reservation.',
    ],
    mitigations: {
      immediate: ['Snapshot unknown instances in the region (aws ec2 create-snapshot of their volumes), then terminate them and revoke the credentials used.'],
      shortTerm: ['Add the regions you really use to approved_regions so this rule becomes precise.'],
      longTerm: ['Deny all actions outside approved regions with an SCP on aws:RequestedRegion.'],
    },
    investigate: [
      instancesOfReservation,
      ctEventsFromIp('RunInstances', 'List the RunInstances calls made from the same source IP in that region'),
      ctEventsByUser,
    ],
    tuningFields: ['ct.region', 'ct.user'],
    allowList: {
      list: 'approved_regions',
      field: 'ct.region',
      note: 'Add a region when your organization really operates there; keep exceptions for a single principal launching elsewhere.',
    },
    observe: (alert) => {
      const notes = observeRunInstances(alert);
      const region = fieldText(alert, 'ct.region');
      if (region) {
        notes.push(
          `Unless approved_regions was overridden it holds only the placeholder us-east-0, so a launch in ${region} fires whether or not you use that region.`,
        );
      }
      return notes;
    },
  },
];
