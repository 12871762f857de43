/** An incident's triage status as a small coloured label ('new' reads "untriaged" on hover). */
export function StatusChip({ status }: { status: string }) {
  return (
    <span className={`status-chip status-${status}`} title={status === 'new' ? 'Status: new (untriaged)' : `Status: ${status}`}>
      {status}
    </span>
  );
}
