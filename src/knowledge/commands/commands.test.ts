import { describe, expect, it } from 'vitest';
import { makeAlert } from '../../testing/alerts';
import { runWithStubs } from '../../testing/commandHarness';
import { fillCommand } from '../../analyze/fillTemplate';
import { oktaActorActivity } from '../playbooks/aws-okta-github/helpers';
import { actorTrail } from '../playbooks/gcp/helpers';
import { aws, cliCommand, field, gcloud, gh, okta, quotedField, repeated, TOOL_OPTIONS } from '.';

/** The argv the first program of a filled command receives, as bash would pass it. */
function argvOf(command: string, env: Record<string, string> = {}): string[] {
  const run = runWithStubs([command], env);
  expect(run.errors.filter(Boolean)).toEqual([]);
  return run.calls[0]?.[0]?.argv ?? [];
}

/** Values that close a filter's string literal and widen the query if not escaped. */
const CLOSING = 'a@example.com" OR principalEmail:"';
const BACKSLASH = 'x\\" OR "1"="1';

describe('filter string literals', () => {
  it('gcloud logging read: a " or \\ in the principal stays inside the string literal', () => {
    const at = { time: '2024-08-07T13:49:51Z', timeMs: Date.parse('2024-08-07T13:49:51Z') };
    for (const user of [CLOSING, BACKSLASH]) {
      const alert = makeAlert({ ...at, source: 'gcp_auditlog', outputFields: { 'gcp.user': user, 'gcp.projectId': 'prod-1' } });
      const filled = fillCommand(actorTrail.command, alert);
      expect(filled.missing).toEqual([]);
      const argv = argvOf(filled.command);
      expect(argv.slice(0, 3)).toEqual(['gcloud', 'logging', 'read']);
      expect(argv[3]).toBe(
        `protoPayload.authenticationInfo.principalEmail=${JSON.stringify(user)} AND timestamp>="2024-08-06T13:49:51Z" AND timestamp<="2024-08-07T14:49:51Z"`,
      );
    }
  });

  it('Okta System Log: the filter compares the whole name as one string literal', () => {
    const alert = makeAlert({ source: 'okta', outputFields: { 'okta.actor.name': CLOSING } });
    const argv = argvOf(fillCommand(oktaActorActivity.command, alert).command, { OKTA_API_TOKEN: 't', OKTA_ORG: 'example.okta.com' });
    expect(argv[0]).toBe('curl');
    expect(argv).toContain(`filter=actor.displayName eq ${JSON.stringify(CLOSING)}`);
    expect(argv).toContain('https://example.okta.com/api/v1/logs');
    expect(argv.filter((a) => a.startsWith('-')).every((a) => TOOL_OPTIONS.curl?.global.includes(a))).toBe(true);
  });

  it('quotedField writes JSON string escapes, which both grammars read', () => {
    const alert = makeAlert({ outputFields: { 'okta.actor.name': 'tab\there "q" back\\slash' } });
    const argv = argvOf(fillCommand(okta.logs(['filter=actor.displayName eq ', quotedField('okta.actor.name')]), alert).command, { OKTA_API_TOKEN: 't', OKTA_ORG: 'o' });
    expect(argv).toContain('filter=actor.displayName eq "tab\\there \\"q\\" back\\\\slash"');
  });

  it('CloudTrail lookup attributes are JSON: a , or = in the value cannot add a key', () => {
    const alert = makeAlert({ time: '2024-08-07T13:49:51Z', timeMs: Date.parse('2024-08-07T13:49:51Z'), outputFields: { 'ct.user': 'bob,AttributeKey=EventName', 'ct.region': 'eu-west-1' } });
    const argv = argvOf(fillCommand(aws.lookupEvents('Username', field('ct.user')), alert).command);
    const attr = argv.find((a) => a.startsWith('--lookup-attributes='))?.slice('--lookup-attributes='.length) ?? '';
    expect(JSON.parse(attr)).toEqual([{ AttributeKey: 'Username', AttributeValue: 'bob,AttributeKey=EventName' }]);
    expect(argv).toContain('--region=eu-west-1');
  });
});

describe('the typed command builders', () => {
  it('reject an option or subcommand the tool does not have, as the playbook is built', () => {
    expect(() => aws.run('iam get-user', { '--username': field('ct.user') })).toThrow(/no option --username/);
    expect(() => gcloud.run('sql instances frobnicate')).toThrow(/not a subcommand/);
    expect(() => gh.api('repos/x', { '--data': 'x' })).toThrow(/no option --data/);
    expect(() => cliCommand('gh', TOOL_OPTIONS.gh ?? { source: '', global: [], commands: {}, takesValue: [] }, 'api', { options: { '-X': 'GET' } })).not.toThrow();
  });

  it('glue every value to its option and concatenate path pieces into one word', () => {
    expect(gh.api(['orgs/', field('github.org', 'segment'), '/audit-log'], { '--method': 'GET', '--raw-field': repeated(['phrase=actor:', field('github.user')], 'per_page=50') })).toBe(
      'gh api orgs/⟦github.org|segment⟧/audit-log --method=GET --raw-field=phrase=actor:⟦github.user⟧ --raw-field=per_page=50',
    );
    expect(aws.run('iam get-user', { '--user-name': field('ct.user') }, { region: false })).toBe('aws iam get-user --user-name=⟦ct.user⟧');
    expect(gcloud.run('functions describe', { args: [field('gcp.cloudfunctions.function')], options: { '--format': 'json' } })).toBe(
      'gcloud functions describe ⟦gcp.cloudfunctions.function⟧ --project=⟦gcp.projectId⟧ --format=json',
    );
  });

  it('reject a positional alert value that starts with -, and pass it glued to an option', () => {
    const alert = makeAlert({ outputFields: { 'gcp.cloudfunctions.function': '--impersonate-service-account=evil@x', 'gcp.projectId': 'p', 'ct.user': '--debug' } });
    expect(fillCommand(gcloud.run('functions describe', { args: [field('gcp.cloudfunctions.function')] }), alert).rejected).toEqual(['gcp.cloudfunctions.function']);
    expect(argvOf(fillCommand(aws.run('iam get-user', { '--user-name': field('ct.user') }, { region: false }), alert).command)).toEqual([
      'aws', 'iam', 'get-user', '--user-name=--debug',
    ]);
  });
});
