/**
 * What the page's buttons ask of the engine beyond reading (hooks.ts): save the session, export
 * every incident. Each saves the engine's answer: a Blob the worker built from parts, so no
 * string of the whole file ever exists (export/chunks.ts).
 */
import { engine } from './engine';
import { saveBlob } from './download';
import { useTriage } from '../state/triage';

/** Alerts, problems and triage as one session file, downloaded. */
export async function saveSession(): Promise<void> {
  const savedAt = new Date().toISOString();
  const file = await engine.request({ type: 'saveSessionFile', triage: useTriage.getState().byIncident, savedAt });
  saveBlob(`falcoscope-session-${savedAt.slice(0, 10)}.falcoscope.json`, file);
}

/** One Markdown document for the whole session, every incident by risk, triage included, downloaded. */
export async function exportAllMarkdown(): Promise<void> {
  const markdown = await engine.request({
    type: 'markdownFile',
    incidentIds: 'all',
    triage: useTriage.getState().byIncident,
    generatedAt: new Date().toISOString(),
  });
  saveBlob(`falcoscope-session-${new Date().toISOString().slice(0, 10)}.md`, markdown);
}
