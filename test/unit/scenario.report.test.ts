// Reporters (spec, TAP, JUnit) over results of real runs, and "save the last call as a scenario":
// the saved scenario runs again unattended and passes.
import * as assert from 'node:assert';
import { McpConnection } from '../../src/core/connections/connection';
import { ScriptedAnswers } from '../../src/core/scenario/answers';
import { loadScenarioText } from '../../src/core/scenario/load';
import { junitReport, specReport, tapReport } from '../../src/core/scenario/report';
import { runScenario, ScenarioResult } from '../../src/core/scenario/run';
import { connectionToSettings, containsCandidates, scenarioFromCall, scenarioPath, scenarioText } from '../../src/core/scenario/save';
import { callScripted } from '../../src/core/scenario/steps';
import { serveHttp, type HttpFixture } from '../fixtures/servers/run';
import { createTravelServer } from '../fixtures/servers/travel';
import { assertWellFormedXml } from './cli.harness.test';

describe('scenario: reports and saved calls', function () {
  this.timeout(30_000);
  let travel: HttpFixture;
  let results: ScenarioResult[];
  const answers = {
    elicitation: [
      { match: '^Where', action: 'accept', content: { value: 'Bali' } }, { match: '^What type', action: 'accept', content: { value: 'family' } },
      { match: 'nights', action: 'accept', content: { value: 2 } }, { match: 'travelers', action: 'accept', content: { value: 3 } },
      { match: 'Confirm', action: 'accept', content: { value: 'Yes' } },
    ],
    sampling: [{ match: 'tips', reply: 'Sunscreen & <patience>.' }],
  };
  before(async () => {
    travel = await serveHttp(() => createTravelServer({ delayMs: 0 }));
    const good = loadScenarioText(JSON.stringify({ name: 'good', connection: { type: 'http', url: travel.url }, answers, steps: [{ call: 'plan_trip', expect: { contains: 'Sunscreen' } }, { read: 'travel://destinations' }] }), '/ws/good.mcp-scenario.json', '/ws');
    const bad = loadScenarioText(JSON.stringify({ name: 'bad <&>', connection: { type: 'http', url: travel.url }, steps: [{ read: 'travel://destinations', expect: { contains: 'Atlantis "&" <x>' } }] }), '/ws/bad.mcp-scenario.json', '/ws');
    results = [await runScenario(good), await runScenario(bad), { name: '/ws/broken.mcp-scenario.json', file: '/ws/broken.mcp-scenario.json', passed: false, durationMs: 0, error: 'the file cannot be used:\n1:1: expected a value', steps: [] }];
  });
  after(() => travel.close());

  it('spec: a line per step with the dialogue, failures with expected and actual, and a summary', () => {
    const text = specReport(results, { cwd: '/ws' });
    assert.match(text, /^✓ good {2}good\.mcp-scenario\.json\n {4}✓ 1\. call plan_trip \(\d+ (ms|s)\)\n {8}elicitation "Where would you like to go\?" → accept \{"value":"Bali"\}/);
    assert.match(text, /sampling "Give 3 brief tips for a family trip to Bali, Indonesia\." → "Sunscreen & <patience>\."\n {8}elicitation "TOTAL/, 'in the order asked');
    assert.match(text, /✗ 1\. read travel:\/\/destinations .*\n {8}contains: the text does not contain "Atlantis \\"&\\" <x>"\n {10}expected: "Atlantis \\"&\\" <x>"\n {10}actual: {3}"/);
    assert.match(text, /✗ \/ws\/broken\.mcp-scenario\.json +broken\.mcp-scenario\.json\n {4}✗ \/ws\/broken\.mcp-scenario\.json .*\n {8}scenario: the file cannot be used:/);
    assert.match(text, /\n2 passed, 2 failed \(3 scenarios, [\d.]+ (ms|s)\)\n$/);
  });

  it('TAP: version, plan line, one test point per step, YAML diagnostics for failures', () => {
    const lines = tapReport(results, { cwd: '/ws' }).trimEnd().split('\n');
    assert.deepStrictEqual(lines.slice(0, 2), ['TAP version 13', '1..4']);
    assert.deepStrictEqual(lines.filter(l => /^(not )?ok \d/.test(l)), [
      'ok 1 - good › 1. call plan_trip', 'ok 2 - good › 2. read travel://destinations',
      'not ok 3 - bad <&> › 1. read travel://destinations', 'not ok 4 - /ws/broken.mcp-scenario.json › /ws/broken.mcp-scenario.json',
    ]);
    const yaml = lines.slice(lines.indexOf('not ok 3 - bad <&> › 1. read travel://destinations') + 1);
    assert.deepStrictEqual(yaml.slice(0, 3), ['  ---', '  file: "bad.mcp-scenario.json"', '  line: 1']);
    assert.ok(yaml.includes('    - expectation: "contains"') && yaml.includes('      expected: "Atlantis \\"&\\" <x>"'), yaml.join('\n'));
    assert.deepStrictEqual(lines.slice(-3), ['# tests 4', '# pass 2', '# fail 2']);
  });

  it('JUnit: well-formed XML, a testsuite per scenario, failures with their message, special characters escaped', () => {
    const xml = junitReport(results, { cwd: '/ws' });
    assertWellFormedXml(xml);
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="agentcore-mcp" tests="4" failures="2" errors="0" skipped="0" time="[\d.]+">/);
    assert.match(xml, /<testsuite name="bad &lt;&amp;&gt;" tests="1" failures="1" errors="0" skipped="0" time="[\d.]+" file="bad\.mcp-scenario\.json">/);
    assert.match(xml, /<failure message="the text does not contain &quot;Atlantis \\&quot;&amp;\\&quot; &lt;x&gt;&quot;" type="contains">contains: /);
    assert.strictEqual((xml.match(/<testcase /g) ?? []).length, 4);
    assert.strictEqual((xml.match(/<failure /g) ?? []).length, 2);
  });

  it('saves to one .mcp-scenario.json, whatever suffixes the save dialog added (get-sum.mcp-scenario.json.mcp-scenario.json)', () => {
    for (const [given, want] of [
      ['/w/get-sum.mcp-scenario.json.mcp-scenario.json', '/w/get-sum.mcp-scenario.json'],
      ['/w/get-sum.mcp-scenario.json', '/w/get-sum.mcp-scenario.json'],
      ['/w/get-sum', '/w/get-sum.mcp-scenario.json'],
      ['/w/get-sum.json', '/w/get-sum.mcp-scenario.json'],
      ['/w/a.b.MCP-SCENARIO.JSON', '/w/a.b.mcp-scenario.json'],
    ]) assert.strictEqual(scenarioPath(given), want, given);
  });

  it('proposes lines of the result as a contains check, and saves the one chosen', () => {
    const result = { content: [{ type: 'text' as const, text: 'BOOKING CONFIRMED! Ref: TRV-1A2B3C4D\n\n  Destination: Paris  \nDestination: Paris\n' + 'x'.repeat(100) }, { type: 'image' as const, data: '', mimeType: 'image/png' }] };
    assert.deepStrictEqual(containsCandidates(result), ['BOOKING CONFIRMED! Ref: TRV-1A2B3C4D', 'Destination: Paris', 'x'.repeat(80)]);
    assert.deepStrictEqual(containsCandidates(undefined), []);
    const s = scenarioFromCall({ connection: 'c', tool: 't', args: {}, result, contains: 'Destination: Paris' });
    assert.deepStrictEqual(s.steps[0].expect, { isError: false, contains: 'Destination: Paris' });
  });

  it('saves a call with the answers given, in order, as a scenario that runs again and passes', async () => {
    const script = new ScriptedAnswers({ answers: answers as never });
    const config = { name: 'travel', type: 'http' as const, url: travel.url, headers: { 'X-Trace': 'on' }, secretHeaders: [] };
    const conn = new McpConnection(config, { log: () => undefined, elicit: script.elicit, elicitationModes: script.elicitationModes, sample: script.sample });
    let saved;
    try {
      const { result } = await callScripted(conn, script, 'plan_trip', {}, {});
      saved = scenarioFromCall({ connection: config, tool: 'plan_trip', args: {}, result, elicitations: script.elicitations, samplings: script.samplings });
    } finally {
      await conn.disconnect();
    }
    assert.deepStrictEqual(saved.connection, { type: 'http', url: travel.url, headers: { 'X-Trace': 'on' } });
    const step = saved.steps[0];
    assert.ok('call' in step);
    assert.deepStrictEqual(step.answers?.elicitation?.map(e => [e.match, e.action, e.content]), [
      ['^Where would you like to go\\?', 'accept', { value: 'Bali' }], ['^What type of trip\\?', 'accept', { value: 'family' }],
      ['^How many nights\\? \\(1-7 nights\\)', 'accept', { value: 2 }], ['^Number of travelers\\?', 'accept', { value: 3 }],
      ['^TOTAL: \\$2800 — Confirm booking\\?', 'accept', { value: 'Yes' }],
    ]);
    assert.deepStrictEqual(step.answers?.sampling, [{ match: 'Give 3 brief tips for a family trip to Bali, Indonesia\\.', reply: 'Sunscreen & <patience>.' }]);
    assert.deepStrictEqual(step.expect?.isError, false);
    const text = scenarioText(saved, '../schemas/mcp-scenario.schema.json');
    assert.match(text, /^\{\n {2}"\$schema": "\.\.\/schemas\/mcp-scenario\.schema\.json",\n {2}"name": "plan_trip",/);
    const again = await runScenario(loadScenarioText(text, undefined, '/ws'));
    assert.ok(again.passed, JSON.stringify(again.steps[0].failures));
  });

  it('never writes a secret header\'s value into a saved connection', () => {
    const s = connectionToSettings({ name: 'x', type: 'http', url: 'https://h/mcp', headers: { Authorization: 'Bearer s3cret-value', Accept: 'x' }, secretHeaders: ['Authorization'] });
    assert.deepStrictEqual(s, { type: 'http', url: 'https://h/mcp', headers: { Accept: 'x' }, secretHeaders: ['Authorization'] });
    assert.deepStrictEqual(scenarioFromCall({ connection: 'named', tool: 't', args: { a: 1 } }).connection, 'named');
  });
});
