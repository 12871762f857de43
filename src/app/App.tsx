import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './queryClient';
import { useCounters, useEngineStatus } from '../data/hooks';
import { useSavedSession } from '../data/savedSession';
import { useHashSync } from './useHashSync';
import { useIngestQueue } from '../data/ingestQueue';
import { useSession } from '../state/session';
import { DropZone } from '../ui/DropZone';
import { ExportAllButton } from '../ui/ExportAllButton';
import { SaveSessionButton } from '../ui/SaveSessionButton';
import { ClearSessionButton } from '../ui/ClearSessionButton';
import { MissingDataBanner } from '../ui/MissingDataBanner';
import { OpenFilesButton } from '../ui/OpenFilesButton';
import { PasteButton } from '../ui/PasteDialog';
import { PaneBoundary } from '../ui/PaneBoundary';
import { ProblemsPanel } from '../ui/ProblemsPanel';
import { ProgressStrip } from '../ui/ProgressStrip';
import { ShortcutsDialog } from '../ui/ShortcutsDialog';
import { RuleViewDialog, RulesButton } from '../ui/RuleViewDialog';
import { NoAlertsBanner } from '../ui/NoAlertsBanner';
import { TriageSaveError } from '../ui/TriageSaveError';
import { Welcome } from '../ui/Welcome';
import { Workspace } from '../ui/Workspace';
import { SkipToList } from '../ui/SkipToList';
import { countOf } from '../ui/format';
import logo from '../ui/logo.svg';

function Shell() {
  useEngineStatus();
  useIngestQueue();
  useHashSync();
  useSavedSession();
  const hasInputs = useSession((s) => s.inputs.length > 0);
  const samplesOnly = useSession((s) => s.inputs.length > 0 && s.inputs.every((i) => i.sample));
  const restoring = useSession((s) => s.restoring);
  const status = useCounters();
  return (
    <>
      {hasInputs ? <SkipToList /> : null}
      <header className="app-header">
        <div className="brand">
          <img src={logo} alt="" width={28} height={28} />
          <span className="name">falcoscope</span>
          <span className="tagline">Falco alert triage, in your browser</span>
        </div>
        {hasInputs ? (
          <nav className="actions" aria-label="Session">
            <OpenFilesButton />
            <PasteButton />
            <ExportAllButton />
            <SaveSessionButton />
            <RulesButton />
            <ClearSessionButton />
          </nav>
        ) : null}
        {status && status.inputs ? (
          <p className="session-stats" aria-live="polite">
            {samplesOnly ? <span className="sample-label">sample alerts</span> : null}
            {countOf(status.alerts, 'alert')} · {countOf(status.incidents, 'incident')} · {countOf(status.problems, 'problem')}
            {status.duplicates ? ` · ${countOf(status.duplicates, 'duplicate')} skipped` : ''}
          </p>
        ) : null}
      </header>
      <TriageSaveError />
      <MissingDataBanner />
      <NoAlertsBanner />
      <PaneBoundary what="The progress strip">
        <ProgressStrip />
      </PaneBoundary>
      <main>
        <PaneBoundary what="The workspace">
          {hasInputs ? (
            <Workspace />
          ) : restoring ? (
            <p className="restoring" role="status">
              Restoring your session ({restoring.files} {restoring.files === 1 ? 'file' : 'files'})…
            </p>
          ) : (
            <Welcome />
          )}
        </PaneBoundary>
      </main>
      <PaneBoundary what="The problems list" resetKey={status?.problems}>
        <ProblemsPanel />
      </PaneBoundary>
      <DropZone />
      <ShortcutsDialog />
      <PaneBoundary what="The rule view">
        <RuleViewDialog />
      </PaneBoundary>
    </>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Shell />
    </QueryClientProvider>
  );
}
