// Part 5, the command line against the MCP Inspector's CLI: one `echo` call on server-everything over
// stdio, the whole process from spawn to exit, median of 10, alternating. The Inspector is installed
// outside the project by scripts/setup-bench-tools.sh (it needs Node >= 22.19) and runs on that Node;
// our CLI runs on the same Node for the ratio (so only the tools differ), and on the project's Node for
// context. The server is the same command for both: this Node running server-everything.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repo, run, RunResult } from './procs';
import { compare, Figure, ratioTarget } from './report';
import { everythingScript } from './servers';
import { summarize } from './stats';

const TARGET = 0.5;
const cliJs = path.join(repo, 'dist', 'cli.js');

interface Tools { readonly node: string; readonly inspector: string; readonly root: string; readonly version: string }

async function inspectorTools(): Promise<Tools> {
  const r = await run('bash', [path.join(repo, 'scripts', 'setup-bench-tools.sh')], { timeoutMs: 600_000 });
  const root = r.stdout.trim().split('\n').pop() ?? '';
  if (r.code !== 0 || !root) throw new Error(`scripts/setup-bench-tools.sh failed (${r.code}): ${r.stderr.trim().split('\n').slice(-5).join('\n')}`);
  const ready = Object.fromEntries(readFileSync(path.join(root, '.ready'), 'utf8').trim().split('\n').map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  const pkg = JSON.parse(readFileSync(path.join(root, 'node_modules', '@modelcontextprotocol', 'inspector', 'package.json'), 'utf8')) as { version: string };
  return { node: ready.NODE, inspector: ready.INSPECTOR, root, version: pkg.version };
}

function check(what: string, r: RunResult): number {
  if (r.code !== 0 || !r.stdout.includes('Echo: hi')) throw new Error(`${what} exited ${r.code} without "Echo: hi": ${(r.stdout + r.stderr).trim().slice(-400)}`);
  return r.ms;
}

export async function runCli(quick: boolean): Promise<{ figures: Figure[]; setup?: unknown }> {
  const help = existsSync(cliJs) ? await run(process.execPath, [cliJs, '--help']) : undefined;
  if (!help || help.code !== 0) {
    return { figures: [{ part: 'cli', name: 'agentcore-mcp call echo vs the Inspector CLI', unit: 'ms', candidate: { label: 'dist/cli.js', value: NaN }, status: 'skipped', note: 'dist/cli.js is missing or `--help` fails: run node scripts/build.mjs' }] };
  }
  let tools: Tools;
  try {
    tools = await inspectorTools();
  } catch (e) {
    return { figures: [{ part: 'cli', name: 'agentcore-mcp call echo vs the Inspector CLI', unit: 'ms', candidate: { label: 'dist/cli.js', value: NaN }, status: 'skipped', note: `the Inspector could not be installed: ${(e as Error).message}` }] };
  }
  const home = mkdtempSync(path.join(os.tmpdir(), 'agentcore-bench-cli-'));
  try {
    // Both run with a throw-away HOME: the Inspector keeps a catalog in ~/.mcp-inspector.
    const env = { ...process.env, HOME: home, MCP_CATALOG_PATH: path.join(home, 'mcp.json') };
    const server = [process.execPath, everythingScript, 'stdio'];
    const quoted = server.map(s => `"${s}"`).join(' ');
    const inspector = () => run(tools.node, [tools.inspector, '--cli', ...server, '--method', 'tools/call', '--tool-name', 'echo', '--tool-arg', 'message=hi'], { env, timeoutMs: 60_000 });
    const ours = (node: string) => () => run(node, [cliJs, 'call', 'echo', '--stdio', quoted, '--args', '{"message":"hi"}'], { env, timeoutMs: 60_000 });
    const sides = [
      { key: 'inspector', run: inspector, ms: [] as number[] },
      { key: 'ours', run: ours(tools.node), ms: [] as number[] },
      { key: 'oursProjectNode', run: ours(process.execPath), ms: [] as number[] },
    ];
    for (const s of sides) check(s.key, await s.run()); // warm-up: file cache, compile cache
    const n = quick ? 3 : 10;
    for (let i = 0; i < n; i++) {
      const order = [...sides.slice(i % 3), ...sides.slice(0, i % 3)]; // rotate who goes first
      for (const s of order) s.ms.push(check(s.key, await s.run()));
    }
    const [ins, our, ourProj] = sides.map(s => summarize(s.ms));
    const nodeV = (await run(tools.node, ['--version'])).stdout.trim();
    const label = `Inspector ${tools.version} --cli (Node ${nodeV})`;
    return {
      setup: { inspector: tools.version, root: tools.root, inspectorNode: nodeV, projectNode: process.version },
      figures: [
        compare('cli', `call echo over stdio, whole process, median of ${n} (same Node ${nodeV})`, 'ms',
          { label, value: ins.median, raw: ins }, { label: `node dist/cli.js call echo (Node ${nodeV})`, value: our.median, raw: our },
          { target: ratioTarget(TARGET) }),
        compare('cli', `call echo, ours on the project's Node ${process.version}, median of ${n}`, 'ms',
          { label, value: ins.median }, { label: `node dist/cli.js call echo (Node ${process.version})`, value: ourProj.median, raw: ourProj },
          { note: 'Context: what a user on the project\'s Node sees; the ratio that is checked is the one on the same Node.' }),
      ],
    };
  } finally { rmSync(home, { recursive: true, force: true }); }
}
