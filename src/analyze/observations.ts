import type { Alert, IncidentSummary } from '../model';
import { fieldText } from '../knowledge/fieldValue';
import { eventGeneratorDoubt, eventGeneratorMatch } from '../knowledge/eventGenerator';
import { testPayloadNote } from '../knowledge/testPayload';
import type { Note } from '../knowledge/observation';
import { about } from '../knowledge/observation';

function generatorNote(generator: { field: string; value: string }): string {
  return `${generator.field}=${generator.value}: this is falcosecurity's event-generator, a tool that triggers Falco rules on purpose to test them. Confirm a test was scheduled; if so, this is a drill.`;
}

/** The generic notes that say "this is a drill": a likely-drill verdict says it instead (analyze/reportFit.ts). */
export function drillObservations(alert: Alert): string[] {
  const generator = eventGeneratorMatch(alert);
  const payload = testPayloadNote(alert);
  return [...(generator ? [generatorNote(generator)] : []), ...(payload ? [payload] : [])];
}

/**
 * Observations any alert can earn, whatever its rule: facts an analyst checks first.
 * Rule-specific ones come from the playbook's `observe`. Notes on a shared topic carry it, so
 * the report keeps one wording per topic (knowledge/observation.ts mergeObservations).
 */
export function commonObservations(alert: Alert, incident: IncidentSummary): Note[] {
  const notes: Note[] = [];
  const generator = eventGeneratorMatch(alert);
  // On the event-generator topic: a playbook's own note about the drill replaces this one.
  if (generator) notes.push(about('event-generator', generatorNote(generator)));
  const doubt = eventGeneratorDoubt(alert);
  if (doubt) notes.push(about('event-generator', doubt));
  const payload = testPayloadNote(alert);
  if (payload) notes.push(about('test-payload', payload));
  // Inferred tags are said where they are used (the tags field, the MITRE ATT&CK section), not here.
  const loginUid = fieldText(alert, 'user.loginuid');
  if (loginUid === '-1' || loginUid === '4294967295') {
    notes.push(about('login-session', 'user.loginuid=-1: no interactive login session behind it (typical of containers and daemons).'));
  }
  if (incident.count > 1) {
    const span = incident.lastSeenMs - incident.firstSeenMs;
    if (Number.isFinite(span)) {
      notes.push(span < 60_000 ? `All within ${humanSpan(span)}: a burst, one action repeated.` : `Spread over ${humanSpan(span)}: recurring activity.`);
    }
  }
  if (alert.sourceInferred) {
    notes.push(`The alert has no source field: ${alert.source}, from its field names.`);
  }
  return notes;
}

function humanSpan(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 172_800_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}
