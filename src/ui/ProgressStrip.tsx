import { cancelInput, useIngestQueries, useProgress } from '../app/hooks';
import { useSession } from '../state/session';
import { formatBytes } from './format';

/** One line per input: reading progress with a Cancel button, then its final counts. */
export function ProgressStrip() {
  const inputs = useSession((s) => s.inputs);
  const queries = useIngestQueries();
  const progress = useProgress((s) => s.byKey);
  if (!inputs.length) return null;
  return (
    <ul className="progress-strip" aria-label="Inputs">
      {inputs.map((entry, i) => {
        const query = queries[i];
        const p = progress[entry.key];
        const result = query?.data;
        if (query?.isError) {
          return (
            <li key={entry.key} className="input-error">
              {entry.name}: could not be read ({query.error.message})
            </li>
          );
        }
        if (result) {
          return (
            <li key={entry.key}>
              <strong>{entry.name}</strong>: {result.alerts} alerts, {result.problems} problems
              {result.cancelled ? ' (cancelled, partial)' : ''} · {formatBytes(result.bytes)}
              {result.gzip ? ' gzip' : ''}
            </li>
          );
        }
        const fraction = p && p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
        return (
          <li key={entry.key} className="reading">
            <strong>{entry.name}</strong>: reading {formatBytes(p?.bytesRead ?? 0)} of {formatBytes(entry.size)} · {p?.records ?? 0} records
            <progress max={1} value={fraction} aria-label={`Reading ${entry.name}`} />
            <button type="button" onClick={() => cancelInput(entry.key)}>
              Cancel
            </button>
          </li>
        );
      })}
    </ul>
  );
}
