// A server process for the HTTP benchmarks, so that the server's work runs beside the client's, not on
// its event loop: @modelcontextprotocol/server-everything over stateful Streamable HTTP on 127.0.0.1
// (test/fixtures/everything.ts), the 2026-07-28 fixture (test/fixtures/servers/modern.ts), and with --emulator the AgentCore Runtime emulator in front of it
// (runtime "everything", SigV4 with the bench's keys). Prints one JSON line with the URLs, then runs
// until its stdin closes or it gets SIGTERM.
//   node out/bench/serve.js [--emulator]
import { startEmulator } from '../src/emulator';
import { serveEverythingHttp } from '../test/fixtures/everything';
import { serveModern } from '../test/fixtures/servers/modern';
import { BENCH_CREDS, BENCH_REGION } from './hosts';

export interface Served {
  /** The MCP endpoint of server-everything. */
  readonly url: string;
  /** A server written with @modelcontextprotocol/server 2.x, 2026-07-28 (and 2025 without a session). */
  readonly modernUrl: string;
  readonly emulator?: { readonly url: string; readonly arn: string; readonly invocationsUrl: string };
}

async function main(): Promise<void> {
  const everything = await serveEverythingHttp();
  const modern = await serveModern({ legacy: 'stateless' });
  const emu = process.argv.includes('--emulator')
    ? await startEmulator({
      region: BENCH_REGION, credentials: [BENCH_CREDS], idleTimeoutMs: 3_600_000,
      runtimes: [{ name: 'everything', upstream: everything.url, auth: 'sigv4' }],
    })
    : undefined;
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void (async () => {
      await emu?.close().catch(() => undefined);
      await everything.close().catch(() => undefined);
      await modern.close().catch(() => undefined);
      process.exit(0);
    })();
  };
  process.stdout.on('error', stop); // the bench went away before reading our line
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const served: Served = {
    url: everything.url,
    modernUrl: modern.url,
    ...(emu ? { emulator: { url: emu.url, arn: emu.arnOf('everything'), invocationsUrl: emu.invocationsUrl('everything') } } : {}),
  };
  process.stdout.write(`${JSON.stringify(served)}\n`);
}

if (require.main === module) {
  main().catch((e: unknown) => { process.stderr.write(`bench server failed: ${(e as Error).stack ?? String(e)}\n`); process.exit(1); });
}
