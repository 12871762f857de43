/**
 * An observation with the topic it is about. Several sources can say something about the same
 * fact (the common observations and a playbook both explain an event-generator match or a
 * login UID); the report keeps one wording per topic, the most specific, decided by the topic
 * key and never by looking for words in the text.
 */
export interface Observation {
  readonly topic: ObservationTopic;
  readonly text: string;
}

/** Facts more than one source explains. A note without a topic is only about itself. */
export type ObservationTopic = 'event-generator' | 'login-session' | 'test-payload' | 'inferred-tags' | 'repetition' | 'inferred-source';

/** What observe functions return: a note only about itself, or one on a shared topic. */
export type Note = string | Observation;

export const about = (topic: ObservationTopic, text: string): Observation => ({ topic, text });

export const noteText = (n: Note): string => (typeof n === 'string' ? n : n.text);

/**
 * One wording per topic: `specific` (the playbook's) wins over `common` on the same topic;
 * notes without a topic are kept once each. Common notes come first, as before.
 */
export function mergeObservations(common: readonly Note[], specific: readonly Note[]): string[] {
  const covered = new Set(specific.flatMap((n) => (typeof n === 'string' ? [] : [n.topic])));
  const out: string[] = [];
  const seenTopics = new Set<string>();
  const seenText = new Set<string>();
  for (const n of [...common.filter((c) => typeof c === 'string' || !covered.has(c.topic)), ...specific]) {
    if (typeof n !== 'string') {
      if (seenTopics.has(n.topic)) continue;
      seenTopics.add(n.topic);
    }
    const text = noteText(n);
    if (text === '' || seenText.has(text)) continue;
    seenText.add(text);
    out.push(text);
  }
  return out;
}
