import { shortTime } from '../analyze/time';

/** Display helpers shared by components (pure). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** `2024-08-07T13:49:51.703321833Z` -> `2024-08-07 13:49:51`; '' stays ''. */
export function formatTime(iso: string): string {
  return shortTime(iso) || iso;
}

export function formatMs(ms: number): string {
  return Number.isFinite(ms) ? formatTime(new Date(ms).toISOString()) : '';
}
