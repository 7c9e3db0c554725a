// The baseline's signer: the least a raw-SDK user would write to reach AgentCore with SigV4 in Node, on
// node:crypto. It signs host, x-amz-date and the MCP headers present, with the payload hash of the exact
// body, as a fetch wrapper for the SDK transport's `fetch` option. No retries, no skew correction, no
// credential reloads, no traffic events: everything our middleware does beyond signing is left out.
import { createHash, createHmac } from 'node:crypto';
import type { FetchLike } from '@modelcontextprotocol/client';

export interface MinimalCredentials { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string }

const SIGN = ['accept', 'content-type', 'mcp-protocol-version', 'mcp-session-id', 'last-event-id'];
const sha256 = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();
const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Returns the headers to add: x-amz-date, authorization (and x-amz-security-token). */
export function signMinimal(method: string, url: URL, headers: Headers, body: string | Uint8Array | undefined, c: MinimalCredentials, region: string, service: string, now = new Date()): Record<string, string> {
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const h: Record<string, string> = { host: url.host, 'x-amz-date': amzDate };
  if (c.sessionToken) h['x-amz-security-token'] = c.sessionToken;
  for (const n of SIGN) { const v = headers.get(n); if (v !== null) h[n] = v.trim().replace(/\s+/g, ' '); }
  const names = Object.keys(h).sort();
  // Non-S3 services: the path as sent, each segment encoded once more.
  const path = url.pathname.split('/').map(s => encode(s)).join('/');
  const query = [...url.searchParams].map(([k, v]) => [encode(k), encode(v)]).sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join('&');
  const canonical = [method, path, query, names.map(n => `${n}:${h[n]}\n`).join(''), names.join(';'), sha256(body ?? '')].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${c.secretAccessKey}`, day), region), service), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return {
    'x-amz-date': amzDate, ...(c.sessionToken ? { 'x-amz-security-token': c.sessionToken } : {}),
    authorization: `AWS4-HMAC-SHA256 Credential=${c.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

/** A fetch that signs every request with the minimal signer, then sends it with `base` (global fetch). */
export function minimalSigV4Fetch(c: MinimalCredentials, region: string, base: FetchLike = (url, init) => fetch(url, init), service = 'bedrock-agentcore'): FetchLike {
  return (url, init) => {
    const u = new URL(String(url));
    const headers = new Headers(init?.headers);
    const body = typeof init?.body === 'string' ? init.body : undefined;
    for (const [k, v] of Object.entries(signMinimal((init?.method ?? 'GET').toUpperCase(), u, headers, body, c, region, service))) headers.set(k, v);
    return base(url, { ...init, headers });
  };
}
