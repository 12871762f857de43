import { describe, expect, it } from 'vitest';
import { AnalysisSession } from '../engine/store/session';
import { ingestText } from '../ingest';
import { reportToMarkdown } from '../export/markdown';

/** Reports for NDJSON records, through ingest and the session (tags restored from the catalog). */
function reports(...records: object[]) {
  const session = new AnalysisSession();
  ingestText(records.map((r) => JSON.stringify(r)).join('\n'), 'findings.ndjson', {
    alert: (a) => void session.addAlert(a),
    problem: (p) => session.addProblem(p),
  });
  return session.summaries().map((s) => session.report(s.id)!);
}

const untagged = {
  output: '19:27:21.038853452: Notice Unexpected connection to K8s API Server from container',
  priority: 'Notice',
  rule: 'Contact K8S API Server From Container',
  time: '2021-04-10T19:27:21.038853452Z',
  output_fields: { 'container.id': '12fc4de5ccc3', 'container.image.repository': 'devopps/falco-pod-delete', 'k8s.ns.name': 'openfaas-fn' },
};

describe('what the report states about inferred tags, test payloads and doubtful drills', () => {
  it('labels tags taken from the rule catalog as inferred, in fields and MITRE (said there, not again in observations)', () => {
    const [report] = reports(untagged);
    expect(report!.alert.tagsInferred).toBe(true);
    expect(report!.fields.find((f) => f.field === 'tags')?.meaning).toMatch(/^Inferred, not in the alert/);
    expect(report!.observations.join('\n')).not.toMatch(/carries no tags/);
    const markdown = reportToMarkdown(report!);
    const mitre = markdown.slice(markdown.indexOf('MITRE ATT&CK'));
    expect(mitre).toMatch(/Inferred from today's upstream rule of this name \(the alert carries no tags\); the rule that fired may differ/);
    expect(report!.risk.factors.map((f) => f.label).join(' ')).not.toMatch(/impact/i);
  });

  it('does not call tags the alert carried inferred', () => {
    const [report] = reports({ ...untagged, tags: ['container', 'k8s', 'mitre_discovery', 'T1565'] });
    expect(report!.alert.tagsInferred).toBeFalsy();
    expect(report!.observations.join('\n')).not.toMatch(/inferred from today/);
    expect(reportToMarkdown(report!)).not.toMatch(/the alert carries no tags/);
  });

  it('keeps technique and tactic in separate columns, with no tactic id as a technique', () => {
    const [report] = reports({ ...untagged, tags: ['mitre_discovery', 'mitre_persistence', 'T1565'] });
    expect(report!.mitre).toEqual([
      { id: 'T1565', name: 'Data Manipulation', tactic: 'Impact', tacticId: 'TA0040' },
      { id: '', name: '', tactic: 'Discovery', tacticId: 'TA0007' },
      { id: '', name: '', tactic: 'Persistence', tacticId: 'TA0003' },
    ]);
    const markdown = reportToMarkdown(report!);
    expect(markdown).toContain('| Tactic ID | Tactic | Technique ID | Technique |');
    expect(markdown).toContain('| TA0007 | Discovery | — | no technique tagged |');
    expect(markdown).not.toMatch(/\| TA\d{4} \| [^|]+ \| TA\d{4}/);
  });

  it('flags a template sent instead of an event as a test payload, with a factor', () => {
    const [report] = reports({
      output: '14:37:27.505989596: Warning Detected ptrace PTRACE_ATTACH attempt (proc_pcmdline=%proc.pcmdline process=%proc.name)',
      priority: 'Warning',
      rule: 'PTRACE attached to process',
      time: '2023-12-20T14:37:27.505989596Z',
      source: 'syscall',
      tags: ['maturity_stable', 'host', 'container', 'process', 'mitre_privilege_escalation', 'T1055.008'],
      output_fields: { 'evt.type': 'evt.type', 'proc.name': 'proc.name', 'proc.pcmdline': 'proc.pcmdline', 'user.uid': 'user.uid' },
    });
    // Changed deliberately (issue 15): the verdict on top says it, so the observation does not repeat it.
    expect(report!.headline.verdict).toMatchObject({ kind: 'likely-drill', reason: expect.stringMatching(/test payload, not an event: .*their own field names/) });
    expect(report!.observations.join('\n')).not.toMatch(/looks like a test payload/);
    expect(report!.risk.factors.find((f) => f.id === 'test-payload')).toMatchObject({ delta: -40, field: 'evt.type', value: 'evt.type' });
  });

  it('says why a binary named event-generator is not treated as a drill', () => {
    const [report] = reports({
      output: '12:00:00.000000000: Warning Sensitive file opened for reading by non-trusted program (file=/etc/shadow process=event-generator)',
      priority: 'Warning',
      rule: 'Read sensitive file untrusted',
      time: '2026-11-30T12:00:00.000000000Z',
      source: 'syscall',
      tags: ['T1555', 'container', 'filesystem', 'host', 'maturity_stable', 'mitre_credential_access'],
      output_fields: {
        'container.image.repository': 'evil/miner',
        'fd.name': '/etc/shadow',
        'proc.exepath': '/tmp/.x/event-generator',
        'proc.name': 'event-generator',
        'user.uid': 0,
      },
    });
    const text = report!.observations.join('\n');
    expect(text).toMatch(/proc\.name=event-generator names falcosecurity's event-generator, but proc\.exepath=\/tmp\/\.x\/event-generator/);
    expect(text).toMatch(/not treated as a drill/);
    expect(text).not.toMatch(/planned test|detection drill if/);
    expect(report!.risk.factors.map((f) => f.id)).not.toContain('test-tooling');
  });
});
