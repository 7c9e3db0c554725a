// Amazon Bedrock answering sampling, end to end on loopback: the real @aws-sdk/client-bedrock-runtime
// (ConverseStream, through the core's sampler) and @aws-sdk/client-bedrock (listing) against the
// emulator's Bedrock stand-in, each request SigV4-signed with a profile from temporary AWS files and
// verified by the emulator; the mapping of MCP's parameters, the streamed text, the stop reasons, and
// the failures an AWS user meets, in plain words.
import * as assert from 'node:assert';
import type { CreateMessageRequest } from '@modelcontextprotocol/client';
import { bedrockEndpoint, bedrockRegion, bedrockSampler, converse, listBedrockModels, toConverseInput, usableModels } from '../../src/core/bedrock';
import { forgetCredentials } from '../../src/core/agentcore/credentials';
import { DEFAULT_BEDROCK_MODELS, startEmulator, type Emulator } from '../../src/emulator';
import { AwsFiles, CREDS, TEMP, useAwsFiles } from './agentcore.harness.test';

type Params = CreateMessageRequest['params'];
type Explained = Error & { nextStep?: string };
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

describe('Amazon Bedrock (emulator stand-in)', function () {
  this.timeout(30_000);
  let files: AwsFiles;
  let emu: Emulator;
  before(async () => {
    files = useAwsFiles();
    emu = await startEmulator({ region: 'us-east-1', credentials: [CREDS, { ...TEMP, expired: true }], runtimes: [], bedrockModels: DEFAULT_BEDROCK_MODELS });
  });
  after(async () => { await emu?.close(); files?.restore(); });
  afterEach(() => emu.faults.reset());

  const o = (over: Record<string, unknown> = {}) => ({ region: 'us-east-1', profile: 'test', endpoint: emu.url, maxAttempts: 1, ...over });
  const ctx = () => ({ signal: new AbortController().signal });
  const sample = (params: Partial<Params>, modelId = HAIKU, over: Record<string, unknown> = {}) =>
    bedrockSampler({ ...o(over), modelId })({ messages: [{ role: 'user', content: { type: 'text', text: 'Hello there' } }], maxTokens: 100, ...params } as Params, ctx() as never);

  it('answers a sampling request: text streamed, end_turn as endTurn, the model named; system prompt and temperature reach Converse', async () => {
    const r = await sample({ systemPrompt: 'Be brief.', temperature: 0.2 });
    // 9 characters of system prompt + 11 of the message.
    assert.deepStrictEqual(r, { role: 'assistant', content: { type: 'text', text: 'Bedrock stand-in reply to 20 characters.' }, model: HAIKU, stopReason: 'endTurn' });
    const call = emu.bedrockCalls.at(-1)!;
    assert.strictEqual(call.op, 'ConverseStream');
    assert.deepStrictEqual(call.body, {
      messages: [{ role: 'user', content: [{ text: 'Hello there' }] }], system: [{ text: 'Be brief.' }],
      inferenceConfig: { maxTokens: 100, temperature: 0.2 },
    });
    assert.match(emu.log.at(-1)!.detail ?? '', /^ConverseStream anthropic\.claude-3-haiku/);
  });

  it('maps max_tokens to maxTokens and stop_sequence to stopSequence (the stop text left out)', async () => {
    const cut = await sample({ maxTokens: 3 });
    assert.deepStrictEqual([cut.content, cut.stopReason], [{ type: 'text', text: 'Bedrock stand-in reply' }, 'maxTokens']);
    const stopped = await sample({ stopSequences: ['', ' to '] });
    assert.deepStrictEqual([stopped.content, stopped.stopReason], [{ type: 'text', text: 'Bedrock stand-in reply' }, 'stopSequence']);
    assert.deepStrictEqual((emu.bedrockCalls.at(-1)!.body as { inferenceConfig: unknown }).inferenceConfig, { maxTokens: 100, stopSequences: [' to '] }, 'empty stop sequences are not sent');
  });

  it('sends images as image blocks, audio as a placeholder; joins turns of one role so they alternate', async () => {
    const r = await sample({
      messages: [
        { role: 'user', content: { type: 'text', text: 'What is this?' } },
        { role: 'user', content: [{ type: 'image', mimeType: 'image/png', data: PNG }, { type: 'audio', mimeType: 'audio/wav', data: 'UklGRg==' }] },
        { role: 'assistant', content: { type: 'text', text: 'A pixel.' } },
        { role: 'user', content: { type: 'text', text: 'Sure?' } },
      ],
    });
    const body = emu.bedrockCalls.at(-1)!.body as { messages: Array<{ role: string; content: Array<Record<string, unknown>> }> };
    assert.deepStrictEqual(body.messages.map(m => m.role), ['user', 'assistant', 'user']);
    const image = body.messages[0].content[1].image as { format: string; source: { bytes: string } };
    assert.deepStrictEqual([image.format, image.source.bytes], ['png', PNG], 'the bytes arrive as sent');
    assert.match(String(body.messages[0].content[2].text), /^\[audio \(audio\/wav\) left out/);
    assert.match((r.content as { text: string }).text, / and 1 image\.$/);
  });

  it('streams text as it arrives (several pieces) and reports usage', async () => {
    const pieces: string[] = [];
    const a = await converse(o(), HAIKU, { messages: [{ role: 'user', parts: [{ type: 'text', text: 'x'.repeat(123) }] }], maxTokens: 50 }, { onText: t => pieces.push(t) });
    assert.strictEqual(a.text, 'Bedrock stand-in reply to 123 characters.');
    assert.ok(pieces.length >= 3 && pieces.join('') === a.text, JSON.stringify(pieces));
    assert.deepStrictEqual([a.stopReason, a.usage], ['endTurn', { inputTokens: 31, outputTokens: 6 }]);
    const stop = new AbortController();
    await assert.rejects(converse(o(), HAIKU, { messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }] }, { signal: stop.signal, onText: () => stop.abort() }),
      (e: Error) => e.name === 'CancelledError', 'aborting ends the stream as cancelled');
  });

  it('an inference profile answers for a model offered only through one; its bare id is refused with the profile to use', async () => {
    const r = await sample({}, 'us.anthropic.claude-sonnet-4-20250514-v1:0');
    assert.strictEqual(r.model, 'us.anthropic.claude-sonnet-4-20250514-v1:0');
    await assert.rejects(sample({}, 'anthropic.claude-sonnet-4-20250514-v1:0'), (e: Explained) => {
      assert.match(e.message, /cannot be called by its model id in us-east-1: Bedrock serves it through inference profiles only/);
      assert.match(e.nextStep ?? '', /e\.g\. us\.anthropic\.claude-sonnet-4-20250514-v1:0/);
      return true;
    });
  });

  it('explains an unknown model, missing model access, throttling and a retired model', async () => {
    await assert.rejects(sample({}, 'anthropic.claude-9'), (e: Explained) => {
      assert.strictEqual(e.message, 'Amazon Bedrock knows no model "anthropic.claude-9" in us-east-1 (AWS said: The provided model identifier is invalid.).');
      assert.match(e.nextStep ?? '', /aws bedrock list-foundation-models --region us-east-1/);
      return true;
    });
    await assert.rejects(sample({}, 'denied.anthropic.claude-3-opus'), (e: Explained) => {
      assert.match(e.message, /^Your AWS account has no access to the Bedrock model "denied\.anthropic\.claude-3-opus" in us-east-1 \(AWS said: You don't have access/);
      assert.strictEqual(e.nextStep, 'Request model access in the Bedrock console for "denied.anthropic.claude-3-opus" in us-east-1 (Amazon Bedrock → Model access), then try again.');
      return true;
    });
    const before = emu.log.length;
    await assert.rejects(sample({}, 'throttled.amazon.nova-lite-v1:0', { maxAttempts: 2 }), (e: Explained) => {
      assert.match(e.message, /^Amazon Bedrock is throttling requests to "throttled\.amazon\.nova-lite-v1:0" in us-east-1/);
      assert.match(e.nextStep ?? '', /Service Quotas/);
      return true;
    });
    assert.deepStrictEqual(emu.log.slice(before).map(l => l.status), [429, 429], 'the SDK retried once (maxAttempts 2)');
    await assert.rejects(sample({}, 'retired.anthropic.claude-v2'), /The Bedrock model "retired\.anthropic\.claude-v2" is not available in us-east-1 \(AWS said: This model version has reached the end of its life/);
  });

  it('a model that takes no images, an embedding model: Bedrock\'s own refusal, passed on', async () => {
    await assert.rejects(sample({ messages: [{ role: 'user', content: { type: 'image', mimeType: 'image/png', data: PNG } }] }, 'meta.llama3-8b-instruct-v1:0'),
      /Amazon Bedrock refused the request to "meta\.llama3-8b-instruct-v1:0": This model doesn't support the image content block/);
    await assert.rejects(sample({}, 'amazon.titan-embed-text-v2:0'), /Amazon Bedrock refused the request to "amazon\.titan-embed-text-v2:0": This action doesn't support the model/);
  });

  it('credentials: expired ones reloaded once, then explained; a profile that does not exist; an unknown key', async () => {
    const before = emu.log.length;
    await assert.rejects(sample({}, HAIKU, { profile: 'temp' }), (e: Explained) => {
      assert.strictEqual(e.message, 'The AWS credentials of the profile "temp" have expired.');
      assert.strictEqual(e.nextStep, 'Run "aws sso login --profile temp" (or renew them), then try again.');
      return true;
    });
    assert.deepStrictEqual(emu.log.slice(before).map(l => l.fault), ['ExpiredTokenException', 'ExpiredTokenException'], 'reloaded and tried once more');
    await assert.rejects(sample({}, HAIKU, { profile: 'nobody' }), /The AWS profile "nobody" is not defined in/);
    files.write('[profile test]\nregion = us-east-1\n', '[test]\naws_access_key_id = AKIDUNKNOWN000000001\naws_secret_access_key = x\n');
    forgetCredentials();
    try {
      await assert.rejects(sample({}, HAIKU, { profile: 'test' }), /AWS does not accept the credentials of the profile "test" \(UnrecognizedClientException\)/);
    } finally {
      files.restore();
      files = useAwsFiles();
    }
  });

  it('a request signed for another service is refused by the stand-in\'s SigV4 check', async () => {
    const r = await fetch(`${emu.url}/model/${encodeURIComponent(HAIKU)}/converse`, {
      method: 'POST', body: '{}', headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/bedrock-agentcore/aws4_request, SignedHeaders=host, Signature=00', 'x-amz-date': '20260101T000000Z' },
    });
    assert.strictEqual(r.status, 403);
    assert.strictEqual(r.headers.get('x-amzn-errortype'), 'InvalidSignatureException');
  });

  it('lists the models ConverseStream can use: text, streaming, on demand or through a profile', async () => {
    const models = await listBedrockModels(o());
    assert.deepStrictEqual(models.map(m => [m.id, m.kind, m.images]), [
      ['amazon.nova-lite-v1:0', 'foundation-model', true],
      [HAIKU, 'foundation-model', true],
      ['meta.llama3-8b-instruct-v1:0', 'foundation-model', false],
      ['us.anthropic.claude-sonnet-4-20250514-v1:0', 'inference-profile', true],
    ]);
    assert.strictEqual(models[3].name, 'US Anthropic Claude Sonnet 4');
    emu.faults.set({ controlAccessDenied: true });
    await assert.rejects(listBedrockModels(o()), (e: Explained) => {
      assert.match(e.message, /^The profile "test" may not call bedrock:ListFoundationModels in us-east-1/);
      return true;
    });
  });

  it('pure parts: the Converse input, the listing filter, endpoint and region resolution', async () => {
    const { input, notes } = toConverseInput('m', { messages: [{ role: 'assistant', parts: [{ type: 'image', mime: 'image/png', data: new Uint8Array(3) }, { type: 'text', text: '  ' }] }] });
    assert.deepStrictEqual(input.messages, [{ role: 'assistant', content: [{ text: '[image (image/png, 3 bytes) left out]' }] }]);
    assert.strictEqual(notes.length, 1);
    const fm = (id: string, over: Record<string, unknown> = {}) => ({ modelId: id, modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${id}`, name: id, provider: 'P', inputModalities: ['TEXT'], outputModalities: ['TEXT'], streaming: true, inferenceTypes: ['ON_DEMAND'], status: 'ACTIVE', ...over });
    const listed = usableModels(
      [fm('a.one'), fm('a.nostream', { streaming: false }), fm('a.profiled', { inferenceTypes: ['INFERENCE_PROFILE'] }), fm('a.legacy', { status: 'LEGACY' })],
      [{ id: 'eu.a.profiled', name: 'EU', type: 'SYSTEM_DEFINED', status: 'ACTIVE', modelArns: ['arn:aws:bedrock:eu-west-1::foundation-model/a.profiled'] },
        { id: 'eu.a.embed', name: 'EU embed', type: 'SYSTEM_DEFINED', status: 'ACTIVE', modelArns: ['arn:aws:bedrock:eu-west-1::foundation-model/a.embed'] }],
    );
    assert.deepStrictEqual(listed.map(m => m.id), ['a.one', 'a.legacy', 'eu.a.profiled']);
    assert.strictEqual(bedrockEndpoint(undefined, { AGENTCORE_MCP_BEDROCK_ENDPOINT: 'http://127.0.0.1:9/' }), 'http://127.0.0.1:9');
    assert.strictEqual(bedrockEndpoint('http://127.0.0.1:8/', { AGENTCORE_MCP_BEDROCK_ENDPOINT: 'http://127.0.0.1:9' }), 'http://127.0.0.1:8');
    assert.throws(() => bedrockEndpoint(undefined, { AGENTCORE_MCP_BEDROCK_ENDPOINT: 'localhost:9' }), /not an http\(s\) URL \(AGENTCORE_MCP_BEDROCK_ENDPOINT\)/);
    files.write('[profile eu]\n  region = eu-west-3 # Paris\n[default]\nregion=us-west-2\n', '');
    assert.strictEqual(await bedrockRegion(undefined, 'eu', {}), 'eu-west-3');
    assert.strictEqual(await bedrockRegion(undefined, undefined, {}), 'us-west-2');
    assert.strictEqual(await bedrockRegion(undefined, 'eu', { AWS_REGION: 'ap-south-1' }), 'ap-south-1');
    assert.strictEqual(await bedrockRegion(undefined, 'none', {}), undefined);
    files.restore();
    files = useAwsFiles();
  });
});
