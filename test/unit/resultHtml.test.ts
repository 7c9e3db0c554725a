// The result view's HTML: whatever a server wrote, raw HTML stays text, links keep only the schemes a
// result may use, and images load only from where the host allows; the whole sampling request for the
// consent question keeps every field and cuts only very long strings.
import * as assert from 'node:assert';
import { resultHtml } from '../../src/core/results/html';
import { renderToolResult } from '../../src/core/results/markdown';
import { wholeRequest } from '../../src/core/sampling/describe';

const saved = 'file:///storage/results/1-image-1.png';
const allowSaved = { image: (src: string) => (src === saved ? 'https://view/1-image-1.png' : undefined) };

describe('result HTML', () => {
  it('renders a tool result: headings, the saved image through the host, resource links kept', () => {
    const md = renderToolResult({
      content: [
        { type: 'text', text: 'Here is **bold**' },
        { type: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' },
        { type: 'resource_link', uri: 'test://static/resource/2', name: 'Text Resource 2' },
      ],
    }, { tool: 'get-tiny-image', connection: 'everything', args: {}, durationMs: 3, at: new Date(0) }, {
      resource: uri => `agentcore-mcp-resource:/everything/2?${encodeURIComponent(uri)}`,
      binary: (_k, mimeType) => ({ mimeType, bytes: 8, link: saved }),
    });
    const html = resultHtml(md, allowSaved);
    assert.match(html, /<h1>get-tiny-image — everything<\/h1>/);
    assert.match(html, /<strong>bold<\/strong>/);
    assert.match(html, /<img src="https:\/\/view\/1-image-1.png" alt="image 2">/, "the image is the second block");
    assert.match(html, /<a href="agentcore-mcp-resource:\/everything\/2\?test%3A%2F%2Fstatic%2Fresource%2F2">Text Resource 2<\/a>/);
    assert.match(html, /<a href="file:\/\/\/storage\/results\/1-image-1.png">Open the image<\/a>/);
  });

  const hostile: Array<[string, RegExp]> = [
    ['<img src=x onerror=alert(1)><script>alert(2)</script>', /&lt;img src=x onerror=alert\(1\)&gt;&lt;script&gt;/],
    ['[run](command:workbench.action.terminal.new)', /\[run\]\(command:workbench.action.terminal.new\)/],
    ['[js](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)', /\[js\]\(javascript:alert\(1\)\)/],
    ['![pixel](https://tracker.example/p.png)', /<span class="no-image">\[pixel: not loaded here\]<\/span>/],
    ['![x"><script>](file:///etc/passwd)', /<span class="no-image">\[x&#34;&#62;&#60;script&#62;: not loaded here\]<\/span>/],
    ['<a href="https://evil.example" onclick="x()">x</a>', /&lt;a href=&quot;https:\/\/evil.example&quot;/],
  ];
  for (const [text, expected] of hostile) {
    it(`keeps server text inert: ${JSON.stringify(text.slice(0, 40))}`, () => {
      const html = resultHtml(text, allowSaved);
      assert.match(html, expected);
      assert.doesNotMatch(html, /<(script|img|iframe)\b|\bon\w+="|href="(command|javascript|data):/i, html);
    });
  }

  it('links to the web and mail stay links (VS Code asks before opening them)', () => {
    const html = resultHtml('[docs](https://example.com/a?b=1) [mail](mailto:a@example.com)', allowSaved);
    assert.match(html, /<a href="https:\/\/example.com\/a\?b=1">docs<\/a>/);
    assert.match(html, /<a href="mailto:a@example.com">mail<\/a>/);
  });
});

describe('the whole sampling request', () => {
  it('keeps every field, and cuts a string over 20,000 characters where it says so', () => {
    const data = 'A'.repeat(50_000);
    const text = wholeRequest({ messages: [{ role: 'user', content: { type: 'image', mimeType: 'image/png', data } }], maxTokens: 400, systemPrompt: 'Be brief.' });
    const back = JSON.parse(text) as { maxTokens: number; systemPrompt: string; messages: Array<{ content: { data: string } }> };
    assert.deepStrictEqual([back.maxTokens, back.systemPrompt], [400, 'Be brief.']);
    assert.strictEqual(back.messages[0].content.data, `${'A'.repeat(200)}… (50,000 characters; the rest is not shown)`);
    assert.ok(text.length < 2_000);
  });

  it('shows a request that is not an object as it came', () => {
    assert.strictEqual(wholeRequest(undefined), 'null');
    assert.strictEqual(wholeRequest('x'), '"x"');
  });
});
