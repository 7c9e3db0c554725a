// The local AgentCore Runtime emulator: an HTTP server on 127.0.0.1 in front of stateful Streamable HTTP MCP
// servers, answering like bedrock-agentcore.{region}.amazonaws.com does (docs/agentcore-runtime.md), and
// like its control plane does for the runtimes it fronts (control.ts); plus a stand-in for Amazon Bedrock's
// Converse API and model listing (bedrock.ts).
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleAdmin, expireSession } from './admin';
import { handleBedrock, matchBedrock } from './bedrock';
import { invocationsPath, matchRoute } from './arn';
import { handleOAuth } from './authServer';
import { handleCognito, isCognitoCall } from './cognitoApi';
import { Context, createContext } from './context';
import { handleControl, matchControl } from './control';
import { sendJson, sendRpcError } from './errors';
import { Invocation, authorize } from './gate';
import { handleInvocation } from './invoke';
import type { Emulator, EmulatorOptions, RequestLogEntry } from './types';

/** AgentCore's payload limit (docs/agentcore-runtime.md, "Limits"). */
const MAX_BODY = 100 * 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) { resolve(undefined); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function route(ctx: Context, req: http.IncomingMessage, res: http.ServerResponse, log: RequestLogEntry): Promise<void> {
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = q < 0 ? '' : rawUrl.slice(q + 1);

  if (req.method === 'GET' && path === '/.well-known/openid-configuration') return sendJson(res, 200, JSON.stringify(ctx.issuer.discovery()));
  if (req.method === 'GET' && path === '/.well-known/jwks.json') return sendJson(res, 200, JSON.stringify(ctx.issuer.jwks()));

  const r = matchRoute(path);
  const body = await readBody(req);
  if (body === undefined) return sendJson(res, 413, JSON.stringify({ message: 'Request payload exceeds 100 MB' }));
  if (path.startsWith('/_emulator/')) return handleAdmin(ctx, req, res, path, body);
  if (path.startsWith('/oauth2/')) return handleOAuth(ctx, req, res, path, query, body, log);
  if (path === '/' && isCognitoCall(req)) return handleCognito(ctx, req, res, body, log);
  const bedrock = matchBedrock(req.method, path);
  if (bedrock) return handleBedrock(ctx, bedrock, req, path, query, body, res, log);
  const control = matchControl(req.method, path);
  if (control) return handleControl(ctx, control, req, path, query, body, res, log);
  // Unverified body: the real service's answer to an unknown path (e.g. /runtimes/{id}/mcp) is a 404.
  if (r.kind === 'not-found') return sendJson(res, 404, JSON.stringify({ message: 'Not Found' }), { 'x-amzn-ErrorType': 'UnknownOperationException' });

  const qualifier = new URLSearchParams(query).get('qualifier') ?? 'DEFAULT';
  if (r.kind === 'protected-resource') {
    // RFC 9728 metadata for the URL that WWW-Authenticate names; content unverified.
    const rt = ctx.runtimesByArn.get(r.runtime);
    if (req.method !== 'GET' || !rt || rt.auth !== 'jwt') return sendJson(res, 404, JSON.stringify({ message: 'Not Found' }));
    return sendJson(res, 200, JSON.stringify({
      resource: `${ctx.baseUrl}${invocationsPath(rt.arn)}?qualifier=${encodeURIComponent(qualifier)}`,
      authorization_servers: [ctx.issuer.issuer],
      bearer_methods_supported: ['header'],
    }));
  }
  const inv: Invocation = { req, path, query, body, rawRuntime: r.rawRuntime, runtime: r.runtime, qualifier };
  const rt = authorize(ctx, inv, res, log);
  if (rt) await handleInvocation(ctx, rt, inv, res, log);
}

export async function startEmulator(opts: EmulatorOptions): Promise<Emulator> {
  const sockets = new Set<Socket>();
  let ctx: Context | undefined;
  const server = http.createServer((req, res) => {
    const log: RequestLogEntry = { time: Date.now(), method: req.method ?? '', path: (req.url ?? '/').split('?')[0], status: 0 };
    res.on('close', () => {
      log.status = res.statusCode;
      log.durationMs = Date.now() - log.time;
      ctx?.record(log);
    });
    if (!ctx) { res.destroy(); return; }
    // Responses carry the service's clock (clients correct their skew from it), not Node's default Date.
    res.setHeader('Date', new Date(ctx.now()).toUTCString());
    route(ctx, req, res, log).catch((e: unknown) => {
      log.detail = `emulator error: ${(e as Error).message}`;
      if (!res.headersSent) sendRpcError(res, 'internal', null); else res.destroy();
    });
  });
  server.on('connection', s => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  try {
    ctx = await createContext(opts, url);
  } catch (e) {
    server.close();
    throw e;
  }
  const c = ctx;
  let closed: Promise<void> | undefined;
  const arnOf = (name: string): string => {
    const rt = c.runtimesByName.get(name);
    if (!rt) throw new Error(`no runtime named "${name}"`);
    return rt.arn;
  };

  return {
    url, port, region: c.region, issuer: c.issuer.issuer,
    arnOf,
    invocationsUrl: (name, qualifier = 'DEFAULT') => `${url}${invocationsPath(arnOf(name))}?qualifier=${encodeURIComponent(qualifier)}`,
    mintToken: claims => c.issuer.mint(claims),
    faults: { set: p => c.faults.set(p), reset: () => c.faults.reset(), current: () => c.faults.current() },
    sessions: () => c.sessions.list(),
    expireSession: id => expireSession(c, id),
    setCredentialExpired(accessKeyId, expired) {
      const cred = c.credentials.get(accessKeyId);
      if (!cred) throw new Error(`no credential with access key id ${accessKeyId}`);
      cred.expired = expired;
    },
    revokeRefreshTokens: username => c.pool.revokeAll(username),
    log: c.log,
    bedrockCalls: c.bedrockCalls,
    close() {
      closed ??= new Promise<void>(resolve => {
        c.sessions.dispose();
        c.upstream.close();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
