// Small HTTP pieces the emulated Cognito endpoints share: strict form parsing (RFC 6749 §3.1: a parameter
// given twice is an invalid request), OAuth error bodies, and no-store HTML.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { baseHeaders, sendJson } from './errors';
import type { RequestLogEntry } from './types';

export type Params = ReadonlyMap<string, string>;

/** Parameters of a query string or form body; a string naming the repeated parameter when one repeats. */
export function parseParams(text: string): Params | string {
  const out = new Map<string, string>();
  for (const [k, v] of new URLSearchParams(text)) {
    if (out.has(k)) return `parameter "${k}" is given more than once`;
    if (v !== '') out.set(k, v); // RFC 6749 §3.1: a parameter sent without a value is treated as omitted
  }
  return out;
}

export function isForm(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

export type OAuthError =
  | 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client'
  | 'unsupported_grant_type' | 'invalid_scope' | 'unsupported_response_type';

/** Cognito answers token-endpoint errors with 400 and a JSON body; the reason also goes to the log. */
export function sendOAuthError(res: ServerResponse, log: RequestLogEntry, error: OAuthError, description: string, status = 400): void {
  log.fault = error;
  log.detail = `${log.detail ? `${log.detail}: ` : ''}${description}`;
  sendJson(res, status, JSON.stringify({ error, error_description: description }), { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, baseHeaders({
    'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(html)),
    'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY',
    // No form-action: browsers apply it to the redirect after the form too, which goes to the client's callback.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  }));
  res.end(html);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, baseHeaders({ Location: location, 'Cache-Control': 'no-store', 'Content-Length': '0' }));
  res.end();
}
