/** Save text as a file through a temporary object URL: no network, works from file:// too. */
export function downloadText(fileName: string, text: string, mime = 'text/markdown'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from free text (rule names contain spaces, slashes, colons). */
export function safeFileName(text: string, extension: string): string {
  const base = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'report';
  return `${base}.${extension}`;
}
