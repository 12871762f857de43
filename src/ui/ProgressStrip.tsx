import { cancelInput, useInputStatus, type InputState } from '../data/ingestQueue';
import { useSession, type InputEntry } from '../state/session';
import { formatBytes } from './format';

/** Beyond this many inputs, the strip lists what is in progress or failed and sums the rest. */
const LISTED = 12;

function InputRow({ entry, state }: { entry: InputEntry; state: InputState | undefined }) {
  if (state?.phase === 'failed') {
    return (
      <li className="input-error">
        {entry.name}: could not be read ({state.message})
      </li>
    );
  }
  if (state?.phase === 'done') {
    const { summary } = state;
    return (
      <li>
        <strong>{entry.name}</strong>: {summary.alerts} alerts, {summary.problems} problems
        {summary.cancelled ? ' (cancelled, partial)' : ''} · {formatBytes(summary.bytes)}
        {summary.gzip ? ' gzip' : ''}
      </li>
    );
  }
  const progress = state?.phase === 'reading' ? state.progress : undefined;
  const fraction = progress && progress.totalBytes ? Math.min(1, progress.bytesRead / progress.totalBytes) : 0;
  return (
    <li className="reading">
      <strong>{entry.name}</strong>: {state?.phase === 'reading' ? 'reading' : 'queued'} {formatBytes(progress?.bytesRead ?? 0)} of{' '}
      {formatBytes(entry.size)} · {progress?.records ?? 0} records
      <progress max={1} value={fraction} aria-label={`Reading ${entry.name}`} />
      <button type="button" onClick={() => cancelInput(entry.key)}>
        Cancel
      </button>
    </li>
  );
}

/** One line per input (reading progress with Cancel, then its counts); a summary for big drops. */
export function ProgressStrip() {
  const inputs = useSession((s) => s.inputs);
  const byKey = useInputStatus((s) => s.byKey);
  if (!inputs.length) return null;
  if (inputs.length <= LISTED) {
    return (
      <ul className="progress-strip" aria-label="Inputs">
        {inputs.map((entry) => (
          <InputRow key={entry.key} entry={entry} state={byKey.get(entry.key)} />
        ))}
      </ul>
    );
  }
  const counts = { queued: 0, reading: 0, done: 0, failed: 0, alerts: 0, problems: 0 };
  for (const entry of inputs) {
    const state = byKey.get(entry.key);
    counts[state?.phase ?? 'queued']++;
    if (state?.phase === 'done') {
      counts.alerts += state.summary.alerts;
      counts.problems += state.summary.problems;
    }
  }
  const notable = inputs.filter((e) => ['reading', 'failed'].includes(byKey.get(e.key)?.phase ?? '')).slice(0, LISTED);
  return (
    <ul className="progress-strip" aria-label="Inputs">
      <li>
        <strong>{inputs.length} files</strong>: {counts.done} read, {counts.reading} reading, {counts.queued} queued
        {counts.failed ? `, ${counts.failed} could not be read` : ''} · {counts.alerts} alerts, {counts.problems} problems
      </li>
      {notable.map((entry) => (
        <InputRow key={entry.key} entry={entry} state={byKey.get(entry.key)} />
      ))}
    </ul>
  );
}
