// Server text shown as Markdown (tooltips, result documents) is text, not markup: a server must not be
// able to put links, remote images, HTML or theme icons in front of a person. These escape it.

/** Every character Markdown (CommonMark + GFM) or VS Code's theme icons (`$(name)`) give a meaning, escaped;
 *  HTML's `<` and `>` as entities; line breaks kept. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|~$:]/g, '\\$&').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inline code that no server text can break out of: a fence longer than any run of backticks inside. */
export function inlineCode(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map(r => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}
