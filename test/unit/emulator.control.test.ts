// The AgentCore control plane, end to end on loopback: the real @aws-sdk/client-bedrock-agentcore-control
// (through the core's browse functions and `agentcore-mcp runtimes`) against the emulator's control plane,
// SigV4-verified, paged, with its AccessDenied switch; and the messages an AWS user gets when it fails.
import * as assert from 'node:assert';
import { accountConnection, controlError, describeAccountRuntime, listAccountRuntimes } from '../../src/core/agentcore/browse';
import { forgetCredentials } from '../../src/core/agentcore/credentials';
import { startEmulator, type Emulator } from '../../src/emulator';
import { serveHttp, type HttpFixture } from '../fixtures/servers/run';
import { createTravelServer } from '../fixtures/servers/travel';
import { AwsFiles, CREDS, TEMP, useAwsFiles } from './agentcore.harness.test';
import { ensureBuilt, runCli } from './cli.harness.test';

describe('AgentCore control plane (emulator)', function () {
  this.timeout(60_000);
  let files: AwsFiles;
  let travel: HttpFixture;
  let emu: Emulator;
  const names = Array.from({ length: 12 }, (_, i) => `travel_${String(i + 1).padStart(2, '0')}`);
  before(async () => {
    ensureBuilt();
    files = useAwsFiles();
    travel = await serveHttp(() => createTravelServer({ delayMs: 5 }));
    emu = await startEmulator({
      region: 'us-east-1', credentials: [CREDS, TEMP],
      runtimes: [
        ...names.map(name => ({ name, upstream: travel.url })),
        { name: 'chat_http', upstream: travel.url, protocol: 'HTTP' as const },
        { name: 'secure_mcp', upstream: travel.url, auth: 'jwt' as const, allowedClients: ['app-client'], qualifiers: ['DEFAULT', 'prod'] },
        { name: 'broken_mcp', upstream: travel.url, status: 'UPDATE_FAILED' },
      ],
    });
  });
  after(async () => { await emu?.close(); await travel?.close(); files.restore(); forgetCredentials(); });
  afterEach(() => emu.faults.reset());
  const o = () => ({ region: 'us-east-1', profile: 'test', endpoint: emu.url });

  it('lists every runtime, page after page, each request signed', async () => {
    const before = emu.log.length;
    const all = await listAccountRuntimes(o(), 5);
    assert.deepStrictEqual(all.map(r => r.name), [...names, 'chat_http', 'secure_mcp', 'broken_mcp']);
    assert.ok(all.every(r => r.status === (r.name === 'broken_mcp' ? 'UPDATE_FAILED' : 'READY') && r.arn === emu.arnOf(r.name) && r.lastUpdatedAt instanceof Date));
    const calls = emu.log.slice(before).filter(l => l.detail === 'ListAgentRuntimes');
    assert.deepStrictEqual(calls.map(c => c.status), [200, 200, 200], '15 runtimes in pages of 5');
    const broken = await describeAccountRuntime(o(), all.find(r => r.name === 'broken_mcp')!.id);
    assert.strictEqual(broken.failureReason, 'The emulator was told this runtime is UPDATE_FAILED.');
  });

  it('describes one: protocol, authorizer and qualifiers; the connection it becomes', async () => {
    const all = await listAccountRuntimes(o());
    const secure = all.find(r => r.name === 'secure_mcp')!;
    const d = await describeAccountRuntime(o(), secure.id);
    assert.strictEqual(d.protocol, 'MCP');
    assert.deepStrictEqual(d.qualifiers, ['DEFAULT', 'prod']);
    assert.ok(d.auth.kind === 'jwt' && d.auth.discoveryUrl.endsWith('/.well-known/openid-configuration') && d.auth.allowedClients[0] === 'app-client');
    assert.deepStrictEqual(accountConnection('secure_mcp', secure, d, 'prod', o()),
      { name: 'secure_mcp', type: 'agentcore', arn: emu.arnOf('secure_mcp'), qualifier: 'prod', region: 'us-east-1', auth: 'bearer', endpoint: emu.url });
    const http = await describeAccountRuntime(o(), all.find(r => r.name === 'chat_http')!.id);
    assert.deepStrictEqual([http.protocol, http.auth.kind], ['HTTP', 'sigv4']);
  });

  it('says which permission is missing when the role may not list', async () => {
    emu.faults.set({ controlAccessDenied: true });
    await assert.rejects(listAccountRuntimes(o()), (e: Error & { nextStep?: string }) => {
      assert.strictEqual(e.message, 'the profile "test" may not call bedrock-agentcore:ListAgentRuntimes in us-east-1.');
      assert.match(e.nextStep ?? '', /^Ask for that permission on your role or user \(AWS said: User: arn:aws:sts::\d{12}:assumed-role\/Developer\/session is not authorized to perform: bedrock-agentcore:ListAgentRuntimes/);
      return true;
    });
  });

  it('explains expired credentials, a wrong key and a region without AgentCore', () => {
    const expired = controlError(Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException' }), 'ListAgentRuntimes', { region: 'us-east-1', profile: 'sso-dev' });
    assert.deepStrictEqual([expired.message, (expired as { nextStep?: string }).nextStep], ['The credentials of the profile "sso-dev" have expired.', 'Run `aws sso login --profile sso-dev` (or renew them), then try again.']);
    const wrong = controlError(Object.assign(new Error('The security token included in the request is invalid.'), { name: 'UnrecognizedClientException' }), 'ListAgentRuntimes', { region: 'us-east-1' });
    assert.match(wrong.message, /^AWS does not accept the credentials of your default AWS credentials \(UnrecognizedClientException\)/);
    const dns = controlError(Object.assign(new Error('getaddrinfo ENOTFOUND bedrock-agentcore-control.xx-west-9.amazonaws.com'), { code: 'ENOTFOUND' }), 'ListAgentRuntimes', { region: 'xx-west-9' });
    assert.match(dns.message, /^No AgentCore control plane answers in xx-west-9/);
  });

  it('a signature the emulator does not accept is an error with AWS\'s reason', async () => {
    await assert.rejects(listAccountRuntimes({ region: 'us-east-1', profile: 'nobody-such', endpoint: emu.url }), /nobody-such/);
  });

  it('agentcore-mcp runtimes prints the account\'s runtimes with protocol and auth; --json for scripts', async () => {
    const r = await runCli(['runtimes', '--profile', 'test', '--region', 'us-east-1', '--endpoint', emu.url]);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /^NAME\s+STATUS\s+PROTOCOL\s+AUTH\s+QUALIFIERS\s+UPDATED\s+ARN/);
    assert.match(r.stdout, /chat_http\s+READY\s+HTTP\s+SigV4 \(IAM\)/);
    assert.match(r.stdout, /secure_mcp\s+READY\s+MCP\s+JWT bearer token from http:\/\/127\.0\.0\.1:\d+.*DEFAULT, prod/);
    const j = await runCli(['runtimes', '--profile', 'test', '--region', 'us-east-1', '--endpoint', emu.url, '--json']);
    const parsed = JSON.parse(j.stdout) as { runtimes: Array<{ name: string; protocol: string }> };
    assert.strictEqual(parsed.runtimes.length, 15);
    emu.faults.set({ controlAccessDenied: true });
    const denied = await runCli(['runtimes', '--profile', 'test', '--region', 'us-east-1', '--endpoint', emu.url]);
    assert.strictEqual(denied.code, 1);
    assert.match(denied.stderr, /agentcore-mcp runtimes: error: the profile "test" may not call bedrock-agentcore:ListAgentRuntimes in us-east-1\. Ask for that permission/);
  });
});
