// HTTP to the upstream MCP server (the "container" behind AgentCore). Plain node:http so responses can be
// streamed and every request aborted when the emulator closes.
import * as http from 'node:http';
import * as https from 'node:https';

export interface UpstreamRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: http.OutgoingHttpHeaders;
  readonly body?: Buffer;
}

/** Headers AgentCore passes on to the container (docs/agentcore-runtime.md, "Headers"); others stay behind. */
export const FORWARDED_REQUEST_HEADERS = [
  'content-type', 'accept', 'mcp-protocol-version', 'last-event-id',
  'x-amzn-bedrock-agentcore-runtime-session-id', 'x-amzn-bedrock-agentcore-runtime-user-id',
  // MCP 2026-07-28's request headers: servers refuse a request whose body and headers disagree (−32020),
  // so a runtime that serves 2026-07-28 passes them through (modelled; the platform docs do not list them).
  'mcp-method', 'mcp-name',
];

/** Mcp-Param-* (x-mcp-header mirroring, 2026-07-28) are passed through like the headers above. */
export const isForwardedRequestHeader = (name: string): boolean => FORWARDED_REQUEST_HEADERS.includes(name) || name.startsWith('mcp-param-');

/** Response headers not copied back: hop-by-hop ones, and the ones the emulator sets itself. */
const DROPPED_RESPONSE_HEADERS = new Set([
  'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'mcp-session-id', 'date',
  'x-amzn-bedrock-agentcore-runtime-session-id',
]);

export function copyResponseHeaders(from: http.IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(from)) if (v !== undefined && !DROPPED_RESPONSE_HEADERS.has(k)) out[k] = v;
  return out;
}

export class Upstream {
  private readonly agent = new http.Agent({ keepAlive: true });
  private readonly secureAgent = new https.Agent({ keepAlive: true });
  private readonly open = new Set<http.ClientRequest>();

  /** Sends a request; resolves with the response as soon as its headers arrive. */
  send(r: UpstreamRequest): { request: http.ClientRequest; response: Promise<http.IncomingMessage> } {
    const secure = r.url.protocol === 'https:';
    const headers = { ...r.headers, ...(r.body ? { 'content-length': String(r.body.length) } : {}) };
    const request = (secure ? https : http).request(r.url, { method: r.method, headers, agent: secure ? this.secureAgent : this.agent });
    this.open.add(request);
    request.on('close', () => this.open.delete(request));
    const response = new Promise<http.IncomingMessage>((resolve, reject) => {
      request.on('response', resolve);
      request.on('error', reject);
    });
    request.end(r.body);
    return { request, response };
  }

  /** Ends an upstream session the way a client would: DELETE with its Mcp-Session-Id. Failures are ignored. */
  terminate(url: URL, upstreamSessionId: string): void {
    const { response } = this.send({ url, method: 'DELETE', headers: { 'mcp-session-id': upstreamSessionId } });
    response.then(res => res.resume(), () => undefined);
  }

  /** Aborts every request still open and closes pooled sockets. */
  close(): void {
    for (const r of this.open) r.destroy();
    this.open.clear();
    this.agent.destroy();
    this.secureAgent.destroy();
  }
}
