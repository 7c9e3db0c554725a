// "AgentCore MCP: Set Bearer Token": stores the OAuth token of an AgentCore connection in secret storage
// (never settings) and reconnects it if it was running, so the new token is used at once.
import * as vscode from 'vscode';
import { bearerSecretKey } from '../../core/connections/secretKeys';
import type { ConnectionManager } from '../connections/manager';
import { input } from '../quickInput';
import { about, pickConnection } from './pick';

export async function setBearerToken(manager: ConnectionManager, node: unknown): Promise<string | undefined> {
  const name = await pickConnection(manager, node, 'Set Bearer Token', n => {
    const c = manager.get(n)?.config;
    return c?.type === 'agentcore' && c.auth === 'bearer';
  });
  const config = manager.get(name)?.config;
  if (config?.type !== 'agentcore' || config.auth !== 'bearer') {
    void vscode.window.showWarningMessage(`"${name}" does not use a bearer token (set "auth": "bearer" on an AgentCore connection).`);
    return undefined;
  }
  const token = (await input({
    title: `Bearer token for ${name}`, password: true,
    prompt: 'Paste the access token (a JWT, e.g. from Cognito). It is kept in VS Code\'s secret storage.',
    validate: v => !v.trim() ? 'Paste a token.' : /\s/.test(v.trim()) ? 'A token has no spaces: paste only the token, without "Bearer".' : undefined,
  })).trim();
  await manager.secrets.set(config, bearerSecretKey(name), token);
  const conn = manager.get(name)?.conn;
  if (conn && conn.state.kind !== 'stopped') {
    await conn.disconnect();
    await about(name, manager.connected(name));
  }
  void vscode.window.showInformationMessage(`The bearer token of "${name}" is saved in secret storage.`);
  return name;
}
