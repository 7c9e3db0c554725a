// The user pools JSON API (cognito-idp.{region}.amazonaws.com, awsJson1_1) for what development sign-in
// uses: InitiateAuth with USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH. Requests are `POST /` with
// `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`; errors are 400 with `__type` and
// x-amzn-ErrorType as the AWS SDK reads them. A wrong username is NotAuthorizedException, as Cognito does
// while PreventUserExistenceErrors is on (its default), never UserNotFoundException.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from './context';
import { sendJson } from './errors';
import type { RequestLogEntry } from './types';
import { AppClient, IssuedTokens, UserPool, sameSecret } from './userPool';

export const COGNITO_TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const JSON_TYPE = 'application/x-amz-json-1.1';

class CognitoError extends Error {
  constructor(readonly type: string, message: string, readonly detail = message) { super(message); }
}

/** True when a request is a Cognito API call (the header decides, so other `POST /` routes are untouched). */
export function isCognitoCall(req: IncomingMessage): boolean {
  const t = req.headers['x-amz-target'];
  return req.method === 'POST' && typeof t === 'string' && t.startsWith(COGNITO_TARGET_PREFIX);
}

interface InitiateAuthInput { AuthFlow?: unknown; ClientId?: unknown; AuthParameters?: unknown }

function parseInput(body: Buffer): InitiateAuthInput {
  let v: unknown;
  try {
    v = JSON.parse(body.toString('utf8'));
  } catch {
    throw new CognitoError('SerializationException', 'Request body is not valid JSON');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new CognitoError('SerializationException', 'Request body must be a JSON object');
  }
  return v as InitiateAuthInput;
}

function stringParams(v: unknown): Record<string, string> {
  if (v === undefined) return {};
  if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.values(v).some(x => typeof x !== 'string')) {
    throw new CognitoError('SerializationException', 'AuthParameters must map strings to strings');
  }
  return v as Record<string, string>;
}

function checkSecretHash(client: AppClient, hash: string | undefined, names: readonly string[]): void {
  if (client.clientSecret === undefined) return;
  const ok = hash !== undefined && names.some(n => sameSecret(hash, UserPool.secretHash(client.clientSecret!, n, client.clientId)));
  if (!ok) throw new CognitoError('NotAuthorizedException', `Unable to verify secret hash for client ${client.clientId}`);
}

function result(t: IssuedTokens): Record<string, unknown> {
  return {
    AuthenticationResult: {
      AccessToken: t.accessToken, ExpiresIn: t.expiresIn, IdToken: t.idToken,
      ...(t.refreshToken ? { RefreshToken: t.refreshToken } : {}), TokenType: 'Bearer',
    },
    ChallengeParameters: {},
  };
}

function initiateAuth(ctx: Context, input: InitiateAuthInput, log: RequestLogEntry): Record<string, unknown> {
  const flow = input.AuthFlow;
  if (typeof input.ClientId !== 'string' || input.ClientId === '') {
    throw new CognitoError('InvalidParameterException',
      "1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null");
  }
  const client = ctx.pool.clients.get(input.ClientId);
  if (!client) throw new CognitoError('ResourceNotFoundException', `User pool client ${input.ClientId} does not exist.`);
  const params = stringParams(input.AuthParameters);
  if (flow === 'USER_PASSWORD_AUTH') {
    if (!client.userPasswordAuth) {
      throw new CognitoError('InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client');
    }
    const username = params.USERNAME;
    if (!username) throw new CognitoError('InvalidParameterException', 'Missing required parameter USERNAME');
    if (params.PASSWORD === undefined) throw new CognitoError('InvalidParameterException', 'Missing required parameter PASSWORD');
    checkSecretHash(client, params.SECRET_HASH, [username]);
    const user = ctx.pool.signIn(username, params.PASSWORD);
    if (!user) {
      throw new CognitoError('NotAuthorizedException', 'Incorrect username or password.', `wrong username or password (username "${username}")`);
    }
    log.detail = `InitiateAuth USER_PASSWORD_AUTH: ${user.username} (${client.clientId})`;
    return result(ctx.pool.issueUserTokens(client, user, [], { withRefresh: true, api: true }));
  }
  if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
    const token = params.REFRESH_TOKEN;
    if (!token) throw new CognitoError('InvalidParameterException', 'Missing required parameter REFRESH_TOKEN');
    const g = ctx.pool.refreshGrant(token, client.clientId);
    if (typeof g === 'string') {
      throw new CognitoError('NotAuthorizedException', g === 'unknown refresh token' ? 'Invalid Refresh Token' : g, g);
    }
    // Unverified: which name the SECRET_HASH of a refresh is computed over; both are accepted.
    checkSecretHash(client, params.SECRET_HASH, [g.user.username, g.user.sub]);
    log.detail = `InitiateAuth REFRESH_TOKEN_AUTH: ${g.user.username} (${client.clientId})`;
    return result(ctx.pool.issueUserTokens(client, g.user, g.scopes, { withRefresh: false, api: g.api }));
  }
  throw new CognitoError('InvalidParameterException',
    `AuthFlow ${String(flow)} is not supported by the emulator (USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH)`);
}

export function handleCognito(ctx: Context, req: IncomingMessage, res: ServerResponse, body: Buffer, log: RequestLogEntry): void {
  const op = String(req.headers['x-amz-target']).slice(COGNITO_TARGET_PREFIX.length);
  log.detail = op;
  const headers = { 'Content-Type': JSON_TYPE };
  try {
    if (op !== 'InitiateAuth') throw new CognitoError('UnknownOperationException', '', `operation ${op} is not emulated`);
    sendJson(res, 200, JSON.stringify(initiateAuth(ctx, parseInput(body), log)), headers);
  } catch (e) {
    if (!(e instanceof CognitoError)) throw e;
    log.fault = e.type;
    log.detail = `${op}: ${e.detail}`;
    const payload = e.message ? { __type: e.type, message: e.message } : { __type: e.type };
    sendJson(res, 400, JSON.stringify(payload), { ...headers, 'x-amzn-ErrorType': e.type });
  }
}
