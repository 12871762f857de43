/** Longest message the CLI writes for one failure: a reason, not a dump of the input. */
const MAX_MESSAGE = 500;

/**
 * A message on one line: errors may quote input (line breaks, control characters, megabytes of
 * it), and every failure the CLI reports is one line on stderr.
 */
export function oneLine(message: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE)}...` : flat;
}
