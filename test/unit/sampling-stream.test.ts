import * as assert from 'node:assert';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CreateMessageRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import {
  chooseModel, describeRequest, resultModelName, SamplingStream, toChatRequest, toResult, type ModelInfo, type SamplingStreamOptions,
} from '../../src/core/sampling';

/** Feeds chunks until the stream says done, then finishes; returns what a caller would see. */
function run(chunks: string[], opts: SamplingStreamOptions, exactTokens?: number) {
  const s = new SamplingStream(opts);
  const deltas: string[] = [];
  let pushed = 0;
  for (const c of chunks) {
    pushed++;
    const step = s.push(c);
    deltas.push(step.delta);
    if (step.done) break;
  }
  const out = s.finish(exactTokens);
  return { ...out, pushed, shown: deltas.join('') };
}

const fake: ModelInfo = { vendor: 'fake-lm', id: 'fake-1', family: 'fake-family', name: 'Fake Model 1' };

describe('sampling stream', () => {
  it('cuts at a stop sequence split across chunks and says to stop reading', () => {
    const r = run(['Hello wo', 'rld\n\nE', 'ND', ' never read'], { maxTokens: 100, stopSequences: ['\n\nEND'] });
    assert.deepStrictEqual(r, { text: 'Hello world', stopReason: 'stopSequence', estimatedTokens: 4, pushed: 3, shown: 'Hello world' });
  });

  it('holds back only text that may start a stop sequence, and releases it at the end', () => {
    const s = new SamplingStream({ maxTokens: 100, stopSequences: ['\n\nEND'] });
    assert.deepStrictEqual(s.push('abcdef\n\nEN'), { delta: 'abcdef', done: false });
    assert.strictEqual(s.text, 'abcdef\n\nEN');
    assert.deepStrictEqual(s.push('x'), { delta: '\n', done: false });
    assert.deepStrictEqual(s.finish(), { text: 'abcdef\n\nENx', stopReason: 'endTurn', estimatedTokens: 2.75 });
    assert.deepStrictEqual(s.push('more'), { delta: '', done: true });
    assert.strictEqual(s.finish().text, 'abcdef\n\nENx');
  });

  it('takes the earliest of several stop sequences, whatever their order in the list', () => {
    assert.strictEqual(run(['abc\ndefSTOP'], { maxTokens: 100, stopSequences: ['STOP', '\n'] }).text, 'abc');
    // A long stop that started in an earlier chunk beats a short one later in the same chunk.
    assert.strictEqual(run(['foo END', 'INGbarX'], { maxTokens: 100, stopSequences: ['X', 'ENDING'] }).text, 'foo ');
    // The stop text itself is never returned, even at the very start.
    assert.deepStrictEqual(run(['STOP', 'x'], { maxTokens: 100, stopSequences: ['STOP'] }).text, '');
  });

  it('stops at maxTokens by the default estimate of 4 characters per token', () => {
    const r = run(['Hello, ', 'world! How are you?', 'unread'], { maxTokens: 3 });
    assert.deepStrictEqual(r, { text: 'Hello, world', stopReason: 'maxTokens', estimatedTokens: 3, pushed: 2, shown: 'Hello, world' });
  });

  it('uses an estimator the caller passes, and a stop sequence before the limit wins', () => {
    const perChar = (t: string) => t.length;
    assert.strictEqual(run(['abcdefgh'], { maxTokens: 5, estimateTokens: perChar }).text, 'abcde');
    assert.deepStrictEqual(run(['ab.STOPcdefgh'], { maxTokens: 8, stopSequences: ['STOP'], estimateTokens: perChar }).text, 'ab.');
    assert.deepStrictEqual(run(['ab.STOPcdefgh'], { maxTokens: 8, stopSequences: ['STOP'], estimateTokens: perChar }).stopReason, 'stopSequence');
    // A stop sequence that would end past the limit was never generated within it.
    assert.deepStrictEqual(run(['ab.STOPcdefgh'], { maxTokens: 5, stopSequences: ['STOP'], estimateTokens: perChar }).stopReason, 'maxTokens');
    const words = (t: string) => t.split(/\s+/).filter(Boolean).length; // a chunk-additive estimate is the caller's business
    assert.strictEqual(run(['one two ', 'three four five'], { maxTokens: 3, estimateTokens: words }).stopReason, 'maxTokens');
    assert.deepStrictEqual(run(['ab😀c'], { maxTokens: 3, estimateTokens: perChar }).text, 'ab'); // no half emoji
  });

  it('ends with endTurn when the model ends first, or maxTokens when an exact count shows the limit was reached', () => {
    assert.strictEqual(run(['All ', 'done.'], { maxTokens: 100 }).stopReason, 'endTurn');
    assert.strictEqual(run(['All ', 'done.'], { maxTokens: 100 }, 99).stopReason, 'endTurn');
    assert.strictEqual(run(['All ', 'done.'], { maxTokens: 100 }, 100).stopReason, 'maxTokens');
    assert.strictEqual(run([], { maxTokens: 1 }).text, '');
  });

  it('handles 1 MB in 1-character chunks, with a stop sequence at the very end', () => {
    const body = 'lorem ipsum dolor sit amet, \n\nEN '.repeat(31_000).slice(0, 1_000_000);
    const s = new SamplingStream({ maxTokens: 10_000_000, stopSequences: ['\n\nEND', 'never appears at all'] });
    let done = false;
    for (const ch of body + '\n\nEND' + 'tail') {
      if (s.push(ch).done) { done = true; break; }
    }
    assert.ok(done);
    const out = s.finish();
    assert.strictEqual(out.stopReason, 'stopSequence');
    assert.strictEqual(out.text.length, body.length);
    assert.ok(out.text === body);
  });

  it('handles 1 MB in 1-character chunks cut by maxTokens', () => {
    const s = new SamplingStream({ maxTokens: 100_000, stopSequences: ['\n\nEND'] });
    let pushed = 0;
    for (let i = 0; i < 1_000_000; i++) { pushed++; if (s.push('y').done) break; }
    const out = s.finish();
    assert.deepStrictEqual([out.stopReason, out.text.length, pushed], ['maxTokens', 400_000, 400_001]);
  });
});

describe('sampling result', () => {
  it('reports the model as vendor/id, or a given string, and leaves out an unknown stop reason', () => {
    assert.strictEqual(resultModelName(fake), 'fake-lm/fake-1');
    assert.deepStrictEqual(toResult('Hi', fake, 'endTurn'), { role: 'assistant', content: { type: 'text', text: 'Hi' }, model: 'fake-lm/fake-1', stopReason: 'endTurn' });
    assert.deepStrictEqual(toResult('Hi', 'scripted'), { role: 'assistant', content: { type: 'text', text: 'Hi' }, model: 'scripted' });
  });
});

describe('sampling against @modelcontextprotocol/server-everything', function () {
  this.timeout(30_000);
  const everything = path.resolve(__dirname, '..', '..', '..', 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
  let client: Client;
  const seen: unknown[] = [];

  before(async () => {
    client = new Client({ name: 'sampling-test', version: '0.0.0' }, { capabilities: { sampling: {} } });
    // The whole path a VS Code handler takes, with a scripted model in place of vscode.lm.
    client.setRequestHandler(CreateMessageRequestSchema, async req => {
      seen.push(req.params);
      const choice = chooseModel(req.params.modelPreferences, [fake]);
      if (choice.kind !== 'chosen') throw new Error(choice.kind);
      const mapped = toChatRequest(req.params, choice.model);
      if (!mapped.ok) throw new Error(mapped.message);
      const stream = new SamplingStream({ maxTokens: mapped.maxTokens, stopSequences: mapped.stopSequences });
      for (const chunk of ['Why did the ', 'server cross ', 'the road? ', 'To get to the other side.']) {
        if (stream.push(chunk).done) break;
      }
      const out = stream.finish();
      return toResult(out.text, choice.model, out.stopReason);
    });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [everything, 'stdio'], stderr: 'ignore' }));
  });
  after(() => client.close());

  it('answers trigger-sampling-request, cut at the server\'s maxTokens', async () => {
    const res = await client.callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'Tell me a joke', maxTokens: 10 } }) as CallToolResult;
    assert.deepStrictEqual(seen, [{
      messages: [{ role: 'user', content: { type: 'text', text: 'Resource trigger-sampling-request context: Tell me a joke' } }],
      systemPrompt: 'You are a helpful test server.',
      maxTokens: 10,
      temperature: 0.7,
    }]);
    assert.strictEqual(describeRequest(seen[0], 'everything').detail.split('\n')[2], 'Answer: up to 10 tokens, temperature 0.7');
    const text = res.content[0].type === 'text' ? res.content[0].text : '';
    const json = JSON.parse(text.slice(text.indexOf('{')));
    assert.deepStrictEqual(json, {
      role: 'assistant', content: { type: 'text', text: 'Why did the server cross the road? To ge' }, model: 'fake-lm/fake-1', stopReason: 'maxTokens',
    });
  });
});
