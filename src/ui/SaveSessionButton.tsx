import { useState } from 'react';
import { saveSession } from '../data/requests';
import { useSession } from '../state/session';

/** Save alerts, problems and triage as one file; "Open alert files" opens it again. */
export function SaveSessionButton() {
  const hasAlerts = useSession((s) => (s.status?.alerts ?? 0) + (s.status?.problems ?? 0) > 0);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <>
    <button
      type="button"
      disabled={!hasAlerts || busy}
      title="Save alerts, problems, statuses and notes to one file you can open later or hand to a colleague"
      onClick={async () => {
        setBusy(true);
        setFailed(null);
        try {
          await saveSession();
        } catch (error) {
          setFailed(`Save session failed: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          setBusy(false);
        }
      }}
    >
      Save session
    </button>
    {failed && <span role="alert">{failed}</span>}
    </>
  );
}
