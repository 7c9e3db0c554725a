// Secret values (secret header values, bearer tokens) live in VS Code's SecretStorage under keys made
// from the connection name, never in settings. The keys of a connection follow from its config.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../../core/connections/config';
import { bearerSecretKey, headerSecretKey } from '../../core/connections/plan';

const prefix = 'agentcoreMcp/';

export function secretKeysOf(config: ConnectionConfig): string[] {
  if (config.type === 'http') return config.secretHeaders.map(h => headerSecretKey(config.name, h));
  if (config.type === 'agentcore') return [bearerSecretKey(config.name)];
  return [];
}

export class Secrets {
  constructor(private readonly storage: vscode.SecretStorage) {}

  get(key: string): Thenable<string | undefined> { return this.storage.get(prefix + key); }
  set(key: string, value: string): Thenable<void> { return this.storage.store(prefix + key, value); }
  delete(key: string): Thenable<void> { return this.storage.delete(prefix + key); }

  /** Removes every secret of a connection (when it is removed). */
  async deleteAllOf(config: ConnectionConfig): Promise<void> {
    await Promise.all(secretKeysOf(config).map(k => this.delete(k)));
  }

  /** Moves the secrets of a connection to its new name. */
  async rename(config: ConnectionConfig, to: string): Promise<void> {
    const renamed = { ...config, name: to } as ConnectionConfig;
    const from = secretKeysOf(config);
    const dest = secretKeysOf(renamed);
    for (let i = 0; i < from.length; i++) {
      const value = await this.get(from[i]);
      if (value !== undefined) await this.set(dest[i], value);
      await this.delete(from[i]);
    }
  }
}
