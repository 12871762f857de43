import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './queryClient';
import { useEngineStatus } from '../data/hooks';
import { useHashSync } from './useHashSync';
import { useIngestQueue } from '../data/ingestQueue';
import { useSession } from '../state/session';
import { DropZone } from '../ui/DropZone';
import { ExportAllButton } from '../ui/ExportAllButton';
import { SaveSessionButton } from '../ui/SaveSessionButton';
import { LoadSamplesButton } from '../ui/LoadSamplesButton';
import { OpenFilesButton } from '../ui/OpenFilesButton';
import { PasteButton } from '../ui/PasteDialog';
import { PaneBoundary } from '../ui/PaneBoundary';
import { ProblemsPanel } from '../ui/ProblemsPanel';
import { ProgressStrip } from '../ui/ProgressStrip';
import { ShortcutsDialog } from '../ui/ShortcutsDialog';
import { NoAlertsBanner } from '../ui/NoAlertsBanner';
import { TriageSaveError } from '../ui/TriageSaveError';
import { Welcome } from '../ui/Welcome';
import { Workspace } from '../ui/Workspace';
import logo from '../ui/logo.svg';

function Shell() {
  useEngineStatus();
  useIngestQueue();
  useHashSync();
  const hasInputs = useSession((s) => s.inputs.length > 0);
  const status = useSession((s) => s.status);
  return (
    <>
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
            <LoadSamplesButton />
            <ExportAllButton />
            <SaveSessionButton />
          </nav>
        ) : null}
        {status && status.inputs ? (
          <p className="session-stats" aria-live="polite">
            {status.alerts} alerts · {status.incidents} incidents · {status.problems} problems
          </p>
        ) : null}
      </header>
      <TriageSaveError />
      <NoAlertsBanner />
      <PaneBoundary what="The progress strip">
        <ProgressStrip />
      </PaneBoundary>
      <main>
        <PaneBoundary what="The workspace">{hasInputs ? <Workspace /> : <Welcome />}</PaneBoundary>
      </main>
      <PaneBoundary what="The problems list" resetKey={status?.problems}>
        <ProblemsPanel />
      </PaneBoundary>
      <DropZone />
      <ShortcutsDialog />
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
