// The test runner VS Code loads in the extension host (extensionTestsPath): runs every *.test.js here
// with mocha. AGENTCORE_MCP_GREP narrows the run to matching test titles.
import Mocha from 'mocha';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasDriver, screenshot } from './ui';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  if (process.env.AGENTCORE_MCP_GREP) mocha.grep(process.env.AGENTCORE_MCP_GREP);
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  // A screenshot of the workbench at each failure, named after the test, next to the run's logs.
  mocha.rootHooks({
    async afterEach(this: Mocha.Context) {
      if (this.currentTest?.state !== 'failed' || !hasDriver()) return;
      const name = `FAILED-${this.currentTest.fullTitle()}`.replace(/[^\w.-]+/g, '-').slice(0, 120);
      const file = await screenshot(name).catch(() => undefined);
      if (file) console.log(`      screenshot of the failure: ${file}`);
    },
  });
  return new Promise((resolve, reject) => {
    mocha.run(failures => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
