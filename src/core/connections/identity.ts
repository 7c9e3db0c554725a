// What a connection reaches, as opposed to what it is called. Secrets and lasting consents are bound to the
// target (a name can be reused by a workspace's settings for another URL), and trust in a connection that a
// workspace defines is bound to its whole definition (a changed command or URL is a new connection).
import { createHash } from 'node:crypto';
import type { ConnectionConfig } from './config';

/** The target in words a person recognises: the URL, the runtime and endpoint, or the command line. */
export function targetOf(c: ConnectionConfig): string {
  if (c.type === 'http') return c.url;
  if (c.type === 'agentcore') {
    return `${c.arn}${c.qualifier && c.qualifier !== 'DEFAULT' ? ` (qualifier ${c.qualifier})` : ''}${c.endpoint ? ` through ${c.endpoint}` : ''}`;
  }
  return [c.command, ...c.args].join(' ') + (c.cwd ? ` in ${c.cwd}` : '');
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 20);

const ids = new WeakMap<ConnectionConfig, string>();

/** A short, stable id of the target: equal for two configs that send their requests to the same place. */
export function targetId(c: ConnectionConfig): string {
  let id = ids.get(c);
  if (id === undefined) {
    id = digest(JSON.stringify(c.type === 'http' ? ['http', normalUrl(c.url)]
      : c.type === 'agentcore' ? ['agentcore', c.arn, c.qualifier, c.endpoint ? normalUrl(c.endpoint) : '', c.region ?? '']
        : ['stdio', c.command, c.args, c.cwd ?? '', c.env]));
    ids.set(c, id);
  }
  return id;
}

/** An id of everything the definition says (every field, keys in a fixed order), except its name, its
 *  protocol era and whether it is offered to chat: none changes what runs or what is reached (a reconnect
 *  may change the era). */
export function definitionId(c: ConnectionConfig): string {
  const { protocol: _era, name: _name, exposeToChat: _chat, ...rest } = c;
  return digest(canonical(rest));
}

function normalUrl(u: string): string {
  try { return new URL(u).href; } catch { return u; }
}

/** JSON with object keys in a fixed order and undefined fields left out: equal settings, equal text. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().filter(k => (v as Record<string, unknown>)[k] !== undefined)
      .map(k => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
