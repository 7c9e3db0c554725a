// The runtimes a workspace says it deployed: the AgentCore CLI's project files and the starter toolkit's
// YAML, read as those tools write them (our fixtures pass the CLI's own schemas, fetched by
// scripts/setup-agentcore-schemas.sh), and every kind of bad file reduced to a problem line.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI_DEPLOYED, CLI_PROJECT, CLI_TARGETS, connectionFor, describeAuth, discoverFromTexts, discoverIn, fromAgentCoreCli, fromStarterToolkit, TOOLKIT_FILE } from '../../src/core/agentcore/deployed';

const repo = path.resolve(__dirname, '..', '..', '..');
const fixtures = path.join(repo, 'test', 'fixtures', 'deployed');
const cliFile = (f: string) => fs.readFileSync(path.join(fixtures, 'cli', f), 'utf8');
const cliFiles = () => ({ project: cliFile(CLI_PROJECT), targets: cliFile(CLI_TARGETS), deployed: cliFile(CLI_DEPLOYED) });
const toolkitText = () => fs.readFileSync(path.join(fixtures, 'toolkit', TOOLKIT_FILE), 'utf8');

describe('deployed runtimes: the AgentCore CLI\'s files', () => {
  it('the fixtures are what the AgentCore CLI writes: its own schemas accept them', function () {
    this.timeout(120_000);
    // The script fetches @aws/agentcore once (npm pack) and prints where its schemas are.
    const dir = execFileSync('bash', [path.join(repo, 'scripts', 'setup-agentcore-schemas.sh')], { encoding: 'utf8' }).trim().split('\n').pop()!;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const schemas = require(dir) as Record<string, { safeParse(v: unknown): { success: boolean; error?: { issues: unknown[] } } }>;
    for (const [file, schema] of [[CLI_PROJECT, 'AgentCoreProjectSpecSchema'], [CLI_TARGETS, 'AwsDeploymentTargetsSchema'], [CLI_DEPLOYED, 'DeployedStateSchema']] as const) {
      const r = schemas[schema].safeParse(JSON.parse(cliFile(file)));
      assert.ok(r.success, `${file}: ${JSON.stringify(r.error?.issues)}`);
    }
  });

  it('offers the MCP runtimes with region, account and auth; leaves out and counts the others', () => {
    const found = fromAgentCoreCli(cliFiles());
    assert.deepStrictEqual(found.problems, []);
    assert.deepStrictEqual(found.runtimes.map(r => [r.name, r.region, r.account, r.auth.kind, r.source]), [
      ['travel', 'us-west-2', '123456789012', 'sigv4', CLI_DEPLOYED],
      ['secure_travel', 'us-west-2', '123456789012', 'jwt', CLI_DEPLOYED],
    ]);
    assert.strictEqual(found.runtimes[0].arn, 'arn:aws:bedrock-agentcore:us-west-2:123456789012:runtime/travel-AbCdEfGhIj');
    assert.match(describeAuth(found.runtimes[1].auth), /^JWT bearer token from https:\/\/cognito-idp\.us-west-2\.amazonaws\.com\/us-west-2_AbCdEfGhI\/\.well-known\/openid-configuration; allowed clients 3n4b5c6d7e8f9g0h1i2j3k4l5m$/);
    assert.deepStrictEqual(found.skipped, [{ name: 'chat', source: CLI_DEPLOYED, reason: 'HTTP runtime, not MCP' }]);
  });

  it('a runtime becomes a connection: SigV4, or a bearer token for JWT', () => {
    const [sigv4, jwt] = fromAgentCoreCli(cliFiles()).runtimes;
    assert.deepStrictEqual(connectionFor(sigv4), { name: 'travel', type: 'agentcore', arn: sigv4.arn, qualifier: 'DEFAULT', region: 'us-west-2', auth: 'sigv4' });
    assert.strictEqual(connectionFor(jwt, 'secure (dev)').auth, 'bearer');
  });

  it('MCP runtimes deployed as gateway targets (mcp.runtimes) are MCP by definition', () => {
    const deployed = JSON.stringify({ targets: { dev: { resources: { mcp: { runtimes: { tools: { runtimeId: 'tools-AbCdEfGhIj', runtimeArn: 'arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime/tools-AbCdEfGhIj', runtimeEndpoint: 'https://x' } } } } } } });
    const found = fromAgentCoreCli({ deployed });
    assert.deepStrictEqual(found.runtimes.map(r => [r.name, r.region]), [['tools', 'eu-west-1']]);
  });

  it('names the target when there are several', () => {
    const state = JSON.parse(cliFile(CLI_DEPLOYED)) as { targets: Record<string, unknown> };
    state.targets.prod = state.targets.default;
    const found = fromAgentCoreCli({ ...cliFiles(), deployed: JSON.stringify(state) });
    assert.deepStrictEqual(found.runtimes.map(r => `${r.name}@${r.target}`), ['travel@default', 'secure_travel@default', 'travel@prod', 'secure_travel@prod']);
    assert.deepStrictEqual(found.problems.map(p => p.message), [`names no target "prod", which ${CLI_DEPLOYED} deployed to; the ARN's region is used`]);
  });

  it('nothing deployed yet: no deployed-state.json, nothing offered and nothing wrong', () => {
    assert.deepStrictEqual(fromAgentCoreCli({ project: cliFile(CLI_PROJECT) }), { runtimes: [], skipped: [], problems: [] });
  });

  it('without agentcore.json a runtime\'s protocol is unknown: left out, with the reason', () => {
    const found = fromAgentCoreCli({ deployed: cliFile(CLI_DEPLOYED) });
    assert.strictEqual(found.runtimes.length, 0);
    assert.ok(found.skipped.every(s => s.reason === `${CLI_PROJECT} is missing, so its protocol is unknown`), JSON.stringify(found.skipped));
  });
});

describe('deployed runtimes: the starter toolkit\'s .bedrock_agentcore.yaml', () => {
  it('offers deployed MCP agents; HTTP agents and agents not launched yet are left out with the reason', () => {
    const found = fromStarterToolkit(toolkitText());
    assert.deepStrictEqual(found.problems, []);
    assert.deepStrictEqual(found.runtimes.map(r => [r.name, r.region, r.account, r.auth.kind]), [
      ['travel_mcp', 'ap-northeast-1', '210987654321', 'sigv4'],
      ['jwt_mcp', 'ap-northeast-1', '210987654321', 'jwt'],
    ]);
    assert.deepStrictEqual(found.skipped.map(s => `${s.name}: ${s.reason}`), [
      'strands_agent: HTTP agent, not MCP',
      'new_mcp: not deployed yet (no agent_arn): run agentcore launch',
    ]);
  });

  it('reads both tools\' files of one folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deployed-'));
    try {
      fs.cpSync(path.join(fixtures, 'cli'), dir, { recursive: true });
      fs.copyFileSync(path.join(fixtures, 'toolkit', TOOLKIT_FILE), path.join(dir, TOOLKIT_FILE));
      const found = discoverIn(dir);
      assert.deepStrictEqual(found.runtimes.map(r => r.name), ['travel', 'secure_travel', 'travel_mcp', 'jwt_mcp']);
      assert.strictEqual(found.skipped.length, 3);
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  });
});

describe('deployed runtimes: bad files are a line each, nothing else breaks', () => {
  const cases: Array<[string, () => ReturnType<typeof fromAgentCoreCli>, RegExp]> = [
    ['half-written deployed-state.json', () => fromAgentCoreCli({ ...cliFiles(), deployed: cliFile(CLI_DEPLOYED).slice(0, 200) }), /^agentcore\/deployed-state\.json: is not valid JSON \(.+\); half written\? It is read again when it changes\.$/],
    ['targets of the wrong type', () => fromAgentCoreCli({ deployed: '{"targets": []}' }), /^agentcore\/deployed-state\.json: is not an AgentCore CLI file we can read: targets: /],
    ['a runtime without its ARN', () => fromAgentCoreCli({ ...cliFiles(), deployed: '{"targets":{"default":{"resources":{"runtimes":{"travel":{"runtimeId":"x"}}}}}}' }), /^agentcore\/deployed-state\.json: is not an AgentCore CLI file we can read: targets\.default\.resources\.runtimes\.travel\.runtimeArn: /],
    ['an ARN that does not parse', () => fromAgentCoreCli({ ...cliFiles(), deployed: cliFile(CLI_DEPLOYED).replace('arn:aws:bedrock-agentcore:us-west-2:123456789012:runtime/travel-AbCdEfGhIj', 'travel-AbCdEfGhIj') }), /^agentcore\/deployed-state\.json: the ARN of "travel" does not parse: that is a runtime id, not an ARN/],
    ['a malformed agentcore.json', () => fromAgentCoreCli({ ...cliFiles(), project: '{"runtimes": [{"protocol": "MCP"}]}' }), /^agentcore\/agentcore\.json: is not an AgentCore CLI file we can read: runtimes\.0\.name: /],
    ['a YAML anchor bomb', () => fromStarterToolkit(['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`), 'agents: {}'].join('\n')), /^\.bedrock_agentcore\.yaml: is not valid YAML \(.*(alias|Alias).*\)$/],
    ['YAML that is not YAML', () => fromStarterToolkit('agents: [unclosed'), /^\.bedrock_agentcore\.yaml: is not valid YAML \(/],
    ['agents of the wrong shape', () => fromStarterToolkit('agents: 5'), /^\.bedrock_agentcore\.yaml: is not a starter toolkit file we can read: agents: /],
  ];
  for (const [what, run, expected] of cases) {
    it(what, () => {
      const started = Date.now();
      const found = run();
      assert.ok(Date.now() - started < 2000, 'answers at once');
      assert.strictEqual(found.problems.length, 1, JSON.stringify(found));
      assert.match(`${found.problems[0].source}: ${found.problems[0].message}`, expected);
    });
  }

  it('a file over 1 MB is not read: a line says so', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deployed-big-'));
    try {
      fs.mkdirSync(path.join(dir, 'agentcore'));
      fs.writeFileSync(path.join(dir, CLI_DEPLOYED), `{"targets": {}, "pad": "${'x'.repeat(1_100_000)}"}`);
      assert.deepStrictEqual(discoverIn(dir).problems, [{ source: CLI_DEPLOYED, message: 'is 1,100,026 bytes, more than a project file holds (1,000,000): not read' }]);
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  });

  it('a bad toolkit file does not hide the CLI\'s runtimes', () => {
    const found = discoverFromTexts({ [CLI_PROJECT]: cliFile(CLI_PROJECT), [CLI_TARGETS]: cliFile(CLI_TARGETS), [CLI_DEPLOYED]: cliFile(CLI_DEPLOYED), [TOOLKIT_FILE]: 'agents: [' });
    assert.deepStrictEqual([found.runtimes.length, found.problems.length], [2, 1]);
  });
});
