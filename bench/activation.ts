// Part 3, activation: the cold load of dist/extension.js in plain Node with `vscode` stubbed (a fresh
// `node` per sample, alternating with a baseline `node` that only installs the stub), activate() with a
// fake context and what it loaded (the AWS SDK and the engine must not be among them), the same request
// in a real VS Code (the activation integration test, which writes <run dir>/activation.json), and the
// sizes of the bundles and of the .vsix.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ActivationSample } from './activationChild';
import { repo, run } from './procs';
import { compare, Figure, valueTarget } from './report';
import { summarize } from './stats';

const LOAD_TARGET_MS = 20;
const VSIX_TARGET_BYTES = 1_000_000; // "1 MB", read strictly (not 1 MiB)
const child = path.join(__dirname, 'activationChild.js');

/** Code that must not be in the eagerly loaded bundle: the AWS SDK, the MCP SDK's client, zod. */
const HEAVY_MARKERS = ['SignatureV4', 'fromIni', 'fromNodeProviderChain', 'StreamableHTTPClientTransport', 'ZodError', 'ConverseStreamCommand'];

async function sample(mode: 'baseline' | 'load' | 'activate'): Promise<ActivationSample & { wallMs: number }> {
  const r = await run(process.execPath, [child, mode], { timeoutMs: 30_000 });
  if (r.code !== 0) throw new Error(`activationChild ${mode} exited ${r.code}: ${r.stderr.trim().split('\n').slice(-5).join('\n')}`);
  return { ...(JSON.parse(r.stdout.trim().split('\n').pop()!) as ActivationSample), wallMs: r.ms };
}

function vscodeReady(): boolean {
  const base = process.env.AGENTCORE_MCP_VSCODE_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'agentcore-mcp-client');
  try {
    const root = readFileSync(path.join(base, 'current'), 'utf8').trim();
    return existsSync(path.join(root, '.ready'));
  } catch { return false; }
}

/** Runs the activation integration test once in the offline VS Code; returns its activation.json. */
async function vscodeActivation(): Promise<{ ms: number; vscode: string; runDir: string; wallS: number }> {
  const runs = path.join(repo, '.vscode-test', 'runs');
  const before = new Set(existsSync(runs) ? readdirSync(runs) : []);
  const r = await run(process.execPath, [path.join(repo, 'out', 'test', 'integration', 'run.js')], {
    env: { ...process.env, AGENTCORE_MCP_GREP: 'does not activate' }, timeoutMs: 240_000,
  });
  const fresh = readdirSync(runs).filter(d => d.startsWith('tests-') && !before.has(d)).sort();
  const dir = fresh.length ? path.join(runs, fresh[fresh.length - 1]) : undefined;
  const file = dir && path.join(dir, 'activation.json');
  if (r.code !== 0 || !file || !existsSync(file)) {
    throw new Error(`the activation test in VS Code failed (exit ${r.code}${file ? `, ${file} ${existsSync(file) ? 'present' : 'missing'}` : ''}): ${(r.stdout + r.stderr).trim().split('\n').slice(-8).join('\n')}`);
  }
  return { ...(JSON.parse(readFileSync(file, 'utf8')) as { ms: number; vscode: string }), runDir: path.relative(repo, dir!), wallS: r.ms / 1000 };
}

async function vsixSize(): Promise<{ bytes: number; files: string[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agentcore-bench-vsix-'));
  try {
    const out = path.join(dir, 'bench.vsix');
    const vsce = path.join(repo, 'node_modules', '@vscode', 'vsce', 'vsce');
    const r = await run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', out], { timeoutMs: 120_000 });
    if (r.code !== 0 || !existsSync(out)) throw new Error(`vsce package failed (${r.code}): ${(r.stdout + r.stderr).trim().split('\n').slice(-6).join('\n')}`);
    const files = (r.stdout.match(/[├└]─ [^\n]+/g) ?? []).map(l => l.slice(3).trim());
    return { bytes: statSync(out).size, files };
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

export async function runActivation(quick: boolean, o: { skipVscode: boolean }): Promise<Figure[]> {
  const figures: Figure[] = [];
  const n = quick ? 7 : 30;

  // Cold loads, alternating baseline and candidate processes.
  const base: (ActivationSample & { wallMs: number })[] = [];
  const load: (ActivationSample & { wallMs: number })[] = [];
  await sample('baseline'); await sample('load'); // warm the file cache, not the processes
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) { base.push(await sample('baseline')); load.push(await sample('load')); } else { load.push(await sample('load')); base.push(await sample('baseline')); }
  }
  const baseWall = summarize(base.map(s => s.wallMs));
  const loadWall = summarize(load.map(s => s.wallMs));
  const loadMs = summarize(load.map(s => s.loadMs ?? NaN));
  const startup = summarize(base.map(s => s.totalMs));
  figures.push(compare('activation', `load dist/extension.js, cold (fresh node, vscode stubbed), median of ${n}`, 'ms',
    { label: 'node start-up to the stub installed (in-process)', value: startup.median, raw: { inProcess: startup } },
    { label: 'require(dist/extension.js)', value: loadMs.median, raw: { loadMs, samples: load.map(s => s.loadMs) } },
    { target: valueTarget(LOAD_TARGET_MS), note: 'Target on the value (the require); the ratio compares it with Node\'s own start-up in the same process.' }));
  figures.push(compare('activation', `whole process: node + stub + load vs node + stub, median of ${n}`, 'ms',
    { label: 'node + vscode stub', value: baseWall.median, raw: baseWall }, { label: 'node + vscode stub + dist/extension.js', value: loadWall.median, raw: loadWall }));

  // activate() and what it loaded.
  const acts: (ActivationSample & { wallMs: number })[] = [];
  for (let i = 0; i < (quick ? 3 : 10); i++) acts.push(await sample('activate'));
  const act = summarize(acts.map(s => s.activateMs ?? NaN));
  const heavy = [...new Set(acts.flatMap(s => s.heavy ?? []))];
  figures.push({
    part: 'activation', name: 'activate() with a fake context (plain Node), median', unit: 'ms',
    candidate: { label: 'activate()', value: act.median, raw: { activateMs: act, subscriptions: acts[0].commands, loadedAfterActivate: acts[0].loaded } },
  });
  figures.push({
    part: 'activation', name: 'AWS SDK / MCP SDK / engine modules in require.cache after activate()', unit: 'modules',
    candidate: { label: 'require.cache entries matching @aws-sdk, @smithy, @aws-crypto, @modelcontextprotocol, dist/aws.js, dist/bedrockSdk.js, dist/engine.js', value: heavy.length, raw: { heavy, loaded: acts[0].loaded } },
    target: valueTarget(0), note: `after activate(): ${acts[0].loaded?.join(', ')}`,
  });
  const ext = readFileSync(path.join(repo, 'dist', 'extension.js'), 'utf8');
  const found = HEAVY_MARKERS.filter(m => ext.includes(m));
  figures.push({
    part: 'activation', name: 'AWS SDK / MCP SDK code bundled into dist/extension.js', unit: 'markers',
    candidate: { label: `markers found of ${HEAVY_MARKERS.join(', ')}`, value: found.length, raw: { found } },
    target: valueTarget(0),
  });

  // The real VS Code.
  if (o.skipVscode || !vscodeReady()) {
    figures.push({
      part: 'activation', name: 'VS Code: activation request to activate() resolved', unit: 'ms', candidate: { label: 'VS Code', value: NaN }, status: 'skipped',
      note: o.skipVscode ? 'skipped (--skip-vscode)' : 'skipped: the offline VS Code is not set up (bash scripts/setup-vscode.sh)',
    });
  } else {
    const v = await vscodeActivation();
    const plain = summarize(acts.map(s => (s.loadMs ?? 0) + (s.activateMs ?? 0)));
    figures.push(compare('activation', 'VS Code: activation request to activate() resolved (one run)', 'ms',
      { label: 'plain Node, stubbed: load + activate()', value: plain.median, raw: plain },
      { label: `VS Code ${v.vscode} (code-server), extension.activate()`, value: v.ms, raw: v },
      { note: `Includes VS Code's own work (extension host bookkeeping, reading package.json); no target in the issue. Run dir ${v.runDir}.` }));
  }

  // Sizes.
  const bundles = ['extension.js', 'engine.js', 'aws.js', 'bedrockSdk.js'].map(f => ({ f, bytes: statSync(path.join(repo, 'dist', f)).size }));
  const total = bundles.reduce((a, b) => a + b.bytes, 0);
  for (const b of bundles) {
    figures.push({
      part: 'activation', name: `bundle size dist/${b.f}${b.f === 'extension.js' ? ' (loaded on activation)' : ' (loaded on first use)'}`, unit: 'bytes',
      baseline: { label: 'all four bundles', value: total }, candidate: { label: `dist/${b.f}`, value: b.bytes }, ratio: b.bytes / total,
    });
  }
  const vsix = await vsixSize();
  figures.push({
    part: 'activation', name: '.vsix size (vsce package --no-dependencies)', unit: 'bytes',
    candidate: { label: '.vsix', value: vsix.bytes, raw: { files: vsix.files } }, target: valueTarget(VSIX_TARGET_BYTES),
  });
  return figures;
}
