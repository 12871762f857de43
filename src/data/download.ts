/** Save text as a file through a temporary object URL: no network, works from file:// too. */
export function downloadText(fileName: string, text: string, mime = 'text/markdown'): void {
  saveBlob(fileName, new Blob([text], { type: `${mime};charset=utf-8` }));
}

/**
 * Save a Blob (built from parts by export/chunks.ts) as a file, through an object URL: the
 * browser writes the file from the Blob's parts, so no string of the whole file ever exists.
 * (The File System Access picker is not used: it would open a native dialog in place of the
 * download the analyst and the end-to-end tests expect.)
 */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
