// Where the command line keeps what signing in left (tokens, client registrations): one JSON file only its
// user can read (mode 0600, in a 0700 folder), keyed by the server URL, written whole through a temporary
// file so a crash never leaves half a file. AGENTCORE_MCP_OAUTH_FILE names another file (tests, CI).
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { OAuthRecord, OAuthStore } from '../core/auth/record';

export function oauthFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AGENTCORE_MCP_OAUTH_FILE) return env.AGENTCORE_MCP_OAUTH_FILE;
  const base = env.XDG_CONFIG_HOME || (process.platform === 'win32' ? env.APPDATA : undefined) || join(homedir(), '.config');
  return join(base, 'agentcore-mcp', 'oauth.json');
}

interface FileShape { version: 1; records: Record<string, OAuthRecord> }

export class FileOAuthStore implements OAuthStore {
  constructor(readonly file = oauthFile()) {}

  private read(): FileShape {
    let text: string;
    try { text = readFileSync(this.file, 'utf8'); } catch { return { version: 1, records: {} }; }
    try {
      const doc = JSON.parse(text) as Partial<FileShape>;
      return { version: 1, records: doc.records && typeof doc.records === 'object' ? doc.records : {} };
    } catch {
      throw new Error(`${this.file} is not valid JSON; delete it to sign in again.`);
    }
  }

  async load(_connection: string, resource: string): Promise<OAuthRecord | undefined> {
    return this.read().records[resource];
  }

  async save(_connection: string, resource: string, record: OAuthRecord | undefined): Promise<void> {
    const doc = this.read();
    if (record) doc.records[resource] = record; else delete doc.records[resource];
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
  }
}
