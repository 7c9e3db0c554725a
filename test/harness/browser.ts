// Opens the code-server workbench in Debian's chromium, headless, through playwright-core.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';

export interface Workbench {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

export const chromiumPath = (): string => process.env.AGENTCORE_MCP_CHROMIUM ?? '/usr/bin/chromium';

export async function openBrowser(runDir: string, env: NodeJS.ProcessEnv, origin: string): Promise<Workbench> {
  const profile = path.join(runDir, 'chromium-profile');
  fs.rmSync(profile, { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 800 },
    env: env as Record<string, string>,
    // Flags that work as root on a machine with no outside network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
      // openExternal opens a new tab; the workbench must not be throttled as a background tab meanwhile.
      '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'],
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = context.pages()[0] ?? await context.newPage();
  context.on('page', () => { void page.bringToFront(); });
  const consoleLog = fs.createWriteStream(path.join(runDir, 'browser-console.log'));
  page.on('console', m => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', e => consoleLog.write(`[pageerror] ${e.stack ?? String(e)}\n`));
  return { context, page, close: () => context.close() };
}

/**
 * VS Code >= 1.133 honours extensionDevelopmentPath/extensionTestsPath from the URL payload only when
 * developmentOptions.enableSmokeTestDriver is set in the workbench configuration, and code-server's CLI
 * has no flag for it: amend the configuration <meta> as the page reads it.
 */
export async function enableTestPayload(page: Page): Promise<void> {
  await page.addInitScript({ content: amendWorkbenchConfiguration });
}

const amendWorkbenchConfiguration = `(() => {
  const original = Element.prototype.getAttribute;
  Element.prototype.getAttribute = function (name) {
    const value = original.call(this, name);
    if (name === 'data-settings' && this.id === 'vscode-workbench-web-configuration' && value) {
      try {
        const c = JSON.parse(value);
        c.developmentOptions = Object.assign({}, c.developmentOptions, { enableSmokeTestDriver: true });
        return JSON.stringify(c);
      } catch { /* leave as is */ }
    }
    return value;
  };
})();`;

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 120_000 });
}
