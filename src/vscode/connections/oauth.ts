// Signing in from VS Code (MCP authorization): what the core's OAuth flow needs from the editor. Tokens
// and client registrations are kept in SecretStorage, bound like every secret to what the connection
// reaches (a connection edited to another URL finds nothing). Before the browser opens, the person sees
// which connection asks and the domain of the page; while the browser is out, a notice can cancel.
import * as vscode from 'vscode';
import type { CognitoCredentials } from '../../core/auth/cognito';
import { oauthPasswordKey, oauthRecordKey } from '../../core/connections/secretKeys';
import type { SignInRequest } from '../../core/auth/provider';
import type { OAuthRecord } from '../../core/auth/record';
import type { ConnectionConfig } from '../../core/connections/config';
import type { OAuthHost } from '../../core/connections/host';
import { Cancelled, input, pick } from '../quickInput';
import type { Secrets } from './secrets';


type Log = (level: 'info' | 'warn', message: string) => void;

export async function loadRecord(secrets: Secrets, config: ConnectionConfig, log?: Log): Promise<OAuthRecord | undefined> {
  const raw = await secrets.get(config, oauthRecordKey(config.name));
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as OAuthRecord;
  } catch {
    log?.('warn', `The stored sign-in of "${config.name}" could not be read; you will be asked to sign in again.`);
    return undefined;
  }
}

export async function saveRecord(secrets: Secrets, config: ConnectionConfig, record: OAuthRecord | undefined): Promise<void> {
  if (record) await secrets.set(config, oauthRecordKey(config.name), JSON.stringify(record));
  else await secrets.delete(config, oauthRecordKey(config.name));
}

/** `current` is the connection as last admitted (trust checked): its record is the one read and written. */
export function oauthHost(current: () => ConnectionConfig | undefined, secrets: Secrets, log: Log, changed: () => void): OAuthHost {
  return {
    store: {
      load: async () => { const c = current(); return c ? loadRecord(secrets, c, log) : undefined; },
      save: async (_name, _resource, record) => { const c = current(); if (c) await saveRecord(secrets, c, record); },
    },
    signIn: askAndOpen,
    changed,
    credentials: async r => {
      const c = current();
      if (!c) return undefined;
      const kept = await secrets.get(c, oauthPasswordKey(c.name));
      if (kept) { try { return JSON.parse(kept) as CognitoCredentials; } catch { /* asked again below */ } }
      const asked = await askCredentials(r.connection, new URL(r.issuer).host, r.username);
      if (asked) await secrets.set(c, oauthPasswordKey(c.name), JSON.stringify(asked));
      return asked;
    },
    forgetCredentials: async () => {
      const c = current();
      if (c) await secrets.delete(c, oauthPasswordKey(c.name));
      log('warn', 'The user pool refused the username or password; they are forgotten, and you are asked again on the next Sign In.');
    },
  };
}

/** Username (prefilled from the connection's settings) and password, for a Cognito development pool. */
async function askCredentials(connection: string, pool: string, username?: string): Promise<CognitoCredentials | undefined> {
  try {
    const user = (await input({ title: `Sign in to "${connection}" (${pool}): username`, value: username ?? '', prompt: 'The user pool user (e.g. from the AgentCore tooling\'s env file).', validate: v => (v.trim() ? undefined : 'Enter the username.') })).trim();
    const password = await input({ title: `Sign in to "${connection}" (${pool}): password of ${user}`, password: true, prompt: 'It is kept in VS Code\'s secret storage and sent only to this user pool.', validate: v => (v ? undefined : 'Enter the password.') });
    return { username: user, password };
  } catch (e) {
    if (e instanceof Cancelled) return undefined;
    throw e;
  }
}

async function askAndOpen(r: SignInRequest): Promise<boolean> {
  const domain = new URL(r.authorizationServer).host;
  type Item = vscode.QuickPickItem & { yes: boolean };
  const items: Item[] = [
    { label: '$(sign-in) Sign In', yes: true, description: domain, detail: `Opens ${r.authorizationServer} in your browser; you come back here when you are done.` },
    { label: '$(circle-slash) Not Now', yes: false, detail: 'Nothing is opened. Choose "Sign In" on the connection when you are ready.' },
  ];
  let yes = false;
  try {
    yes = (await pick({ title: `"${r.connection}" asks you to sign in at ${domain}`, items, placeholder: 'Sign in only if you expect this server to send you to this page.' })).yes;
  } catch (e) {
    if (!(e instanceof Cancelled)) throw e;
  }
  if (!yes) return false;
  // Strict parsing keeps the query as the authorization server wrote it (no re-encoding).
  if (!(await vscode.env.openExternal(vscode.Uri.parse(r.url.href, true)))) return false;
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Signing in to "${r.connection}" at ${domain} in your browser…`, cancellable: true },
    (_p, token) => {
      token.onCancellationRequested(() => r.cancel());
      return r.finished;
    });
  return true;
}
