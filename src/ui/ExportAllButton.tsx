import { useState } from 'react';
import { exportAllMarkdown } from '../data/requests';
import { useSession } from '../state/session';

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
          await exportAllMarkdown();
        } finally {
          setBusy(false);
        }
      }}
    >
      Export all
    </button>
  );
}
