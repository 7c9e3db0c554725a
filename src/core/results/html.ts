// A result document's Markdown as HTML for the result view. Safe whatever the server wrote: raw HTML
// is shown as text, links keep only the schemes a result may point at, and an image is shown only
// where the host says it may load from (results saved on this machine), otherwise its alt text is.
import MarkdownIt from 'markdown-it';

export interface HtmlLinks {
  /** Where the view may load the image `src` from, or undefined to show its alt text instead. */
  image(src: string): string | undefined;
}

/** Schemes a link in a result may use: the web, mail, files we saved and the connection's resources. */
const LINK = /^(https?|mailto|file|agentcore-mcp-resource):/i;

const escape = (s: string) => s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

export function resultHtml(markdown: string, links: HtmlLinks): string {
  const md = new MarkdownIt({ html: false, linkify: false });
  md.validateLink = url => LINK.test(url.trim());
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    const src = links.image(token.attrGet('src') ?? '');
    if (!src) return `<span class="no-image">[${escape(alt || 'image')}: not loaded here]</span>`;
    token.attrSet('src', src);
    token.attrSet('alt', alt);
    return self.renderToken(tokens, idx, options);
  };
  return md.render(markdown);
}
