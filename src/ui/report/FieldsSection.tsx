import { useState } from 'react';
import type { FieldExplanation, Report } from '../../model';
import { REPORT_FIELDS, REPORT_FIELDS_PAGE_MAX, REPORT_VALUE_CHARS } from '../../model';
import { useReportFields } from '../../data/hooks';
import { usePrevalence } from '../../data/contextHooks';
import { Section } from './Section';
import { Clipped, CutNote, DISPLAY_LIMIT } from './Clipped';
import { PrevalenceBadge } from './Prevalence';

/** Where the parts of a record a report leaves out are kept (the session file holds the alerts as read). */
const WHOLE_RECORD = 'Save session keeps the whole record';

/**
 * Falco's output line, then every field with its meaning and how common its value is in the
 * session, in a glossary that starts collapsed (the verdict and risk come first). An alert can carry
 * 100,000 fields (one froze the tab for 72 s): the report carries the first REPORT_FIELDS, the
 * rest come a page at a time from the engine; raw JSON one click away.
 */
export function FieldsSection({ report }: { report: Report }) {
  const [raw, setRaw] = useState(false);
  const [wanted, setWanted] = useState(0);
  const incidentId = report.incident.id;
  const more = useReportFields(incidentId, report.fields.length, wanted);
  const total = report.fieldCount;
  const shown = report.fields.length + more.pages.reduce((n, p) => n + p.fields.length, 0);
  const left = total - report.fields.length - wanted;
  const { id: _id, ...alert } = report.alert;
  return (
    <Section id="fields" report={report}>
      <p>
        <strong>Falco output</strong>
      </p>
      <pre className="output">
        <bdi>
          <Clipped text={report.alert.output} />
          <CutNote length={report.cut?.outputLength} />
        </bdi>
      </pre>
      <details className="field-glossary">
        <summary>Field glossary: {total.toLocaleString('en')} fields with their values, meaning and how common each value is</summary>
        <table className="fields">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Value (alerts · incidents sharing it)</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <FieldRows incidentId={incidentId} fields={report.fields} />
          {more.pages.map((page) => (
            <FieldRows key={page.offset} incidentId={incidentId} fields={page.fields} />
          ))}
        </table>
        {shown < total ? (
          <p className="cap-note" role="note">
            Showing {shown.toLocaleString('en')} of {total.toLocaleString('en')} fields ({WHOLE_RECORD}).{' '}
            {more.pending ? (
              'Loading more…'
            ) : (
              <>
                <button type="button" onClick={() => setWanted(wanted + Math.min(REPORT_FIELDS, left))}>
                  Show {Math.min(REPORT_FIELDS, left).toLocaleString('en')} more
                </button>
                {left > REPORT_FIELDS && left <= REPORT_FIELDS_PAGE_MAX ? (
                  <>
                    {' '}
                    <button type="button" onClick={() => setWanted(wanted + left)}>
                      Show all {total.toLocaleString('en')} fields
                    </button>
                  </>
                ) : null}
              </>
            )}
          </p>
        ) : null}
      </details>
      <button type="button" aria-expanded={raw} onClick={() => setRaw(!raw)}>
        {raw ? 'Hide raw JSON' : 'Show raw JSON'}
      </button>
      {raw && report.cut ? (
        <p className="cap-note" role="note">
          The alert as this report carries it: {Object.keys(alert.outputFields).length.toLocaleString('en')} of its {report.cut.outputFields.toLocaleString('en')} output fields,
          texts cut at {REPORT_VALUE_CHARS.toLocaleString('en')} characters ({WHOLE_RECORD}).
        </p>
      ) : null}
      {raw ? <pre className="raw-json">
          <Clipped text={JSON.stringify(alert, null, 2)} limit={DISPLAY_LIMIT * 4} />
        </pre> : null}
    </Section>
  );
}

/**
 * A group of field rows (the report's own, or a page asked for) with how common each value is:
 * one prevalence request for the group, whatever its size.
 */
function FieldRows({ incidentId, fields }: { incidentId: string; fields: FieldExplanation[] }) {
  const prevalence = usePrevalence(
    incidentId,
    fields.map((f) => f.field),
  ).data;
  const byField = new Map(prevalence?.items.map((item) => [item.field, item]));
  return (
    <tbody>
      {fields.map((f) => {
        const item = byField.get(f.field);
        return (
          <tr key={f.field}>
            <th scope="row">
              <code>{f.field}</code>
            </th>
            <td className="value">
              <bdi>
                <Clipped text={f.value} />
                <CutNote length={f.length} />
              </bdi>
              {item && prevalence ? (
                <span className="value-prevalence">
                  <PrevalenceBadge item={item} totals={prevalence} />
                </span>
              ) : null}
            </td>
            <td>{f.meaning}</td>
          </tr>
        );
      })}
    </tbody>
  );
}
