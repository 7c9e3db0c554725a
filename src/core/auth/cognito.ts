// Development user pools the AgentCore tooling sets up sign in without a browser: Amazon Cognito's
// InitiateAuth with USER_PASSWORD_AUTH (the username and password of a pool user), and REFRESH_TOKEN_AUTH
// to renew. This is Cognito's own JSON API, not OAuth, so the SDK's auth() does not cover it; the tokens
// land in the same record as a browser sign-in's. The API endpoint is the user pool issuer's origin
// (https://cognito-idp.<region>.amazonaws.com/<pool id> → https://cognito-idp.<region>.amazonaws.com/).
import type { StoredOAuthTokens } from '@modelcontextprotocol/client';
import type { FetchLike } from '../connections/fetch';
import { SignInError } from './provider';

export interface CognitoCredentials { readonly username: string; readonly password: string }

interface AuthenticationResult { AccessToken?: string; IdToken?: string; RefreshToken?: string; ExpiresIn?: number; TokenType?: string }

/** The Cognito API endpoint for a user pool issuer. Plain http only on loopback (the emulator). */
export function cognitoEndpoint(issuer: string): URL {
  const u = new URL('/', issuer);
  if (u.protocol !== 'https:' && !/^(127\.0\.0\.1|localhost|\[::1\])$/.test(u.hostname)) {
    throw new SignInError(`The user pool ${issuer} is not served over https; a password is never sent to it.`);
  }
  return u;
}

async function initiateAuth(endpoint: URL, body: Record<string, unknown>, fetchFn: FetchLike): Promise<AuthenticationResult> {
  const res = await fetchFn(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let doc: { AuthenticationResult?: AuthenticationResult; ChallengeName?: string; __type?: string; message?: string } = {};
  try { doc = JSON.parse(text) as typeof doc; } catch { /* explained below */ }
  if (!res.ok) {
    const type = (doc.__type ?? res.headers.get('x-amzn-errortype') ?? `HTTP ${res.status}`).split('#').pop()!.split(':')[0];
    const wrong = type === 'NotAuthorizedException' || type === 'UserNotFoundException';
    throw Object.assign(new SignInError(`Cognito refused the sign-in (${type}): ${doc.message ?? text.slice(0, 200)}`,
      type === 'InvalidParameterException' ? 'Enable USER_PASSWORD_AUTH on the app client (ALLOW_USER_PASSWORD_AUTH), or sign in in the browser instead (remove "grant": "password").'
        : wrong ? 'Check the username and password; you are asked again on the next Sign In.' : undefined), { wrongCredentials: wrong });
  }
  if (doc.ChallengeName) throw new SignInError(`Cognito asks for a ${doc.ChallengeName} challenge, which this sign-in cannot answer.`, 'Complete it once in the hosted UI (sign in in the browser), then try again.');
  if (!doc.AuthenticationResult?.AccessToken) throw new SignInError('Cognito answered without tokens.');
  return doc.AuthenticationResult;
}

const asTokens = (r: AuthenticationResult): StoredOAuthTokens => ({
  access_token: r.AccessToken!, token_type: r.TokenType ?? 'Bearer',
  ...(r.IdToken ? { id_token: r.IdToken } : {}), ...(r.RefreshToken ? { refresh_token: r.RefreshToken } : {}),
  ...(r.ExpiresIn !== undefined ? { expires_in: r.ExpiresIn } : {}),
});

export async function passwordSignIn(issuer: string, clientId: string, c: CognitoCredentials, fetchFn: FetchLike): Promise<StoredOAuthTokens> {
  const r = await initiateAuth(cognitoEndpoint(issuer), { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: c.username, PASSWORD: c.password } }, fetchFn);
  return asTokens(r);
}

export async function refreshSignIn(issuer: string, clientId: string, refreshToken: string, fetchFn: FetchLike): Promise<StoredOAuthTokens> {
  const r = await initiateAuth(cognitoEndpoint(issuer), { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } }, fetchFn);
  return asTokens(r);
}
