// Scenario files in VS Code's Testing view: discovered as suites with a test per step, run from the
// Testing view's profile and from the CodeLens command, failures at the failing step with expected vs
// actual, and "Save Last Call as Scenario" turning a call answered through the UI into a file that then
// runs unattended.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, run, setConnections, waitFor } from './helpers';
import { requireDriver, must, quickInput, screenshot, treeRow, useCommands } from './ui';

useCommands(id => vscode.commands.executeCommand(id));
const repo = process.env.AGENTCORE_MCP_REPO ?? path.resolve(__dirname, '..', '..', '..');
const travel = { type: 'stdio', command: process.execPath, args: [path.join(repo, 'out', 'test', 'fixtures', 'servers', 'travel.js'), '--stdio', '--delay-ms', '20'] };
const answers = {
  elicitation: [
    { match: '^Where would you like to go', action: 'accept', content: { value: 'Tokyo' } },
    { match: '^What type of trip', action: 'accept', content: { value: 'leisure' } },
    { match: '^How many nights', action: 'accept', content: { value: 3 } },
    { match: '^Number of travelers', action: 'accept', content: { value: 2 } },
    { match: 'Confirm booking', action: 'accept', content: { value: 'Yes' } },
  ],
  sampling: [{ match: 'tips', reply: '1. Go early. 2. Eat well.' }],
};

describe('scenario files in the Testing view', function () {
  this.timeout(120_000);
  const ws = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
  before(async function () {
    requireDriver(this);
    await api(); // CodeLens and the Testing view come from the extension
  });
  after(() => setConnections(undefined));

  it('runs a scenario from its CodeLens command: asks once to trust the file\'s connection, then every step passes unattended', async () => {
    const file = path.join(ws(), 'scenarios', 'plan.mcp-scenario.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({
      name: 'plan a trip', connection: travel, answers,
      steps: [
        { name: 'plan_trip', call: 'plan_trip', expect: { contains: 'BOOKING CONFIRMED', progress: { atLeast: 5 }, elicitations: ['Where', 'What type', 'nights', 'travelers', 'Confirm'] } },
        { name: 'destinations', read: 'travel://destinations', expect: { contains: 'Tokyo' } },
      ],
    }, null, 2));
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const lenses = await waitFor('the CodeLenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
      return l && l.length >= 3 ? l : undefined;
    });
    assert.deepStrictEqual(lenses.map(l => l.command?.title), ['$(run-all) Run scenario', '$(run) Run step', '$(run) Run step']);
    await screenshot('scenario-codelens');
    const running = run(lenses[0].command!.command, ...(lenses[0].command!.arguments ?? []));
    // The scenario file defines the connection (a command to run): trusted once, by the person.
    await quickInput.waitForTitle('defined by this workspace');
    assert.match(await quickInput.everything(), /the scenario file scenarios\/plan\.mcp-scenario\.json/);
    await quickInput.pick('Trust and Connect');
    await running;
    const result = (await api()).scenarioResult(file);
    assert.ok(result?.passed, JSON.stringify(result, null, 2));
    assert.deepStrictEqual(result.steps.map(s => [s.name, s.passed]), [['plan_trip', true], ['destinations', true]]);
    assert.strictEqual(result.steps[0].elicitations.length, 5);
  });

  it('shows a failing step in the Testing view with expected and actual', async () => {
    const file = path.join(ws(), 'scenarios', 'failing.mcp-scenario.json');
    fs.writeFileSync(file, JSON.stringify({
      name: 'a wrong expectation', connection: travel, answers,
      steps: [{ name: 'destinations', read: 'travel://destinations', expect: { contains: 'Atlantis' } }],
    }, null, 2));
    // The same definition as the scenario above: trusted there (asked here when this test runs alone).
    const running = run('agentcoreMcp.runScenario', vscode.Uri.file(file));
    await quickInput.waitForTitle('defined by this workspace', 2000).then(() => quickInput.pick('Trust and Connect'), () => undefined);
    await running;
    const result = (await api()).scenarioResult(file);
    assert.strictEqual(result?.passed, false);
    const [failure] = result!.steps[0].failures;
    assert.strictEqual(failure.expectation, 'contains');
    assert.strictEqual(failure.expected, 'Atlantis');
    assert.match(String(failure.actual), /Tokyo/);
    await run('workbench.view.testing.focus');
    await must([{ op: 'waitFor', selector: '.monaco-list-row[aria-label*="a wrong expectation"]', timeout: 15_000 }]);
    await screenshot('testing-view');
  });

  it('saves the last call, answered through the UI, as a scenario that then runs unattended', async () => {
    await setConnections([{ name: 'travel-dev', ...travel }]);
    await vscode.workspace.getConfiguration('agentcoreMcp').update('sampling.model', 'fake-lm/fake-1', vscode.ConfigurationTarget.Workspace);
    await run('agentcoreMcp.resetSamplingPermissions');
    const done = run('agentcoreMcp.invokeTool', { connection: 'travel-dev', tool: 'plan_trip', args: {} });
    await quickInput.answerElicitation('travel-dev asks: Where would you like to go?', () => quickInput.enter('Paris'));
    await quickInput.answerElicitation('travel-dev asks: What type of trip?', () => quickInput.pick('business'));
    await quickInput.answerElicitation('travel-dev asks: How many nights?', () => quickInput.enter('2'));
    await quickInput.answerElicitation('travel-dev asks: Number of travelers?', () => quickInput.enter('1'));
    await quickInput.waitForTitle('travel-dev asks to use Fake Model 1', 20_000);
    await quickInput.pick('Always allow for travel-dev');
    await quickInput.answerElicitation('travel-dev asks: TOTAL:', () => quickInput.pick('Yes'));
    await done;
    const file = path.join(ws(), 'scenarios', 'saved.mcp-scenario.json');
    await run('agentcoreMcp.saveLastCallAsScenario', { connection: 'travel-dev', file, contains: 'BOOKING CONFIRMED' });
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.deepStrictEqual([saved.steps[0].expect.isError, saved.steps[0].expect.contains], [false, 'BOOKING CONFIRMED']);
    assert.strictEqual(saved.connection, 'travel-dev');
    assert.strictEqual(saved.steps[0].call, 'plan_trip');
    const stepAnswers = saved.steps[0].answers;
    assert.deepStrictEqual(stepAnswers.elicitation.map((a: { action: string; content?: { value: unknown } }) => a.content?.value), ['Paris', 'business', 2, 1, 'Yes']);
    assert.strictEqual(stepAnswers.sampling.length, 1);
    await run('agentcoreMcp.runScenario', vscode.Uri.file(file));
    const result = (await api()).scenarioResult(file);
    assert.ok(result?.passed, JSON.stringify(result, null, 2));
    await vscode.workspace.getConfiguration('agentcoreMcp').update('sampling.model', undefined, vscode.ConfigurationTarget.Workspace);
    // Through the save dialog, accepting the name it proposes, as a person would: one suffix.
    const saving = run<vscode.Uri | undefined>('agentcoreMcp.saveLastCallAsScenario', { connection: 'travel-dev' });
    // First what to check in the result: a line of it, picked.
    await quickInput.waitForTitle('Save plan_trip as a scenario: check the result');
    await screenshot('save-scenario-check');
    await quickInput.pick('Destination: Paris');
    await quickInput.waitForTitle('Save the call as a scenario');
    await screenshot('save-scenario-dialog');
    await quickInput.accept();
    const uri = await saving;
    assert.strictEqual(uri?.fsPath, path.join(ws(), 'plan_trip.mcp-scenario.json'));
    assert.ok(fs.existsSync(uri.fsPath) && !fs.existsSync(`${uri.fsPath}.mcp-scenario.json`));
    const viaDialog = JSON.parse(fs.readFileSync(uri.fsPath, 'utf8'));
    assert.match(viaDialog.steps[0].expect.contains, /Destination: Paris/);
    await run('agentcoreMcp.runScenario', uri);
    assert.ok((await api()).scenarioResult(uri.fsPath)?.passed, 'the saved check passes when run again');
  });

  it('a tool\'s context menu invokes it and saves that call as a scenario', async () => {
    await setConnections([{ name: 'travel-dev', ...travel }]);
    await run('agentcoreMcp.connect', { kind: 'connection', connection: 'travel-dev' });
    await run('workbench.view.extension.agentcoreMcp');
    const item = '.context-view .action-label:has-text("Invoke and Save as Scenario")';
    await must([{ op: 'waitFor', selector: treeRow('travel-dev') }, { op: 'waitFor', selector: treeRow('Tools') }, { op: 'click', selector: treeRow('Tools') },
      { op: 'waitFor', selector: treeRow('search_flights') }, { op: 'sleep', ms: 300 },
      { op: 'rightClick', selector: treeRow('search_flights') }, { op: 'waitFor', selector: item }, { op: 'sleep', ms: 300 }, { op: 'click', selector: item }]);
    await quickInput.waitForTitle('search_flights: origin');
    await quickInput.enter('Tokyo');
    await quickInput.waitForTitle('search_flights: destination');
    await quickInput.enter('Lisbon');
    await quickInput.waitForTitle('Save search_flights as a scenario: check the result', 20_000);
    await quickInput.pick('"airline": "AirExample"');
    await quickInput.waitForTitle('Save the call as a scenario');
    await quickInput.accept();
    const file = path.join(ws(), 'search_flights.mcp-scenario.json');
    const saved = await waitFor('the scenario file', () => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined));
    assert.strictEqual(saved.steps[0].call, 'search_flights');
    assert.deepStrictEqual(saved.steps[0].arguments, { origin: 'Tokyo', destination: 'Lisbon' });
    assert.match(saved.steps[0].expect.contains, /AirExample/);
    await run('agentcoreMcp.runScenario', vscode.Uri.file(file));
    assert.ok((await api()).scenarioResult(file)?.passed, 'the saved call passes when run again');
  });
});
