// SigV4 canonical request, string to sign and signature, written from the AWS spec
// ("Create a signed AWS API request", docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html)
// with Node's crypto only. The emulator must not reuse @smithy/signature-v4: the tests sign with it, and
// an independent verifier is what catches a client that signs the wrong thing.
import { createHash, createHmac } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding as SigV4 wants it: every byte but A-Z a-z 0-9 - _ . ~ becomes %XX (upper case). */
export function uriEncode(s: string, keepSlash = false): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c) || (keepSlash && c === '/')) out += c;
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/**
 * The canonical path of a non-S3 service: the path as received (still percent-encoded), with empty and
 * relative segments removed, URI-encoded once more with `/` kept. So `arn%3Aaws` becomes `arn%253Aaws`
 * (docs/agentcore-runtime.md, "Authentication": canonical path).
 */
export function canonicalPath(receivedPath: string): string {
  const segments: string[] = [];
  for (const seg of receivedPath.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  const trailing = segments.length > 0 && receivedPath.endsWith('/') ? '/' : '';
  return uriEncode('/' + segments.join('/') + trailing, true);
}

function decodeQueryPart(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

/** The canonical query string: each name and value decoded, re-encoded, sorted by name then value. */
export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  const pairs = rawQuery.split('&').filter(p => p !== '').map(p => {
    const eq = p.indexOf('=');
    const k = eq < 0 ? p : p.slice(0, eq);
    const v = eq < 0 ? '' : p.slice(eq + 1);
    return [uriEncode(decodeQueryPart(k)), uriEncode(decodeQueryPart(v))] as const;
  });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/**
 * Canonical header lines for the signed header names, from the raw header list (name, value, name, value…)
 * so that repeated headers keep their order: values trimmed, inner runs of spaces collapsed, joined by `,`.
 */
export function canonicalHeaders(rawHeaders: readonly string[], signedHeaders: readonly string[]): string {
  const values = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    const list = values.get(name) ?? [];
    list.push(rawHeaders[i + 1].trim().replace(/\s+/g, ' '));
    values.set(name, list);
  }
  return signedHeaders.map(h => `${h}:${(values.get(h) ?? []).join(',')}\n`).join('');
}

export interface CanonicalInput {
  readonly method: string;
  /** Path as received, percent-encoding intact, without the query. */
  readonly path: string;
  /** Raw query string after `?`, without the `?`. */
  readonly query: string;
  readonly rawHeaders: readonly string[];
  /** Lower-case names, in the order of the Authorization header's SignedHeaders. */
  readonly signedHeaders: readonly string[];
  readonly payloadHash: string;
}

export function canonicalRequest(r: CanonicalInput): string {
  return [
    r.method.toUpperCase(),
    canonicalPath(r.path),
    canonicalQuery(r.query),
    canonicalHeaders(r.rawHeaders, r.signedHeaders),
    r.signedHeaders.join(';'),
    r.payloadHash,
  ].join('\n');
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac('AWS4' + secret, date), region), service), 'aws4_request');
}

export function signature(secret: string, date: string, region: string, service: string, toSign: string): string {
  return createHmac('sha256', signingKey(secret, date, region, service)).update(toSign, 'utf8').digest('hex');
}
