import { gcloud, variable } from '../../commands';
import type { Alert } from '../../../model';
import { lookupTable } from '../../lookupTable';
import { fieldText } from '../../fieldValue';
import type { CommandTemplate, Playbook } from '../../types';
import { actorTrail, callerIpTrail, callerKeys, distinguishWith, logRead, methodBaseline, methodByUser, methodHas } from './helpers';
import {
  asString,
  asStringList,
  bindingNotes,
  findKey,
  isObjectValue,
  listText,
  request,
  requestOperation,
  requestPolicyBindings,
  withCaller,
} from './observe';

const RISKY_PORTS: Record<string, string> = lookupTable({
  '22': 'SSH',
  '23': 'Telnet',
  '445': 'SMB',
  '1433': 'SQL Server',
  '2375': 'Docker API',
  '2376': 'Docker API',
  '3306': 'MySQL',
  '3389': 'RDP',
  '5432': 'PostgreSQL',
  '5900': 'VNC',
  '6379': 'Redis',
  '6443': 'Kubernetes API',
  '9200': 'Elasticsearch',
  '10250': 'kubelet',
  '11211': 'memcached',
  '27017': 'MongoDB',
});

function opNote(alert: Alert): string[] {
  const op = requestOperation(alert);
  return op === undefined ? [] : [`Operation per the request type: ${op}.`];
}

function portCovered(spec: string, port: number): boolean {
  const [lo, hi] = spec.split('-').map(Number);
  if (lo === undefined || Number.isNaN(lo)) return false;
  return hi === undefined || Number.isNaN(hi) ? port === lo : port >= lo && port <= hi;
}

function firewallNotes(alert: Alert): string[] {
  const body = request(alert);
  const notes = opNote(alert);
  if (body === undefined) return notes;
  const ranges = asStringList(findKey(body, 'sourceRanges'));
  const open = ranges.some((r) => r === '0.0.0.0/0' || r === '::/0');
  const direction = asString(findKey(body, 'direction')) ?? 'INGRESS';
  const allowed = findKey(body, 'allowed');
  if (open && direction === 'INGRESS' && Array.isArray(allowed) && allowed.length > 0) {
    const exposed: string[] = [];
    let everything = false;
    for (const entry of allowed) {
      if (!isObjectValue(entry)) continue;
      const proto = (asString(entry['IPProtocol']) ?? asString(entry['ipProtocol']) ?? '').toLowerCase();
      const ports = asStringList(entry['ports']);
      if (proto === 'all' || ((proto === 'tcp' || proto === 'udp') && ports.length === 0)) everything = true;
      for (const [port, name] of Object.entries(RISKY_PORTS)) {
        if (ports.some((p) => portCovered(p, Number(port)))) exposed.push(`${name} (${port})`);
      }
    }
    if (everything) notes.push('The rule allows all ports from 0.0.0.0/0: every service on the targeted VMs is reachable from the internet.');
    else if (exposed.length > 0) notes.push(`The rule opens ${listText(exposed)} to 0.0.0.0/0.`);
    else notes.push('The rule allows traffic from 0.0.0.0/0 (any internet address).');
  } else if (ranges.length > 0) {
    notes.push(`Source ranges: ${listText(ranges)}.`);
  }
  if (findKey(body, 'disabled') === true) notes.push('The request disables the rule.');
  const logConfig = findKey(body, 'logConfig');
  if (isObjectValue(logConfig) && logConfig['enable'] === false) notes.push('The request turns firewall rule logging off.');
  const priority = asString(findKey(body, 'priority'));
  if (priority !== undefined && Number(priority) < 1000) notes.push(`Priority ${priority} is evaluated before the default 1000 rules.`);
  return notes;
}

function wafRuleNotes(alert: Alert): string[] {
  const body = request(alert);
  const notes = opNote(alert);
  if (body === undefined) return notes;
  const action = asString(findKey(body, 'action'));
  const priority = asString(findKey(body, 'priority'));
  const sources = asStringList(findKey(body, 'srcIpRanges'));
  const expr = findKey(body, 'expr');
  const expression = isObjectValue(expr) ? asString(expr['expression']) : undefined;
  const parts: string[] = [];
  if (action !== undefined) parts.push(`action ${action}`);
  if (priority !== undefined) parts.push(`priority ${priority}`);
  if (sources.length > 0) parts.push(`source ranges ${listText(sources)}`);
  if (expression !== undefined) parts.push(`expression ${expression.slice(0, 160)}`);
  if (parts.length > 0) notes.push(`Rule ${parts.join(', ')}.`);
  const everyone = sources.includes('*') || sources.includes('0.0.0.0/0');
  if (action === 'allow' && everyone) {
    notes.push('An allow rule for every source: placed before the deny rules it bypasses the policy entirely.');
  } else if (action !== undefined && action.startsWith('deny') && everyone) {
    notes.push('A deny rule for every source blocks all traffic to the protected backends: an outage if it is not intended.');
  }
  if (findKey(body, 'preview') === true) notes.push('preview is true: the rule only logs and is not enforced.');
  return notes;
}

function wafPolicyNotes(alert: Alert): string[] {
  const notes: string[] = [];
  const method = fieldText(alert, 'gcp.methodName');
  if (method !== undefined && method.includes('securityPolicies.delete')) {
    notes.push('The policy was deleted: backends that used it are no longer filtered by Cloud Armor.');
  }
  const body = request(alert);
  const adaptive = findKey(body, 'layer7DdosDefenseConfig');
  if (isObjectValue(adaptive) && adaptive['enable'] === false) notes.push('The request turns Adaptive Protection off.');
  if (findKey(body, 'preview') === true) notes.push('The request puts a rule in preview mode: it logs but does not block.');
  return notes;
}

function edgeNotes(alert: Alert): string[] {
  const notes = opNote(alert);
  const body = request(alert);
  if (body === undefined) return notes;
  const policy = findKey(body, 'securityPolicy');
  if (policy === '' || policy === null) notes.push('The request clears securityPolicy: the edge security service no longer enforces a policy.');
  else if (asString(policy) !== undefined) notes.push(`The request attaches security policy ${String(policy)}.`);
  return notes;
}

const DEFAULT_SA = /-compute@developer\.gserviceaccount\.com$/;

function vmNotes(alert: Alert): string[] {
  const body = request(alert);
  const notes = opNote(alert);
  if (body === undefined) return notes;
  const scopes = asStringList(findKey(body, 'scopes'));
  if (scopes.some((s) => s.endsWith('/auth/cloud-platform'))) {
    notes.push('The VM gets the cloud-platform scope: its service account token can call every API that account is allowed to.');
  }
  const email = asString(findKey(body, 'email'));
  if (email !== undefined && DEFAULT_SA.test(email)) {
    notes.push(`The VM runs as the default compute service account ${email}, which often holds Editor on the project.`);
  } else if (email !== undefined) {
    notes.push(`The VM runs as service account ${email}.`);
  }
  const items = findKey(body, 'items');
  if (Array.isArray(items)) {
    const keys = items.map((i) => (isObjectValue(i) ? asString(i['key']) : undefined)).filter((k): k is string => k !== undefined);
    const startup = keys.filter((k) => /startup-script|sysprep/i.test(k));
    if (startup.length > 0) notes.push(`Metadata sets ${listText(startup)}: code that runs as root at boot; read it.`);
    if (keys.includes('ssh-keys') || keys.includes('sshKeys')) notes.push('Metadata sets ssh-keys: check which keys and users were added.');
    for (const item of items) {
      if (!isObjectValue(item)) continue;
      const key = asString(item['key']);
      const value = asString(item['value'])?.toLowerCase();
      if (key === 'enable-oslogin' && value === 'false') notes.push('enable-oslogin is false: IAM-controlled SSH is turned off for this VM.');
      if (key === 'serial-port-enable' && value === 'true') notes.push('serial-port-enable is true: interactive serial console access is on.');
    }
  }
  const accessConfigs = findKey(body, 'accessConfigs');
  const natType = asString(findKey(body, 'type'));
  if ((Array.isArray(accessConfigs) && accessConfigs.length > 0) || natType === 'ONE_TO_ONE_NAT') {
    notes.push('The request attaches an external IP access config: the VM becomes reachable from the internet, subject to firewall rules.');
  }
  const accelerators = findKey(body, 'guestAccelerators');
  if (Array.isArray(accelerators) && accelerators.length > 0) {
    notes.push('The VM requests GPUs (guestAccelerators): unexpected GPU VMs are the usual footprint of cryptomining with stolen credentials.');
  }
  const machineType = asString(findKey(body, 'machineType'));
  const cpus = machineType === undefined ? undefined : /-(\d+)$/.exec(machineType)?.[1];
  if (cpus !== undefined && Number(cpus) >= 32) notes.push(`Machine type ${machineType?.split('/').pop() ?? ''} has ${cpus} vCPUs: large for most workloads.`);
  const image = asString(findKey(body, 'sourceImage'));
  if (image !== undefined) notes.push(`Boot image: ${image}.`);
  if (findKey(body, 'canIpForward') === true) notes.push('canIpForward is true: the VM can route traffic for other addresses.');
  notes.push(...bindingNotes(alert, requestPolicyBindings(alert)));
  return notes;
}

const recentResourceChanges = (fragment: string, what: string): CommandTemplate =>
  logRead(`All ${what} changes in the project in the 7 days before the alert`, `'${methodHas(fragment)}'`, '-7d');

export const COMPUTE_NETWORK_PLAYBOOKS: Playbook[] = [
  {
    id: 'gcp-vm-modified',
    title: 'GCP VM modified',
    rules: ['GCP VM modified'],
    family: 'gcp',
    detects:
      'A Compute Engine call whose method contains compute.instances.insert, update, setServiceAccount, setIamPolicy, updateAccessConfig or updateNetworkInterface: a VM was created or its identity, access or networking changed.',
    whyItMatters:
      "Creating or reshaping VMs lets an attacker run compute on your bill (mining), attach a privileged service account and harvest its token from the metadata server, add a startup script or SSH key for persistence, or expose a VM to the internet.",
    benignCauses: [
      'Managed instance groups, GKE node pools and autoscalers creating instances (often via the Google APIs service agent).',
      'Terraform or deployment pipelines creating or updating VMs.',
      'Engineers changing a VM service account or network interface during maintenance.',
    ],
    distinguish: distinguishWith(
      'gcp.request: the machine type, GPUs, image, service account and scopes, metadata keys and access configs. GPU or very large VMs, unfamiliar images, the cloud-platform scope on a powerful account or new startup scripts are the markers of abuse.',
      'gcp.user: the Google APIs service agent or GKE robot accounts creating instances are platform behaviour; a human or a workload service account creating VMs is not.',
    ),
    mitigations: {
      immediate: [
        'If the VM is unexpected, snapshot its disk for forensics (gcloud compute snapshots create), then stop it (gcloud compute instances stop INSTANCE --zone=ZONE).',
        'Remove an unexpected external IP (gcloud compute instances delete-access-config INSTANCE --zone=ZONE --access-config-name=NAME).',
      ],
      shortTerm: [
        'Rotate credentials of the service account attached to the VM if it could have been read from the metadata server.',
        'Check GPU and CPU quotas and billing for other instances created by the same principal.',
      ],
      longTerm: [
        'Enforce constraints/compute.vmExternalIpAccess, constraints/compute.requireOsLogin and constraints/iam.automaticIamGrantsForDefaultServiceAccounts; give VMs dedicated minimal service accounts.',
      ],
    },
    investigate: [
      logRead("The principal's Compute Engine instance activity in the day before the alert", methodByUser(methodHas('compute.instances.')), '-1d'),
      {
        title: 'Describe the VM: service account, scopes, metadata, external IPs (set INSTANCE and ZONE from the authorizationInfo resource)',
        command: gcloud.run('compute instances describe', { args: [variable('INSTANCE', 'the Cloud SQL or VM instance name from the alert request')], options: { '--zone': variable('ZONE', 'the zone of the instance'), '--format': 'json' } }),
      },
      {
        title: 'List all VMs of the project with their status and creation time',
        command: gcloud.run('compute instances list', { options: { '--format': 'table(name,zone.basename(),machineType.basename(),status,creationTimestamp)' } }),
      },
      callerKeys,
    ],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(vmNotes),
  },
  {
    id: 'gcp-vm-stopped',
    title: 'GCP VM stopped',
    rules: ['GCP VM stopped'],
    family: 'gcp',
    detects: 'A Compute Engine call whose method contains compute.instances.stop: a VM was shut down.',
    whyItMatters:
      'Stopping VMs takes services down, and stopping security appliances, log forwarders or bastion hosts removes defences; stopping a VM is also needed to change its service account or boot disk.',
    benignCauses: [
      'Scheduled shutdown of dev machines overnight (instance schedules use a Google service agent).',
      'Maintenance, resizing or a service account change, which require a stopped VM.',
      'Autoscalers and managed instance groups stopping instances.',
    ],
    distinguish: distinguishWith(
      'Which VM: the authorizationInfo resource names it. A security tool, logging or firewall appliance being stopped is serious whoever did it.',
      'A stop followed by setServiceAccount, setMetadata or a disk change by the same gcp.user points to tampering with the VM rather than maintenance.',
    ),
    mitigations: {
      immediate: [
        'If unplanned, start the VM again (gcloud compute instances start INSTANCE --zone=ZONE) and check its metadata and service account for changes made while stopped.',
      ],
      shortTerm: [
        'Review what else the principal stopped or modified in the same session.',
      ],
      longTerm: [
        'Restrict compute.instances.stop on critical VMs to operators through a custom role and IAM conditions on resource names or tags.',
      ],
    },
    investigate: [
      logRead("The principal's Compute Engine instance activity in the day before the alert", methodByUser(methodHas('compute.instances.')), '-1d'),
      {
        title: 'List stopped VMs in the project',
        command: gcloud.run('compute instances list', { options: { '--filter': 'status=TERMINATED', '--format': 'json' } }),
      },
      methodBaseline(methodHas('compute.instances.stop'), 'VM stops'),
    ],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(opNote),
  },
  {
    id: 'gcp-gce-firewall-rule-modified',
    title: 'GCP GCE Firewall rule modified',
    rules: ['GCP GCE Firewall rule modified'],
    family: 'gcp',
    detects: 'A Compute Engine call whose method contains compute.firewalls.insert, compute.firewalls.patch or compute.firewalls.delete: a VPC firewall rule was created, changed or removed.',
    whyItMatters:
      'A firewall rule decides what reaches your VMs: opening SSH, RDP or a database port to 0.0.0.0/0 gives the attacker a way in, and deleting deny rules or logging removes both protection and visibility.',
    benignCauses: [
      'GKE and load balancers creating their own rules (names starting with gke- or k8s-).',
      'Terraform applying network changes.',
      'An engineer temporarily allowing their address for debugging.',
    ],
    distinguish: distinguishWith(
      'gcp.request: source ranges, allowed ports, direction, priority and logConfig. A narrow internal range to an application port is routine; 0.0.0.0/0 to administrative or database ports, a disabled deny rule or logging turned off is not.',
      'gcp.user: GKE and load-balancer service agents manage their own rules; a human or workload principal opening ports from the internet is suspect.',
    ),
    mitigations: {
      immediate: [
        'Save the rule (gcloud compute firewall-rules describe RULE --format=json), then disable it if it exposes services (gcloud compute firewall-rules update RULE --disabled), and restore deleted rules from infrastructure as code.',
      ],
      shortTerm: [
        'Check VPC flow logs and SSH/RDP logs on the exposed VMs for connections since the change.',
      ],
      longTerm: [
        'Use hierarchical firewall policies at organization or folder level to deny internet access to administrative ports, which project-level rules cannot override; use IAP TCP forwarding for SSH.',
      ],
    },
    investigate: [
      recentResourceChanges('compute.firewalls.', 'firewall rule'),
      {
        title: 'Firewall rules that currently accept traffic from any address',
        command: gcloud.run('compute firewall-rules list', { options: { '--filter': 'sourceRanges:"0.0.0.0/0"', '--format': 'json' } }),
      },
      actorTrail,
    ],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(firewallNotes),
  },
  {
    id: 'gcp-waf-network-policy-modified',
    title: 'GCP WAF Network policy modified',
    rules: ['GCP WAF Network policy modified'],
    family: 'gcp',
    detects: 'A Compute Engine call whose method contains compute.securityPolicies.insert, patch or delete: a Cloud Armor security policy was created, changed or deleted.',
    whyItMatters:
      'Cloud Armor policies filter attacks and abusive clients before they reach backends; deleting one or relaxing it (default rule to allow, Adaptive Protection off) opens the application to exploitation and DDoS.',
    benignCauses: [
      'Security or platform teams tuning policies through Terraform.',
      'Creating a policy for a new service.',
    ],
    distinguish: distinguishWith(
      'gcp.methodName (printed as authorizationInfo by this rule): a delete is far more serious than an insert.',
      'gcp.request: changes to the default rule action, preview flags or Adaptive Protection settings weaken protection; new policies with deny rules strengthen it.',
    ),
    mitigations: {
      immediate: [
        'Restore the policy and its attachment to backend services from infrastructure as code (gcloud compute backend-services update SERVICE --security-policy=POLICY --global).',
      ],
      shortTerm: [
        'Review load balancer logs for requests that the previous policy would have blocked during the gap.',
      ],
      longTerm: [
        'Grant the compute.securityPolicies permissions only to the security team and its pipeline; alert on backends without a policy.',
      ],
    },
    investigate: [
      recentResourceChanges('compute.securityPolicies.', 'Cloud Armor policy'),
      {
        title: 'List the Cloud Armor policies of the project',
        command: gcloud.run('compute security-policies list', { options: { '--format': 'json' } }),
      },
      {
        title: 'Show the policy and its rules (set POLICY to policyName from the alert)',
        command: gcloud.run('compute security-policies describe', { args: [variable('POLICY', 'the security policy name from the alert request')], options: { '--format': 'json' } }),
      },
      actorTrail,
    ],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(wafPolicyNotes),
  },
  {
    id: 'gcp-waf-rule-modified-deleted',
    title: 'GCP WAF rule modified or deleted',
    rules: ['GCP WAF rule modified or deleted'],
    family: 'gcp',
    detects: 'A Compute Engine call whose method contains compute.securityPolicies.addRule, patchRule or removeRule: a Cloud Armor policy rule was added, changed or removed.',
    whyItMatters:
      'A high-priority allow rule, a rule switched to preview or a removed deny rule lets blocked traffic (an exploit, a scraper) reach the application.',
    benignCauses: [
      'Blocking an abusive address or country during an incident.',
      'Tuning preconfigured WAF rules that raise false positives.',
      'Terraform reconciling policy rules.',
    ],
    distinguish: distinguishWith(
      'gcp.request (action, priority, source ranges, expression, preview): new deny rules tighten the policy; broad allow rules, removed deny rules or preview true loosen it.',
    ),
    mitigations: {
      immediate: [
        'Save the policy (gcloud compute security-policies describe POLICY --format=json), then delete an unexpected allow rule (gcloud compute security-policies rules delete PRIORITY --security-policy=POLICY) or re-add a removed deny rule.',
      ],
      shortTerm: [
        'Check load balancer logs for traffic the loosened rule let through since the change.',
      ],
      longTerm: [
        'Manage Cloud Armor rules only through reviewed infrastructure as code; restrict compute.securityPolicies.update.',
      ],
    },
    investigate: [
      recentResourceChanges('compute.securityPolicies.', 'Cloud Armor rule'),
      {
        title: 'Show the policy rules as they stand (set POLICY to policyName from the alert)',
        command: gcloud.run('compute security-policies describe', { args: [variable('POLICY', 'the security policy name from the alert request')], options: { '--format': 'json' } }),
      },
      actorTrail,
    ],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(wafRuleNotes),
  },
  {
    id: 'gcp-cloudarmor-edge-security-service-modified',
    title: 'GCP CloudArmor edge security service modified',
    rules: ['GCP CloudArmor edge security service modified'],
    family: 'gcp',
    detects: 'A Compute Engine call whose method contains compute.networkEdgeSecurityServices.create, update or delete: a regional network edge security service, which applies Cloud Armor network policies, was changed.',
    whyItMatters:
      'Edge security services carry the advanced network DDoS protection and network policies for external passthrough load balancers and VMs with public IPs; removing or detaching them drops that protection for the whole region.',
    benignCauses: [
      'Network or security teams setting up advanced DDoS protection in a region.',
      'Terraform replacing the service or its attached policy.',
    ],
    distinguish: distinguishWith(
      'gcp.request: a delete or an update that clears securityPolicy removes protection; a create or a new policy attachment adds it.',
    ),
    mitigations: {
      immediate: [
        'Recreate or reattach the edge security service and its policy from infrastructure as code.',
      ],
      shortTerm: [
        'Review traffic to exposed external addresses in the region during the gap.',
      ],
      longTerm: [
        'Limit the compute.networkEdgeSecurityServices permissions to the network security team.',
      ],
    },
    investigate: [
      recentResourceChanges('compute.networkEdgeSecurityServices.', 'network edge security service'),
      {
        title: 'Describe the edge security service (set SERVICE and REGION from the authorizationInfo resource)',
        command: gcloud.run('compute network-edge-security-services describe', { args: [variable('SERVICE', 'the network edge security service name')], options: { '--region': variable('REGION', 'the region of the service'), '--format': 'json' } }),
      },
      actorTrail,
    ],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(edgeNotes),
  },
  {
    id: 'gcp-backend-service-deleted',
    title: 'GCP backend service deleted',
    rules: ['GCP backend service deleted', 'GCP backendService deleted'],
    family: 'gcp',
    detects: 'A Compute Engine call whose method contains compute.backendServices.delete: a load balancer backend service was removed.',
    whyItMatters:
      'Deleting the backend service behind a load balancer takes the application offline (denial of service) and detaches any Cloud Armor policy it carried.',
    benignCauses: [
      'Decommissioning a service or environment.',
      'Terraform replacing a backend service (delete then create).',
      'GKE ingress controllers cleaning up backends of deleted Services.',
    ],
    distinguish: distinguishWith(
      'A delete immediately followed by an insert of the same name by the same gcp.user is a replacement; a delete with nothing after it on a production load balancer is an outage.',
    ),
    mitigations: {
      immediate: [
        'Recreate the backend service from infrastructure as code and reattach it to its URL map and security policy.',
      ],
      shortTerm: [
        'Check the availability impact and what else the principal deleted.',
      ],
      longTerm: [
        'Restrict compute.backendServices.delete to the deployment pipeline; protect production resources with lifecycle guards in infrastructure as code.',
      ],
    },
    investigate: [
      recentResourceChanges('compute.backendServices.', 'backend service'),
      {
        title: 'List URL maps (a map still pointing to the deleted backend shows the impact)',
        command: gcloud.run('compute url-maps list', { options: { '--format': 'json' } }),
      },
      actorTrail,
      callerIpTrail,
    ],
    tuningFields: ['gcp.user', 'gcp.projectId'],
    observe: withCaller(opNote),
  },
];
