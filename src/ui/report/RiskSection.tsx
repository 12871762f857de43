import type { Report } from '../../model';
import { Section } from './Section';
import { Clipped } from './Clipped';

/** The score and every factor that moved it, each with the field and value behind it. */
export function RiskSection({ report }: { report: Report }) {
  const { risk } = report;
  return (
    <Section id="risk" report={report}>
      <p className={`risk-score level-${risk.level}`}>
        <span className="score">{risk.score}</span>/100 · <span className="level">{risk.level}</span>
      </p>
      <table className="factors">
        <thead>
          <tr>
            <th scope="col">Points</th>
            <th scope="col">Factor</th>
            <th scope="col">Evidence</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {risk.factors.map((f) => (
            <tr key={f.id} className={f.delta < 0 ? 'lowers' : 'raises'}>
              <td className="delta">{f.delta > 0 ? `+${f.delta}` : f.delta}</td>
              <td>{f.label}</td>
              <td>
                <code>{f.field}</code> = <bdi className="value">
                  <Clipped text={f.value} />
                </bdi>
              </td>
              <td>{f.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
