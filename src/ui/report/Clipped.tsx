import { REPORT_VALUE_CHARS } from '../../model';

/** Longest run of an alert value the page lays out; longer values are cut for display only. */
export const DISPLAY_LIMIT = 4096;

/**
 * Attacker-controlled values can be megabytes long: laying out one such unbroken string in a
 * table cell freezes the tab for minutes. Show the start and say how much was left out; the
 * export, Copy buttons and raw JSON keep the whole value.
 */
export function Clipped({ text, limit = DISPLAY_LIMIT }: { text: string; limit?: number }) {
  if (text.length <= limit) return <>{text}</>;
  return (
    <>
      {text.slice(0, limit)}
      <span className="clipped-note"> … {(text.length - limit).toLocaleString('en')} more characters (in the export)</span>
    </>
  );
}

/**
 * After a text the engine sent cut (model/report.ts REPORT_VALUE_CHARS): how much of it there is,
 * where the whole is. Nothing when `length` is undefined (the text is whole).
 */
export function CutNote({ length }: { length: number | undefined }) {
  if (length === undefined) return null;
  return (
    <span className="clipped-note">
      {' '}
      … cut at {REPORT_VALUE_CHARS.toLocaleString('en')} of {length.toLocaleString('en')} characters (Save session keeps it whole)
    </span>
  );
}

/** An attribute (aria-label, title) never holds a whole hostile value: the accessibility tree copies it. */
export function clipLabel(text: string, limit = 200): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}
