// Amazon Bedrock models in the real VS Code: the extension's language model provider (vendor
// "agentcore-bedrock") offers the models of agentcoreMcp.bedrock through vscode.lm, and a server's
// sampling request is answered by one — the emulator's Bedrock stand-in, over loopback HTTP, signed with
// a temporary AWS profile. A model without access tells the person what to do.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { DEFAULT_BEDROCK_MODELS, startEmulator, type Emulator } from '../../src/emulator';
import { serveHttp, type HttpFixture } from '../fixtures/servers/run';
import { createTravelServer } from '../fixtures/servers/travel';
import { KEYS, useAwsProfiles } from './aws';
import { run, setConnections, shownResult, waitFor } from './helpers';
import { notificationShown, quickInput, requireDriver, useCommands } from './ui';

useCommands(id => vscode.commands.executeCommand(id));

const NOVA = 'amazon.nova-lite-v1:0';
const DENIED = 'denied.anthropic.claude-3-opus';
const PROMPT = 'Recommend one travel destination from: Paris, Tokyo, New York, Bali. Give a one-sentence reason why.';

describe('Amazon Bedrock models through vscode.lm (emulator stand-in)', function () {
  this.timeout(120_000);
  const saved: Record<string, string | undefined> = {};
  let travel: HttpFixture;
  let emu: Emulator;
  const config = () => vscode.workspace.getConfiguration('agentcoreMcp');

  before(async function () {
    requireDriver(this);
    Object.assign(saved, useAwsProfiles());
    travel = await serveHttp(() => createTravelServer({ delayMs: 10 }));
    emu = await startEmulator({ region: 'us-east-1', credentials: [KEYS], runtimes: [], bedrockModels: DEFAULT_BEDROCK_MODELS });
    // A machine-scoped setting: user settings of the test profile, never the workspace's.
    await config().update('bedrock', { profile: 'agentcore-test', region: 'us-east-1', endpoint: emu.url, models: [NOVA, DENIED] }, vscode.ConfigurationTarget.Global);
    await config().update('sampling.model', `agentcore-bedrock/${NOVA}`, vscode.ConfigurationTarget.Workspace);
    await setConnections([{ name: 'bedrock-travel', type: 'http', url: travel.url }]);
    await run('agentcoreMcp.resetSamplingPermissions');
    await run('agentcoreMcp.connect', { kind: 'connection', connection: 'bedrock-travel' });
  });
  after(async () => {
    await setConnections(undefined);
    await config().update('sampling.model', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('bedrock', undefined, vscode.ConfigurationTarget.Global);
    await run('agentcoreMcp.resetSamplingPermissions');
    await emu?.close();
    await travel?.close();
    for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
  });

  it('offers the models of agentcoreMcp.bedrock through vscode.lm; one streams its answer, cut at max_tokens', async () => {
    const models = await waitFor('the Bedrock models', async () => {
      const m = await vscode.lm.selectChatModels({ vendor: 'agentcore-bedrock' });
      return m.length === 2 ? m : undefined;
    });
    assert.deepStrictEqual(models.map(m => [m.id, m.name, m.vendor]), [[NOVA, NOVA, 'agentcore-bedrock'], [DENIED, DENIED, 'agentcore-bedrock']]);
    const response = await models[0].sendRequest([vscode.LanguageModelChatMessage.User('x'.repeat(42))], { modelOptions: { max_tokens: 3 } });
    const pieces: string[] = [];
    for await (const t of response.text) pieces.push(t);
    assert.strictEqual(pieces.join(''), 'Bedrock stand-in reply');
    assert.deepStrictEqual((emu.bedrockCalls.at(-1)!.body as { inferenceConfig: unknown }).inferenceConfig, { maxTokens: 3 });
  });

  it('a server\'s sampling request is answered by the Bedrock model named in agentcoreMcp.sampling.model', async () => {
    const before = emu.bedrockCalls.length;
    const done = run('agentcoreMcp.invokeTool', { connection: 'bedrock-travel', tool: 'quick_recommend', args: {} });
    await quickInput.waitForTitle(`bedrock-travel asks to use ${NOVA}`, 20_000);
    await quickInput.pick('Always allow for bedrock-travel');
    await done;
    const text = await shownResult(t => t.includes('Recommendation:'));
    assert.match(text, new RegExp(`Recommendation: Bedrock stand-in reply to ${PROMPT.length} characters\\.`));
    const calls = emu.bedrockCalls.slice(before);
    assert.deepStrictEqual(calls.map(c => [c.op, c.modelId, c.stopReason]), [['ConverseStream', NOVA, 'end_turn']]);
    assert.deepStrictEqual((calls[0].body as { inferenceConfig: unknown }).inferenceConfig, { maxTokens: 100 });
    assert.ok(emu.log.filter(l => l.detail?.startsWith('ConverseStream')).every(l => l.status === 200), 'every Bedrock request was signed as the stand-in expects');
  });

  it('with no "models", offers the account\'s models that ConverseStream can use, listed once', async () => {
    await config().update('bedrock', { profile: 'agentcore-test', region: 'us-east-1', endpoint: emu.url }, vscode.ConfigurationTarget.Global);
    try {
      const want = ['amazon.nova-lite-v1:0', 'anthropic.claude-3-haiku-20240307-v1:0', 'meta.llama3-8b-instruct-v1:0', 'us.anthropic.claude-sonnet-4-20250514-v1:0'];
      const models = await waitFor('the listed models', async () => {
        const m = await vscode.lm.selectChatModels({ vendor: 'agentcore-bedrock' });
        return m.length === want.length ? m : undefined;
      });
      assert.deepStrictEqual(models.map(m => m.id), want);
      assert.strictEqual(models[3].name, 'US Anthropic Claude Sonnet 4');
      const lists = emu.log.filter(l => l.detail === 'ListFoundationModels').length;
      await vscode.lm.selectChatModels({ vendor: 'agentcore-bedrock' });
      assert.strictEqual(emu.log.filter(l => l.detail === 'ListFoundationModels').length, lists, 'the listing is kept until the setting changes');
    } finally {
      await config().update('bedrock', { profile: 'agentcore-test', region: 'us-east-1', endpoint: emu.url, models: [NOVA, DENIED] }, vscode.ConfigurationTarget.Global);
    }
  });

  it('a model without access: the server gets an error, the person the next step', async () => {
    await config().update('sampling.model', `agentcore-bedrock/${DENIED}`, vscode.ConfigurationTarget.Workspace);
    await run('notifications.clearAll');
    await run('agentcoreMcp.invokeTool', { connection: 'bedrock-travel', tool: 'quick_recommend', args: {} });
    const note = await notificationShown('Request model access in the Bedrock console', 20_000);
    assert.match(note, /Sampling for bedrock-travel failed: .*no access to the Bedrock model "denied\.anthropic\.claude-3-opus" in us-east-1/);
    assert.strictEqual(emu.log.at(-1)?.fault, 'AccessDeniedException');
  });
});
