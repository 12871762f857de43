import { useId, useRef } from 'react';
import { useSession } from '../state/session';

/** The file picker. Its accessible label is what tests and screen readers look for. */
export function OpenFilesButton({ primary = false }: { primary?: boolean }) {
  const addFiles = useSession((s) => s.addFiles);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  return (
    <span className="open-files">
      <label htmlFor={id} className={primary ? 'button primary' : 'button'}>
        Open alert files
      </label>
      <input
        id={id}
        ref={input}
        className="visually-hidden"
        type="file"
        multiple
        aria-label="Open alert files"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          if (files.length) addFiles(files);
          event.target.value = '';
        }}
      />
    </span>
  );
}
