/** Display helpers shared by components (pure). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** `2024-08-07T13:49:51.703321833Z` -> `2024-08-07 13:49:51`; '' stays ''. */
export function formatTime(iso: string): string {
  // The UI's own display format (the engine's report prose has its own, analyze/time.ts): the UI
  // reads the engine's data through src/data, never the engine's modules.
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}

/** '' for a time no Date can print (toISOString throws beyond year 275760). */
export function formatMs(ms: number): string {
  const d = new Date(ms);
  return Number.isFinite(d.getTime()) ? formatTime(d.toISOString()) : '';
}

/** One locale for every count on the page, so `12,345` reads the same on every machine. */
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

/** 12345 -> `12,345`. */
export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
}

/** 1 -> `1 alert`, 12345 -> `12,345 alerts`: counts on the page read as English. */
export function countOf(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}
