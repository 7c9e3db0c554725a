// The scenario file format: JSON with comments, located errors for bad files, the answers file, the
// workspace helpers, and the published JSON schema agreeing with the loader on good and bad files.
import * as assert from 'node:assert';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parseJsonc } from '../../src/core/util/jsonc';
import { loadAnswersText, loadScenarioFile, loadScenarioText, ScenarioFileError } from '../../src/core/scenario/load';
import { checkScenario } from '../../src/core/scenario/validate';
import { expandVariables, folderAt } from '../../src/core/connections/expand';
import { findWorkspaceFolder, readWorkspaceConnections } from '../../src/core/scenario/workspace';

const root = path.resolve(__dirname, '..', '..', '..');
const scenarioDir = path.join(root, 'test', 'scenarios');
const problemsOf = (text: string, file = 'x.mcp-scenario.json') => {
  try { loadScenarioText(text, file, '/ws'); } catch (e) { if (e instanceof ScenarioFileError) return e.problems.map(p => `${p.line}:${p.column}: ${p.message}`); throw e; }
  return [];
};

describe('scenario: file format', () => {
  it('parses JSON with comments and trailing commas, and knows where every value starts', () => {
    const doc = parseJsonc('\ufeff{\n  // a comment\n  "a": [1, /* two */ 2,],\n  "b": { "c": "x\\n" },\n}\n');
    assert.deepStrictEqual(doc.value, { a: [1, 2], b: { c: 'x\n' } });
    assert.deepStrictEqual(doc.locate('/a/1'), { line: 3, column: 22 });
    assert.deepStrictEqual(doc.locate('/b/c'), { line: 4, column: 15 });
    assert.deepStrictEqual(doc.locate('/b/missing'), { line: 4, column: 8 }, 'an absent member is located at its parent');
  });

  it('says where JSON syntax breaks', () => {
    assert.throws(() => parseJsonc('{\n  "a": 1\n  "b": 2\n}'), /^JsoncError: 3:3: expected "," or "}" but found """$/);
    assert.throws(() => parseJsonc('{"a": tru}'), /1:7: expected a value but found "t"/);
    assert.throws(() => parseJsonc('{"a": 1, "a": 2}'), /"a" appears twice/);
    assert.deepStrictEqual(problemsOf('{ "steps": [ }'), ['1:14: expected a value but found "}"']);
  });

  it('reports every problem of a bad scenario at its line and column, saying what to fix', () => {
    const text = `{
  "connection": { "type": "stdio" },
  "answers": { "elicitation": [ { "match": "(", "action": "accept" }, { "action": "maybe" } ] },
  "steps": [
    { "call": "plan_trip", "expct": {} },
    { "call": "a", "read": "b" },
    { "read": "x://y", "expect": { "structured": { "status": 1 }, "progress": -1 } },
    { "prompt": "p", "arguments": { "n": 3 }, "timeout": 0 }
  ]
}`;
    assert.deepStrictEqual(problemsOf(text), [
      '2:17: connection is not a usable connection: "command" is required for a stdio connection',
      '3:44: answers.elicitation[0].match is not a valid regular expression: Invalid regular expression: /(/: Unterminated group',
      '3:83: answers.elicitation[1].action must be "accept", "decline" or "cancel", got the string "maybe"',
      '5:37: steps[0].expct is not a known property here (expected one of call, arguments, task, name, expect, answers, timeout)',
      '6:5: steps[1] has "call" and "read": a step does exactly one thing',
      '7:50: steps[2].expect.structured applies to tool calls only (it looks into structuredContent)',
      '7:79: steps[2].expect.progress must be a whole number of 0 or more, got number -1',
      '8:42: steps[3].arguments.n must be a string (prompt arguments are strings), got number 3',
      '8:58: steps[3].timeout must be a number of seconds above 0, got number 0',
    ]);
    assert.deepStrictEqual(problemsOf('{ "connection": "x" }'), ['1:1: the document needs "steps": a non-empty list of steps']);
    assert.throws(() => loadScenarioText('{ "steps": [] }', 'a/b.mcp-scenario.json'), /^ScenarioFileError: a\/b\.mcp-scenario\.json:1:1: the document needs "connection"/);
  });

  it('loads a file with its workspace folder and where each step starts', () => {
    const loaded = loadScenarioFile(path.join(scenarioDir, 'travel-plan-trip.mcp-scenario.json'));
    assert.strictEqual(loaded.workspaceFolder, root);
    assert.deepStrictEqual(loaded.stepLocations.map(l => l?.line), [24, 37]);
    assert.throws(() => loadScenarioFile(path.join(scenarioDir, 'nope.mcp-scenario.json')), /nope\.mcp-scenario\.json: no such file/);
  });

  it('checks an answers file the same way', () => {
    assert.deepStrictEqual(loadAnswersText(readFileSync(path.join(scenarioDir, 'travel.answers.json'), 'utf8')).elicitation?.length, 5);
    assert.throws(() => loadAnswersText('{ "elicitation": [ { "action": "decline", "content": {} } ], "sampling": [ { "match": "x" } ] }', 'a.json'),
      (e: Error) => /a\.json:1:54: elicitation\[0\]\.content is only sent with "action": "accept"/.test(e.message) && /a\.json:1:76: sampling\[0\]\.reply is missing \(a string\)/.test(e.message));
  });

  it('expands VS Code\'s variables and finds the workspace folder and its connections', () => {
    assert.strictEqual(expandVariables('${workspaceFolder}/s.js ${workspaceFolderBasename} ${env:SCENARIO_TEST_VAR}${pathSeparator}', [folderAt('/w/proj')], { SCENARIO_TEST_VAR: 'v' }), `/w/proj/s.js proj v${path.sep}`);
    assert.strictEqual(expandVariables('${workspaceFolder}', []), '${workspaceFolder}');
    // A multi-root window: the first folder, or the one named; a name no folder has stays as written.
    const two = [{ name: 'api', path: '/w/api' }, { name: 'web', path: '/w/site' }];
    assert.strictEqual(expandVariables('${workspaceFolder} ${workspaceFolder:web} ${workspaceFolderBasename} ${workspaceFolder:nope}', two, {}), '/w/api /w/site api ${workspaceFolder:nope}');
    assert.strictEqual(expandVariables('${env:UNSET_FOR_TEST}|${userHome}', [], {}), `|${os.homedir()}`);
    assert.strictEqual(findWorkspaceFolder(scenarioDir), root);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'scenario-ws-'));
    try {
      mkdirSync(path.join(dir, '.vscode'));
      writeFileSync(path.join(dir, '.vscode', 'settings.json'), '{ /* c */ "agentcoreMcp.connections": [ { "name": "a", "type": "stdio", "command": "node", }, { "name": "b" } ], }');
      mkdirSync(path.join(dir, 'sub'));
      assert.strictEqual(findWorkspaceFolder(path.join(dir, 'sub')), dir);
      const c = readWorkspaceConnections(dir);
      assert.deepStrictEqual([c.connections.map(x => x.name), c.problems], [['a'], ['connection "b": "type" must be one of "stdio", "http", "agentcore"']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('scenario: the published JSON schema', () => {
  const schema = JSON.parse(readFileSync(path.join(root, 'schemas', 'mcp-scenario.schema.json'), 'utf8')) as Record<string, unknown>;
  // strict: false lets VS Code's own keywords (defaultSnippets, enumDescriptions, allowComments) through.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it('is draft-07 with descriptions, and accepts every scenario file in test/scenarios', () => {
    assert.strictEqual(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    const files = readdirSync(scenarioDir).filter(f => f.endsWith('.mcp-scenario.json'));
    assert.ok(files.length >= 5, files.join());
    for (const f of files) {
      const value = parseJsonc(readFileSync(path.join(scenarioDir, f), 'utf8')).value;
      assert.ok(validate(value), `${f}: ${ajv.errorsText(validate.errors)}`);
      assert.ok(checkScenario(value).ok, f);
    }
  });

  it('rejects what the loader rejects', () => {
    const conn = { type: 'stdio', command: 'node' };
    const bad: unknown[] = [
      { steps: [{ call: 'a' }] },
      { connection: conn, steps: [] },
      { connection: conn, steps: [{ call: 'a', read: 'b' }] },
      { connection: conn, steps: [{ call: 'a', expct: {} }] },
      { connection: conn, steps: [{ read: 'a', arguments: {} }] },
      { connection: conn, steps: [{ call: 'a', expect: { progress: { atleast: 1 } } }] },
      { connection: conn, steps: [{ prompt: 'a', arguments: { n: 1 } }] },
      { connection: conn, answers: { elicitation: [{ action: 'maybe' }] }, steps: [{ call: 'a' }] },
      { connection: conn, answers: { elicitation: [{ action: 'decline', content: {} }] }, steps: [{ call: 'a' }] },
      { connection: conn, answers: { sampling: [{ match: 'x' }] }, steps: [{ call: 'a' }] },
      { connection: conn, answers: { sampling: 'dead' }, steps: [{ call: 'a' }] },
      { connection: { type: 'stdio' }, steps: [{ call: 'a' }] },
      { connection: { type: 'http', url: 'ftp://x' }, steps: [{ call: 'a' }] },
    ];
    for (const b of bad) {
      assert.strictEqual(validate(b), false, `the schema accepts ${JSON.stringify(b)}`);
      assert.strictEqual(checkScenario(b).ok, false, `the loader accepts ${JSON.stringify(b)}`);
    }
  });
});
