// Where the browser comes back after signing in (RFC 8252 §7.3, loopback redirect): a small HTTP server
// on 127.0.0.1 that listens only while a sign-in waits, and hands each redirect to the sign-in that
// started it, matched by `state`. A redirect with a state nobody waits for (a stale tab, another
// program's page, a forged link) is refused on the page and never reaches a sign-in.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CALLBACK_PATH = '/callback';
/** The port tried first, so a dynamically registered client keeps one redirect URI across runs. */
export const DEFAULT_REDIRECT_PORT = 33419;

interface Waiter { resolve(params: URLSearchParams): void; reject(e: Error): void }

const page = (title: string, text: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:15px system-ui,sans-serif;margin:4em auto;max-width:36em;color:#333}</style></head>
<body><h1>${title}</h1><p>${text}</p></body></html>`;

const escape = (s: string) => s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

export class LoopbackRedirects {
  private server?: Server;
  private starting?: Promise<void>;
  private boundPort?: number;
  private readonly waiters = new Map<string, Waiter>();

  /** @param port the port to listen on; 0 picks a free one. A busy preferred port falls back to a free one. */
  constructor(private readonly port = DEFAULT_REDIRECT_PORT) {}

  /** The redirect URI; valid after `open()`. */
  get uri(): string {
    return `http://127.0.0.1:${this.boundPort ?? this.port}${CALLBACK_PATH}`;
  }

  /** Starts listening (once); later calls wait for the same start. */
  open(): Promise<void> {
    this.starting ??= this.listen(this.port).catch(e => {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || this.port === 0) throw e;
      return this.listen(0);
    }).catch(e => { this.starting = undefined; throw e; });
    return this.starting;
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((req, res) => this.handle(req, res));
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        this.server = server;
        this.boundPort = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /**
   * Waits for the redirect that carries `state`. Rejects when `signal` aborts or after `timeoutMs`.
   * The listener stays up until `closeIfIdle()` (the token request names the same redirect URI).
   */
  wait(state: string, signal?: AbortSignal, timeoutMs = 300_000): Promise<URLSearchParams> {
    // Registered before anything is awaited: a page that answers at once still finds its waiter.
    const answer = new Promise<URLSearchParams>((resolve, reject) => {
      const timer = setTimeout(() => settle.reject(new Error(`No answer from the sign-in page within ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
      const onAbort = () => settle.reject(new Error('Sign-in was cancelled.'));
      const done = () => { clearTimeout(timer); signal?.removeEventListener('abort', onAbort); this.waiters.delete(state); };
      const settle: Waiter = { resolve: p => { done(); resolve(p); }, reject: e => { done(); reject(e); } };
      this.waiters.set(state, settle);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) onAbort();
    });
    return this.open().then(() => answer, e => { this.waiters.get(state)?.reject(e as Error); return answer; });
  }

  /** Closes the listener if no sign-in waits (after a flow that needed no browser, e.g. a refresh). */
  async closeIfIdle(): Promise<void> {
    if (this.waiters.size === 0) await this.close();
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.starting = undefined;
    this.boundPort = undefined;
    for (const w of this.waiters.values()) w.reject(new Error('Sign-in was cancelled.'));
    if (server) await new Promise<void>(r => { server.close(() => r()); server.closeAllConnections(); });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reply = (status: number, title: string, text: string) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
      res.end(page(title, text));
    };
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) return reply(404, 'Not found', 'This address only receives sign-in redirects.');
    const state = url.searchParams.get('state') ?? '';
    const waiter = this.waiters.get(state);
    if (!waiter) {
      return reply(400, 'Sign-in not recognised', 'This page does not belong to a sign-in that is waiting (the state does not match). Nothing was signed in. Start the sign-in again from the editor or the command line.');
    }
    const error = url.searchParams.get('error');
    if (error) {
      const description = url.searchParams.get('error_description');
      reply(400, 'Sign-in failed', escape(`The authorization server answered ${error}${description ? `: ${description}` : ''}. You can close this tab.`));
    } else {
      reply(200, 'Signed in', 'You can close this tab and go back to the editor.');
    }
    waiter.resolve(url.searchParams);
  }
}
