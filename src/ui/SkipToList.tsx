/**
 * The first stop of the Tab key: straight to the incident list, past the header and the filters.
 * A button, not `<a href="#…">`: the URL hash holds the view (state/urlHash.ts).
 */
export function SkipToList() {
  return (
    <button type="button" className="skip-link" onClick={() => document.getElementById('incident-list')?.focus()}>
      Skip to the incident list
    </button>
  );
}
