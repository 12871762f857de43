/**
 * What the page's buttons ask of the engine beyond reading (hooks.ts): save the session, export
 * every incident. Each downloads the engine's answer.
 */
import { engine } from './engine';
import { downloadText } from './download';
import { useTriage } from '../state/triage';

/** Alerts, problems and triage as one session file, downloaded. */
export async function saveSession(): Promise<void> {
  const savedAt = new Date().toISOString();
  const text = await engine.request({ type: 'saveSession', triage: useTriage.getState().byIncident, savedAt });
  downloadText(`falcoscope-session-${savedAt.slice(0, 10)}.falcoscope.json`, text, 'application/json');
}

/** One Markdown document for the whole session, every incident by risk, triage included, downloaded. */
export async function exportAllMarkdown(): Promise<void> {
  const markdown = await engine.request({
    type: 'markdown',
    incidentIds: 'all',
    triage: useTriage.getState().byIncident,
    generatedAt: new Date().toISOString(),
  });
  downloadText(`falcoscope-session-${new Date().toISOString().slice(0, 10)}.md`, markdown);
}
