import { useEffect, useRef } from 'react';

const SHORTCUTS: [string, string][] = [
  ['j / ↓', 'next incident'],
  ['k / ↑', 'previous incident'],
  ['Enter', 'move focus to the report'],
  ['/', 'search'],
  ['?', 'this list'],
  ['Esc', 'close dialogs'],
];

/** "?" opens the list of keyboard shortcuts; "/" jumps to search. */
export function ShortcutsDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest('input, textarea, select, [contenteditable]')) return;
      if (event.key === '?') {
        dialog.current?.showModal();
        event.preventDefault();
      } else if (event.key === '/') {
        document.querySelector<HTMLInputElement>('input[type=search]')?.focus();
        event.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
