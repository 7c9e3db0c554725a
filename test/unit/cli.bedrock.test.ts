// `agentcore-mcp call --sampling bedrock:<model id>`: a server's sampling request (the travel fixture's
// quick_recommend, over stdio) answered by the emulator's Bedrock stand-in, signed with a profile from
// temporary AWS files; scripted replies still win; a Bedrock failure is explained and fails the command.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_BEDROCK_MODELS, startEmulator, type Emulator } from '../../src/emulator';
import { AwsFiles, CREDS, useAwsFiles } from './agentcore.harness.test';
import { ensureBuilt, fixtureCommand, root, runCli } from './cli.harness.test';

const answers = path.join(root, 'test', 'scenarios', 'travel.answers.json');
const PROMPT = 'Recommend one travel destination from: Paris, Tokyo, New York, Bali. Give a one-sentence reason why.';

describe('cli: sampling with Amazon Bedrock (emulator stand-in)', function () {
  this.timeout(60_000);
  let files: AwsFiles;
  let emu: Emulator;
  let env: Record<string, string>;
  before(async () => {
    ensureBuilt();
    files = useAwsFiles(); // children inherit AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE / HOME
    emu = await startEmulator({ region: 'us-east-1', credentials: [CREDS], runtimes: [], bedrockModels: DEFAULT_BEDROCK_MODELS });
    env = { AGENTCORE_MCP_BEDROCK_ENDPOINT: emu.url, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  });
  after(async () => { await emu?.close(); files?.restore(); });

  it('answers the server\'s sampling request with the Bedrock model, signed with --profile in --region', async () => {
    const before = emu.bedrockCalls.length;
    const r = await runCli(['call', 'quick_recommend', '--stdio', fixtureCommand('travel'), '--sampling', 'bedrock:amazon.nova-lite-v1:0', '--profile', 'test', '--region', 'us-east-1', '--verbose'], { env });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stdout.trim(), `Recommendation: Bedrock stand-in reply to ${PROMPT.length} characters.`);
    assert.match(r.stderr, /sampling: asking Amazon Bedrock amazon\.nova-lite-v1:0 in us-east-1 \(maxTokens 100\)/);
    assert.match(r.stderr, /sampling "Recommend one travel destination from: Paris, Tokyo, New York, Bali\. Give a one-" → "Bedrock stand-in reply to 100 characters\."/);
    assert.match(r.stderr, /→ answered sampling\/createMessage #0: \{"model":"amazon\.nova-lite-v1:0","stopReason":"endTurn"/);
    const calls = emu.bedrockCalls.slice(before);
    assert.deepStrictEqual(calls.map(c => [c.op, c.modelId, c.stopReason]), [['ConverseStream', 'amazon.nova-lite-v1:0', 'end_turn']]);
    assert.deepStrictEqual((calls[0].body as { inferenceConfig: unknown }).inferenceConfig, { maxTokens: 100 });
  });

  it('scripted replies still win: plan_trip\'s tips come from --answers, Bedrock is not asked', async () => {
    const before = emu.bedrockCalls.length;
    const r = await runCli(['call', 'plan_trip', '--stdio', fixtureCommand('travel', '--delay-ms', '1'), '--answers', answers, '--sampling', 'bedrock:amazon.nova-lite-v1:0', '--region', 'us-east-1', '--profile', 'test'], { env });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /Go early/);
    assert.strictEqual(emu.bedrockCalls.length, before);
  });

  it('agentcore-mcp test: a scenario whose answers say "sampling": "live" is answered by the Bedrock model', async () => {
    const dir = fs.mkdtempSync(path.join(files.dir, 'scenarios-'));
    const file = path.join(dir, 'live.mcp-scenario.json');
    const [command, ...args] = fixtureCommand('travel').split(' ').map(a => a.replace(/^"|"$/g, ''));
    fs.writeFileSync(file, JSON.stringify({
      name: 'recommend live', connection: { type: 'stdio', command, args }, answers: { sampling: 'live' },
      steps: [{ call: 'quick_recommend', expect: { contains: 'Recommendation: Bedrock stand-in reply to 100 characters.' } }],
    }));
    const r = await runCli(['test', file, '--sampling', 'bedrock:anthropic.claude-3-haiku-20240307-v1:0', '--region', 'us-east-1', '--profile', 'test'], { env });
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    assert.strictEqual(emu.bedrockCalls.at(-1)!.modelId, 'anthropic.claude-3-haiku-20240307-v1:0');
  });

  it('the region can come from the profile; a model without access fails the command with the next step', async () => {
    const r = await runCli(['call', 'quick_recommend', '--stdio', fixtureCommand('travel'), '--sampling', 'bedrock:denied.anthropic.claude-3-opus', '--profile', 'test'], { env: { ...env, AWS_REGION: '' } });
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stderr, /error: Amazon Bedrock \(denied\.anthropic\.claude-3-opus\) could not answer the sampling request "Recommend one travel destination[^"]*": Your AWS account has no access to the Bedrock model "denied\.anthropic\.claude-3-opus" in us-east-1 .* Request model access in the Bedrock console for "denied\.anthropic\.claude-3-opus" in us-east-1/);
  });

  it('bad usage: another provider, or no region anywhere', async () => {
    const other = await runCli(['call', 'quick_recommend', '--stdio', fixtureCommand('travel'), '--sampling', 'openai:gpt-4o'], { env });
    assert.strictEqual(other.code, 2);
    assert.match(other.stderr, /--sampling takes bedrock:<model id>, e\.g\. --sampling bedrock:anthropic\.claude-3-haiku-20240307-v1:0; got "openai:gpt-4o"/);
    fs.writeFileSync(files.configFile, '[profile test]\n');
    try {
      const none = await runCli(['call', 'quick_recommend', '--stdio', fixtureCommand('travel'), '--sampling', 'bedrock:amazon.nova-lite-v1:0', '--profile', 'test'], { env: { ...env, AWS_REGION: '', AWS_DEFAULT_REGION: '' } });
      assert.strictEqual(none.code, 2);
      assert.match(none.stderr, /--sampling bedrock:amazon\.nova-lite-v1:0 needs a region: --region us-east-1/);
    } finally {
      files.restore();
      files = useAwsFiles();
    }
    const stray = await runCli(['call', 'quick_recommend', '--stdio', fixtureCommand('travel'), '--profile', 'test'], { env });
    assert.strictEqual(stray.code, 2, 'without --sampling, --profile still does not apply to --stdio');
  });
});
