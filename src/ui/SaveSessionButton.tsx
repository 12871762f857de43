import { useState } from 'react';
import { engine } from '../data/engine';
import { downloadText } from '../data/download';
import { useSession } from '../state/session';
import { useTriage } from '../state/triage';

/** Save alerts, problems and triage as one file; "Open alert files" opens it again. */
export function SaveSessionButton() {
  const hasAlerts = useSession((s) => (s.status?.alerts ?? 0) + (s.status?.problems ?? 0) > 0);
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={!hasAlerts || busy}
      title="Save alerts, problems, statuses and notes to one file you can open later or hand to a colleague"
      onClick={async () => {
        setBusy(true);
        try {
          const savedAt = new Date().toISOString();
          const text = await engine.request({ type: 'saveSession', triage: useTriage.getState().byIncident, savedAt });
          downloadText(`falcoscope-session-${savedAt.slice(0, 10)}.falcoscope.json`, text, 'application/json');
        } finally {
          setBusy(false);
        }
      }}
    >
      Save session
    </button>
  );
}
