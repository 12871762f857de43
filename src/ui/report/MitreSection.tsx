import type { Report } from '../../model';
import { Section } from './Section';

export function MitreSection({ report }: { report: Report }) {
  return (
    <Section id="mitre" report={report}>
      {report.alert.tagsInferred && report.mitre.length && report.rule ? (
        <p>From the loaded rule&apos;s tags ({report.rule.rule.origin.file}): the alert carries none.</p>
      ) : report.alert.tagsInferred && report.mitre.length ? (
        <p>Inferred from today&apos;s upstream rule of this name (the alert carries no tags); the rule that fired may differ.</p>
      ) : null}
      {report.mitre.length ? (
        <table className="mitre">
          <thead>
            <tr>
              <th scope="col">Tactic ID</th>
              <th scope="col">Tactic</th>
              <th scope="col">Technique ID</th>
              <th scope="col">Technique</th>
            </tr>
          </thead>
          <tbody>
            {report.mitre.map((m) => (
              <tr key={`${m.tacticId}-${m.id}`}>
                <td>{m.tacticId ? <code>{m.tacticId}</code> : '—'}</td>
                <td>{m.tactic || '—'}</td>
                <td>{m.id ? <code>{m.id}</code> : '—'}</td>
                <td>{m.name || 'no technique tagged'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>The rule carries no MITRE ATT&amp;CK tags.</p>
      )}
    </Section>
  );
}
