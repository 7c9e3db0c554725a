// The emulator's SigV4 code against AWS's published test vectors, and its verifier against requests signed by
// @smithy/signature-v4 (the signer the extension uses), without any server.
import * as assert from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { canonicalPath, canonicalRequest, sha256Hex, signature, stringToSign } from '../../src/emulator/sigv4';
import { KnownCredential, MISMATCH_MESSAGE, VerifyResult, formatAmzDate, verifySigV4 } from '../../src/emulator/sigv4Verify';
import { CREDS } from './emulatorHarness';

const VECTORS = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'sigv4-vectors');

interface VectorContext {
  credentials: { access_key_id: string; secret_access_key: string; token?: string };
  region: string;
  service: string;
  sign_body: boolean;
  timestamp: string;
}

/** request.txt: "METHOD path HTTP/1.1", "Name:value" lines, a blank line, the body. */
function parseRequest(text: string) {
  const [head, ...bodyParts] = text.split('\n\n');
  const [requestLine, ...headerLines] = head.split('\n');
  const method = requestLine.slice(0, requestLine.indexOf(' '));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(' HTTP/'));
  const q = target.indexOf('?');
  const rawHeaders: string[] = [];
  for (const line of headerLines.filter(l => l !== '')) {
    const colon = line.indexOf(':');
    rawHeaders.push(line.slice(0, colon), line.slice(colon + 1));
  }
  return { method, path: q < 0 ? target : target.slice(0, q), query: q < 0 ? '' : target.slice(q + 1), rawHeaders, body: bodyParts.join('\n\n') };
}

describe('emulator SigV4: AWS test-suite vectors', () => {
  for (const name of readdirSync(VECTORS).filter(n => !n.includes('.'))) {
    it(name, () => {
      const read = (f: string) => readFileSync(path.join(VECTORS, name, f), 'utf8');
      const ctx = JSON.parse(read('context.json')) as VectorContext;
      const req = parseRequest(read('request.txt'));
      const amzDate = formatAmzDate(Date.parse(ctx.timestamp));
      const payloadHash = sha256Hex(req.body);
      const rawHeaders = [...req.rawHeaders, 'X-Amz-Date', amzDate];
      if (ctx.credentials.token) rawHeaders.push('X-Amz-Security-Token', ctx.credentials.token);
      if (ctx.sign_body) rawHeaders.push('x-amz-content-sha256', payloadHash);
      const signedHeaders = [...new Set(rawHeaders.filter((_, i) => i % 2 === 0).map(h => h.toLowerCase()))].sort();

      const canonical = canonicalRequest({ method: req.method, path: req.path, query: req.query, rawHeaders, signedHeaders, payloadHash });
      assert.strictEqual(canonical, read('header-canonical-request.txt'));
      const scope = `${amzDate.slice(0, 8)}/${ctx.region}/${ctx.service}/aws4_request`;
      const toSign = stringToSign(amzDate, scope, canonical);
      assert.strictEqual(toSign, read('header-string-to-sign.txt'));
      assert.strictEqual(signature(ctx.credentials.secret_access_key, amzDate.slice(0, 8), ctx.region, ctx.service, toSign), read('header-signature.txt'));
    });
  }

  it('encodes the received path once more, as bedrock-agentcore expects (%3A -> %253A)', () => {
    const received = `/runtimes/${encodeURIComponent('arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/travel-abcdefghij')}/invocations`;
    assert.strictEqual(canonicalPath(received),
      '/runtimes/arn%253Aaws%253Abedrock-agentcore%253Aus-east-1%253A123456789012%253Aruntime%252Ftravel-abcdefghij/invocations');
  });
});

const NOW = Date.parse('2026-03-10T12:00:00Z');
const HOST = '127.0.0.1:8787';
const PATH = `/runtimes/${encodeURIComponent('arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/travel-abcdefghij')}/invocations`;
const BODY = '{"jsonrpc":"2.0","id":1,"method":"tools/list"}';

/** Signs like the extension does, then verifies like the emulator does. */
async function signAndVerify(opts: {
  signer?: Partial<ConstructorParameters<typeof SignatureV4>[0]>; signingDate?: Date; body?: string; sentBody?: string;
  headers?: Record<string, string>; unsignable?: string[]; credentials?: KnownCredential[]; region?: string;
} = {}): Promise<VerifyResult> {
  const signer = new SignatureV4({ credentials: CREDS, region: 'us-east-1', service: 'bedrock-agentcore', sha256: Sha256, ...opts.signer });
  const body = opts.body ?? BODY;
  const signed = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 8787, path: PATH, query: { qualifier: 'DEFAULT' }, headers: { host: HOST, 'content-type': 'application/json', ...opts.headers }, body },
    { signingDate: opts.signingDate ?? new Date(NOW), ...(opts.unsignable ? { unsignableHeaders: new Set(opts.unsignable) } : {}) },
  );
  const rawHeaders = Object.entries(signed.headers).flat();
  const credentials = new Map((opts.credentials ?? [CREDS]).map(c => [c.accessKeyId, c] as const));
  return verifySigV4(
    { method: 'POST', path: PATH, query: 'qualifier=DEFAULT', rawHeaders, body: Buffer.from(opts.sentBody ?? body) },
    { region: opts.region ?? 'us-east-1', credentials, windowMs: 5 * 60_000, now: NOW, explainMismatch: true },
  );
}

function failure(r: VerifyResult) {
  assert.ok(!r.ok, 'expected a rejection');
  return r.failure;
}

describe('emulator SigV4 verifier', () => {
  it('accepts what @smithy/signature-v4 signs, with and without x-amz-content-sha256', async () => {
    assert.deepStrictEqual(await signAndVerify(), { ok: true, accessKeyId: CREDS.accessKeyId });
    assert.deepStrictEqual(await signAndVerify({ signer: { applyChecksum: false } }), { ok: true, accessKeyId: CREDS.accessKeyId });
  });

  it('rejects a client that does not double-encode the path, showing the canonical string it expected', async () => {
    const f = failure(await signAndVerify({ signer: { uriEscapePath: false } }));
    assert.strictEqual(f.errorType, 'InvalidSignatureException');
    assert.ok(f.message.startsWith(MISMATCH_MESSAGE));
    assert.match(f.message, /The Canonical String for this request should have been\n'POST\n\/runtimes\/arn%253Aaws/);
  });

  it('rejects a body changed after signing, whether or not the body hash was sent', async () => {
    assert.ok(failure(await signAndVerify({ sentBody: BODY.replace('1', '2') })).message.startsWith(MISMATCH_MESSAGE));
    assert.ok(failure(await signAndVerify({ signer: { applyChecksum: false }, sentBody: BODY.replace('1', '2') })).message.startsWith(MISMATCH_MESSAGE));
  });

  it('words clock-skew failures as AWS does', async () => {
    const late = failure(await signAndVerify({ signingDate: new Date(NOW - 6 * 60_000) }));
    assert.deepStrictEqual(late, {
      status: 403, errorType: 'InvalidSignatureException',
      message: 'Signature expired: 20260310T115400Z is now earlier than 20260310T115500Z (20260310T120000Z - 5 min.)',
    });
    const early = failure(await signAndVerify({ signingDate: new Date(NOW + 6 * 60_000) }));
    assert.strictEqual(early.message, 'Signature not yet current: 20260310T120600Z is still later than 20260310T120500Z (20260310T120000Z + 5 min.)');
  });

  it('checks the credential scope: region, service', async () => {
    assert.strictEqual(failure(await signAndVerify({ signer: { region: 'eu-west-1' } })).message, "Credential should be scoped to a valid region, not 'eu-west-1'. ");
    assert.strictEqual(failure(await signAndVerify({ signer: { service: 'bedrock' } })).message, "Credential should be scoped to correct service: 'bedrock-agentcore'. ");
  });

  it('requires host to be signed', async () => {
    const f = failure(await signAndVerify({ unsignable: ['host'] }));
    assert.strictEqual(f.message, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  });

  it('knows access keys and session tokens', async () => {
    const unknown = failure(await signAndVerify({ credentials: [] }));
    assert.deepStrictEqual(unknown, { status: 403, errorType: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' });
    const temp = { ...CREDS, sessionToken: 'tok' };
    assert.strictEqual(failure(await signAndVerify({ credentials: [temp] })).errorType, 'UnrecognizedClientException', 'token missing');
    assert.deepStrictEqual(await signAndVerify({ credentials: [temp], signer: { credentials: temp } }), { ok: true, accessKeyId: CREDS.accessKeyId });
    const expired = failure(await signAndVerify({ credentials: [{ ...temp, expired: true }], signer: { credentials: temp } }));
    assert.deepStrictEqual(expired, { status: 403, errorType: 'ExpiredTokenException', message: 'The security token included in the request is expired' });
  });

  it('tolerates hops that add unsigned headers (user-agent, content-length)', async () => {
    const r = await signAndVerify({ headers: { 'user-agent': 'a', 'content-length': String(BODY.length) }, unsignable: ['content-length'] });
    assert.ok(r.ok);
  });
});
