// Starts code-server (a real VS Code: web workbench + Node extension host) on 127.0.0.1 with every
// directory it writes (user data, extensions, XDG dirs, HOME) inside one run directory, so nothing
// touches the user's own VS Code settings or home directory.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { VsCodeInstall } from './install';

export const host = '127.0.0.1';

export interface CodeServerOptions {
  readonly install: VsCodeInstall;
  readonly runDir: string;
  readonly workspace?: string;
  readonly userDataDir?: string;
  readonly extensionsDir?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly port?: number;
  /** Extra user settings merged over the quiet defaults. */
  readonly settings?: Record<string, unknown>;
  readonly log?: (line: string) => void;
}

export interface RunningCodeServer {
  readonly port: number;
  readonly origin: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

const quietSettings = {
  'workbench.startupEditor': 'none',
  'window.autoDetectHighContrast': false,
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, host, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function waitForHttp(url: string, ms: number, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const retry = () => {
      if (exited()) reject(new Error('code-server exited before it listened'));
      else if (Date.now() > deadline) reject(new Error(`code-server did not answer ${url} within ${ms / 1000} s`));
      else setTimeout(once, 200);
    };
    const once = () => http.get(url, r => { r.resume(); if ((r.statusCode ?? 500) < 500) resolve(); else retry(); }).on('error', retry);
    once();
  });
}

/** Sandboxed environment for code-server and everything it starts (extension host, servers under test). */
export function sandboxEnv(install: VsCodeInstall, runDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const home = path.join(runDir, 'home');
  for (const d of ['xdg-config', 'xdg-data', 'xdg-cache']) fs.mkdirSync(path.join(home, d), { recursive: true });
  // The person's own AWS credentials and profile never reach the VS Code under test.
  const own = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^AWS_/.test(k)));
  return {
    ...own,
    ...extra,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, 'xdg-config'),
    XDG_DATA_HOME: path.join(home, 'xdg-data'),
    XDG_CACHE_HOME: path.join(home, 'xdg-cache'),
    PATH: `${install.nodeBin}${path.delimiter}${process.env.PATH ?? ''}`,
  };
}

export async function startCodeServer(opts: CodeServerOptions): Promise<RunningCodeServer> {
  const log = opts.log ?? (() => undefined);
  const userDataDir = path.resolve(opts.userDataDir ?? path.join(opts.runDir, 'user-data'));
  const extensionsDir = path.resolve(opts.extensionsDir ?? path.join(opts.runDir, 'extensions'));
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(settingsFile)) fs.writeFileSync(settingsFile, JSON.stringify({ ...quietSettings, ...opts.settings }, null, 2));

  const env = sandboxEnv(opts.install, opts.runDir, opts.env);
  const port = opts.port ?? await freePort();
  const args = ['--auth', 'none', '--bind-addr', `${host}:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened',
    '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir];
  if (opts.workspace) args.push(path.resolve(opts.workspace));
  log(`starting code-server ${opts.install.version} on ${host}:${port}`);
  // Its own process group, so the whole tree (extension host, file watcher, pty host) stops together.
  const child: ChildProcess = spawn(opts.install.codeServer, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  const out = fs.createWriteStream(path.join(opts.runDir, 'code-server.log'));
  child.stdout?.pipe(out, { end: false });
  child.stderr?.pipe(out, { end: false });
  let exited = false;
  child.once('exit', () => { exited = true; });
  await waitForHttp(`http://${host}:${port}/healthz`, 60_000, () => exited);

  const stop = async (): Promise<void> => {
    if (exited || child.pid === undefined) return;
    const gone = new Promise<void>(r => child.once('exit', () => r()));
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    const timer = new Promise<'late'>(r => setTimeout(() => r('late'), 5000).unref());
    if (await Promise.race([gone, timer]) === 'late') {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* no stragglers left in the group */ }
  };
  return { port, origin: `http://${host}:${port}`, userDataDir, extensionsDir, env, stop };
}
