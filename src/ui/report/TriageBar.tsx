import { TRIAGE_STATUSES, useTriage } from '../../state/triage';

/** Status and notes of an incident, kept in IndexedDB and included in exports. */
export function TriageBar({ incidentId }: { incidentId: string }) {
  const note = useTriage((s) => s.byIncident[incidentId]);
  const setStatus = useTriage((s) => s.setStatus);
  const setNotes = useTriage((s) => s.setNotes);
  const status = note?.status ?? 'new';
  return (
    <div className="triage">
      {/* Buttons, not a <select> or radios: arrow keys over a focused select or radio group change
          the status without the analyst meaning to. A status changes only on a click, Enter or Space. */}
      <div className="status-buttons" role="group" aria-label="Triage status">
        <span aria-hidden>Status</span>
        {TRIAGE_STATUSES.map((s) => (
          <button key={s} type="button" className={`status-button status-${s}`} aria-pressed={status === s} onClick={() => setStatus(incidentId, s)}>
            {s}
          </button>
        ))}
      </div>
      <label className="notes">
        Notes
        <textarea rows={1} value={note?.notes ?? ''} onChange={(e) => setNotes(incidentId, e.target.value)} placeholder="What you found, who you asked, what you decided" />
      </label>
    </div>
  );
}
