// Checks a packaged .vsix the way a user gets it: `code-server --install-extension x.vsix` into a fresh
// extensions directory, then the command palette runs "AgentCore MCP: Add Connection", which only works
// when the installed extension activated. Usage: node vsix-check.js <file.vsix>
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openBrowser, waitForWorkbench } from './browser';
import { sandboxEnv, startCodeServer } from './codeServer';
import { findInstall } from './install';
import { newRunDir } from './runDir';

async function main(): Promise<void> {
  const vsix = path.resolve(process.argv[2] ?? 'dist/agentcore-mcp-client.vsix');
  const install = findInstall();
  const runDir = newRunDir('vsix');
  const extensionsDir = path.join(runDir, 'extensions');
  const userDataDir = path.join(runDir, 'user-data');
  const t0 = Date.now();
  const r = spawnSync(install.codeServer, ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix],
    { env: sandboxEnv(install, runDir), encoding: 'utf8' });
  const said = `${r.stdout}${r.stderr}`.trim().split('\n').filter(l => !/Wrote default config/.test(l)).join('\n');
  if (r.status !== 0) throw new Error(`--install-extension failed (${r.status}): ${said}`);
  console.log(`[vsix] installed ${path.basename(vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(1)} KiB) in ${Date.now() - t0} ms: ${said.split('\n').pop()}`);

  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const server = await startCodeServer({ install, runDir, workspace, extensionsDir, userDataDir });
  const browser = await openBrowser(runDir, server.env, server.origin);
  try {
    const page = browser.page;
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}`);
    await waitForWorkbench(page);
    // The contributions are registered once the activity bar shows the extension's container.
    await page.waitForSelector('.activitybar [aria-label^="AgentCore MCP"]', { timeout: 30_000 });
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget', { state: 'visible' });
    await page.keyboard.type('AgentCore MCP: Add Connection');
    await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="AgentCore MCP: Add Connection"]', { timeout: 20_000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.quick-input-widget .quick-input-title:has-text("Add MCP Connection")', { timeout: 30_000 });
    await page.screenshot({ path: path.join(runDir, 'vsix-installed.png') });
    console.log('[vsix] the installed extension activated and ran "AgentCore MCP: Add Connection" from the command palette');
  } catch (e) {
    await browser.page.screenshot({ path: path.join(runDir, 'vsix-failed.png') }).catch(() => undefined);
    throw new Error(`${(e as Error).message.split('\n')[0]} (screenshot: ${path.join(runDir, 'vsix-failed.png')})`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch(e => { console.error(`[vsix] FAILED: ${(e as Error).message}`); process.exit(1); });
