// Every `agentcoreMcp.*` name that a message, the code or the README shows a person exists: a setting,
// a command, a view or a view container in package.json. A message once told people to raise
// `agentcoreMcp.requestTimeoutSeconds`, a setting that never existed.
import * as assert from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

interface Contributes {
  configuration: { properties: Record<string, unknown> };
  commands: Array<{ command: string }>;
  views: Record<string, Array<{ id: string }>>;
  viewsContainers: Record<string, Array<{ id: string }>>;
}

/** Ids that are not contributions and never shown as a name to change: where each lives. */
const internal: Record<string, string> = {
  'agentcoreMcp.sampling.consent': 'src/vscode/sampling/consent.ts',   // the globalState key of consent choices
  'agentcoreMcp.secretTargets': 'src/vscode/connections/secrets.ts',    // the globalState index of secrets by target
  'agentcoreMcp.trustedDefinitions': 'src/vscode/connections/trust.ts', // the workspaceState key of trusted definitions
  'agentcoreMcp.linkedServers': 'src/vscode/connections/linked.ts',     // the workspaceState list of servers used from other clients' files
  'agentcoreMcp.scenarios': 'src/vscode/testing/controller.ts',         // the test controller's id
  'agentcoreMcp.traffic': 'src/vscode/views/trafficPanel.ts',           // the webview panel's view type
  'agentcoreMcp.result': 'src/vscode/documents/resultView.ts',         // the result tab's view type (editor/title `when`)
  // Context keys that the command palette's `when` clauses in package.json read:
  'agentcoreMcp.anyRunning': 'src/vscode/contextKeys.ts',
  'agentcoreMcp.hasTraffic': 'src/vscode/contextKeys.ts',
  'agentcoreMcp.hasLastCall': 'src/vscode/contextKeys.ts',
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

describe('agentcoreMcp.* names in messages and the README', () => {
  const c = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: Contributes }).contributes;
  const contributed = new Set([
    ...Object.keys(c.configuration.properties),
    ...c.commands.map(x => x.command),
    ...Object.values(c.views).flat().map(v => v.id),
    ...Object.values(c.viewsContainers).flat().map(v => v.id),
  ]);
  const sources = [...files(path.join(root, 'src')).filter(f => f.endsWith('.ts')), path.join(root, 'README.md'), path.join(root, 'CHANGELOG.md')];

  it('each one is a setting, command or view that package.json contributes', () => {
    const unknown: string[] = [];
    for (const file of sources) {
      const rel = path.relative(root, file);
      for (const m of readFileSync(file, 'utf8').matchAll(/agentcoreMcp\.[A-Za-z][\w.]*[A-Za-z0-9]/g)) {
        if (contributed.has(m[0]) || internal[m[0]] === rel) continue;
        unknown.push(`${rel}: ${m[0]}`);
      }
    }
    assert.deepStrictEqual(unknown, []);
  });

  it('the internal ids listed here are still used where they are said to live', () => {
    for (const [id, rel] of Object.entries(internal)) {
      assert.ok(readFileSync(path.join(root, rel), 'utf8').includes(`'${id}'`), `${id} not in ${rel}`);
    }
  });

  it('every context key the extension sets is read by a when clause in package.json', () => {
    const pkg = readFileSync(path.join(root, 'package.json'), 'utf8');
    for (const [id, rel] of Object.entries(internal)) if (rel === 'src/vscode/contextKeys.ts') assert.match(pkg, new RegExp(`"when": "[^"]*${id.replace('.', '\\.')}\\b`), id);
  });
});
