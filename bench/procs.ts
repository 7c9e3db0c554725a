// Everything the benchmark starts is ended: closers registered here run when a part finishes, fails, or
// the run is interrupted. Child processes get their own process group so that what they start (a CLI's
// server, code-server's browser) ends with them.
import { ChildProcess, execFileSync, spawn, SpawnOptions } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root (out/bench/*.js → ../..). */
export const repo = path.resolve(__dirname, '..', '..');

type Closer = () => unknown;
const closers = new Set<Closer>();

/** Registers something to end; returns a function that ends it now (and unregisters it). */
export function defer(close: Closer): () => Promise<void> {
  closers.add(close);
  return async () => {
    if (!closers.delete(close)) return;
    await close();
  };
}

/** Ends everything still registered, newest first; never throws. */
export async function closeAll(): Promise<void> {
  for (const c of [...closers].reverse()) {
    closers.delete(c);
    try { await c(); } catch { /* keep closing the rest */ }
  }
}

/** Kills a child's whole process group (it was spawned detached). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined) return;
  try { process.kill(-child.pid, signal); } catch { /* gone */ }
}

/** Spawns a child in its own process group, registered to be killed (group-wide) if still running. */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, [...args], { ...options, detached: process.platform !== 'win32' });
  // Killed group-wide if still running when its part ends; after its exit, what it left behind is.
  const end = defer(() => killGroup(child, 'SIGKILL'));
  child.once('exit', () => { setTimeout(() => { void end(); }, 0).unref(); });
  return child;
}

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** From spawn to the process's exit (not to its pipes closing: a server it left behind does not count). */
  readonly ms: number;
}

/** Runs a command to its exit, collecting output; kills its process group after it exits or on timeout. */
export function run(command: string, args: readonly string[], o: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawnTracked(command, args, { cwd: o.cwd ?? repo, env: o.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
    child.stderr?.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), o.timeoutMs ?? 120_000);
    child.once('error', e => { clearTimeout(timer); reject(e); });
    child.once('exit', (code, signal) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      killGroup(child, 'SIGKILL'); // whatever it left running (the Inspector's server, say)
      // The pipes deliver what was written before the exit by 'close'; a grandchild holding them open
      // was just killed, and 500 ms is the limit either way.
      const done = () => resolve({ code, signal, stdout, stderr, ms });
      const t = setTimeout(done, 500);
      child.once('close', () => { clearTimeout(t); done(); });
    });
  });
}

let handlersInstalled = false;
let bailing = false;

/** Whether the run was interrupted (Ctrl-C, SIGTERM, a crash): start nothing new. */
export const interrupted = (): boolean => bailing;

/** On Ctrl-C, SIGTERM or a crash, ends everything before exiting. */
export function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const bail = (code: number) => {
    if (bailing) return;
    bailing = true;
    void closeAll().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => bail(130));
  process.once('SIGTERM', () => bail(143));
  process.on('uncaughtException', e => {
    // A closed stdout (`| head`) is no reason to write more; anything else is reported once.
    if ((e as NodeJS.ErrnoException).code !== 'EPIPE' && !bailing) process.stderr.write(`bench: uncaught ${(e as Error).stack ?? String(e)}\n`);
    bail(1);
  });
}

/**
 * CPU pinning for the per-call comparisons: this process (the clients, every thread) on CPU 0 and the
 * servers it starts on the other CPUs. Unpinned, where the scheduler happens to place a client and its
 * server decides a stdio call's latency more than the client does: two identical raw SDK clients were
 * measured 1.5× apart. Linux with taskset and two or more CPUs only; elsewhere nothing is pinned.
 */
let pinned = false;
const cpuCount = os.cpus().length;
const allCpus = `0-${cpuCount - 1}`;
const serverCpus = cpuCount > 2 ? `1-${cpuCount - 1}` : '1';

function taskset(cpus: string): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch { return false; }
}

/** Pins this process to CPU 0 (servers started meanwhile go to the others); returns whether it could. */
export function pinClient(): boolean {
  if (pinned || process.platform !== 'linux' || cpuCount < 2) return pinned;
  pinned = taskset('0');
  return pinned;
}

/** Lets this process use every CPU again. */
export function unpinClient(): void {
  if (pinned) { taskset(allCpus); pinned = false; }
}

/** The command line of a server process: on the server CPUs while the client is pinned. */
export function serverCommand(command: string, args: readonly string[]): { command: string; args: string[] } {
  return pinned ? { command: 'taskset', args: ['-c', serverCpus, command, ...args] } : { command, args: [...args] };
}

export const pinning = () => ({ client: pinned ? '0' : allCpus, servers: pinned ? serverCpus : allCpus });
