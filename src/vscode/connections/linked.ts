// Servers used straight from another MCP client's file ("Connect Without Adding"): nothing is written to
// settings, the file stays the truth, and an edit to it reaches the connection (the manager restarts a
// connection whose definition changed). Which servers are linked is remembered per workspace; their
// secret header values (written in the file, or asked once for an `${input:…}`) live in secret storage.
import * as vscode from 'vscode';
import { parseConnections, type ConnectionConfig } from '../../core/connections/config';
import type { ConfigFile } from '../../core/connections/mcpConfigs';
import { headerSecretKey } from '../../core/connections/secretKeys';
import type { FoundConfigs } from './found';
import type { Secrets } from './secrets';

const stateKey = 'agentcoreMcp.linkedServers';

interface Link { readonly path: string; readonly server: string }

/** A linked server as the manager takes it: its connection, where it comes from, or why it cannot start. */
export interface LinkedConnection {
  readonly config?: ConnectionConfig;
  readonly file: ConfigFile;
  readonly server: string;
  readonly problem?: string;
}

export class LinkedServers {
  constructor(private readonly state: vscode.Memento, private readonly found: FoundConfigs, private readonly secrets: Secrets) {}

  private links(): Link[] { return this.state.get<Link[]>(stateKey) ?? []; }

  isLinked(path: string, server: string): boolean { return this.links().some(l => l.path === path && l.server === server); }

  async link(path: string, server: string): Promise<void> {
    if (!this.isLinked(path, server)) await this.state.update(stateKey, [...this.links(), { path, server }]);
  }

  async unlink(server: string): Promise<boolean> {
    const before = this.links();
    const after = before.filter(l => l.server !== server);
    await this.state.update(stateKey, after);
    return after.length !== before.length;
  }

  /** Every linked server as its file says now. A server gone from its file, or no longer usable, says so. */
  current(): LinkedConnection[] {
    const out: LinkedConnection[] = [];
    for (const link of this.links()) {
      const f = this.found.current.find(x => x.file.path === link.path);
      const s = f?.read.servers.find(x => x.name === link.server);
      const file = f?.file ?? { label: link.path, path: link.path, kind: 'vscode' as const, workspace: true };
      if (!s) { out.push({ file, server: link.server, problem: `"${link.server}" is no longer in ${link.path}` }); continue; }
      if (!s.entry) { out.push({ file, server: link.server, problem: `"${link.server}" in ${link.path} cannot be used as it is: ${s.problem ?? 'it does not map to a connection'}` }); continue; }
      const parsed = parseConnections([s.entry]);
      const config = parsed.connections[0];
      out.push(config ? { config, file, server: link.server } : { file, server: link.server, problem: `"${link.server}" in ${link.path}: ${parsed.problems.join('; ')}` });
    }
    return out;
  }

  /** Keeps the secret header values written in the files in secret storage, bound to each server's target. */
  async storeSecrets(): Promise<void> {
    for (const l of this.current()) {
      if (!l.config) continue;
      const s = this.found.current.find(x => x.file.path === l.file.path)?.read.servers.find(x => x.name === l.server);
      for (const [h, v] of Object.entries(s?.secrets ?? {})) {
        const key = headerSecretKey(l.config.name, h);
        if ((await this.secrets.get(l.config, key)) !== v) await this.secrets.set(l.config, key, v);
      }
    }
  }
}
