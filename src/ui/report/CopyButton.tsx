import { useState } from 'react';

/** Copy to clipboard; says so when it worked (the clipboard may be denied on file://). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'done' | 'failed'>('idle');
  return (
    <button
      type="button"
      className="copy"
      onClick={() =>
        navigator.clipboard.writeText(text).then(
          () => setState('done'),
          () => setState('failed'),
        )
      }
    >
      {state === 'done' ? 'Copied' : state === 'failed' ? 'Copy blocked' : label}
    </button>
  );
}
