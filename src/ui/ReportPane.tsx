import { useIncidentMarkdown, useReport } from '../data/hooks';
import { downloadText } from '../data/download';
import { incidentFileName } from '../data/exportText';
import { useSession, type ReportTab } from '../state/session';
import { AlertsTab } from './AlertsTab';
import { MarkdownPreview } from './MarkdownPreview';
import { PaneBoundary } from './PaneBoundary';
import { ReportView } from './report/ReportView';
import { TriageBar } from './report/TriageBar';
import { Clipped } from './report/Clipped';
import { ReportContext } from './report/ReportContext';

/** Characters of a rule name or entity shown in the header (a rule name can be a megabyte). */
const TITLE_LIMIT = 500;

const TABS: { id: ReportTab; label: string }[] = [
  { id: 'report', label: 'Report' },
  { id: 'markdown', label: 'Markdown preview' },
  { id: 'alerts', label: 'Alerts' },
];

export function ReportPane() {
  const selectedId = useSession((s) => s.selectedId);
  const tab = useSession((s) => s.tab);
  const setTab = useSession((s) => s.setTab);
  const report = useReport(selectedId);
  const markdown = useIncidentMarkdown(selectedId);
  if (!selectedId) {
    return (
      <section id="report-pane" className="report-pane empty" tabIndex={-1} aria-label="Report">
        <p>Select an incident to read its report.</p>
      </section>
    );
  }
  if (!report.data) {
    return (
      <section id="report-pane" className="report-pane" tabIndex={-1} aria-label="Report">
        <p>{report.isError ? `Could not build the report: ${report.error.message}` : report.isFetching ? 'Building report…' : 'This incident is not in the current session.'}</p>
      </section>
    );
  }
  const data = report.data;
  return (
    <section id="report-pane" className="report-pane" tabIndex={-1} aria-label="Report">
      <header className="report-header">
        <div className="report-title-row">
          <h1 className="report-title">
            <Clipped text={data.incident.rule} limit={TITLE_LIMIT} />
          </h1>
          <div className="report-actions">
            <button
              type="button"
              className="primary"
              disabled={!markdown.data}
              onClick={() => markdown.data && downloadText(incidentFileName(data.incident, new Date().toISOString(), 'md'), markdown.data)}
            >
              Export Markdown
            </button>
          </div>
        </div>
        <p className="report-subtitle">
          {data.incident.priority} · {data.incident.count} alert{data.incident.count === 1 ? '' : 's'} · <Clipped text={data.incident.entity.label} limit={TITLE_LIMIT} />
          {data.playbook && !data.playbook.generic ? ` · playbook ${data.playbook.id}` : ''}
        </p>
        <PaneBoundary what="Triage" resetKey={data.incident.id}>
          <TriageBar incidentId={data.incident.id} />
        </PaneBoundary>
      </header>
      <div role="tablist" aria-label="Report views" className="tabs">
        {TABS.map((t) => (
          <button key={t.id} role="tab" type="button" aria-selected={tab === t.id} aria-controls={`tab-${t.id}`} id={`tab-button-${t.id}`} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tab-${tab}`} aria-labelledby={`tab-button-${tab}`} className="tab-panel">
        <PaneBoundary what={tab === 'report' ? 'This report' : tab === 'markdown' ? 'The Markdown preview' : 'The alerts'} resetKey={`${tab}:${data.incident.id}`}>
          {tab === 'report' ? <ReportView report={data} /> : null}
          {tab === 'report' ? <ReportContext incidentId={data.incident.id} /> : null}
          {tab === 'markdown' ? markdown.data !== undefined ? <MarkdownPreview markdown={markdown.data} /> : <p>Rendering…</p> : null}
          {tab === 'alerts' ? <AlertsTab incident={data.incident} /> : null}
        </PaneBoundary>
      </div>
    </section>
  );
}
