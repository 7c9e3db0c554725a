// The emulator's command line: flag parsing, the printed setup text, and a real run of main.js.
import * as assert from 'node:assert';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { startEmulator } from '../../src/emulator';
import { banner, parseCli } from '../../src/emulator/cli';
import { bodyJson, initializeBody, post, bearerFetch, startUpstream } from './emulatorHarness';

describe('emulator command line', () => {
  it('reads flags into options, with AgentCore defaults and generated credentials', () => {
    const cfg = parseCli(['--upstream', 'http://127.0.0.1:3001/mcp', '--upstream', 'hotel=http://127.0.0.1:3002/mcp', '--idle-timeout', '60'])!;
    assert.deepStrictEqual(cfg.options.runtimes.map(r => [r.name, r.upstream, r.auth]), [
      ['mcp_server', 'http://127.0.0.1:3001/mcp', 'sigv4'], ['hotel', 'http://127.0.0.1:3002/mcp', 'sigv4'],
    ]);
    assert.deepStrictEqual([cfg.options.port, cfg.options.region, cfg.options.idleTimeoutMs, cfg.options.maxLifetimeMs], [8787, 'us-east-1', 60_000, 28_800_000]);
    assert.match(cfg.credential.accessKeyId, /^AKIAEMU[A-Z0-9]{13}$/);
    assert.strictEqual(cfg.credential.secretAccessKey.length, 40);
    assert.strictEqual(parseCli(['--help']), undefined);
  });

  it('reads sign-in users and the access token lifetime', () => {
    const cfg = parseCli(['--upstream', 'http://x/mcp', '--auth', 'jwt', '--user', 'ana:p:w', '--user', 'bo:x', '--access-token-ttl', '2'])!;
    assert.deepStrictEqual(cfg.options.users, [{ username: 'ana', password: 'p:w' }, { username: 'bo', password: 'x' }]);
    assert.strictEqual(cfg.options.accessTokenTtlSeconds, 2);
    assert.throws(() => parseCli(['--upstream', 'http://x/mcp', '--user', 'nopassword']), /--user must be <name>:<password>/);
  });

  it('refuses bad flags with a message saying what to do', () => {
    assert.throws(() => parseCli([]), /--upstream is required/);
    assert.throws(() => parseCli(['--upstream', 'localhost:3001']), /must be an http\(s\) URL/);
    assert.throws(() => parseCli(['--upstream', 'http://x/mcp', '--auth', 'iam']), /--auth must be sigv4 or jwt/);
    assert.throws(() => parseCli(['--upstream', 'http://x/mcp', '--access-key-id', 'A']), /give both/);
    assert.throws(() => parseCli(['--upstream', 'http://x/mcp', '--idle-timeout', 'soon']), /--idle-timeout must be/);
    assert.throws(() => parseCli(['--upstream', 'http://x/mcp', '--nope']), /Unknown option '--nope'/);
  });

  it('stands in for Bedrock alone with --bedrock-model: no --upstream needed, the banner says how to point the client at it', async () => {
    const cfg = parseCli(['--bedrock-model', 'amazon.nova-lite-v1:0', '--bedrock-model', 'anthropic.claude-3-haiku-20240307-v1:0', '--port', '0', '--access-key-id', 'AKIDB', '--secret-access-key', 'SECRETB'])!;
    assert.deepStrictEqual(cfg.options.bedrockModels, [{ id: 'amazon.nova-lite-v1:0' }, { id: 'anthropic.claude-3-haiku-20240307-v1:0' }]);
    assert.deepStrictEqual(cfg.options.runtimes, []);
    const emu = await startEmulator(cfg.options);
    try {
      const text = banner(emu, cfg);
      assert.match(text, /^Bedrock stand-in on http:\/\/127\.0\.0\.1:\d+ \(region us-east-1\)/);
      assert.ok(text.includes(`AGENTCORE_MCP_BEDROCK_ENDPOINT=${emu.url} agentcore-mcp call <tool> … --sampling bedrock:amazon.nova-lite-v1:0`));
      assert.ok(text.includes('aws_access_key_id = AKIDB') && !text.includes('agentcoreMcp.connections'));
    } finally {
      await emu.close();
    }
  });

  it('prints the ARN, a connections entry and a profile for SigV4', async () => {
    const cfg = parseCli(['--upstream', 'travel=http://127.0.0.1:9/mcp', '--port', '0', '--access-key-id', 'AKIDX', '--secret-access-key', 'SECRETX'])!;
    const emu = await startEmulator(cfg.options);
    try {
      const text = banner(emu, cfg);
      assert.ok(text.includes(emu.arnOf('travel')));
      assert.ok(text.includes(`"endpoint": "${emu.url}"`));
      assert.ok(text.includes('"profile": "agentcore-emulator"'));
      assert.ok(text.includes('aws_access_key_id = AKIDX') && text.includes('AWS_SECRET_ACCESS_KEY=SECRETX'));
    } finally {
      await emu.close();
    }
  });

  it('runs: --print-token puts a usable token on stdout, and SIGINT stops it cleanly', async function () {
    this.timeout(10_000);
    const upstream = await startUpstream();
    const main = path.join(__dirname, '..', '..', 'src', 'emulator', 'main.js');
    const child = spawn(process.execPath, [main, '--upstream', `travel=${upstream.url}`, '--port', '0', '--auth', 'jwt', '--print-token', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
      child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
      const until = Date.now() + 8000;
      while (!(out.includes('\n') && err.includes('Invoke: ')) && Date.now() < until) await new Promise(r => setTimeout(r, 20));
      const token = out.split('\n')[0];
      const invoke = /Invoke: (\S+)/.exec(err)?.[1];
      assert.ok(invoke, err);
      const res = await post(bearerFetch(token), invoke, initializeBody());
      assert.strictEqual(res.status, 200);
      assert.strictEqual((await bodyJson(res)).id, 1);
      child.kill('SIGINT');
      const code = await new Promise<number | null>(resolve => child.once('exit', resolve));
      assert.strictEqual(code, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await upstream.close();
    }
  });
});
