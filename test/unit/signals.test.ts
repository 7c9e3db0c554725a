// ownSignals (core/connections/fetch.ts): the session's one AbortSignal no longer collects a listener per
// request, and aborting it still stops every request and open stream. Real fetch (undici) on loopback.
import * as assert from 'node:assert';
import { getEventListeners } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { compose, ownSignals } from '../../src/core/connections/fetch';

describe('one signal per batch of requests (ownSignals)', function () {
  this.timeout(20_000);
  let server: http.Server;
  let url: string;
  const open = new Set<http.ServerResponse>();

  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/stream') {
        // An SSE stream that stays open until the client goes away.
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: first\n\n');
        open.add(res);
        res.on('close', () => open.delete(res));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const res of open) res.destroy();
    server.closeAllConnections();
    await new Promise(r => server.close(r));
  });

  it('400 requests on one session signal leave it one listener, with no leak warning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => { warnings.push(w.name); };
    process.on('warning', onWarning);
    try {
      const session = new AbortController();
      const fetchOwn = compose(globalThis.fetch, ownSignals());
      for (let round = 0; round < 20; round++) {
        await Promise.all(Array.from({ length: 20 }, async () => {
          const res = await fetchOwn(`${url}/json`, { method: 'POST', body: '{}', signal: session.signal });
          assert.deepStrictEqual(await res.json(), { ok: true });
        }));
      }
      assert.strictEqual(getEventListeners(session.signal, 'abort').length, 1, 'only ownSignals listens to the session signal');
      // The same load with the session signal handed to fetch directly: a listener per request, until collected.
      const direct = new AbortController();
      for (let i = 0; i < 100; i++) await (await globalThis.fetch(`${url}/json`, { method: 'POST', body: '{}', signal: direct.signal })).json();
      assert.ok(getEventListeners(direct.signal, 'abort').length > 16, 'without it, listeners pile up on the session signal (what this fixes)');
      await new Promise(r => setImmediate(r));
      assert.deepStrictEqual(warnings.filter(w => w === 'MaxListenersExceededWarning'), []);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('aborting the session signal stops an open SSE stream, and a request made after it', async () => {
    const session = new AbortController();
    const fetchOwn = compose(globalThis.fetch, ownSignals(2));
    // Several batches' worth of finished requests first, so the stream's signal is not the first one.
    for (let i = 0; i < 7; i++) await (await fetchOwn(`${url}/json`, { method: 'POST', body: '{}', signal: session.signal })).json();
    const res = await fetchOwn(`${url}/stream`, { method: 'GET', signal: session.signal });
    const reader = res.body!.getReader();
    const first = await reader.read();
    assert.match(Buffer.from(first.value!).toString(), /data: first/);
    await new Promise(r => setTimeout(r, 20));
    assert.strictEqual(open.size, 1, 'the stream is open on the server');
    session.abort(new Error('closed by the test'));
    await assert.rejects(reader.read(), (e: Error) => /closed by the test|abort/i.test(`${e.message} ${(e as { cause?: Error }).cause?.message ?? ''}`));
    for (let i = 0; i < 50 && open.size; i++) await new Promise(r => setTimeout(r, 10));
    assert.strictEqual(open.size, 0, 'the server saw the stream end');
    await assert.rejects(fetchOwn(`${url}/json`, { method: 'POST', body: '{}', signal: session.signal }), /closed by the test|abort/i);
  });
});
