// `agentcore-mcp test` over the scenario files in test/scenarios (travel planner, server-everything's
// elicitation and sampling tools), with each reporter, plus failing and broken files.
import * as assert from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseJsonc } from '../../src/core/util/jsonc';
import { assertWellFormedXml, ensureBuilt, root, runCli } from './cli.harness.test';

const scenarioDir = path.join(root, 'test', 'scenarios');
/** How many steps the scenario files have: one test each. */
const stepCount = () => readdirSync(scenarioDir).filter(f => f.endsWith('.mcp-scenario.json'))
  .reduce((n, f) => n + (parseJsonc(readFileSync(path.join(scenarioDir, f), 'utf8')).value as { steps: unknown[] }).steps.length, 0);

describe('cli: test (scenario files)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => { ensureBuilt(); dir = mkdtempSync(path.join(os.tmpdir(), 'cli-scenarios-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every scenario in test/scenarios and passes (spec reporter)', async () => {
    const r = await runCli(['test', 'test/scenarios']);
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    for (const name of ['travel planner: plan_trip unattended', 'travel planner: decline at the confirmation', 'server-everything: trigger-elicitation-request', 'server-everything: trigger-url-elicitation', 'server-everything: trigger-sampling-request']) {
      assert.match(r.stdout, new RegExp(`^✓ ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}  test/scenarios/`, 'm'), name);
    }
    assert.match(r.stdout, new RegExp(`\\n${stepCount()} passed, 0 failed \\(\\d+ scenarios, [\\d.]+ (ms|s)\\)\\n$`));
  });

  it('reports TAP with a plan line and a test point per step', async () => {
    const r = await runCli(['test', 'test/scenarios/*.mcp-scenario.json', '--reporter', 'tap']);
    assert.strictEqual(r.code, 0, r.stdout);
    const lines = r.stdout.trimEnd().split('\n');
    const n = stepCount();
    assert.deepStrictEqual(lines.slice(0, 2), ['TAP version 13', `1..${n}`]);
    assert.strictEqual(lines.filter(l => /^ok \d+ - /.test(l)).length, n);
    assert.deepStrictEqual(lines.slice(-3), [`# tests ${n}`, `# pass ${n}`, '# fail 0']);
  });

  it('fails (exit 1) on a failing step and on a broken file, and writes well-formed JUnit with the failures', async () => {
    const failing = path.join(dir, 'failing.mcp-scenario.json');
    writeFileSync(failing, JSON.stringify({
      name: 'wrong expectations',
      connection: { type: 'stdio', command: 'node', args: ['${workspaceFolder}/out/test/fixtures/servers/travel.js', '--stdio'] },
      steps: [{ read: 'travel://destinations', expect: { contains: 'Atlantis' } }, { prompt: 'local_phrases', arguments: { destination: 'Paris' }, expect: { matches: 'Bonjour' } }],
    }, null, 2));
    const broken = path.join(dir, 'broken.mcp-scenario.json');
    writeFileSync(broken, '{\n  "connection": "x",\n  "steps": [ { "cal": "a" } ]\n}\n');
    const out = path.join(dir, 'report.xml');
    // --workspace: ${workspaceFolder} is the repository, where the fixture servers are built.
    const r = await runCli(['test', failing, broken, 'test/scenarios/travel-decline.mcp-scenario.json', '--reporter', 'junit', '--output', out, '--workspace', root]);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.strictEqual(r.stdout, '', 'the report went to the file');
    const xml = readFileSync(out, 'utf8');
    assertWellFormedXml(xml);
    assert.match(xml, /<testsuites name="agentcore-mcp" tests="4" failures="2" errors="0" skipped="0"/);
    assert.match(xml, /<testcase classname="wrong expectations" name="1\. read travel:\/\/destinations" time="[\d.]+" file="[^"]*failing\.mcp-scenario\.json" line="\d+">\n {6}<failure message="the text does not contain &quot;Atlantis&quot;" type="contains">/);
    assert.match(xml, /<testcase classname="wrong expectations" name="2\. prompt local_phrases" time="[\d.]+" file="[^"]*" line="\d+"\/>/);
    assert.match(xml, /broken\.mcp-scenario\.json:3:14: steps\[0\] needs one of &quot;call&quot; \(a tool name\), &quot;read&quot; \(a resource URI\) or &quot;prompt&quot; \(a prompt name\)/);
    assert.match(xml, /<testsuite name="travel planner: decline at the confirmation" tests="1" failures="0"/);
  });

  it('exits 2 when nothing matches, or the reporter is unknown', async () => {
    const none = await runCli(['test', 'test/scenarios/*.nothing.json']);
    assert.deepStrictEqual([none.code, none.stderr.split('\n')[0]], [2, 'agentcore-mcp test: nothing matches "test/scenarios/*.nothing.json".']);
    const rep = await runCli(['test', 'test/scenarios', '--reporter', 'xml']);
    assert.deepStrictEqual([rep.code, rep.stderr.split('\n')[0]], [2, 'agentcore-mcp test: --reporter must be spec, tap, junit; got "xml".']);
  });

  it('refuses "sampling": "live" on the command line, saying why', async () => {
    const live = path.join(dir, 'live.mcp-scenario.json');
    writeFileSync(live, JSON.stringify({ connection: { type: 'stdio', command: 'node', args: ['x.js'] }, answers: { sampling: 'live' }, steps: [{ call: 'quick_recommend' }] }));
    const r = await runCli(['test', live]);
    assert.strictEqual(r.code, 1);
    assert.match(r.stdout, /connection: This scenario answers sampling "live", with a language model, and none was given\. Run it from VS Code's Testing view or with agentcore-mcp test --sampling bedrock:<model id>, or give scripted replies/);
  });
});
