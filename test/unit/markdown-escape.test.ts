// Server text in tooltips and result documents is text: rendered as Markdown (markdown-it, with GFM-style
// linkify as VS Code's renderer does), it yields no links, images or HTML, and reads as it was written.
import * as assert from 'node:assert';
import { escapeMarkdown, inlineCode } from '../../src/core/util/markdown';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (o: object) => { render(s: string): string };
const md = new MarkdownIt({ html: true, linkify: true });
const textOf = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim();

const hostile = [
  '[click me](command:workbench.action.terminal.new)',
  '![tracker](https://evil.example/pixel.png)',
  'see https://evil.example/login and www.evil.example',
  '<img src=x onerror=alert(1)> <script>alert(1)</script> <a href="https://evil.example">x</a>',
  '$(warning) spoofed icon, **bold**, _em_, `code`, # heading, > quote, | table |',
  '[ref][1]\n\n[1]: https://evil.example',
  'line one\nline two \\ backslash ~~strike~~ 1. list',
];

describe('escaping server text for Markdown', () => {
  for (const text of hostile) {
    it(`renders as plain text: ${JSON.stringify(text.slice(0, 40))}`, () => {
      const html = md.render(escapeMarkdown(text));
      assert.ok(!/<(a|img|script|strong|em|code|h\d|blockquote|table|del|ol)\b/i.test(html), html);
      assert.strictEqual(textOf(html).replace(/\s+/g, ' '), text.replace(/\s+/g, ' '));
    });
  }

  it('inline code holds any backticks without breaking out', () => {
    for (const s of ['plain', 'a`b', '``x``', '`lead', 'trail`', 'x\ny']) {
      const html = md.render(`before ${inlineCode(s)} after`);
      assert.strictEqual((html.match(/<code>/g) ?? []).length, 1, html);
      assert.strictEqual(textOf(html.match(/<code>([\s\S]*?)<\/code>/)![1]).trim(), s.replace(/\n/g, ' ').trim(), html);
    }
  });
});
