// A small admin API under /_emulator/ so a developer (curl) or a test in another process can flip fault
// switches, end sessions and mint tokens while the emulator runs. Not part of AgentCore; loopback only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from './context';
import { sendJson } from './errors';
import type { FaultPatch } from './faults';
import type { TokenClaims } from './jwt';

const json = (res: ServerResponse, status: number, value: unknown) => sendJson(res, status, JSON.stringify(value, null, 2));

function parse<T>(body: Buffer): T {
  if (body.length === 0) return {} as T;
  const v: unknown = JSON.parse(body.toString('utf8'));
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('the body must be a JSON object');
  return v as T;
}

/** Ends a session as an idle timeout would; false when there is no live session with that id. */
export function expireSession(ctx: Context, id: string): boolean {
  const s = ctx.sessions.get(id);
  if (!s || s.closingSince !== undefined) return false;
  ctx.sessions.end(s, 'expired');
  return true;
}

export function handleAdmin(ctx: Context, req: IncomingMessage, res: ServerResponse, path: string, body: Buffer): void {
  try {
    switch (`${req.method} ${path}`) {
      case 'GET /_emulator/faults': return json(res, 200, ctx.faults.current());
      case 'POST /_emulator/faults': return json(res, 200, ctx.faults.set(parse<FaultPatch>(body)));
      case 'DELETE /_emulator/faults': return json(res, 200, ctx.faults.reset());
      case 'GET /_emulator/sessions': return json(res, 200, ctx.sessions.list());
      case 'POST /_emulator/sessions/expire': {
        const { sessionId } = parse<{ sessionId?: unknown }>(body);
        if (typeof sessionId !== 'string') throw new Error('"sessionId" is required');
        return json(res, 200, { expired: expireSession(ctx, sessionId) });
      }
      case 'POST /_emulator/token': return json(res, 200, { token: ctx.issuer.mint(parse<TokenClaims>(body)) });
      case 'GET /_emulator/log': return json(res, 200, ctx.log);
      default:
        return json(res, 404, {
          message: 'Unknown admin route. Try GET|POST|DELETE /_emulator/faults, GET /_emulator/sessions, '
            + 'POST /_emulator/sessions/expire, POST /_emulator/token, GET /_emulator/log',
        });
    }
  } catch (e) {
    return json(res, 400, { message: (e as Error).message });
  }
}
