// How a connection is offered to another MCP client (VS Code's own, which chat agent mode uses): a stdio
// server is run by that client itself; a plain HTTP server is reached directly with the connection's
// headers; what only this extension can reach (an AgentCore runtime: SigV4 or a kept token; a server we
// sign in to) goes through the local gateway. Plain Node with no engine import: the editor builds the
// definitions at activation.
import { createHash } from 'node:crypto';
import { connectionPart, type ConnectionConfig } from './config';
import { expandStdio } from './expand';
import { canonical } from './identity';

export type Offer =
  | { readonly kind: 'stdio'; readonly command: string; readonly args: readonly string[]; readonly env: Readonly<Record<string, string>>; readonly cwd?: string }
  /** `secretHeaders`: names whose values the host reads from secret storage when the client starts it. */
  | { readonly kind: 'http'; readonly url: string; readonly headers: Readonly<Record<string, string>>; readonly secretHeaders: readonly string[] }
  /** Reached through the gateway; `why` says why it cannot be reached directly. */
  | { readonly kind: 'gateway'; readonly why: string };

/** `expand` gives ${...} variables their meaning, as for the host's own stdio connections. */
export function offerOf(config: ConnectionConfig, expand: (value: string) => string): Offer {
  switch (config.type) {
    case 'stdio': {
      const c = expandStdio(config, expand);
      return { kind: 'stdio', command: c.command, args: c.args, env: c.env, ...(c.cwd ? { cwd: c.cwd } : {}) };
    }
    case 'http':
      if (config.oauth) return { kind: 'gateway', why: 'this extension signs in to it (its "oauth" setting)' };
      return { kind: 'http', url: config.url, headers: config.headers, secretHeaders: config.secretHeaders };
    case 'agentcore':
      return { kind: 'gateway', why: config.auth === 'sigv4' ? 'its requests are signed with your AWS credentials (SigV4)' : 'its requests carry a token this extension keeps' };
  }
}

/** Changes whenever the connection's settings change (other than `exposeToChat`), so the client that was
 *  offered it knows its definition is new: a digest of every field, keys in a fixed order. */
export function offerVersion(config: ConnectionConfig): string {
  return createHash('sha256').update(canonical(connectionPart(config))).digest('hex').slice(0, 16);
}
