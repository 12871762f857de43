import { useState } from 'react';
import type { Report } from '../../model';
import { Section } from './Section';
import { Clipped, DISPLAY_LIMIT } from './Clipped';

/**
 * Fields laid out at first: an alert can carry 100,000 (one such froze the tab for 72 s); the rest
 * are one click away, and the export holds them all.
 */
export const FIELD_LIMIT = 200;

/**
 * Falco's output line, then every field with its meaning in a glossary that starts collapsed (the
 * verdict and risk come first; a 25-row table pushed them off the screen); raw JSON one click away.
 */
export function FieldsSection({ report }: { report: Report }) {
  const [raw, setRaw] = useState(false);
  const [all, setAll] = useState(false);
  const { id: _id, ...alert } = report.alert;
  const total = report.fields.length;
  const shown = all || total <= FIELD_LIMIT ? report.fields : report.fields.slice(0, FIELD_LIMIT);
  return (
    <Section id="fields" report={report}>
      <p>
        <strong>Falco output</strong>
      </p>
      <pre className="output">
        <bdi>
          <Clipped text={report.alert.output} />
        </bdi>
      </pre>
      <details className="field-glossary">
        <summary>Field glossary: {total.toLocaleString('en')} fields with their values and meaning</summary>
        <table className="fields">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Value</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((f) => (
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
        {shown.length < total ? (
          <p className="cap-note" role="note">
            Showing {shown.length.toLocaleString('en')} of {total.toLocaleString('en')} fields (all of them are in the export).{' '}
            <button type="button" onClick={() => setAll(true)}>
              Show all {total.toLocaleString('en')} fields
            </button>
          </p>
        ) : null}
      </details>
      <button type="button" aria-expanded={raw} onClick={() => setRaw(!raw)}>
        {raw ? 'Hide raw JSON' : 'Show raw JSON'}
      </button>
      {raw ? <pre className="raw-json">
          <Clipped text={JSON.stringify(alert, null, 2)} limit={DISPLAY_LIMIT * 4} />
        </pre> : null}
    </Section>
  );
}
