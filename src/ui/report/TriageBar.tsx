import { TRIAGE_STATUSES, useTriage, type TriageStatus } from '../../state/triage';

/** Status and notes of an incident, kept in IndexedDB and included in exports. */
export function TriageBar({ incidentId }: { incidentId: string }) {
  const note = useTriage((s) => s.byIncident[incidentId]);
  const setStatus = useTriage((s) => s.setStatus);
  const setNotes = useTriage((s) => s.setNotes);
  return (
    <div className="triage">
      <label>
        Status{' '}
        <select value={note?.status ?? 'new'} onChange={(e) => setStatus(incidentId, e.target.value as TriageStatus)}>
          {TRIAGE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="notes">
        Notes
        <textarea rows={1} value={note?.notes ?? ''} onChange={(e) => setNotes(incidentId, e.target.value)} placeholder="What you found, who you asked, what you decided" />
      </label>
    </div>
  );
}
