import { useState } from 'react';
import { engine } from '../data/engine';
import { downloadText } from '../data/download';
import { useSession } from '../state/session';
import { useTriage } from '../state/triage';

/** One Markdown document for the whole session, every incident by risk, triage included. */
export function ExportAllButton() {
  const incidents = useSession((s) => s.status?.incidents ?? 0);
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={incidents === 0 || busy}
      onClick={async () => {
        setBusy(true);
        try {
          const markdown = await engine.request({
            type: 'markdown',
            incidentIds: 'all',
            triage: useTriage.getState().byIncident,
            generatedAt: new Date().toISOString(),
          });
          downloadText(`falcoscope-session-${new Date().toISOString().slice(0, 10)}.md`, markdown);
        } finally {
          setBusy(false);
        }
      }}
    >
      Export all
    </button>
  );
}
