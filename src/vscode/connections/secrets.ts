// Secret values (secret header values, bearer tokens) live in VS Code's SecretStorage, never in settings,
// each bound to the target it was entered for: the key is the engine's (`header/<name>/<header>`,
// `bearer/<name>`) plus the id of what the connection reaches. A connection whose URL, runtime or endpoint
// is different (edited, or another connection of the same name in a workspace's settings) finds nothing
// under its own key, and the person is asked before a value entered for another target is sent to it.
// Which targets hold a value for a key is kept beside, in global state (SecretStorage cannot list).
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../../core/connections/config';
import { targetId, targetOf } from '../../core/connections/identity';
import { oauthClientSecretKey, oauthPasswordKey, oauthRecordKey } from '../../core/connections/secretKeys';
import { bearerSecretKey, headerSecretKey } from '../../core/connections/secretKeys';

const prefix = 'agentcoreMcp/';
const indexKey = 'agentcoreMcp.secretTargets';

export function secretKeysOf(config: ConnectionConfig): string[] {
  const signIn = [oauthRecordKey(config.name), oauthClientSecretKey(config.name), oauthPasswordKey(config.name)];
  if (config.type === 'http') return [...config.secretHeaders.map(h => headerSecretKey(config.name, h)), ...signIn];
  if (config.type === 'agentcore') return [bearerSecretKey(config.name), ...signIn];
  return [];
}

/** What a key holds, for messages: `secret header "X-Api-Key"` or `bearer token`. */
export function describeSecretKey(key: string, config?: ConnectionConfig): string {
  const [kind, , lower] = key.split('/');
  if (kind === 'bearer') return 'bearer token';
  if (kind === 'oauth') return 'sign-in (tokens)';
  if (kind === 'oauth-client-secret') return 'OAuth client secret';
  if (kind === 'oauth-password') return 'user pool password';
  const header = config?.type === 'http' ? config.secretHeaders.find(h => h.toLowerCase() === lower) ?? lower : lower;
  return `secret header "${header}"`;
}

/** A value kept for the same key and another target (or from before values were bound: `target` undefined). */
export interface OtherValue { readonly target?: string; readonly value: string; readonly id: string }

type Index = Record<string, Record<string, { target: string; at: number }>>;

export class Secrets {
  constructor(private readonly storage: vscode.SecretStorage, private readonly state: vscode.Memento) {}

  private index(): Index { return this.state.get<Index>(indexKey) ?? {}; }

  private async note(key: string, id: string, target: string | undefined): Promise<void> {
    const index = this.index();
    const targets = { ...index[key] };
    if (target === undefined) delete targets[id]; else targets[id] = { target, at: Date.now() };
    await this.state.update(indexKey, { ...index, [key]: targets });
  }

  /** The value stored for this connection's target, if any. */
  get(config: ConnectionConfig, key: string): Thenable<string | undefined> {
    return this.storage.get(`${prefix}${key}@${targetId(config)}`);
  }

  async set(config: ConnectionConfig, key: string, value: string): Promise<void> {
    const id = targetId(config);
    await this.storage.store(`${prefix}${key}@${id}`, value);
    await this.note(key, id, targetOf(config));
  }

  async delete(config: ConnectionConfig, key: string): Promise<void> {
    const id = targetId(config);
    await this.storage.delete(`${prefix}${key}@${id}`);
    await this.note(key, id, undefined);
  }

  /** Values kept for the same key under other targets, newest first; a value from before binding last. */
  async others(config: ConnectionConfig, key: string): Promise<OtherValue[]> {
    const own = targetId(config);
    const found: Array<OtherValue & { at: number }> = [];
    for (const [id, t] of Object.entries(this.index()[key] ?? {})) {
      if (id === own) continue;
      const value = await this.storage.get(`${prefix}${key}@${id}`);
      if (value !== undefined) found.push({ target: t.target, value, id, at: t.at });
    }
    found.sort((a, b) => b.at - a.at);
    const unbound = await this.storage.get(prefix + key);
    return [...found, ...(unbound !== undefined ? [{ value: unbound, id: '', at: 0 }] : [])];
  }

  /** A value kept from before values were bound to targets is bound to `config` and no longer unbound. */
  async adopt(config: ConnectionConfig, key: string, value: string): Promise<void> {
    await this.set(config, key, value);
    await this.storage.delete(prefix + key);
  }

  /** Removes the secrets of a connection, except those another configured connection with the same
   *  name and target still uses (a workspace entry that shadowed a user entry for the same URL). */
  async deleteAllOf(config: ConnectionConfig, remaining: readonly ConnectionConfig[] = []): Promise<void> {
    const kept = new Set(remaining.flatMap(c => secretKeysOf(c).map(k => `${k}@${targetId(c)}`)));
    await Promise.all(secretKeysOf(config).filter(k => !kept.has(`${k}@${targetId(config)}`)).map(k => this.delete(config, k)));
  }

  /** Moves the secrets of a connection to its new name (same target). */
  async rename(config: ConnectionConfig, to: string): Promise<void> {
    const renamed = { ...config, name: to } as ConnectionConfig;
    const from = secretKeysOf(config);
    const dest = secretKeysOf(renamed);
    for (let i = 0; i < from.length; i++) {
      const value = await this.get(config, from[i]);
      if (value !== undefined) await this.set(renamed, dest[i], value);
      await this.delete(config, from[i]);
    }
  }
}
