// Sign In, Sign Out and Set OAuth Client Secret on a connection whose server uses MCP authorization.
// Sign In connects again, so the server's 401 starts the sign-in (the core's flow asks, then opens the
// browser); Sign Out forgets the tokens (not the client registration) and closes the session.
import * as vscode from 'vscode';
import { oauthClientSecretKey, oauthPasswordKey } from '../../core/connections/secretKeys';
import type { ConnectionConfig } from '../../core/connections/config';
import type { ConnectionManager } from '../connections/manager';
import { withoutTokens } from '../../core/auth/record';
import { loadRecord, saveRecord } from '../connections/oauth';
import { input } from '../quickInput';
import { about, pickConnection } from './pick';

/** Connections that can sign in: HTTP servers, and AgentCore runtimes with a JWT authorizer. */
export const canSignIn = (c: ConnectionConfig | undefined): boolean => c?.type === 'http' || (c?.type === 'agentcore' && c.auth === 'bearer');

export async function signIn(manager: ConnectionManager, node: unknown): Promise<string | undefined> {
  const name = await pickConnection(manager, node, 'Sign In', n => canSignIn(manager.get(n)?.config));
  if (!canSignIn(manager.get(name)?.config)) {
    void vscode.window.showWarningMessage(`"${name}" is a local process: there is nothing to sign in to.`);
    return undefined;
  }
  const conn = manager.connection(name);
  if (conn.state.kind === 'running' && conn.signedIn()) {
    void vscode.window.showInformationMessage(`"${name}" is signed in already. Sign Out first to sign in as someone else.`);
    return name;
  }
  if (conn.state.kind !== 'stopped') await conn.disconnect();
  await about(name, manager.connected(name));
  return name;
}

export async function signOut(manager: ConnectionManager, node: unknown): Promise<string | undefined> {
  const name = await pickConnection(manager, node, 'Sign Out', n => canSignIn(manager.get(n)?.config));
  const entry = manager.get(name);
  if (!entry || !canSignIn(entry.config)) return undefined;
  const record = await loadRecord(manager.secrets, entry.config);
  await saveRecord(manager.secrets, entry.config, record ? withoutTokens(record) : undefined);
  await manager.secrets.delete(entry.config, oauthPasswordKey(name)); // a Cognito password sign-in: asked again
  if (entry.conn && entry.conn.state.kind !== 'stopped') await entry.conn.disconnect();
  void vscode.window.showInformationMessage(record?.tokens ? `Signed out of "${name}"${record.account ? ` (${record.account})` : ''}: its tokens are deleted from secret storage.` : `"${name}" was not signed in.`);
  return name;
}

export async function setOAuthClientSecret(manager: ConnectionManager, node: unknown): Promise<string | undefined> {
  const name = await pickConnection(manager, node, 'Set OAuth Client Secret', n => canSignIn(manager.get(n)?.config));
  const config = manager.get(name)?.config;
  if (!config || !canSignIn(config)) return undefined;
  const secret = (await input({
    title: `OAuth client secret for ${name}`, password: true,
    prompt: 'The secret of the client registered for this connection (its client id is "oauth.clientId" in the connection\'s settings). It is kept in VS Code\'s secret storage. Leave empty to remove it.',
  })).trim();
  if (secret) await manager.secrets.set(config, oauthClientSecretKey(name), secret);
  else await manager.secrets.delete(config, oauthClientSecretKey(name));
  void vscode.window.showInformationMessage(secret ? `The OAuth client secret of "${name}" is saved in secret storage.` : `The OAuth client secret of "${name}" is removed.`);
  return name;
}
