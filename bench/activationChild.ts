// One cold sample of the activation part, in a fresh `node`: installs the vscode stand-in, then
//   baseline  nothing more;
//   load      require(dist/extension.js), timed;
//   activate  that, then activate() with a fake context, timed, and a look at require.cache: which
//             modules activation loaded (the proof that the AWS SDK and the engine are not among them).
// Prints one JSON line. The parent times the whole process too.
//   node out/bench/activationChild.js baseline|load|activate
import * as os from 'node:os';
import * as path from 'node:path';
import { fakeContext, installVscodeStub } from './vscodeStub';

const repo = path.resolve(__dirname, '..', '..');

export interface ActivationSample {
  readonly mode: string;
  /** performance.now() when this script started running (after Node's own start-up). */
  readonly scriptStartMs: number;
  readonly loadMs?: number;
  readonly activateMs?: number;
  readonly commands?: number;
  /** require.cache entries that point at the AWS SDK, Smithy, dist/aws.js, dist/bedrockSdk.js or dist/engine.js. */
  readonly heavy?: string[];
  /** Every require.cache entry outside node_modules' Node built-ins (paths relative to the repo). */
  readonly loaded?: string[];
  readonly totalMs: number;
}

function main(): void {
  const mode = process.argv[2] ?? 'baseline';
  const scriptStartMs = performance.now();
  installVscodeStub();
  const out: Record<string, unknown> = { mode, scriptStartMs };
  if (mode !== 'baseline') {
    const file = path.join(repo, 'dist', 'extension.js');
    const t = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ext = require(file) as { activate(ctx: unknown): unknown; deactivate?(): unknown };
    out.loadMs = performance.now() - t;
    if (mode === 'activate') {
      const ctx = fakeContext(os.tmpdir());
      const t2 = performance.now();
      const api = ext.activate(ctx);
      out.activateMs = performance.now() - t2;
      out.commands = (ctx.subscriptions as unknown[]).length;
      // The fake context is a normal (production) one: the test-only API must not be handed out.
      if (api !== undefined) throw new Error('activate() returned its test API outside test mode');
      const loaded = Object.keys(require.cache).map(k => path.relative(repo, k));
      out.loaded = loaded;
      out.heavy = loaded.filter(k => /@aws-sdk|@smithy|@aws-crypto|(^|[\\/])dist[\\/](aws|bedrockSdk|engine)\.js$|@modelcontextprotocol/.test(k));
      try { ext.deactivate?.(); } catch { /* stand-in limits */ }
    }
  }
  out.totalMs = performance.now();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main();
