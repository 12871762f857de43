import { useState } from 'react';

/**
 * Copy to clipboard; says so when it worked (the clipboard may be denied on file://). `text` may
 * be a function, so costly text (a section's Markdown) is built only on click.
 */
export function CopyButton({ text, label = 'Copy', className = 'copy' }: { text: string | (() => string); label?: string; className?: string }) {
  const [state, setState] = useState<'idle' | 'done' | 'failed'>('idle');
  return (
    <button
      type="button"
      className={className}
      onClick={() =>
        navigator.clipboard.writeText(typeof text === 'function' ? text() : text).then(
          () => setState('done'),
          () => setState('failed'),
        )
      }
    >
      {state === 'done' ? 'Copied' : state === 'failed' ? 'Copy blocked' : label}
    </button>
  );
}
