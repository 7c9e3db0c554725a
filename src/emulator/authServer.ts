// The emulated Cognito hosted UI at /oauth2/authorize: the authorization code flow with PKCE (S256 only, and
// required here), checked as strictly as Cognito (exact redirect_uri, the client's scopes), and the
// dispatch of the other /oauth2/* endpoints (tokenEndpoint.ts). A request that cannot be sent back to a
// registered callback URL gets an error page, never a redirect.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from './context';
import { sendJson } from './errors';
import { errorPage, loginPage } from './loginPage';
import { Params, isForm, parseParams, redirect, sendHtml } from './oauthHttp';
import { handleRevoke, handleToken, handleUserInfo } from './tokenEndpoint';
import type { RequestLogEntry } from './types';
import type { AppClient } from './userPool';

/** The authorize parameters a sign-in form carries from the GET to the POST. */
const CARRIED = [
  'client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'code_challenge', 'code_challenge_method', 'nonce', 'resource',
];

type Checked =
  | { kind: 'page'; error: string; description: string }
  | { kind: 'redirect'; location: string; description: string }
  | { kind: 'ok'; client: AppClient; redirectUri: string; scopes: string[]; challenge: string; state?: string; nonce?: string };

function backTo(redirectUri: string, error: string, state: string | undefined, description?: string): string {
  const u = new URL(redirectUri);
  u.searchParams.set('error', error);
  if (description) u.searchParams.set('error_description', description);
  if (state !== undefined) u.searchParams.set('state', state);
  return u.toString();
}

/** RFC 6749 §4.1.2.1 order: client and redirect_uri first (errors shown), then the rest (errors sent back). */
function check(ctx: Context, p: Params): Checked {
  const clientId = p.get('client_id');
  const client = clientId === undefined ? undefined : ctx.pool.clients.get(clientId);
  if (!client) {
    return { kind: 'page', error: 'invalid_request', description: clientId ? `unknown client_id ${clientId}` : 'client_id is missing' };
  }
  const redirectUri = p.get('redirect_uri');
  if (redirectUri === undefined || !client.callbackUrls.includes(redirectUri)) {
    return { kind: 'page', error: 'redirect_mismatch', description: 'redirect_uri is not one of the callback URLs of this app client' };
  }
  const state = p.get('state');
  const back = (error: string, description: string, say = false): Checked => ({
    kind: 'redirect', location: backTo(redirectUri, error, state, say ? description : undefined), description: `${error}: ${description}`,
  });
  if (p.get('response_type') !== 'code') {
    return back('unsupported_response_type', `response_type ${String(p.get('response_type'))} is not code`);
  }
  if (!client.flows.includes('code')) return back('unauthorized_client', 'the code flow is not allowed for this app client');
  const scopes = p.has('scope') ? p.get('scope')!.split(' ').filter(Boolean) : [...client.scopes];
  const extra = scopes.filter(s => !client.scopes.includes(s));
  if (extra.length) return back('invalid_scope', `scope ${extra.join(' ')} is not allowed for this app client`);
  const challenge = p.get('code_challenge');
  if (challenge === undefined) return back('invalid_request', 'code_challenge is required (PKCE)', true);
  if (p.get('code_challenge_method') !== 'S256') return back('invalid_request', 'code_challenge_method must be S256', true);
  if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) return back('invalid_request', 'code_challenge is not a base64url SHA-256', true);
  return { kind: 'ok', client, redirectUri, scopes, challenge, state, nonce: p.get('nonce') };
}

function carried(p: Params): Map<string, string> {
  return new Map(CARRIED.filter(k => p.has(k)).map(k => [k, p.get(k)!]));
}

function authorize(ctx: Context, req: IncomingMessage, res: ServerResponse, query: string, body: Buffer, log: RequestLogEntry): void {
  const post = req.method === 'POST';
  if (post && !isForm(req)) {
    log.fault = 'invalid_request';
    log.detail = 'authorize: the sign-in form must be application/x-www-form-urlencoded';
    return sendHtml(res, 400, errorPage('invalid_request', 'expected a form (application/x-www-form-urlencoded)'));
  }
  const p = parseParams(post ? body.toString('utf8') : query);
  if (typeof p === 'string') {
    log.fault = 'invalid_request';
    log.detail = `authorize: ${p}`;
    return sendHtml(res, 400, errorPage('invalid_request', p));
  }
  const c = check(ctx, p);
  if (c.kind === 'page') {
    log.fault = c.error;
    log.detail = `authorize: ${c.description}`;
    return sendHtml(res, 400, errorPage(c.error, c.description));
  }
  if (c.kind === 'redirect') {
    log.fault = c.description.split(':')[0];
    log.detail = `authorize: ${c.description}`;
    return redirect(res, c.location);
  }
  if (!post) {
    log.detail = `authorize: sign-in page for ${c.client.clientId}`;
    return sendHtml(res, 200, loginPage(c.client.clientId, carried(p)));
  }
  const username = p.get('username') ?? '';
  const user = ctx.pool.signIn(username, p.get('password') ?? '');
  if (!user) {
    log.fault = 'NotAuthorizedException';
    log.detail = `authorize: wrong username or password (username "${username}")`;
    return sendHtml(res, 200, loginPage(c.client.clientId, carried(p), 'Incorrect username or password.', username));
  }
  const code = ctx.pool.issueCode({
    clientId: c.client.clientId, redirectUri: c.redirectUri, challenge: c.challenge, user, scopes: c.scopes,
    ...(c.nonce !== undefined ? { nonce: c.nonce } : {}),
  });
  const to = new URL(c.redirectUri);
  to.searchParams.set('code', code);
  if (c.state !== undefined) to.searchParams.set('state', c.state);
  log.detail = `authorize: ${user.username} signed in to ${c.client.clientId}; code issued`;
  redirect(res, to.toString());
}

/** Answers /oauth2/*; the caller has read the body. */
export function handleOAuth(
  ctx: Context, req: IncomingMessage, res: ServerResponse, path: string, query: string, body: Buffer, log: RequestLogEntry,
): void {
  const allow = (methods: string): void =>
    sendJson(res, 405, JSON.stringify({ error: 'invalid_request', error_description: `use ${methods}` }), { Allow: methods });
  switch (path) {
    case '/oauth2/authorize':
      if (req.method !== 'GET' && req.method !== 'POST') return allow('GET, POST');
      return authorize(ctx, req, res, query, body, log);
    case '/oauth2/token': return req.method === 'POST' ? handleToken(ctx, req, res, body, log) : allow('POST');
    case '/oauth2/revoke': return req.method === 'POST' ? handleRevoke(ctx, req, res, body, log) : allow('POST');
    case '/oauth2/userInfo': return req.method === 'GET' || req.method === 'POST' ? handleUserInfo(ctx, req, res, log) : allow('GET, POST');
    default: return sendJson(res, 404, JSON.stringify({ message: 'Not Found' }));
  }
}
