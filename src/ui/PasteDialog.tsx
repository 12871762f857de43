import { useRef, useState } from 'react';
import { useSession } from '../state/session';

/** Paste alerts (NDJSON, an object, an array, syslog lines): detected by content like files. */
export function PasteButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const addText = useSession((s) => s.addText);
  const close = () => dialog.current?.close();
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()}>
        Paste alerts
      </button>
      <dialog ref={dialog} className="paste-dialog" aria-labelledby="paste-title">
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            if (text.trim()) addText('pasted alerts', text);
            setText('');
            close();
          }}
        >
          <h2 id="paste-title">Paste Falco alerts</h2>
          <p>One JSON alert per line, a single alert, a JSON array or syslog lines. Nothing leaves this page.</p>
          <textarea
            aria-label="Alert JSON"
            value={text}
            onChange={(event) => setText(event.target.value)}
            rows={14}
            spellCheck={false}
            autoFocus
          />
          <div className="dialog-actions">
            <button type="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={!text.trim()}>
              Analyze
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
