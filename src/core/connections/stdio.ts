// A stdio transport of our own (the SDK's hides the child process): we need the exit code and signal to
// explain a server that died, stderr line by line for the log, the full environment (as VS Code gives
// its stdio servers), and the whole process group stopped on close.
import { ChildProcess, spawn } from 'node:child_process';
import { deserializeMessage, serializeMessage } from '@modelcontextprotocol/client';
import type { Transport, JSONRPCMessage } from '@modelcontextprotocol/client';

export interface StdioOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly onStderr: (line: string) => void;
}

export interface ExitInfo { readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly spawnError?: NodeJS.ErrnoException }

export class StdioTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;

  private child?: ChildProcess;
  /** stdout not yet split into lines. (The SDK's ReadBuffer drops a line that is not JSON without a word;
   *  here it is reported through onerror, so the log says the server wrote something else to stdout.) */
  private pending: Buffer = Buffer.alloc(0);
  private stderrTail = '';
  private recentStderr: string[] = [];
  exit?: ExitInfo;

  constructor(private readonly opts: StdioOptions) {}

  get pid(): number | undefined { return this.child?.pid; }
  /** The last lines the server wrote to stderr (for error messages). */
  get lastStderr(): readonly string[] { return this.recentStderr; }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.opts.command, [...this.opts.args], {
        env: { ...process.env, ...this.opts.env },
        cwd: this.opts.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        // Own process group, so close() also stops what the server started (npx → node, uv → python).
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
      this.child = child;
      child.once('error', (err: NodeJS.ErrnoException) => {
        this.exit = { code: null, signal: null, spawnError: err };
        reject(err);
        this.onerror?.(err);
        this.onclose?.();
      });
      child.once('spawn', () => resolve());
      // 'close' comes after the exit and after stdout/stderr are drained, so the last stderr lines are in.
      child.once('close', (code, signal) => {
        this.exit ??= { code, signal };
        this.flushStderr();
        this.onclose?.();
      });
      child.stdout?.on('data', (chunk: Buffer) => {
        this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
        for (let nl = this.pending.indexOf(10); nl >= 0; nl = this.pending.indexOf(10)) {
          const line = this.pending.toString('utf8', 0, nl).replace(/\r$/, '');
          this.pending = this.pending.subarray(nl + 1);
          if (!line.trim()) continue;
          let message: JSONRPCMessage;
          try { message = deserializeMessage(line); } catch (e) {
            const why = e instanceof SyntaxError ? e.message.slice(0, 120) : 'JSON, but not a JSON-RPC message';
            this.onerror?.(new SyntaxError(`the server wrote a line to stdout that is not JSON-RPC (${JSON.stringify(line.slice(0, 80))}${line.length > 80 ? '…' : ''}): ${why}`));
            continue;
          }
          this.onmessage?.(message);
        }
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        const lines = (this.stderrTail + chunk.toString('utf8')).split(/\r?\n/);
        this.stderrTail = lines.pop() ?? '';
        for (const l of lines) this.stderrLine(l);
      });
      child.stdin?.on('error', e => this.onerror?.(e));
    });
  }

  private stderrLine(line: string): void {
    this.recentStderr.push(line);
    if (this.recentStderr.length > 20) this.recentStderr.shift();
    this.opts.onStderr(line);
  }

  private flushStderr(): void {
    if (this.stderrTail) { this.stderrLine(this.stderrTail); this.stderrTail = ''; }
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.child?.stdin;
      if (!stdin || !stdin.writable) { reject(new Error('the server process is not running')); return; }
      if (stdin.write(serializeMessage(message))) resolve(); else stdin.once('drain', resolve);
    });
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child || this.exit) return;
    const gone = new Promise<void>(r => child.once('close', () => r()));
    child.stdin?.end(); // well-behaved servers exit on EOF
    const kill = (sig: NodeJS.Signals) => {
      try { if (child.pid && process.platform !== 'win32') process.kill(-child.pid, sig); else child.kill(sig); } catch { /* gone */ }
    };
    const wait = (ms: number) => Promise.race([gone.then(() => true), new Promise<boolean>(r => setTimeout(() => r(false), ms).unref())]);
    if (await wait(500)) return;
    kill('SIGTERM');
    if (await wait(2000)) return;
    kill('SIGKILL');
    await wait(1000);
  }
}
