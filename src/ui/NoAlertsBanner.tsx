import { useInputStatus } from '../data/ingestQueue';
import { useSession } from '../state/session';

/** At most this many inputs are named; a drop of hundreds of bad files still fits on a screen. */
const SHOWN = 5;

/**
 * Inputs that gave no alert at all, at the top of the page: the cause and the fix ("this is
 * Falco's own log, not its alerts"), instead of an empty workspace with the line-by-line
 * reasons below the fold.
 */
export function NoAlertsBanner() {
  const inputs = useSession((s) => s.inputs);
  const byKey = useInputStatus((s) => s.byKey);
  const empty = inputs.flatMap((entry) => {
    const state = byKey.get(entry.key);
    return state?.phase === 'done' && state.summary.noAlerts ? [{ entry, diagnosis: state.summary.noAlerts }] : [];
  });
  if (empty.length === 0) return null;
  return (
    <div className="banner error no-alerts" role="alert">
      <ul>
        {empty.slice(0, SHOWN).map(({ entry, diagnosis }) => (
          <li key={entry.key}>
            <strong>{entry.name}</strong>: no alerts loaded: {diagnosis.cause} {diagnosis.fix}
          </li>
        ))}
        {empty.length > SHOWN ? <li>and {empty.length - SHOWN} more files with no alert (see the problems list)</li> : null}
      </ul>
    </div>
  );
}
