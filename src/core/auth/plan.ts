// Builds the OAuth part of a connection's HTTP plan: the session (what is stored, which client we are),
// the flow (when to sign in) and its fetch middleware. Secrets of the client (a client secret, a
// private key for private_key_jwt) come from the host's secret storage, never from settings.
import type { ConnectionConfig, OAuthConfig } from '../connections/config';
import type { FetchLike } from '../connections/fetch';
import type { ConnectionHost, OAuthHost } from '../connections/host';
import { oauthClientSecretKey, oauthPrivateKeyKey } from '../connections/secretKeys';
import { LoopbackRedirects } from './loopback';
import { OAuthFlow } from './middleware';
import { OAuthSession } from './provider';
import { withinOrigin } from './redirects';


let shared: LoopbackRedirects | undefined;
/** The one redirect listener of this process (it listens only while a sign-in waits). */
export const sharedLoopback = () => (shared ??= new LoopbackRedirects());

export interface OAuthTarget {
  readonly config: ConnectionConfig;
  readonly serverUrl: URL;
  readonly oauth?: OAuthConfig;
}

export async function oauthFlow(target: OAuthTarget, host: ConnectionHost, oauthHost: OAuthHost, onSecret: (v: string) => void, baseFetch: FetchLike = globalThis.fetch): Promise<OAuthFlow> {
  const authFetch = withinOrigin(baseFetch);
  const { config, serverUrl, oauth } = target;
  const secret = async (key: string) => (oauth?.clientId ? (await host.secret?.(key, config))?.trim() || undefined : undefined);
  const clientSecret = await secret(oauthClientSecretKey(config.name));
  const privateKeyPem = await secret(oauthPrivateKeyKey(config.name));
  const loopback = oauthHost.loopback ?? sharedLoopback();
  const log = (m: string) => host.log('info', m);
  const session = new OAuthSession({
    connection: config.name, serverUrl, store: oauthHost.store, loopback, onSecret, log,
    ...(oauthHost.signIn ? { signIn: r => oauthHost.signIn!(r) } : {}),
    ...(oauth?.clientId ? { clientId: oauth.clientId } : {}),
    ...(clientSecret ? { clientSecret } : {}),
    ...(privateKeyPem ? { privateKeyPem } : {}),
    ...(oauth?.grant ? { grant: oauth.grant } : {}),
    ...(oauth?.scope ? { scope: oauth.scope } : {}),
    ...(oauth?.clientMetadataUrl ? { clientMetadataUrl: oauth.clientMetadataUrl } : {}),
  });
  return new OAuthFlow({
    session, serverUrl, loopback, authFetch, log,
    ...(oauthHost.changed ? { onChange: () => oauthHost.changed!() } : {}),
    ...(oauthHost.credentials ? { credentials: ({ issuer }) => oauthHost.credentials!({ connection: config.name, issuer, ...(oauth?.username ? { username: oauth.username } : {}) }) } : {}),
    ...(oauthHost.forgetCredentials ? { forgetCredentials: () => oauthHost.forgetCredentials!(config.name) } : {}),
  });
}
