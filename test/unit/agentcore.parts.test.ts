// The plain parts of AgentCore support, without a server: ARNs and URLs, AWS profile names, the retry
// policy, and the explainer's wording for answers the emulator cannot easily be made to give.
import * as assert from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ProtocolError as McpError, SdkError, SdkErrorCode, SdkHttpError } from '@modelcontextprotocol/client';
import { awsConfigFiles, checkEndpoint, invocationsUrl, jwtSummary, listAwsProfiles, parseArn, retryPolicy } from '../../src/core/agentcore';
import { createExplainer, explainRpc } from '../../src/core/agentcore/diagnostics';
import { describeOffset } from '../../src/core/agentcore/sigv4';
import type { AgentCoreConfig } from '../../src/core/connections/config';
import type { HttpFailure } from '../../src/core/connections/fetch';

const ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/my_agent-AbCdEfGhIj';
const ENCODED = 'arn%3Aaws%3Abedrock-agentcore%3Aus-east-1%3A123456789012%3Aruntime%2Fmy_agent-AbCdEfGhIj';
const message = (arn: string) => { const p = parseArn(arn); assert.ok(!p.ok, arn); return p.message; };

describe('agentcore: parseArn', () => {
  it('parses a runtime ARN in any partition', () => {
    assert.deepStrictEqual(parseArn(` ${ARN} `), { ok: true, arn: ARN, partition: 'aws', region: 'us-east-1', account: '123456789012', runtimeName: 'my_agent', runtimeId: 'my_agent-AbCdEfGhIj' });
    assert.ok(parseArn(ARN.replace('arn:aws:', 'arn:aws-us-gov:').replace('us-east-1', 'us-gov-west-1')).ok);
  });

  it('says exactly what is wrong', () => {
    const cases: Array<[string, string]> = [
      ['hello', 'expected arn:aws:bedrock-agentcore:<region>:<account>:runtime/<name>-<10 characters>, got "hello"'],
      ['', 'the ARN is empty; expected arn:aws:bedrock-agentcore:<region>:<account>:runtime/<name>-<10 characters>, got ""'],
      [ARN.replace('123456789012', '1234'), 'the account must be 12 digits, got 1234'],
      [ARN.replace('my_agent', 'my-agent'), 'the runtime name may not contain hyphens: my-agent'],
      [ARN.replace('AbCdEfGhIj', 'abc'), 'the part after the last hyphen must be 10 letters or digits, got "abc"'],
      [ARN.replace('my_agent', '9agent'), 'the runtime name must start with a letter and hold only letters, digits and _: 9agent'],
      [ARN.replace('us-east-1', 'useast'), 'the region must look like us-east-1, got "useast"'],
      [ARN.replace('bedrock-agentcore', 'bedrock'), 'the service must be bedrock-agentcore, got "bedrock" (a Bedrock Agent is not an AgentCore runtime)'],
      [ARN.replace('runtime/', 'agent/'), 'the resource must be runtime/<name>-<10 characters>, got "agent/my_agent-AbCdEfGhIj"'],
      ['my_agent-AbCdEfGhIj', 'that is a runtime id, not an ARN: use arn:aws:bedrock-agentcore:<region>:<account>:runtime/my_agent-AbCdEfGhIj'],
      [ENCODED, `the ARN is URL-encoded; use it decoded: ${ARN}`],
      [`${ARN}/runtime-endpoint/PROD`, 'that is the ARN of the endpoint "PROD"; use the runtime ARN (ending in runtime/my_agent-AbCdEfGhIj) and set the qualifier to PROD'],
      [`https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/${ENCODED}/invocations?qualifier=DEFAULT`, `that is the invocations URL, not the ARN; the ARN inside it is ${ARN}`],
    ];
    for (const [arn, expected] of cases) assert.strictEqual(message(arn), expected, arn);
    assert.match(message('https://us-east-1.console.aws.amazon.com/bedrock-agentcore/home?region=us-east-1#/agents/my_agent-AbCdEfGhIj'), /^that is an AWS console URL, not an ARN: .*"Runtime ARN"/);
  });
});

describe('agentcore: invocationsUrl and endpoints', () => {
  const base = { arn: ARN, qualifier: 'DEFAULT' };
  it('builds the public URL from the ARN\'s region, or the region setting', () => {
    assert.strictEqual(invocationsUrl(base).href, `https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/${ENCODED}/invocations?qualifier=DEFAULT`);
    assert.strictEqual(invocationsUrl({ ...base, region: 'eu-west-1' }).host, 'bedrock-agentcore.eu-west-1.amazonaws.com');
  });

  it('keeps an endpoint\'s port and path prefix, and encodes the qualifier', () => {
    assert.strictEqual(invocationsUrl({ ...base, qualifier: 'PROD', endpoint: 'https://vpce-1.example.com:8443/proxy/' }).href,
      `https://vpce-1.example.com:8443/proxy/runtimes/${ENCODED}/invocations?qualifier=PROD`);
    assert.strictEqual(new URL(invocationsUrl({ ...base, endpoint: 'http://127.0.0.1:8787' })).pathname, `/runtimes/${ENCODED}/invocations`);
    assert.throws(() => invocationsUrl({ ...base, arn: 'x' }), /The runtime ARN is not valid/);
  });

  it('refuses a whole runtime URL as the endpoint', () => {
    assert.strictEqual(checkEndpoint('https://bedrock-agentcore.us-east-1.amazonaws.com'), undefined);
    assert.strictEqual(checkEndpoint('https://vpce-1.example.com/proxy'), undefined);
    assert.match(checkEndpoint('https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/my_agent-AbCdEfGhIj/mcp') ?? '', /must be the base URL only/);
    assert.match(checkEndpoint('ftp://x') ?? '', /must start with https:\/\//);
  });
});

describe('agentcore: AWS profile names', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'agentcore-profiles-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads profiles from both files, skipping sso-session and services sections', async () => {
    const config = path.join(dir, 'config');
    const credentials = path.join(dir, 'credentials');
    writeFileSync(config, '# comment\n[default]\nregion=us-east-1\n[profile  dev ]\n[sso-session corp]\n[services local]\n[profile prod] ; note\n');
    writeFileSync(credentials, '[dev]\naws_access_key_id=x\n[ci]\n');
    assert.deepStrictEqual(await listAwsProfiles(config, credentials), ['default', 'ci', 'dev', 'prod']);
    assert.deepStrictEqual(await listAwsProfiles(path.join(dir, 'none'), path.join(dir, 'none2')), []);
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else ~/.aws', () => {
    assert.deepStrictEqual(awsConfigFiles({ AWS_CONFIG_FILE: '/a/c', AWS_SHARED_CREDENTIALS_FILE: '/a/k', HOME: '/h' }), { configFile: '/a/c', credentialsFile: '/a/k' });
    assert.deepStrictEqual(awsConfigFiles({ HOME: '/h' }), { configFile: path.join('/h', '.aws', 'config'), credentialsFile: path.join('/h', '.aws', 'credentials') });
  });
});

describe('agentcore: retry policy', () => {
  const throttled = new McpError(-32003, 'Rate limit exceeded - Too many requests');
  const busy = new McpError(-32005, 'Session operation in progress, please retry');
  const cold = new McpError(-32010, 'Runtime initialization time exceeded');

  it('backs off −32003 and −32005 (250 ms, 500 ms, 1 s, 2 s, then gives up), with ±20 % jitter', () => {
    const mid = retryPolicy({ random: () => 0.5 });
    assert.deepStrictEqual([0, 1, 2, 3, 4].map(a => mid(throttled, a)), [250, 500, 1000, 2000, undefined]);
    assert.deepStrictEqual([0, 1, 2].map(a => mid(busy, a)), [250, 500, 1000]);
    assert.strictEqual(retryPolicy({ random: () => 0 })(throttled, 0), 200);
    assert.strictEqual(retryPolicy({ random: () => 1 })(throttled, 0), 300);
  });

  it('retries a cold start once after 2 s, and nothing else', () => {
    const p = retryPolicy();
    assert.deepStrictEqual([p(cold, 0), p(cold, 1)], [2000, undefined]);
    for (const e of [new McpError(-32010, 'Tool execution error - boom'), new McpError(-32603, 'Internal error - Server error'), new SdkHttpError(SdkErrorCode.ClientHttpNotImplemented, 'x', { status: 503, statusText: 'Service Unavailable' }), new Error('fetch failed')]) {
      assert.strictEqual(p(e, 0), undefined, e.message);
    }
  });
});

describe('agentcore: explaining answers', () => {
  const config: AgentCoreConfig = { name: 'ac', type: 'agentcore', arn: ARN, qualifier: 'DEFAULT', auth: 'sigv4', profile: 'dev' };
  const explain = createExplainer({ config, region: 'us-east-1', arnRegion: 'us-east-1' });
  const failure = (status: number, body: string, headers: Record<string, string> = {}): HttpFailure => ({
    method: 'POST', url: invocationsUrl(config).href, status, contentType: 'application/json', headers, body,
  });

  it('says how far off the clock is when skew could not be corrected', () => {
    const f = failure(403, JSON.stringify({ message: 'Signature expired: 20260310T115400Z is now earlier than 20260310T115500Z (20260310T120000Z - 5 min.)' }), { 'x-amzn-errortype': 'InvalidSignatureException' });
    const x = explain(new SdkHttpError(SdkErrorCode.ClientHttpForbidden, 'Error POSTing to endpoint', { status: 403, statusText: 'Forbidden' }), { config, phase: 'connect', httpFailure: f });
    assert.match(x?.message ?? '', /This computer's clock is 6 min behind AWS's time; AWS accepts ±5 minutes\.$/);
    assert.strictEqual(x?.nextStep, 'Fix the system clock (turn on automatic time sync), then Restart the connection.');
    assert.strictEqual(describeOffset(-(2 * 3_600_000 + 5 * 60_000)), '2 h 5 min ahead of AWS\'s time');
  });

  it('points a SigV4 connection that gets 401 + WWW-Authenticate to bearer auth and the metadata URL', () => {
    const www = 'Bearer resource_metadata="https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/x/invocations/.well-known/oauth-protected-resource?qualifier=DEFAULT"';
    const x = explain(new SdkHttpError(SdkErrorCode.ClientHttpAuthentication, 'x', { status: 401, statusText: 'Unauthorized' }), { config, phase: 'connect', httpFailure: failure(401, '{}', { 'www-authenticate': www }) });
    assert.match(x?.message ?? '', /asks for a bearer token .*OAuth metadata .* is at https:\/\/bedrock-agentcore.*oauth-protected-resource\?qualifier=DEFAULT\.$/);
  });

  it('prefers the JSON-RPC error over an HTTP failure recorded earlier in the same attempt', () => {
    const x = explain(new McpError(-32010, 'Runtime initialization time exceeded'), { config, phase: 'connect', httpFailure: failure(403, '{"message":"Signature expired: …"}') });
    assert.match(x?.message ?? '', /did not start in time/);
  });

  it('words every code of the doc\'s table, and leaves the SDK\'s own −32001 timeout alone', () => {
    const table: Array<[number, string, RegExp]> = [
      [-32001, 'Authentication error - Invalid credentials', /did not accept the AWS credentials of profile "dev"/],
      [-32002, 'Authorization error - Insufficient permissions', /may not invoke this runtime/],
      [-32003, 'Rate limit exceeded - Too many requests', /kept throttling tools\/list/],
      [-32004, 'Resource not found - Requested resource does not exist', /no runtime or endpoint/],
      [-32005, 'Session operation in progress, please retry', /still being started or stopped/],
      [-32006, 'Validation error - Invalid request data', /rejected tools\/list as invalid/],
      [-32010, 'Tool execution error - boom', /container failed while handling tools\/list/],
      [-32011, 'Accept Header Error - MCP protocol requires Accept header: application/json, text/event-stream', /Accept header \(406, −32011\)/],
      [-32603, 'Internal error - Server error', /AgentCore had an internal error/],
    ];
    for (const [code, text, re] of table) assert.match(explainRpc(code, `MCP error ${code}: ${text}`, { config, region: 'us-east-1', arnRegion: 'us-east-1' }, 'tools/list')?.message ?? '', re, String(code));
    assert.strictEqual(explain(new SdkError(SdkErrorCode.RequestTimeout, 'Request timed out'), { config, phase: 'request' }), undefined);
    assert.strictEqual(explain(new McpError(-32603, 'my tool broke'), { config, phase: 'request' }), undefined);
  });

  it('reads the claims worth showing from a JWT', () => {
    const payload = Buffer.from(JSON.stringify({ exp: 1, iss: 'https://issuer', aud: 'a', client_id: 'c' })).toString('base64url');
    assert.deepStrictEqual(jwtSummary(`h.${payload}.s`), { exp: 1, iss: 'https://issuer', aud: 'a', clientId: 'c' });
    assert.strictEqual(jwtSummary('opaque-token'), undefined);
  });
});
