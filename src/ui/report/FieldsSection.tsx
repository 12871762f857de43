import { useState } from 'react';
import type { Report } from '../../model';
import { Section } from './Section';
import { Clipped, DISPLAY_LIMIT } from './Clipped';

/** Every field with its meaning; the raw alert JSON one click away. */
export function FieldsSection({ report }: { report: Report }) {
  const [raw, setRaw] = useState(false);
  const { id: _id, ...alert } = report.alert;
  return (
    <Section id="fields" title="Alert fields">
      <table className="fields">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Value</th>
            <th scope="col">Meaning</th>
          </tr>
        </thead>
        <tbody>
          {report.fields.map((f) => (
            <tr key={f.field}>
              <th scope="row">
                <code>{f.field}</code>
              </th>
              <td className="value">
                <bdi>
                  <Clipped text={f.value} />
                </bdi>
              </td>
              <td>{f.meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <strong>Falco output</strong>
      </p>
      <pre className="output">
        <bdi>
          <Clipped text={report.alert.output} />
        </bdi>
      </pre>
      <button type="button" aria-expanded={raw} onClick={() => setRaw(!raw)}>
        {raw ? 'Hide raw JSON' : 'Show raw JSON'}
      </button>
      {raw ? <pre className="raw-json">
          <Clipped text={JSON.stringify(alert, null, 2)} limit={DISPLAY_LIMIT * 4} />
        </pre> : null}
    </Section>
  );
}
