import { useTriage } from '../state/triage';

/**
 * A note that could not be written to the browser's storage (quota, private mode, a blocked
 * IndexedDB) lives only in this tab: say so at once, while the analyst can still save a session.
 */
export function TriageSaveError() {
  const error = useTriage((s) => s.writeError);
  const dismiss = useTriage((s) => s.dismissWriteError);
  if (!error) return null;
  return (
    <div className="banner error" role="alert">
      <p>
        Triage could not be saved in this browser ({error}). Your statuses and notes stay in this tab only: use
        &ldquo;Save session&rdquo; to keep them.
      </p>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
