// `agentcore-mcp call plan_trip` through the AgentCore Runtime emulator: SigV4 from a profile in
// temporary AWS config files, and a bearer token from an environment variable. Nothing secret reaches
// stdout or stderr, even with --traffic and --verbose.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator, type Emulator } from '../../src/emulator';
import { serveHttp, type HttpFixture } from '../fixtures/servers/run';
import { createTravelServer } from '../fixtures/servers/travel';
import { AwsFiles, CREDS, TEMP, useAwsFiles } from './agentcore.harness.test';
import { ensureBuilt, root, runCli } from './cli.harness.test';

const answers = path.join(root, 'test', 'scenarios', 'travel.answers.json');

describe('cli: AgentCore Runtime (emulator)', function () {
  this.timeout(60_000);
  let files: AwsFiles;
  let travel: HttpFixture;
  let emu: Emulator;
  before(async () => {
    ensureBuilt();
    files = useAwsFiles(); // AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE / HOME point at a temporary folder; children inherit them
    travel = await serveHttp(() => createTravelServer({ delayMs: 10 }));
    emu = await startEmulator({
      region: 'us-east-1', credentials: [CREDS, TEMP],
      runtimes: [{ name: 'travel', upstream: travel.url, auth: 'sigv4' }, { name: 'travel_jwt', upstream: travel.url, auth: 'jwt' }],
    });
  });
  after(async () => {
    await emu?.close();
    await travel?.close();
    files.restore();
  });

  it('completes plan_trip unattended with SigV4 from a profile (temporary credentials), every request signed, no secret shown', async () => {
    const r = await runCli(['call', 'plan_trip', '--agentcore-arn', emu.arnOf('travel'), '--endpoint', emu.url, '--profile', 'temp', '--answers', answers, '--traffic', '--verbose']);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /^BOOKING CONFIRMED! Ref: TRV-[0-9A-F-]{8}, Total: \$2250/);
    assert.match(r.stderr, /Signing for us-east-1 with profile "temp" \(access key …T002, temporary\)/);
    assert.match(r.stderr, /"authorization":"AWS4-HMAC-SHA256 Credential=«redacted», SignedHeaders=[a-z0-9;-]+, Signature=«redacted»"/);
    const invocations = emu.log.filter(l => l.path?.includes('/invocations') ?? true);
    // Only the era probe (server/discover, the first POST) is refused by this 2025 server.
    assert.ok(invocations.length > 5 && invocations.slice(1).every(l => l.status < 400) && invocations[0].status === 400, JSON.stringify(emu.log.filter(l => l.status >= 400)));
    const out = r.stdout + r.stderr;
    for (const secret of [TEMP.secretAccessKey, TEMP.sessionToken, TEMP.accessKeyId]) assert.ok(!out.includes(secret), `${secret.slice(0, 4)}… leaked`);
    assert.ok(!/Signature=[0-9a-f]{64}/.test(out), 'a signature leaked');
  });

  it('uses a bearer token from --bearer-token-env, and refuses a variable that is not set', async () => {
    const token = emu.mintToken();
    const r = await runCli(['call', 'plan_trip', '--agentcore-arn', emu.arnOf('travel_jwt'), '--endpoint', emu.url, '--bearer-token-env', 'TRAVEL_TOKEN', '--answers', answers, '--traffic'], { env: { TRAVEL_TOKEN: token } });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /BOOKING CONFIRMED/);
    assert.match(r.stderr, /"authorization":"Bearer «redacted»"/);
    assert.ok(!(r.stdout + r.stderr).includes(token), 'the token leaked');
    const missing = await runCli(['tools', '--agentcore-arn', emu.arnOf('travel_jwt'), '--endpoint', emu.url, '--bearer-token-env', 'NO_SUCH_TOKEN_VAR'], { env: { NO_SUCH_TOKEN_VAR: undefined } });
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /The environment variable NO_SUCH_TOKEN_VAR \(--bearer-token-env\) is not set or empty, so "server" has no bearer token\. Set NO_SUCH_TOKEN_VAR to the token\./);
  });

  it('--runtime takes the ARN, region and auth from the folder\'s AgentCore CLI files; a wrong name lists what is there', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deployed-cli-'));
    try {
      const spec = (name: string, extra: object) => ({ name, build: 'CodeZip', entrypoint: 'server.py', codeLocation: `app/${name}`, runtimeVersion: 'PYTHON_3_12', protocol: 'MCP', ...extra });
      fs.mkdirSync(path.join(dir, 'agentcore'));
      fs.writeFileSync(path.join(dir, 'agentcore', 'agentcore.json'), JSON.stringify({ name: 'P', version: 1, managedBy: 'CDK', runtimes: [spec('travel', {}),
        spec('travel_jwt', { authorizerType: 'CUSTOM_JWT', authorizerConfiguration: { customJwtAuthorizer: { discoveryUrl: 'https://idp.example/.well-known/openid-configuration', allowedClients: ['app'] } } }), { ...spec('chat', {}), protocol: 'HTTP' }] }));
      fs.writeFileSync(path.join(dir, 'agentcore', 'deployed-state.json'), JSON.stringify({ targets: { default: { resources: { runtimes: Object.fromEntries(['travel', 'travel_jwt', 'chat'].map(n => [n, { runtimeId: 'x', runtimeArn: n === 'chat' ? 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/chat-AbCdEfGhIj' : emu.arnOf(n), roleArn: 'r' }])) } } } }));
      const r = await runCli(['tools', '--runtime', 'travel', '--workspace', dir, '--endpoint', emu.url, '--profile', 'temp']);
      assert.strictEqual(r.code, 0, r.stderr);
      assert.match(r.stdout, /plan_trip/);
      const wrong = await runCli(['tools', '--runtime', 'travl', '--workspace', dir]);
      assert.strictEqual(wrong.code, 2);
      assert.match(wrong.stderr, /no MCP runtime named "travl" in .*\. Deployed MCP runtimes: travel, travel_jwt\. Left out: chat \(HTTP runtime, not MCP\)\./);
      // A JWT runtime without a token signs in with its allowed app client: only "login" opens a browser.
      const jwt = await runCli(['tools', '--runtime', 'travel_jwt', '--workspace', dir, '--endpoint', emu.url], { env: { AGENTCORE_MCP_OAUTH_FILE: path.join(dir, 'oauth.json') } });
      assert.strictEqual(jwt.code, 1);
      assert.match(jwt.stderr, /needs you to sign in at http:\/\/127\.0\.0\.1:\d+.*run "agentcore-mcp login" with the same connection options/s);
      const token = emu.mintToken();
      const withToken = await runCli(['tools', '--runtime', 'travel_jwt', '--workspace', dir, '--endpoint', emu.url, '--bearer-token-env', 'T'], { env: { T: token } });
      assert.strictEqual(withToken.code, 0, withToken.stderr);
      const none = await runCli(['tools', '--runtime', 'travel', '--workspace', os.tmpdir()]);
      assert.match(none.stderr, /holds no AgentCore CLI project \(agentcore\/deployed-state\.json\) or starter toolkit file \(\.bedrock_agentcore\.yaml\)/);
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  });

  it('explains a profile that does not exist (exit 1)', async () => {
    const r = await runCli(['tools', '--agentcore-arn', emu.arnOf('travel'), '--endpoint', emu.url, '--profile', 'nobody']);
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /^error: Could not connect: .*nobody/m);
  });
});
