import { useState } from 'react';
import { exportSet, listIds } from '../data/requests';
import { useViewContext } from '../data/hooks';
import { downloadText } from '../data/download';
import { incidentSetFileName } from '../data/exportText';
import { useListSelection } from '../state/listSelection';
import { useSession } from '../state/session';
import { TRIAGE_STATUSES, useTriage } from '../state/triage';
import type { ExportFormat } from '../model';
import { formatCount } from './format';

const FORMATS: { format: ExportFormat; label: string; mime: string }[] = [
  { format: 'md', label: 'Markdown', mime: 'text/markdown' },
  { format: 'csv', label: 'CSV', mime: 'text/csv' },
  { format: 'json', label: 'JSON', mime: 'application/json' },
];

/**
 * Above the list: what is ticked, a status for all of it at once, and an export of the ticked
 * incidents or, with none ticked, of every incident the filters show.
 */
export function ListToolbar({ shown }: { shown: number }) {
  const ticked = useListSelection((s) => s.ids);
  const clear = useListSelection((s) => s.clear);
  const filter = useSession((s) => s.filter);
  const context = useViewContext();
  const [busy, setBusy] = useState(false);
  const count = ticked.size || shown;
  const what = ticked.size ? 'selected' : 'shown';

  const exportAs = async (format: ExportFormat, mime: string) => {
    setBusy(true);
    try {
      const generatedAt = new Date().toISOString();
      const result = await exportSet(format, ticked.size ? { ids: [...ticked] } : { filter, context }, generatedAt);
      downloadText(incidentSetFileName(ticked.size ? 'selected' : 'filtered', result.count, generatedAt, format), result.text, mime);
    } finally {
      setBusy(false);
    }
  };

  const selectShown = async () => {
    useListSelection.getState().add(await listIds(filter, context, 0, shown));
  };

  return (
    <div className="list-toolbar">
      <div className="list-toolbar-row" role="group" aria-label="Selection">
        {ticked.size ? (
          <>
            <span className="list-selected" aria-live="polite">
              {formatCount(ticked.size)} selected
            </span>
            <button type="button" className="link" onClick={clear}>
              Clear selection
            </button>
          </>
        ) : (
          <button type="button" className="link" disabled={shown === 0} onClick={() => void selectShown()}>
            Select all {formatCount(shown)} shown
          </button>
        )}
      </div>
      {ticked.size ? (
        <div className="list-toolbar-row" role="group" aria-label="Set status of selected">
          <span>Mark as</span>
          {TRIAGE_STATUSES.map((status) => (
            <button key={status} type="button" className={`status-button status-${status}`} onClick={() => useTriage.getState().setStatusMany([...ticked], status)}>
              {status}
            </button>
          ))}
        </div>
      ) : null}
      <div className="list-toolbar-row" role="group" aria-label={`Export ${formatCount(count)} ${what}`}>
        <span>
          Export {formatCount(count)} {what}
        </span>
        {FORMATS.map(({ format, label, mime }) => (
          <button key={format} type="button" disabled={busy || count === 0} onClick={() => void exportAs(format, mime)}>
            {label}
          </button>
        ))}
      </div>
    </div>
  );
}
