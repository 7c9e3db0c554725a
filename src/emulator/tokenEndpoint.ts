// The emulated Cognito token endpoint (/oauth2/token: authorization_code with PKCE, refresh_token,
// client_credentials), plus /oauth2/revoke and /oauth2/userInfo. Client authentication as Cognito: a
// public client names itself with client_id; a confidential one sends its secret by HTTP Basic or
// client_secret_post. Errors are 400 with {error, error_description}; the log says why, never the secret.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from './context';
import { sendJson } from './errors';
import { Params, isForm, parseParams, sendOAuthError } from './oauthHttp';
import type { RequestLogEntry } from './types';
import { AppClient, IssuedTokens, sameSecret } from './userPool';

type Authenticated = { client: AppClient } | { error: 'invalid_client' | 'invalid_request'; why: string };

function authenticate(ctx: Context, req: IncomingMessage, p: Params): Authenticated {
  let id = p.get('client_id');
  let secret = p.get('client_secret');
  const header = req.headers.authorization;
  if (header !== undefined) {
    const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
    if (!basic) return { error: 'invalid_client', why: 'the Authorization header is not Basic' };
    const pair = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = pair.indexOf(':');
    if (colon < 0) return { error: 'invalid_client', why: 'the Basic credentials have no ":"' };
    if (secret !== undefined) return { error: 'invalid_request', why: 'client credentials sent both by Basic and in the body' };
    if (id !== undefined && id !== pair.slice(0, colon)) return { error: 'invalid_client', why: 'client_id differs from the Basic user' };
    id = pair.slice(0, colon);
    secret = pair.slice(colon + 1);
  }
  if (id === undefined) return { error: 'invalid_client', why: 'no client_id' };
  const client = ctx.pool.clients.get(id);
  if (!client) return { error: 'invalid_client', why: `unknown client ${id}` };
  if (client.clientSecret === undefined) {
    // Unverified: what Cognito does with a secret sent for a client that has none.
    return secret === undefined ? { client } : { error: 'invalid_client', why: `${id} has no secret, but one was sent` };
  }
  if (secret === undefined) return { error: 'invalid_client', why: `${id} is confidential and no secret was sent` };
  if (!sameSecret(secret, client.clientSecret)) return { error: 'invalid_client', why: `wrong secret for ${id}` };
  return { client };
}

function sendTokens(res: ServerResponse, t: IssuedTokens): void {
  sendJson(res, 200, JSON.stringify({
    access_token: t.accessToken, ...(t.idToken ? { id_token: t.idToken } : {}),
    ...(t.refreshToken ? { refresh_token: t.refreshToken } : {}), token_type: 'Bearer', expires_in: t.expiresIn,
  }), { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}

const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

function codeGrant(ctx: Context, client: AppClient, p: Params, res: ServerResponse, log: RequestLogEntry): void {
  if (!client.flows.includes('code')) {
    return sendOAuthError(res, log, 'unauthorized_client', 'the code flow is not allowed for this app client');
  }
  const code = p.get('code');
  const redirectUri = p.get('redirect_uri');
  if (code === undefined || redirectUri === undefined) {
    return sendOAuthError(res, log, 'invalid_request', 'code and redirect_uri are required');
  }
  // Seen from Cognito: a redirect_uri that is not a callback URL of the client is unauthorized_client.
  if (!client.callbackUrls.includes(redirectUri)) {
    return sendOAuthError(res, log, 'unauthorized_client', 'redirect_uri is not a callback URL of this app client');
  }
  const grant = ctx.pool.redeemCode(code);
  if (!grant) return sendOAuthError(res, log, 'invalid_grant', 'the code is unknown, expired or already used');
  if (grant.clientId !== client.clientId) return sendOAuthError(res, log, 'invalid_grant', 'the code was issued to another client');
  if (grant.redirectUri !== redirectUri) {
    return sendOAuthError(res, log, 'invalid_grant', 'redirect_uri differs from the authorize request');
  }
  const verifier = p.get('code_verifier');
  if (verifier === undefined || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) {
    return sendOAuthError(res, log, 'invalid_grant', 'code_verifier is missing or malformed');
  }
  if (s256(verifier) !== grant.challenge) {
    return sendOAuthError(res, log, 'invalid_grant', 'code_verifier does not match the code_challenge');
  }
  const nonce = grant.nonce !== undefined ? { nonce: grant.nonce } : {};
  const tokens = ctx.pool.issueUserTokens(client, grant.user, grant.scopes, { withRefresh: true, ...nonce });
  grant.refreshToken = tokens.refreshToken;
  log.detail = `token: authorization_code for ${grant.user.username} (${client.clientId})`;
  sendTokens(res, tokens);
}

function refreshGrant(ctx: Context, client: AppClient, p: Params, res: ServerResponse, log: RequestLogEntry): void {
  const token = p.get('refresh_token');
  if (token === undefined) return sendOAuthError(res, log, 'invalid_request', 'refresh_token is required');
  const g = ctx.pool.refreshGrant(token, client.clientId);
  if (typeof g === 'string') return sendOAuthError(res, log, 'invalid_grant', g);
  log.detail = `token: refresh_token for ${g.user.username} (${client.clientId})`;
  // As Cognito without refresh token rotation: new access and ID tokens, the same refresh token kept.
  sendTokens(res, ctx.pool.issueUserTokens(client, g.user, g.scopes, { withRefresh: false, api: g.api }));
}

function clientCredentials(ctx: Context, client: AppClient, p: Params, res: ServerResponse, log: RequestLogEntry): void {
  if (!client.flows.includes('client_credentials')) {
    return sendOAuthError(res, log, 'unauthorized_client', 'client_credentials is not allowed for this app client');
  }
  const scopes = p.has('scope') ? p.get('scope')!.split(' ').filter(Boolean) : [...client.scopes];
  const extra = scopes.filter(s => !client.scopes.includes(s));
  if (extra.length) return sendOAuthError(res, log, 'invalid_scope', `scope ${extra.join(' ')} is not allowed for this app client`);
  log.detail = `token: client_credentials for ${client.clientId}`;
  sendTokens(res, ctx.pool.issueClientToken(client, scopes));
}

/** Form checks and client authentication shared by /oauth2/token and /oauth2/revoke. */
function begin(
  ctx: Context, req: IncomingMessage, body: Buffer, res: ServerResponse, log: RequestLogEntry,
): { client: AppClient; p: Params } | undefined {
  if (!isForm(req)) { sendOAuthError(res, log, 'invalid_request', 'the body must be application/x-www-form-urlencoded'); return undefined; }
  const p = parseParams(body.toString('utf8'));
  if (typeof p === 'string') { sendOAuthError(res, log, 'invalid_request', p); return undefined; }
  const auth = authenticate(ctx, req, p);
  if ('error' in auth) { sendOAuthError(res, log, auth.error, auth.why); return undefined; }
  return { client: auth.client, p };
}

export function handleToken(ctx: Context, req: IncomingMessage, res: ServerResponse, body: Buffer, log: RequestLogEntry): void {
  log.detail = 'token';
  const b = begin(ctx, req, body, res, log);
  if (!b) return;
  const grantType = b.p.get('grant_type');
  switch (grantType) {
    case 'authorization_code': return codeGrant(ctx, b.client, b.p, res, log);
    case 'refresh_token': return refreshGrant(ctx, b.client, b.p, res, log);
    case 'client_credentials': return clientCredentials(ctx, b.client, b.p, res, log);
    case undefined: return sendOAuthError(res, log, 'invalid_request', 'grant_type is required');
    default: return sendOAuthError(res, log, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
  }
}

/** RFC 7009 as Cognito: revokes a refresh token of the calling client; 200 with no body either way. */
export function handleRevoke(ctx: Context, req: IncomingMessage, res: ServerResponse, body: Buffer, log: RequestLogEntry): void {
  log.detail = 'revoke';
  const b = begin(ctx, req, body, res, log);
  if (!b) return;
  const token = b.p.get('token');
  if (token === undefined) return sendOAuthError(res, log, 'invalid_request', 'token is required');
  if (typeof ctx.pool.refreshGrant(token, b.client.clientId) !== 'string') ctx.pool.revokeToken(token);
  res.writeHead(200, { 'Content-Length': '0', 'Cache-Control': 'no-store' }).end();
}

/** OpenID Connect userinfo for a user's access token. */
export function handleUserInfo(ctx: Context, req: IncomingMessage, res: ServerResponse, log: RequestLogEntry): void {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  const checked = bearer ? ctx.issuer.check(bearer[1], {}) : { ok: false as const, reason: 'no bearer token' };
  const claims = checked.ok ? checked.claims : undefined;
  const username = claims?.token_use === 'access' && typeof claims.username === 'string' ? claims.username : undefined;
  const user = username === undefined ? undefined : ctx.pool.users.get(username.toLowerCase());
  if (!user) {
    log.fault = 'invalid_token';
    log.detail = `userInfo: ${checked.ok ? 'not a user access token' : checked.reason}`;
    return sendJson(res, 401, JSON.stringify({ error: 'invalid_token', error_description: 'Access token is invalid' }), {
      'WWW-Authenticate': 'Bearer error="invalid_token"',
    });
  }
  log.detail = `userInfo: ${user.username}`;
  sendJson(res, 200, JSON.stringify({
    sub: user.sub, username: user.username, ...(user.email !== undefined ? { email: user.email, email_verified: 'true' } : {}),
  }));
}
