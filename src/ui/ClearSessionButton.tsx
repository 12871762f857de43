import { useState } from 'react';
import { clearSession } from '../data/savedSession';
import { useSession } from '../state/session';

/** Close every file and forget the session kept in this browser (after asking). */
export function ClearSessionButton() {
  const files = useSession((s) => s.inputs.length);
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      title="Close every file and forget the alerts and triage kept in this browser"
      onClick={async () => {
        if (!window.confirm(`Clear the session? The ${files === 1 ? 'file' : `${files} files`} and every triage status and note are forgotten in this browser.`)) return;
        setBusy(true);
        try {
          await clearSession();
        } finally {
          setBusy(false);
        }
      }}
    >
      Clear session
    </button>
  );
}
