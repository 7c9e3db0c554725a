// Checks a SigV4-signed request the way the AWS front door does, and words each failure as AWS does
// (docs/agentcore-runtime.md, "Authentication: SigV4"). The messages were taken from real AWS responses
// quoted in public issues; which exception AgentCore picks for each case is our best reading.
import { timingSafeEqual } from 'node:crypto';
import { ALGORITHM, EMPTY_SHA256, canonicalRequest, sha256Hex, signature, stringToSign } from './sigv4';

export const SERVICE = 'bedrock-agentcore';

export interface KnownCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** When set, requests must carry it in `X-Amz-Security-Token` (temporary credentials). */
  readonly sessionToken?: string;
  /** A temporary credential whose token AWS would now call expired. */
  expired?: boolean;
}

export interface SignedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

/** An AWS-style rejection: HTTP status, `x-amzn-ErrorType` and the `message` of the JSON body. */
export interface AwsFailure {
  readonly status: number;
  readonly errorType: string;
  readonly message: string;
}

export interface VerifyOptions {
  readonly region: string;
  readonly credentials: ReadonlyMap<string, KnownCredential>;
  readonly windowMs: number;
  readonly now: number;
  /** Append the expected canonical request and string to sign to a mismatch, as many AWS services do. */
  readonly explainMismatch: boolean;
  /** The signing name the credential scope must carry; default bedrock-agentcore (Bedrock's own is bedrock). */
  readonly service?: string;
}

export type VerifyResult = { ok: true; accessKeyId: string } | { ok: false; failure: AwsFailure };

const invalidSig = (message: string): VerifyResult =>
  ({ ok: false, failure: { status: 403, errorType: 'InvalidSignatureException', message } });
const incomplete = (message: string): VerifyResult =>
  ({ ok: false, failure: { status: 403, errorType: 'IncompleteSignatureException', message } });
const badToken = (): VerifyResult => ({
  ok: false,
  failure: { status: 403, errorType: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' },
});

export const MISMATCH_MESSAGE = 'The request signature we calculated does not match the signature you provided. '
  + 'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

function header(rawHeaders: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === name) return rawHeaders[i + 1];
  return undefined;
}

/** `20150830T123600Z` -> epoch ms, or undefined when it is not ISO 8601 basic format. */
export function parseAmzDate(s: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return Number.isNaN(t) ? undefined : t;
}

export const formatAmzDate = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

interface ParsedAuthorization { credential?: string; signedHeaders?: string; signature?: string }

function parseAuthorization(value: string): ParsedAuthorization | undefined {
  if (!value.startsWith(ALGORITHM + ' ')) return undefined;
  const out: ParsedAuthorization = {};
  for (const part of value.slice(ALGORITHM.length + 1).split(',')) {
    const [k, ...rest] = part.trim().split('=');
    const v = rest.join('=');
    if (k === 'Credential') out.credential = v;
    else if (k === 'SignedHeaders') out.signedHeaders = v;
    else if (k === 'Signature') out.signature = v;
  }
  return out;
}

export function verifySigV4(req: SignedRequest, opts: VerifyOptions): VerifyResult {
  const authorization = header(req.rawHeaders, 'authorization') ?? '';
  const auth = parseAuthorization(authorization);
  if (!auth) return incomplete(`Authorization header requires 'Credential' parameter. Authorization=${authorization}`);
  const amzDate = header(req.rawHeaders, 'x-amz-date');
  const missing = [
    auth.credential === undefined ? "Authorization header requires 'Credential' parameter." : '',
    auth.signature === undefined ? "Authorization header requires 'Signature' parameter." : '',
    auth.signedHeaders === undefined ? "Authorization header requires 'SignedHeaders' parameter." : '',
    amzDate === undefined ? "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header." : '',
  ].filter(Boolean);
  if (missing.length) return incomplete(`${missing.join(' ')} Authorization=${authorization}`);
  const requestTime = parseAmzDate(amzDate!);
  if (requestTime === undefined) return incomplete(`Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`);

  // Clock window: the wording AWS returns, e.g. "Signature expired: 20160610T180547Z is now earlier than
  // 20160610T180612Z (20160610T181112Z - 5 min.)".
  const minutes = Math.round(opts.windowMs / 60000);
  if (requestTime < opts.now - opts.windowMs) {
    return invalidSig(`Signature expired: ${amzDate} is now earlier than ${formatAmzDate(opts.now - opts.windowMs)} (${formatAmzDate(opts.now)} - ${minutes} min.)`);
  }
  if (requestTime > opts.now + opts.windowMs) {
    return invalidSig(`Signature not yet current: ${amzDate} is still later than ${formatAmzDate(opts.now + opts.windowMs)} (${formatAmzDate(opts.now)} + ${minutes} min.)`);
  }

  const [accessKeyId, scopeDate, scopeRegion, scopeService, terminator, ...extra] = auth.credential!.split('/');
  if (terminator !== 'aws4_request' || extra.length) return invalidSig(`Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator ?? ''}'. `);
  const service = opts.service ?? SERVICE;
  if (scopeService !== service) return invalidSig(`Credential should be scoped to correct service: '${service}'. `);
  if (scopeRegion !== opts.region) return invalidSig(`Credential should be scoped to a valid region, not '${scopeRegion}'. `);
  if (scopeDate !== amzDate!.slice(0, 8)) {
    return invalidSig(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate!.slice(0, 8)}', from '${amzDate}'.`);
  }
  const signedHeaders = auth.signedHeaders!.split(';').filter(Boolean);
  if (!signedHeaders.includes('host')) return invalidSig("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");

  const cred = opts.credentials.get(accessKeyId);
  if (!cred) return badToken();
  const token = header(req.rawHeaders, 'x-amz-security-token');
  if ((cred.sessionToken ?? undefined) !== token) return badToken();
  if (cred.sessionToken && cred.expired) {
    return { ok: false, failure: { status: 403, errorType: 'ExpiredTokenException', message: 'The security token included in the request is expired' } };
  }

  // The payload hash is the x-amz-content-sha256 header when sent (it is then signed), else the body's.
  const actualHash = req.body.length ? sha256Hex(req.body) : EMPTY_SHA256;
  const claimedHash = header(req.rawHeaders, 'x-amz-content-sha256');
  const payloadHash = claimedHash ?? actualHash;
  const canonical = canonicalRequest({ method: req.method, path: req.path, query: req.query, rawHeaders: req.rawHeaders, signedHeaders, payloadHash });
  const toSign = stringToSign(amzDate!, `${scopeDate}/${scopeRegion}/${scopeService}/aws4_request`, canonical);
  const expected = signature(cred.secretAccessKey, scopeDate, scopeRegion, scopeService, toSign);
  const given = Buffer.from(auth.signature!, 'utf8');
  const bodyTampered = claimedHash !== undefined && claimedHash !== 'UNSIGNED-PAYLOAD' && claimedHash !== actualHash;
  if (bodyTampered || given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected, 'utf8'))) {
    const detail = opts.explainMismatch
      ? `\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${toSign}'\n`
      : '';
    return invalidSig(MISMATCH_MESSAGE + detail);
  }
  return { ok: true, accessKeyId };
}
