import { useCounters, useProblems } from '../data/hooks';
import { countOf } from './format';

const SHOWN = 200;

/** Everything that could not become an alert, with file, line and reason; counts that add up. */
export function ProblemsPanel() {
  const status = useCounters();
  const problems = status?.problems ?? 0;
  const query = useProblems(SHOWN);
  if (!status || status.inputs === 0) return null;
  const records = status.alerts + status.duplicates + status.problems;
  return (
    <details className="problems" open={problems > 0 && problems <= 20}>
      <summary>
        <span>
          {countOf(records, 'record')} read = {countOf(status.alerts, 'alert')} loaded + {status.duplicates ? `${countOf(status.duplicates, 'duplicate')} skipped + ` : ''}
          {countOf(problems, 'problem')}
        </span>
      </summary>
      {problems > 0 ? (
        <section aria-label="Problems">
          <h2>Problems</h2>
          <ol className="problem-list">
            {(query.data?.items ?? []).map((p, i) => (
              <li key={i}>
                <code>
                  {p.file}
                  {p.line ? `:${p.line}` : ''}
                </code>{' '}
                {p.message}
                {p.excerpt ? (
                  <>
                    {' '}
                    <span className="excerpt">
                      <bdi>{p.excerpt}</bdi>
                    </span>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
          {problems > SHOWN ? <p>… and {problems - SHOWN} more (the CLI lists them all).</p> : null}
        </section>
      ) : null}
    </details>
  );
}
