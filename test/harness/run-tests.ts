// Runs extension tests inside a real VS Code offline: code-server's extension host, the workbench open in
// headless chromium. Takes @vscode/test-electron's arguments, so it works as `vscodeExecutablePath` for
// runTests() (through the `vscode-offline` shim next to this file):
//   vscode-offline --extensionDevelopmentPath=<dir> --extensionTestsPath=<runner.js> [--extensions-dir=<d>]
//                  [--user-data-dir=<d>] [<workspace folder>]
// Electron flags test-electron adds (--no-sandbox, --disable-updates, ...) are ignored.
// Exit code: 0 when the runner's run() resolved, 1 when it rejected, 2 on a harness error or timeout.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { Page } from 'playwright-core';
import { enableTestPayload, openBrowser, waitForWorkbench, Workbench } from './browser';
import { host, RunningCodeServer, startCodeServer } from './codeServer';
import { startDriver } from './driver';
import { findInstall } from './install';
import { newRunDir } from './runDir';

const started = Date.now();
// Workbench chatter that says nothing about our tests (component-tagged info lines, the workbench's own
// stack traces from failed gallery and account look-ups on an offline machine, connection set-up).
// Everything still goes to workbench.log in the run directory.
const workbenchNoise = /^\[[\w:. -]+\] |\/static\/out\/vs\/|^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin)/;
const log = (s: string) => console.log(`[harness ${((Date.now() - started) / 1000).toFixed(1)}s] ${s}`);

function parseArgs(argv: string[]) {
  const valued = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'extensions-dir', 'user-data-dir', 'timeout']);
  const opts: Record<string, string> = {};
  const devPaths: string[] = [];
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (!valued.has(key)) continue; // an Electron flag from test-electron
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (key === 'extensionDevelopmentPath') devPaths.push(value); else opts[key] = value;
  }
  return { opts, devPaths, workspace: positional[0] };
}

async function main(): Promise<number> {
  const { opts, devPaths, workspace } = parseArgs(process.argv.slice(2));
  if (devPaths.length !== 1 || !opts.extensionTestsPath) {
    throw new Error('need one --extensionDevelopmentPath and --extensionTestsPath (the web workbench keeps only one development path)');
  }
  const install = findInstall();
  const runDir = process.env.AGENTCORE_MCP_RUN_DIR ?? newRunDir();
  const timeoutS = Number(opts.timeout ?? process.env.AGENTCORE_MCP_TEST_TIMEOUT ?? 1800);
  log(`VS Code: code-server ${install.version}; run directory ${runDir}`);

  let page: Page | undefined;
  const driver = await startDriver(() => page, process.env.AGENTCORE_MCP_SCREENSHOTS ?? path.join(runDir, 'screenshots'), log);
  let server: RunningCodeServer | undefined;
  let browser: Workbench | undefined;
  const stopAll = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await driver.close();
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  process.once('SIGTERM', () => void stopAll().then(() => process.exit(143)));

  try {
    server = await startCodeServer({
      install, runDir, workspace,
      ...(opts['user-data-dir'] ? { userDataDir: opts['user-data-dir'] } : {}),
      ...(opts['extensions-dir'] ? { extensionsDir: opts['extensions-dir'] } : {}),
      env: { AGENTCORE_MCP_UI_DRIVER: driver.url, AGENTCORE_MCP_RUN_DIR: runDir },
      log,
    });
    browser = await openBrowser(runDir, server.env, server.origin);
    page = browser.page;
    await enableTestPayload(page);

    let finish: (code: number) => void = () => undefined;
    const finished = new Promise<number>(r => { finish = r; });
    // The workbench calls these when the extension tests end, and for everything they log.
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(typeof code === 'number' ? code : 2));
    const workbenchLog = fs.createWriteStream(path.join(runDir, 'workbench.log'));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = util.format(...(args ?? []));
      workbenchLog.write(`[${type}] ${text}\n`);
      if (workbenchNoise.test(text)) return; // kept in workbench.log only
      if (type === 'error') console.error(text); else console.log(text);
    });

    const remote = (p: string) => `vscode-remote://${host}:${server!.port}${path.resolve(p)}`;
    const payload = [
      ['extensionDevelopmentPath', remote(devPaths[0])],
      ['extensionTestsPath', remote(opts.extensionTestsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const url = `${server.origin}/?${workspace ? `folder=${encodeURIComponent(path.resolve(workspace))}` : 'ew=true'}`
      + `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    await waitForWorkbench(page);
    log('workbench ready; extension tests running');
    const timer = new Promise<number>(r => setTimeout(() => { log(`timed out after ${timeoutS} s`); r(2); }, timeoutS * 1000).unref());
    const code = await Promise.race([finished, timer]);
    log(`extension tests finished with exit code ${code}`);
    return code;
  } finally {
    await stopAll();
  }
}

main().then(
  code => process.exit(code),
  e => { log(`harness error: ${(e as Error).stack ?? e}`); process.exit(2); },
);
