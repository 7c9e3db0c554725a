import * as assert from 'node:assert';
import { languageOf, promptAsText, RenderLinks, renderPrompt, renderToolResult, SHOWN_TEXT_CHARS } from '../../src/core/results/markdown';

const links = (): RenderLinks & { saved: Array<{ kind: string; mimeType: string; base64: string }> } => {
  const saved: Array<{ kind: string; mimeType: string; base64: string }> = [];
  return {
    saved,
    resource: uri => `res:${encodeURIComponent(uri)}`,
    binary: (kind, mimeType, base64) => { saved.push({ kind, mimeType, base64 }); return { mimeType, bytes: Buffer.from(base64, 'base64').length, link: `file:///tmp/${saved.length}` }; },
  };
};
const meta = { tool: 't', connection: 'c', args: { a: 1 }, durationMs: 12.4, at: new Date('2026-11-21T00:00:00Z') };

describe('result documents', () => {
  it('renders every content kind, structured content and the output check', () => {
    const l = links();
    const md = renderToolResult({
      content: [
        { type: 'text', text: 'plain words' },
        { type: 'image', mimeType: 'image/png', data: Buffer.from('png!').toString('base64') },
        { type: 'audio', mimeType: 'audio/wav', data: Buffer.from('wav').toString('base64') },
        { type: 'resource_link', uri: 'x://a', name: 'a', title: 'The A' },
        { type: 'resource', resource: { uri: 'x://b', mimeType: 'application/json', text: '{"b":1}' } },
        { type: 'resource', resource: { uri: 'x://c', mimeType: 'image/gif', blob: Buffer.from('gif').toString('base64') } },
      ],
      structuredContent: { sum: 3 },
    }, { ...meta, outputCheck: { valid: false, message: 'sum must be string' } }, l);
    assert.match(md, /^# t — c\n\n\*\*Succeeded\*\* · 12 ms · 2026-11-21T00:00:00\.000Z/);
    assert.match(md, /plain words/);
    assert.match(md, /\*\*Image\*\* \(image\/png, 4 B\)\n\n!\[image 2\]\(file:\/\/\/tmp\/1\)/);
    assert.match(md, /\*\*Audio\*\* \(audio\/wav, 3 B\): not played here\. \[Saved file\]\(file:\/\/\/tmp\/2\)/);
    assert.match(md, /\*\*Resource link\*\*: \[The A\]\(res:x%3A%2F%2Fa\) `x:\/\/a`/);
    assert.match(md, /```json\n\{"b":1\}\n```/);
    assert.match(md, /3 B of binary data — \[open\]\(file:\/\/\/tmp\/3\)/);
    assert.match(md, /## Structured content\n\n```json\n\{\n {2}"sum": 3\n\}\n```/);
    assert.match(md, /\*\*Output schema: mismatch\.\*\* sum must be string/);
    assert.deepStrictEqual(l.saved.map(s => s.kind), ['image', 'audio', 'image']);
  });

  it('marks isError results and fences text that contains backticks', () => {
    const md = renderToolResult({ isError: true, content: [{ type: 'resource', resource: { uri: 'x://d', text: 'a ``` b' } }] }, meta, links());
    assert.match(md, /the tool reported an error \(isError\)/);
    assert.match(md, /````plaintext\na ``` b\n````/);
  });

  it('renders prompts and copies them as text', () => {
    const result = { description: 'd', messages: [{ role: 'user' as const, content: { type: 'text' as const, text: 'Hi Kyoto' } }, { role: 'assistant' as const, content: { type: 'text' as const, text: 'Hello' } }] };
    const md = renderPrompt('p', 'c', { city: 'Kyoto' }, result, links());
    assert.match(md, /# Prompt p — c\n\nd\n\nArguments: `city` = "Kyoto"\n\n## 1\. user\n\nHi Kyoto\n\n## 2\. assistant\n\nHello/);
    assert.strictEqual(promptAsText(result), 'user:\nHi Kyoto\n\nassistant:\nHello');
  });

  it('picks an editor language from the MIME type', () => {
    assert.deepStrictEqual(['application/json', 'text/markdown', 'text/html; charset=utf-8', 'application/vnd.api+json', 'text/x-python', 'application/octet-stream', undefined].map(languageOf),
      ['json', 'markdown', 'html', 'json', 'python', 'plaintext', 'plaintext']);
  });
});

describe('a 100 MB result', () => {
  it('shows the first SHOWN_TEXT_CHARS of each long text with a link to all of it, when the host can save it', () => {
    const huge = 'x'.repeat(100 * 1024 * 1024);
    const saved: Array<{ hint: string; length: number }> = [];
    const links: RenderLinks = {
      resource: u => u, binary: (_k, mimeType, b64) => ({ mimeType, bytes: b64.length }),
      longText: (text, hint) => { saved.push({ hint, length: text.length }); return { mimeType: 'text/plain', bytes: text.length, link: `file:///saved/${hint}.txt` }; },
    };
    const result = { content: [{ type: 'text' as const, text: huge }, { type: 'resource' as const, resource: { uri: 'x://big', mimeType: 'application/json', text: huge } }], structuredContent: { huge } };
    const md = renderToolResult(result, { tool: 't', connection: 'c', args: {}, durationMs: 1, at: new Date(0) }, links);
    assert.ok(md.length < 4 * SHOWN_TEXT_CHARS, `the document has ${md.length} characters`);
    assert.deepStrictEqual(saved.map(s => s.hint), ['text-1', 'resource-2', 'structured']);
    assert.strictEqual(saved[0].length, huge.length, 'the saved text is all of it');
    assert.match(md, /… 104657600 more characters are not shown here \(100\.0 MB in all\)\. \[Open the whole text\]\(file:\/\/\/saved\/text-1\.txt\)/);
    // Without a place to save it (the command line), nothing is cut.
    const plain = renderToolResult({ content: [{ type: 'text', text: 'y'.repeat(SHOWN_TEXT_CHARS + 1) }] }, { tool: 't', connection: 'c', args: {}, durationMs: 1, at: new Date(0) }, { resource: u => u, binary: (_k, mimeType, b64) => ({ mimeType, bytes: b64.length }) });
    assert.ok(plain.includes('y'.repeat(SHOWN_TEXT_CHARS + 1)));
  });
});
