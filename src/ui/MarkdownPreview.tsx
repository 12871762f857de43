import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

/**
 * Renders the exported Markdown string itself, so the preview is the export. No raw HTML;
 * links and images are shown as their text (our Markdown has none; escaped alert text cannot
 * make any, and this is the second wall).
 */
export function MarkdownPreview({ markdown }: { markdown: string }) {
  return (
    <div className="markdown-preview">
      <Markdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        components={{
          a: ({ children }) => <span className="inert-link">{children}</span>,
          img: ({ alt }) => <span className="inert-image">{alt}</span>,
        }}
      >
        {markdown}
      </Markdown>
    </div>
  );
}
