/**
 * Why an input gave no alert at all, and what to do about it: the analyst sees this at the top of
 * the page instead of an empty workspace with the reasons below the fold. Judged from the input's
 * first bytes (decompressed when it was gzip), so it costs nothing for inputs that loaded.
 */

import type { NoAlertsDiagnosis } from '../model';

export type { NoAlertsDiagnosis };

const JSON_OUTPUT_FIX =
  'Set json_output: true in falco.yaml (or start Falco with -o json_output=true) and open the JSON lines it then writes.';

const MAGIC: Array<[bytes: number[], what: string]> = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive'],
  [[0x7f, 0x45, 0x4c, 0x46], 'a program (ELF binary)'],
];

/**
 * Falco's own log messages (what it prints on start and when it loads rules), not its alerts:
 * `Wed Dec  2 11:30:25 2026: Falco version: 0.41.0`, also behind a syslog header. Falco's text
 * output (`<time>: <Priority> ...`) is read as alerts since falcoscope reads it (falcoText.ts).
 */
const FALCO_LOG_LINE = /(?:^|\bfalco(?:\[\d+\])?: )[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}: /;

const READS =
  "falcoscope reads Falco's output (JSON, or text as json_output: false writes it), falcosidekick's payloads and Elasticsearch/OpenSearch, Loki, S3 and GCS exports of them.";

export function diagnoseNoAlerts(head: Uint8Array, headText: string): NoAlertsDiagnosis {
  if (head.length === 0) return { cause: 'the file is empty.', fix: 'Check that Falco wrote to this file, or open the file it writes to (file_output.filename in falco.yaml).' };
  for (const [bytes, what] of MAGIC) {
    if (bytes.every((b, i) => head[i] === b)) return { cause: `this is ${what}, not Falco output.`, fix: "Open Falco's JSON output: " + JSON_OUTPUT_FIX };
  }
  const lines = headText.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 50);
  if (lines.some((l) => FALCO_LOG_LINE.test(l))) {
    return {
      cause: "this is Falco's own log (start-up and status messages), with no alert in it.",
      fix: 'Open the file Falco writes its alerts to (file_output.filename in falco.yaml), or the output of a Falco that raised alerts. ' + READS,
    };
  }
  const first = lines[0]?.trim() ?? '';
  if (first.startsWith('{') || first.startsWith('[')) {
    return { cause: 'this is JSON, but no object in it has the fields of a Falco alert (rule, output, priority, time).', fix: 'The problems list names the line and the reason for each record. ' + READS };
  }
  if (lines.length > 1 && first.split(',').length >= 3 && lines.every((l) => !l.includes('{'))) {
    return { cause: 'this looks like CSV, which carries no Falco alert fields.', fix: "Export the alerts as JSON from where they are stored, or open Falco's JSON output: " + JSON_OUTPUT_FIX };
  }
  return { cause: 'no record in it is a Falco alert.', fix: 'The problems list names each line and the reason. ' + READS };
}
