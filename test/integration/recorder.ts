// An HTTP server on 127.0.0.1 that answers every request with 404 and keeps its headers: where a secret
// went (or did not) is then seen, not assumed.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorder { url: string; requests: http.IncomingHttpHeaders[]; close(): Promise<void> }

/** Answers every request with 404 and keeps its headers. */
export async function recorder(): Promise<Recorder> {
  const requests: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.headers);
    req.resume();
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"recorder"}');
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise(r => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

export const sent = (r: Recorder, value: string) => r.requests.filter(h => JSON.stringify(h).includes(value)).length;
