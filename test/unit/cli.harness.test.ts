// Shared parts of the command-line tests: run `node dist/cli.js …` as a real child process (building
// dist/ first when it is missing), and an XML well-formedness check for JUnit output. Plus checks of
// the harness itself: --version, --help for every command.
import * as assert from 'node:assert';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '..', '..', '..');
export const cliPath = path.join(root, 'dist', 'cli.js');
export const everythingCommand = `"${process.execPath}" "${path.join(root, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js')}" stdio`;
export const fixtureCommand = (name: string, ...args: string[]) => [process.execPath, path.join(root, 'out', 'test', 'fixtures', 'servers', `${name}.js`), '--stdio', ...args].map(a => `"${a}"`).join(' ');

export interface CliRun { readonly code: number | null; readonly stdout: string; readonly stderr: string; readonly ms: number }

export function ensureBuilt(): void {
  if (!existsSync(cliPath)) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'ignore' });
}

/** Runs the command line; always ends the child (TERM, then KILL) if it outlives `timeoutMs`. */
export function runCli(args: readonly string[], o: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number; onStderr?: (text: string, child: ChildProcess) => void } = {}): Promise<CliRun> {
  ensureBuilt();
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: o.cwd ?? root, env: { ...process.env, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); o.onStderr?.(stderr, child); });
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 2000).unref();
      reject(new Error(`agentcore-mcp ${args.join(' ')} did not finish in ${o.timeoutMs ?? 30_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, o.timeoutMs ?? 30_000);
    child.on('error', e => { clearTimeout(timer); reject(e); });
    child.on('close', code => { clearTimeout(timer); resolve({ code, stdout, stderr, ms: performance.now() - started }); });
  });
}

/** A small well-formedness check: one root, every tag closed in order, attributes quoted, entities known. */
export function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  for (const m of body.matchAll(/<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+);)/g)) {
    if (m[0] === '<' || m[0].startsWith('&')) assert.fail(`stray ${m[0]} at ${m.index}: ${body.slice(m.index, m.index + 40)}`);
    const [, close, name, , selfClose] = m;
    if (close) assert.strictEqual(stack.pop(), name, `</${name}> closes the wrong element`);
    else {
      if (!stack.length) roots++;
      if (!selfClose) stack.push(name);
    }
  }
  assert.deepStrictEqual(stack, [], 'unclosed elements');
  assert.strictEqual(roots, 1, 'one root element');
}

describe('cli: harness', function () {
  this.timeout(60_000);
  before(ensureBuilt);

  it('prints its version, and help for every command (exit 0)', async () => {
    assert.deepStrictEqual(await runCli(['--version']).then(r => [r.code, r.stdout]), [0, '0.1.0\n']);
    const main = await runCli(['--help']);
    assert.strictEqual(main.code, 0);
    assert.match(main.stdout, /^agentcore-mcp: an MCP client for the command line/);
    for (const c of ['tools', 'resources', 'prompts', 'call', 'read', 'prompt', 'test', 'conformance']) {
      const r = await runCli([c, '--help']);
      assert.strictEqual(r.code, 0, c);
      assert.match(r.stdout, new RegExp(`Usage: agentcore-mcp (${c}|tools\\|resources\\|prompts)`), c);
    }
  });

  it('says what is wrong with an unknown command (exit 2)', async () => {
    const r = await runCli(['cal', 'echo']);
    assert.deepStrictEqual([r.code, r.stderr], [2, 'agentcore-mcp: unknown command "cal". Commands: tools, resources, prompts, call, read, prompt, test, tasks, runtimes, login, logout, proxy, conformance. Try agentcore-mcp --help.\n']);
  });
});
