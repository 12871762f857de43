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

const PRIORITY = '(Emergency|Alert|Critical|Error|Warning|Notice|Informational|Info|Debug)';
/** Falco's text output: `<time>: <Priority> <message>`, time as ISO 8601 or Falco's short form. */
const FALCO_TEXT_LINE = new RegExp(`^(?:\\d{4}-\\d{2}-\\d{2}T[\\d:.]+(?:Z|[+-]\\d{2}:?\\d{2})?|\\d{2}:\\d{2}:\\d{2}\\.\\d+): ${PRIORITY} `);
/** The same behind a syslog header (`<5>Aug  7 13:49:51 host falco: ...`, `... falco[12]: ...`). */
const FALCO_SYSLOG_LINE = new RegExp(`\\bfalco(?:\\[\\d+\\])?: (?:.*: )?${PRIORITY} `, 'i');

export function diagnoseNoAlerts(head: Uint8Array, headText: string): NoAlertsDiagnosis {
  if (head.length === 0) return { cause: 'the file is empty.', fix: 'Check that Falco wrote to this file, or open the file it writes to (file_output.filename in falco.yaml).' };
  for (const [bytes, what] of MAGIC) {
    if (bytes.every((b, i) => head[i] === b)) return { cause: `this is ${what}, not Falco output.`, fix: "Open Falco's JSON output: " + JSON_OUTPUT_FIX };
  }
  const lines = headText.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 50);
  if (lines.some((l) => FALCO_TEXT_LINE.test(l) || FALCO_SYSLOG_LINE.test(l))) {
    return { cause: "this is Falco's text output; falcoscope reads its JSON output.", fix: JSON_OUTPUT_FIX };
  }
  const first = lines[0]?.trim() ?? '';
  if (first.startsWith('{') || first.startsWith('[')) {
    return { cause: 'this is JSON, but no object in it has the fields of a Falco alert (rule, output, priority, time).', fix: "Open Falco's own JSON output, or falcosidekick's payloads; the problems list names the line and the reason for each record." };
  }
  if (lines.length > 1 && first.split(',').length >= 3 && lines.every((l) => !l.includes('{'))) {
    return { cause: 'this looks like CSV, which carries no Falco alert fields.', fix: "Export the alerts as JSON from where they are stored, or open Falco's JSON output: " + JSON_OUTPUT_FIX };
  }
  return { cause: 'no record in it is a Falco alert.', fix: "The problems list names each line and the reason. falcoscope reads Falco's JSON output: " + JSON_OUTPUT_FIX };
}
