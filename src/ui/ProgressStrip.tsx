import { cancelInput, useInputStatus, type InputState } from '../data/ingestQueue';
import { useCounters } from '../data/hooks';
import { removeInput } from '../data/savedSession';
import { useSession, type InputEntry } from '../state/session';
import { countOf, formatBytes, formatCount } from './format';

function RemoveButton({ entry }: { entry: InputEntry }) {
  return (
    <button type="button" className="link-button" aria-label={`Remove ${entry.name}`} title="Close this file: its alerts leave the session" onClick={() => void removeInput(entry.key)}>
      Remove
    </button>
  );
}

/** Sample alerts are labelled wherever they are listed: never mistaken for real data. */
function SampleLabel({ entry }: { entry: InputEntry }) {
  return entry.sample ? <span className="sample-label">sample alerts</span> : null;
}

/** Beyond this many inputs, the strip lists what is in progress or failed and sums the rest. */
const LISTED = 12;

function InputRow({ entry, state }: { entry: InputEntry; state: InputState | undefined }) {
  if (state?.phase === 'failed') {
    return (
      <li className="input-error">
        {entry.name}: could not be read ({state.message})
        <RemoveButton entry={entry} />
      </li>
    );
  }
  if (state?.phase === 'done') {
    const { summary } = state;
    return (
      <li>
        <strong>{entry.name}</strong>
        <SampleLabel entry={entry} />:{' '}
        {summary.format === 'rules' ? `rules file, ${formatCount(summary.rulesItems ?? 0)} items loaded, ` : ''}
        {countOf(summary.alerts, 'alert')}, {countOf(summary.problems, 'problem')}
        {summary.duplicates ? <span className="duplicates">, {countOf(summary.duplicates, 'duplicate')} skipped (already loaded)</span> : null}
        {summary.duplicateOf !== undefined ? <span className="duplicates"> (the same content as {summary.duplicateOf}: nothing added)</span> : null}
        {summary.cancelled ? ' (cancelled, partial)' : ''} · {formatBytes(summary.bytes)}
        {summary.gzip ? ' gzip' : ''}
        <RemoveButton entry={entry} />
      </li>
    );
  }
  const progress = state?.phase === 'reading' ? state.progress : undefined;
  const fraction = progress && progress.totalBytes ? Math.min(1, progress.bytesRead / progress.totalBytes) : 0;
  return (
    <li className="reading">
      <strong>{entry.name}</strong>
      <SampleLabel entry={entry} />: {state?.phase === 'reading' ? 'reading' : 'queued'} {formatBytes(progress?.bytesRead ?? 0)} of{' '}
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
  const counters = useCounters();
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
  const counts = { queued: 0, reading: 0, done: 0, failed: 0 };
  for (const entry of inputs) counts[byKey.get(entry.key)?.phase ?? 'queued']++;
  const notable = inputs.filter((e) => ['reading', 'failed'].includes(byKey.get(e.key)?.phase ?? '')).slice(0, LISTED);
  return (
    <ul className="progress-strip" aria-label="Inputs">
      <li>
        <strong>{inputs.length} files</strong>: {counts.done} read, {counts.reading} reading, {counts.queued} queued
        {counts.failed ? `, ${counts.failed} could not be read` : ''}
        {/* The session's totals, as the header and the list show them (one source: the engine). */}
        {counters ? ` · ${countOf(counters.alerts, 'alert')}, ${countOf(counters.problems, 'problem')}${counters.duplicates ? `, ${countOf(counters.duplicates, 'duplicate')} skipped` : ''}` : ''}
      </li>
      {notable.map((entry) => (
        <InputRow key={entry.key} entry={entry} state={byKey.get(entry.key)} />
      ))}
    </ul>
  );
}
