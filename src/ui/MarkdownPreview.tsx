import { useState } from 'react';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

/**
 * Renders the exported Markdown string itself, so the preview is the export. No raw HTML;
 * links and images are shown as their text (our Markdown has none; escaped alert text cannot
 * make any, and this is the second wall).
 */
/** Characters rendered at first: a report of 100,000 fields is megabytes of Markdown. */
export const PREVIEW_LIMIT = 256 * 1024;

export function MarkdownPreview({ markdown }: { markdown: string }) {
  const [all, setAll] = useState(false);
  const capped = !all && markdown.length > PREVIEW_LIMIT;
  return (
    <div className="markdown-preview">
      {capped ? (
        <p className="cap-note" role="note">
          The preview shows the first {PREVIEW_LIMIT.toLocaleString('en')} of {markdown.length.toLocaleString('en')} characters (the export holds them all).{' '}
          <button type="button" onClick={() => setAll(true)}>
            Render all
          </button>
        </p>
      ) : null}
      <Markdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        components={{
          a: ({ children }) => <span className="inert-link">{children}</span>,
          img: ({ alt }) => <span className="inert-image">{alt}</span>,
        }}
      >
        {capped ? markdown.slice(0, markdown.lastIndexOf('\n', PREVIEW_LIMIT) + 1 || PREVIEW_LIMIT) : markdown}
      </Markdown>
    </div>
  );
}
