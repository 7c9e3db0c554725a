// `npm run demo`: opens the extension in a real VS Code (code-server on 127.0.0.1) with demo connections
// ready, and prints the URL to open in a browser. Ctrl+C stops everything.
//   --port <n>            listen on this port (default 8765, or a free one when that is taken)
//   --screenshot <file>   instead of waiting: open the workbench in headless chromium, show the
//                         AgentCore MCP view, save a screenshot and exit
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openBrowser, waitForWorkbench } from './browser';
import { freePort, host, startCodeServer } from './codeServer';
import { findInstall } from './install';
import { newRunDir } from './runDir';
import { startDemoServers } from './demoConnections';

const repo = path.resolve(__dirname, '..', '..', '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** Installs the built extension the way VS Code lays out an installed one: <publisher>.<name>-<version>. */
function installExtension(extensionsDir: string): void {
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
  const target = path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  for (const f of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist', 'media']) {
    if (fs.existsSync(path.join(repo, f))) fs.cpSync(path.join(repo, f), path.join(target, f), { recursive: true });
  }
}

async function portToUse(): Promise<number> {
  const wanted = Number(arg('port') ?? 8765);
  const net = await import('node:net');
  const free = await new Promise<boolean>(r => {
    const s = net.createServer().once('error', () => r(false)).listen(wanted, host, () => s.close(() => r(true)));
  });
  return free ? wanted : freePort();
}

async function main(): Promise<void> {
  const install = findInstall();
  const runDir = newRunDir('demo');
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  const demo = await startDemoServers(repo, runDir);
  fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify(demo.settings, null, 2));
  fs.writeFileSync(path.join(workspace, 'README.md'), '# AgentCore MCP demo\n\nOpen the AgentCore MCP view in the activity bar. The connections are in .vscode/settings.json.\n');
  const extensionsDir = path.join(runDir, 'extensions');
  installExtension(extensionsDir);
  // A stand-in language model, so sampling has something to answer with offline (a test double).
  fs.cpSync(path.join(repo, 'test', 'fixtures', 'fake-lm'), path.join(extensionsDir, 'agentcore-mcp-tests.fake-lm-0.0.1'), { recursive: true });
  const server = await startCodeServer({ install, runDir, workspace, extensionsDir, env: demo.env, port: await portToUse() });
  const url = `${server.origin}/?folder=${encodeURIComponent(workspace)}`;
  const stop = async () => { await server.stop(); await demo.close(); };
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));

  const shot = arg('screenshot');
  if (shot) {
    const browser = await openBrowser(runDir, server.env, server.origin);
    try {
      await browser.page.goto(url);
      await waitForWorkbench(browser.page);
      await browser.page.click('.activitybar [aria-label^="AgentCore MCP"]', { timeout: 20_000 });
      await browser.page.waitForSelector('.part.sidebar .monaco-list-row', { timeout: 20_000 });
      // Connect the AgentCore connection (a click on a stopped connection connects it) and open its tools.
      // The workspace's settings define it, so the first Connect asks to trust that definition.
      const row = (text: string) => `.part.sidebar .monaco-list-row:has-text("${text}")`;
      await browser.page.click(row('AgentCore emulator'));
      const trust = '.quick-input-widget .quick-input-list .monaco-list-row:has-text("Trust and Connect")';
      await browser.page.waitForSelector(trust, { timeout: 20_000 });
      await browser.page.click(trust);
      await browser.page.waitForSelector(row('running'), { timeout: 60_000 }).catch(async e => {
        await browser.page.screenshot({ path: path.join(runDir, 'demo-failed.png') });
        throw e;
      });
      await browser.page.waitForSelector(row('Tools'), { timeout: 20_000 });
      await browser.page.click(row('Tools'));
      await browser.page.waitForSelector(row('plan_trip'), { timeout: 20_000 });
      await browser.page.mouse.move(700, 400);
      await browser.page.waitForTimeout(1000);
      await browser.page.screenshot({ path: path.resolve(shot) });
      console.log(`screenshot: ${path.resolve(shot)}`);
    } finally {
      await browser.close();
      await stop();
    }
    return;
  }
  console.log(`\nAgentCore MCP demo: VS Code ${install.version.replace(/^.* with Code /, '')} is running.\n`);
  console.log(`  Open ${url}\n`);
  console.log('  Then click the AgentCore MCP icon in the activity bar, and try "AgentCore MCP: Invoke Tool" →');
  console.log('  plan_trip on "travel planner (AgentCore emulator)". The connections are defined by the demo workspace\'s');
  console.log('  settings, so the first Connect of each asks you to trust it. Ctrl+C stops the demo.\n');
  console.log(`  (logs and settings of this run: ${runDir})`);
}

main().catch(e => { console.error(`demo failed: ${(e as Error).message}`); process.exit(1); });
