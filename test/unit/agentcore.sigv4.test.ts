// The signing core against AWS's published SigV4 vectors, what the middleware chooses to sign, and that
// the AWS SDK stays out of the engine until a SigV4 connection connects. (What one signature costs is
// measured by the benchmarks: bench/agentcore.ts.)
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { loadAws } from '../../src/core/agentcore/credentials';
import { SIGNED_HEADERS, queryOf, requestToSign } from '../../src/core/agentcore/sigv4';
import { invocationsUrl } from '../../src/core/agentcore';

const ROOT = path.join(__dirname, '..', '..', '..');
const VECTORS = path.join(ROOT, 'test', 'fixtures', 'sigv4-vectors');

interface VectorContext {
  credentials: { access_key_id: string; secret_access_key: string; token?: string };
  region: string; service: string; sign_body: boolean; timestamp: string;
}

/** request.txt: "METHOD target HTTP/1.1", "Name:value" lines, a blank line, the body. */
function parseRequest(text: string) {
  const [head, ...bodyParts] = text.split('\n\n');
  const [requestLine, ...lines] = head.split('\n');
  const method = requestLine.slice(0, requestLine.indexOf(' '));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(' HTTP/'));
  const headers: Record<string, string> = {};
  for (const line of lines.filter(Boolean)) {
    const name = line.slice(0, line.indexOf(':')).toLowerCase();
    const value = line.slice(line.indexOf(':') + 1);
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  const q = target.indexOf('?');
  return { method, path: q < 0 ? target : target.slice(0, q), query: q < 0 ? '' : target.slice(q), headers, body: bodyParts.join('\n\n') };
}

describe('agentcore SigV4: AWS test-suite vectors through the signing core', () => {
  for (const name of readdirSync(VECTORS).filter(n => !n.includes('.'))) {
    it(name, async () => {
      const read = (f: string) => readFileSync(path.join(VECTORS, name, f), 'utf8');
      const ctx = JSON.parse(read('context.json')) as VectorContext;
      const req = parseRequest(read('request.txt'));
      const headers = { ...req.headers };
      if (ctx.sign_body) headers['x-amz-content-sha256'] = createHash('sha256').update(req.body).digest('hex');
      const signed = await loadAws().signRequest({
        method: req.method, protocol: 'https:', hostname: headers.host, path: req.path,
        query: queryOf(new URL(`https://example.amazonaws.com/${req.query}`)), headers, ...(req.body ? { body: req.body } : {}),
      }, {
        accessKeyId: ctx.credentials.access_key_id, secretAccessKey: ctx.credentials.secret_access_key,
        ...(ctx.credentials.token ? { sessionToken: ctx.credentials.token } : {}),
      }, { region: ctx.region, service: ctx.service, signingDate: new Date(ctx.timestamp) });
      const canonical = read('header-canonical-request.txt').split('\n');
      const signedHeaders = canonical[canonical.length - 2];
      const date = ctx.timestamp.slice(0, 10).replace(/-/g, '');
      assert.strictEqual(signed.authorization,
        `AWS4-HMAC-SHA256 Credential=${ctx.credentials.access_key_id}/${date}/${ctx.region}/${ctx.service}/aws4_request, SignedHeaders=${signedHeaders}, Signature=${read('header-signature.txt').trim()}`);
    });
  }
});

describe('agentcore SigV4: what the middleware signs', () => {
  const url = invocationsUrl({ arn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/my_agent-AbCdEfGhIj', qualifier: 'DEFAULT', endpoint: 'http://127.0.0.1:8787' });

  it('signs host with its port and the MCP headers, never hop-by-hop or rewritable ones; the query stays out of the path', () => {
    const headers = new Headers({
      'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': 's', 'mcp-protocol-version': '2025-06-18',
      'x-amzn-bedrock-agentcore-runtime-session-id': 'r'.repeat(40), 'content-length': '10', connection: 'keep-alive', 'accept-encoding': 'gzip', 'user-agent': 'node', 'x-other': '1',
    });
    const r = requestToSign(url, 'POST', headers, '{}');
    assert.deepStrictEqual(Object.keys(r.headers).sort(), ['accept', 'content-type', 'host', 'mcp-protocol-version', 'mcp-session-id', 'x-amzn-bedrock-agentcore-runtime-session-id']);
    assert.strictEqual(r.headers.host, '127.0.0.1:8787');
    assert.strictEqual(r.path, '/runtimes/arn%3Aaws%3Abedrock-agentcore%3Aus-east-1%3A123456789012%3Aruntime%2Fmy_agent-AbCdEfGhIj/invocations');
    assert.deepStrictEqual(r.query, { qualifier: 'DEFAULT' });
    assert.ok(SIGNED_HEADERS.includes('last-event-id'));
  });
});

describe('agentcore SigV4: the AWS SDK is loaded lazily', () => {
  const AWS_MODULES = /[\\/]node_modules[\\/](@smithy[\\/]signature-v4|@aws-sdk[\\/]credential-provider|@aws-crypto[\\/]sha256-js)/;

  it('is not loaded by the engine, nor by building a resolver or an http connection', () => {
    const engine = path.join(ROOT, 'out', 'src', 'core', 'engine.js');
    const script = `const e = require(${JSON.stringify(engine)}); e.agentcore.createAgentCoreResolver(); new e.McpConnection({ name: 'h', type: 'http', url: 'http://127.0.0.1:9/mcp', headers: {}, secretHeaders: [] }, { log() {} });
      const loaded = Object.keys(require.cache).filter(k => ${AWS_MODULES}.test(k) || k.endsWith('aws.js'));
      process.stdout.write(JSON.stringify({ loaded, flag: e.agentcore.awsLoaded() }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { loaded: string[]; flag: boolean };
    assert.deepStrictEqual(out, { loaded: [], flag: false });
  });

  it('keeps the SDK in dist/aws.js and out of dist/engine.js (after node scripts/build.mjs)', function () {
    const dist = path.join(ROOT, 'dist');
    if (!existsSync(path.join(dist, 'aws.js')) || !existsSync(path.join(dist, 'engine.js'))) {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });
    }
    const engine = readFileSync(path.join(dist, 'engine.js'), 'utf8');
    const aws = readFileSync(path.join(dist, 'aws.js'), 'utf8');
    for (const marker of ['SignatureV4', 'getSigningKey', 'aws4_request', 'fromNodeProviderChain', 'AWS_EC2_METADATA_DISABLED']) {
      assert.ok(!engine.includes(marker), `engine.js contains ${marker}`);
      assert.ok(aws.includes(marker), `aws.js lacks ${marker}`);
    }
  });
});
