// Bundles the extension, the command line and the emulator with esbuild.
// dist/extension.js must stay small and quick to load: the engine (MCP SDK + core) is bundled into
// dist/engine.js, loaded on first use, and the AWS SDK into dist/aws.js, loaded only when an AgentCore
// connection first connects.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  minify: !watch,
  keepNames: true,
  logLevel: 'info',
  legalComments: 'external',
  // The lazily loaded AWS chunk is resolved at run time next to the bundle that asks for it.
  external: ['vscode', './aws.js', './engine.js'],
};

const entries = [
  { in: 'src/extension.ts', out: 'dist/extension.js' },
  { in: 'src/core/engine.ts', out: 'dist/engine.js' },
  { in: 'src/cli/main.ts', out: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { in: 'src/emulator/main.ts', out: 'dist/emulator.js', banner: { js: '#!/usr/bin/env node' } },
  { in: 'src/core/agentcore/aws.ts', out: 'dist/aws.js' },
].filter(e => existsSync(e.in));

const contexts = await Promise.all(entries.map(e => esbuild.context({
  ...common,
  entryPoints: [e.in],
  outfile: e.out,
  ...(e.banner ? { banner: e.banner } : {}),
})));

if (watch) {
  await Promise.all(contexts.map(c => c.watch()));
} else {
  await Promise.all(contexts.map(c => c.rebuild()));
  await Promise.all(contexts.map(c => c.dispose()));
}
