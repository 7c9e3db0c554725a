// Starts the integration tests in a real VS Code through @vscode/test-electron's runTests.
// Default (and on CI): the offline VS Code from scripts/setup-vscode.sh, driven by test/harness.
// AGENTCORE_MCP_VSCODE=download uses test-electron's normal download of desktop VS Code instead
// (where the machine can reach Microsoft's update server); the UI-driver tests then skip.
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { newRunDir } from '../harness/runDir';

const repo = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const runDir = newRunDir('tests');
  const workspace = path.join(runDir, 'workspace');
  fs.cpSync(path.join(repo, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const extensionsDir = path.join(runDir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  // The test-only language model provider is installed by copying (the web workbench keeps only one
  // extensionDevelopmentPath), so sampling goes through the real vscode.lm API.
  fs.cpSync(path.join(repo, 'test', 'fixtures', 'fake-lm'), path.join(extensionsDir, 'agentcore-mcp-tests.fake-lm-0.0.1'), { recursive: true });
  const download = process.env.AGENTCORE_MCP_VSCODE === 'download';
  await runTests({
    ...(download ? {} : { vscodeExecutablePath: path.join(repo, 'test', 'harness', 'vscode-offline') }),
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(__dirname, 'index.js'),
    launchArgs: [workspace, `--extensions-dir=${extensionsDir}`, `--user-data-dir=${path.join(runDir, 'user-data')}`],
    extensionTestsEnv: {
      AGENTCORE_MCP_RUN_DIR: runDir,
      AGENTCORE_MCP_REPO: repo,
    },
  });
}

main().catch(e => {
  console.error(`Integration tests failed: ${(e as Error).message}`);
  process.exit(1);
});
