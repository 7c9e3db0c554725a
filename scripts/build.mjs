// Bundles the extension, the command line and the emulator with esbuild.
// dist/extension.js must stay small and quick to load: the engine (MCP SDK + core) is bundled into
// dist/engine.js, loaded on first use, and the AWS SDK into dist/aws.js, loaded only when an AgentCore
// connection first connects; the Bedrock clients into dist/bedrockSdk.js, loaded only when a Bedrock model
// is first used or listed.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');

// zod 4 re-exports every locale's error messages as a namespace that the MCP SDK's `import * as z`
// keeps alive, ~260 KB of the engine bundle. Messages are only ever English (zod's default, set by
// the English locale, which stays), so the other locales are replaced by an empty locale.
const onlyEnglishZod = {
  name: 'only-english-zod',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/][^\\/]+\.js$/ }, args => {
      if (/[\\/](en|index)\.js$/.test(args.path)) return undefined; // English and the index load as usual
      return { contents: 'export default function () { return { localeError: () => undefined }; }', loader: 'js' };
    });
  },
};
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
  external: ['vscode', './aws.js', './bedrockSdk.js', './engine.js'],
  plugins: [onlyEnglishZod],
};

const entries = [
  { in: 'src/extension.ts', out: 'dist/extension.js' },
  { in: 'src/core/engine.ts', out: 'dist/engine.js' },
  { in: 'src/cli/main.ts', out: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { in: 'src/emulator/main.ts', out: 'dist/emulator.js', banner: { js: '#!/usr/bin/env node' } },
  { in: 'src/core/agentcore/aws.ts', out: 'dist/aws.js' },
  // The SDK's ES module builds let esbuild drop what is never called (most of client-bedrock's ~100
  // operations and their schemas): 433 KB instead of 672 KB, and about 60 KB less in the .vsix.
  { in: 'src/core/bedrock/bedrockSdk.ts', out: 'dist/bedrockSdk.js', mainFields: ['module', 'main'] },
].filter(e => existsSync(e.in));

const contexts = await Promise.all(entries.map(e => esbuild.context({
  ...common,
  entryPoints: [e.in],
  outfile: e.out,
  ...(e.banner ? { banner: e.banner } : {}),
  ...(e.mainFields ? { mainFields: e.mainFields } : {}),
})));

if (watch) {
  await Promise.all(contexts.map(c => c.watch()));
} else {
  await Promise.all(contexts.map(c => c.rebuild()));
  await Promise.all(contexts.map(c => c.dispose()));
}
