import * as assert from 'node:assert';
import {
  carriesImages, checkParams, describeRequest, excerpt, SamplingErrorCode, systemPromptText, toChatRequest, type ChatRequest, type Invalid, type ModelInfo,
} from '../../src/core/sampling';

const seeing: ModelInfo = { vendor: 'copilot', id: 'gpt-4o', name: 'GPT-4o', family: 'gpt-4o', capabilities: { imageInput: true } };
const blind: ModelInfo = { vendor: 'fake-lm', id: 'fake-1', family: 'fake-family', name: 'Fake Model 1' };
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]).toString('base64');

/** What @modelcontextprotocol/server-everything's trigger-sampling-request tool sends (dist/tools/trigger-sampling-request.js). */
const everythingRequest = {
  messages: [{ role: 'user', content: { type: 'text', text: 'Resource trigger-sampling-request context: Tell me a joke' } }],
  systemPrompt: 'You are a helpful test server.',
  maxTokens: 100,
  temperature: 0.7,
};

function ok(r: ChatRequest | Invalid): ChatRequest {
  assert.ok(r.ok, JSON.stringify(r));
  return r as ChatRequest;
}
function bad(params: unknown): string {
  const r = checkParams(params);
  assert.ok(!r.ok, 'expected a refusal');
  if (r.ok) return '';
  assert.strictEqual(r.code, SamplingErrorCode.InvalidParams);
  assert.strictEqual(toChatRequest(params, seeing).ok, false);
  return r.message;
}

describe('sampling request mapping', () => {
  it('tells whether a request carries an image, as a single block or in a list', () => {
    const params = (content: unknown) => (checkParams({ messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }, { role: 'user', content }], maxTokens: 10 }) as { params: Parameters<typeof carriesImages>[0] }).params;
    assert.strictEqual(carriesImages(params({ type: 'image', data: png, mimeType: 'image/png' })), true);
    assert.strictEqual(carriesImages(params([{ type: 'text', text: 'look' }, { type: 'image', data: png, mimeType: 'image/png' }])), true);
    assert.strictEqual(carriesImages(params([{ type: 'text', text: 'no picture' }])), false);
    assert.strictEqual(carriesImages(everythingRequest as Parameters<typeof carriesImages>[0]), false);
  });

  it('maps server-everything\'s trigger-sampling-request: system prompt first, temperature and max_tokens', () => {
    assert.deepStrictEqual(ok(toChatRequest(everythingRequest, blind)), {
      ok: true,
      messages: [{ role: 'user', parts: [
        { type: 'text', text: 'The instructions below are the system prompt of this conversation; follow them.\n<system_prompt>\nYou are a helpful test server.\n</system_prompt>\n\n' },
        { type: 'text', text: 'Resource trigger-sampling-request context: Tell me a joke' },
      ] }],
      modelOptions: { temperature: 0.7, max_tokens: 100 },
      notes: [],
      stopSequences: [],
      maxTokens: 100,
    });
  });

  it('puts the system prompt in a user message of its own when the conversation starts with the assistant', () => {
    const r = ok(toChatRequest({
      systemPrompt: 'Be brief.', maxTokens: 5,
      messages: [{ role: 'assistant', content: { type: 'text', text: 'Hi, ask me.' } }, { role: 'user', content: { type: 'text', text: 'Why?' } }],
    }, blind));
    assert.deepStrictEqual(r.messages.map(m => [m.role, m.parts.map(p => (p.type === 'text' ? p.text : p.type))]), [
      ['user', [systemPromptText('Be brief.')]],
      ['assistant', ['Hi, ask me.']],
      ['user', ['Why?']],
    ]);
    assert.deepStrictEqual(r.modelOptions, { max_tokens: 5 });
  });

  it('sends images as bytes to a model that takes images, and placeholders otherwise', () => {
    const params = { maxTokens: 10, messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', data: png, mimeType: 'image/png' }] }] };
    const withImages = ok(toChatRequest(params, seeing));
    assert.deepStrictEqual(withImages.messages[0].parts[1], { type: 'image', mime: 'image/png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) });
    assert.deepStrictEqual(withImages.notes, []);

    const without = ok(toChatRequest(params, blind));
    assert.deepStrictEqual(without.messages[0].parts, [{ type: 'text', text: 'What is this?' }, { type: 'text', text: '[image (image/png, 7 bytes) left out]' }]);
    assert.deepStrictEqual(without.notes, ['1 image replaced by a placeholder: Fake Model 1 does not take images.']);
  });

  it('never sends images VS Code cannot type, or images in assistant messages', () => {
    const r = ok(toChatRequest({ maxTokens: 10, messages: [
      { role: 'user', content: { type: 'image', data: png, mimeType: 'image/tiff' } },
      { role: 'assistant', content: { type: 'image', data: png, mimeType: 'image/png' } },
      { role: 'user', content: { type: 'image', data: png, mimeType: 'image/jpeg' } },
    ] }, seeing));
    assert.deepStrictEqual(r.messages.map(m => m.parts[0].type), ['text', 'text', 'image']);
    assert.deepStrictEqual(r.notes, [
      '1 image replaced by a placeholder: VS Code takes only image/png, image/jpeg, image/gif, image/webp, image/bmp.',
      '1 image in assistant messages replaced by a placeholder: models take images from the user only.',
    ]);
  });

  it('replaces audio by a placeholder and notes context and metadata it does not pass on', () => {
    const wav = Buffer.alloc(3000).toString('base64');
    const r = ok(toChatRequest({
      maxTokens: 10, includeContext: 'thisServer', metadata: { traceId: 'x' }, stopSequences: ['END', ''],
      messages: [{ role: 'user', content: [{ type: 'audio', data: wav, mimeType: 'audio/wav' }, { type: 'audio', data: wav, mimeType: 'audio/wav' }] }],
    }, seeing));
    assert.deepStrictEqual(r.messages[0].parts[0], { type: 'text', text: '[audio (audio/wav, 2.9 KB) left out: VS Code language models take no audio]' });
    assert.deepStrictEqual(r.notes, [
      '2 audio clips replaced by a placeholder: VS Code language models take no audio.',
      'The server asked to include context from "thisServer"; this client adds no MCP context to sampling requests.',
      'The request\'s provider metadata was not passed on: VS Code\'s language model API has no place for it.',
      'Empty stop sequences were ignored.',
    ]);
    assert.deepStrictEqual(r.stopSequences, ['END']);
    assert.deepStrictEqual(r.modelOptions, { max_tokens: 10 }); // stop sequences are enforced by SamplingStream, not sent
  });

  it('refuses malformed requests with a message fit for the server', () => {
    const msg = [{ role: 'user', content: { type: 'text', text: 'hi' } }];
    assert.strictEqual(bad(undefined), 'Invalid sampling request: params must be an object');
    assert.strictEqual(bad({ messages: [], maxTokens: 10 }), 'Invalid sampling request: "messages" must be a non-empty list');
    assert.strictEqual(bad({ messages: msg }), 'Invalid sampling request: "maxTokens" must be a positive integer (got undefined)');
    assert.strictEqual(bad({ messages: msg, maxTokens: 0 }), 'Invalid sampling request: "maxTokens" must be a positive integer (got 0)');
    assert.strictEqual(bad({ messages: msg, maxTokens: 2.5 }), 'Invalid sampling request: "maxTokens" must be a positive integer (got 2.5)');
    assert.strictEqual(bad({ messages: msg, maxTokens: '100' }), 'Invalid sampling request: "maxTokens" must be a positive integer (got "100")');
    assert.strictEqual(bad({ messages: [{ role: 'system', content: { type: 'text', text: 'x' } }], maxTokens: 1 }),
      'Invalid sampling request: messages[0].role must be "user" or "assistant" (got "system")');
    assert.strictEqual(bad({ messages: [...msg, { role: 'user', content: [] }], maxTokens: 1 }), 'Invalid sampling request: messages[1].content must not be an empty list');
    assert.strictEqual(bad({ messages: [{ role: 'user', content: [{ type: 'video', data: '' }] }], maxTokens: 1 }),
      'Invalid sampling request: messages[0].content[0].type must be "text", "image" or "audio" (got "video")');
    assert.strictEqual(bad({ messages: [{ role: 'user', content: { type: 'image', data: 'not base64!', mimeType: 'image/png' } }], maxTokens: 1 }),
      'Invalid sampling request: messages[0].content.data must be base64 text');
    assert.strictEqual(bad({ messages: [{ role: 'user', content: { type: 'text' } }], maxTokens: 1 }), 'Invalid sampling request: messages[0].content.text must be a string');
    assert.strictEqual(bad({ messages: msg, maxTokens: 1, temperature: -1 }), 'Invalid sampling request: "temperature" must be a number of 0 or more (got number)');
    assert.strictEqual(bad({ messages: msg, maxTokens: 1, stopSequences: 'END' }), 'Invalid sampling request: "stopSequences" must be a list of strings');
    assert.strictEqual(bad({ messages: msg, maxTokens: 1, includeContext: 'everything' }), 'Invalid sampling request: "includeContext" must be "none", "thisServer" or "allServers"');
    assert.strictEqual(bad({ messages: msg, maxTokens: 1, tools: [] }),
      'Invalid sampling request: "tools" and "toolChoice" need the sampling.tools capability, which this client does not declare');
    assert.strictEqual(bad({ messages: [{ role: 'user', content: { type: 'tool_result', toolUseId: 'a', content: [] } }], maxTokens: 1 }),
      'Invalid sampling request: messages[0].content is tool_result content, which needs the sampling.tools capability; this client does not declare it');
  });
});

describe('sampling consent text', () => {
  it('summarises server-everything\'s request', () => {
    assert.deepStrictEqual(describeRequest(everythingRequest, 'everything'), {
      title: 'MCP server "everything" asks to use a language model',
      detail: [
        'System prompt: "You are a helpful test server."',
        'Last user message: "Resource trigger-sampling-request context: Tell me a joke"',
        'Answer: up to 100 tokens, temperature 0.7',
      ].join('\n'),
    });
  });

  it('shows hints, priorities, stops, attachments and context, and cuts long or hostile text short', () => {
    const { detail } = describeRequest({
      systemPrompt: `Be\u202Eevil\n\n${'x'.repeat(5_000_000)}`,
      maxTokens: 50, stopSequences: ['\n\nEND', 'a', 'b', 'c'], includeContext: 'allServers',
      modelPreferences: { hints: [{ name: 'claude-3-sonnet' }, { name: 'claude' }], intelligencePriority: 0.8, speedPriority: 0.5 },
      messages: [
        { role: 'user', content: { type: 'text', text: 'first question' } },
        { role: 'assistant', content: { type: 'text', text: 'an answer' } },
        { role: 'user', content: [{ type: 'text', text: 'What is\nthis?' }, { type: 'image', data: png, mimeType: 'image/png' }] },
      ],
    }, 'travel');
    const lines = detail.split('\n');
    assert.match(lines[0], /^System prompt: "Beevil x{180,200}… \(5,000,009 characters\)"$/);
    assert.ok(lines[0].length < 260);
    assert.deepStrictEqual(lines.slice(1), [
      'Last user message: "What is this? [+1 attachment]"',
      'Conversation: 3 messages (2 from the user), 1 image',
      'Answer: up to 50 tokens, stops at "\\n\\nEND", "a", "b" and 1 more',
      'Model: hints "claude-3-sonnet", "claude"; priorities intelligence 0.8, speed 0.5',
      'Context: asks for "allServers"; none is added',
    ]);
  });

  it('copes with requests that were never checked', () => {
    assert.deepStrictEqual(describeRequest(null, 'x'), { title: 'MCP server "x" asks to use a language model', detail: '' });
    assert.strictEqual(describeRequest({ messages: 'nope', maxTokens: 'many' }, 'x').detail, '');
  });

  it('cuts excerpts without splitting a surrogate pair', () => {
    assert.strictEqual(excerpt('short', 10), 'short');
    assert.strictEqual(excerpt('ab😀😀😀😀', 4), 'ab… (10 characters)');
  });
});
