import type { Report } from '../../model';
import { Section } from './Section';

export function MitreSection({ report }: { report: Report }) {
  return (
    <Section id="mitre" title="MITRE ATT&CK">
      {report.mitre.length ? (
        <table className="mitre">
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">Technique</th>
              <th scope="col">Tactic</th>
            </tr>
          </thead>
          <tbody>
            {report.mitre.map((m) => (
              <tr key={`${m.id}-${m.tactic}`}>
                <td>
                  <code>{m.id}</code>
                </td>
                <td>{m.name}</td>
                <td>{m.tactic}</td>
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
