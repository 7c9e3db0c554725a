// AgentCore Runtime connections in the real VS Code, through the local emulator: added through the
// flow, SigV4 from a temporary AWS profile and a bearer token typed into the UI, the travel planner end
// to end (elicitation, progress, sampling), a session expiring in the middle, and the messages people
// get for the usual mistakes.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../src/emulator';
import { serveHttp, type HttpFixture } from '../fixtures/servers/run';
import { createTravelServer } from '../fixtures/servers/travel';
import { KEYS, TEMP, useAwsProfiles } from './aws';
import { api, shownResult, run, setConnections, waitFor } from './helpers';
import { requireDriver, must, notificationShown, quickInput, screenshot, treeRow, useCommands } from './ui';

useCommands(id => vscode.commands.executeCommand(id));

describe('AgentCore Runtime through the emulator', function () {
  this.timeout(180_000);
  const saved: Record<string, string | undefined> = {};
  let travel: HttpFixture;
  let stateless: HttpFixture;
  let emu: Emulator;
  let skewed: Emulator;
  const entry = (name: string, runtime: string, over: Record<string, unknown> = {}) => ({ name, type: 'agentcore', arn: emu.arnOf(runtime), endpoint: emu.url, auth: 'sigv4', profile: 'agentcore-test', ...over });

  before(async function () {
    requireDriver(this);
    Object.assign(saved, useAwsProfiles());
    travel = await serveHttp(() => createTravelServer({ delayMs: 100 }));
    stateless = await serveHttp(() => createTravelServer({ delayMs: 100 }), { stateless: true });
    emu = await startEmulator({
      region: 'us-east-1', credentials: [KEYS, { ...TEMP, expired: true }],
      runtimes: [{ name: 'travel', upstream: travel.url }, { name: 'travel_jwt', upstream: travel.url, auth: 'jwt', allowedAudience: ['travel-app'] }, { name: 'travel_stateless', upstream: stateless.url }],
    });
    skewed = await startEmulator({ region: 'us-east-1', credentials: [KEYS], clockOffsetMs: 10 * 60_000, runtimes: [{ name: 'travel', upstream: travel.url }] });
    await vscode.workspace.getConfiguration('agentcoreMcp').update('sampling.model', 'fake-lm/fake-1', vscode.ConfigurationTarget.Workspace);
    await run('workbench.view.extension.agentcoreMcp');
  });
  after(async () => {
    await setConnections(undefined);
    await vscode.workspace.getConfiguration('agentcoreMcp').update('sampling.model', undefined, vscode.ConfigurationTarget.Workspace);
    await skewed?.close();
    await emu?.close();
    await travel?.close();
    await stateless?.close();
    for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
  });
  beforeEach(async () => {
    await run('workbench.action.closeQuickOpen');
    await run('notifications.clearAll');
  });

  it('adds an AgentCore connection through the flow (ARN checked as typed, profile from the AWS files) and connects with SigV4', async () => {
    await setConnections([]);
    const done = run<string>('agentcoreMcp.addConnection');
    await quickInput.waitForTitle('Add MCP Connection');
    await quickInput.enter('cloud-travel');
    await quickInput.pick('AgentCore Runtime');
    await quickInput.type('arn:aws:bedrock-agentcore:us-east-1:1234:runtime/travel-abcdefghij');
    assert.match(await quickInput.validationMessage(), /the account must be 12 digits, got 1234/);
    await quickInput.enter(emu.arnOf('travel'));
    await quickInput.waitForTitle('(4/8)');
    await quickInput.accept(); // qualifier DEFAULT
    await quickInput.waitForTitle('(5/8)');
    await quickInput.pick('SigV4 (IAM)');
    await quickInput.waitForTitle('(6/8)');
    await quickInput.pick('agentcore-test');
    await quickInput.waitForTitle('(7/8)');
    await quickInput.enter(emu.url);
    await quickInput.waitForTitle('(8/8)');
    await quickInput.pick('Workspace settings');
    assert.strictEqual(await done, 'cloud-travel');
    const saved = vscode.workspace.getConfiguration('agentcoreMcp').inspect<unknown[]>('connections')?.workspaceValue;
    assert.deepStrictEqual(saved, [{ name: 'cloud-travel', type: 'agentcore', arn: emu.arnOf('travel'), auth: 'sigv4', profile: 'agentcore-test', endpoint: emu.url }]);
    await run('agentcoreMcp.connect', { kind: 'connection', connection: 'cloud-travel' });
    const s = (await api()).state('cloud-travel');
    assert.strictEqual(s.kind, 'running', JSON.stringify(s));
    if (s.kind !== 'running') return;
    assert.match(s.session.sessionId ?? '', /^[0-9a-f-]{36}$/);
    assert.ok(s.session.runtimeSessionId, 'the AgentCore runtime session id is known');
    await must([{ op: 'click', selector: treeRow('Session') }, { op: 'waitFor', selector: treeRow('Runtime session id') }]);
    await screenshot('agentcore-session');
    const auth = (await api()).traffic('cloud-travel').filter(e => e.kind === 'http').map(e => (e.kind === 'http' ? e.requestHeaders.authorization : ''));
    assert.ok(auth.length > 0 && auth.every(a => /^AWS4-HMAC-SHA256 Credential=«redacted»/.test(a ?? '')), JSON.stringify(auth));
  });

  it('plan_trip end to end through the emulator: elicitation, progress and sampling over SigV4', async () => {
    await setConnections([entry('cloud-travel', 'travel')]);
    await run('agentcoreMcp.resetSamplingPermissions');
    const done = run('agentcoreMcp.invokeTool', { connection: 'cloud-travel', tool: 'plan_trip', args: {} });
    await quickInput.answerElicitation('cloud-travel asks: Where would you like to go?', () => quickInput.enter('Bali'));
    await quickInput.answerElicitation('cloud-travel asks: What type of trip?', () => quickInput.pick('adventure'));
    await quickInput.answerElicitation('cloud-travel asks: How many nights?', () => quickInput.enter('4'));
    await quickInput.answerElicitation('cloud-travel asks: Number of travelers?', () => quickInput.enter('1'));
    await quickInput.waitForTitle('cloud-travel asks to use Fake Model 1', 20_000);
    await quickInput.pick('Always allow for cloud-travel');
    await quickInput.answerElicitation('cloud-travel asks: TOTAL:', () => quickInput.pick('Yes'));
    await done;
    const text = await shownResult(t => t.includes('BOOKING CONFIRMED') && t.includes('cloud-travel'));
    assert.match(text, /Destination: Bali/);
    assert.match(text, /AI tips: 1\. Go early/);
    const progress = (await api()).traffic('cloud-travel').filter(e => e.kind === 'message' && e.direction === 'in' && 'method' in e.message && e.message.method === 'notifications/progress');
    assert.strictEqual(progress.length, 5);
    // The only refusals: this 2025 server's HTTP 400 to each connect's era probe (server/discover), one per probe.
    const refused = emu.log.filter(l => l.status >= 400);
    const probes = (await api()).traffic('cloud-travel').filter(e => e.kind === 'message' && e.direction === 'out' && 'method' in e.message && e.message.method === 'server/discover');
    assert.ok(probes.length > 0 && refused.every(l => l.status === 400 && l.method === 'POST'), JSON.stringify(refused));
  });

  it('runs a scenario file over SigV4 unattended from the Testing view (plan_trip with scripted answers)', async () => {
    await setConnections([entry('cloud-travel', 'travel')]);
    const file = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'cloud-plan.mcp-scenario.json');
    fs.writeFileSync(file, JSON.stringify({
      name: 'plan a trip on AgentCore', connection: 'cloud-travel',
      answers: {
        elicitation: [
          { match: '^Where', action: 'accept', content: { value: 'Paris' } }, { match: '^What type', action: 'accept', content: { value: 'family' } },
          { match: 'nights', action: 'accept', content: { value: 5 } }, { match: 'travelers', action: 'accept', content: { value: 4 } },
          { match: 'Confirm', action: 'accept', content: { value: 'Yes' } },
        ],
        sampling: [{ match: 'tips', reply: 'Visit the Louvre early.' }],
      },
      steps: [{ call: 'plan_trip', expect: { contains: 'BOOKING CONFIRMED', progress: 5 } }],
    }, null, 2));
    await run('agentcoreMcp.runScenario', vscode.Uri.file(file));
    const result = (await api()).scenarioResult(file);
    assert.ok(result?.passed, JSON.stringify(result, null, 2));
    assert.ok(emu.log.some(l => l.method === 'POST' && l.status === 200), 'it went through the emulator');
  });

  it('survives a session expiring in the middle: a new session is opened, the request repeated, the person told', async () => {
    await setConnections([entry('cloud-travel', 'travel')]);
    await run('agentcoreMcp.connect', { kind: 'connection', connection: 'cloud-travel' });
    const before = (await api()).state('cloud-travel');
    assert.ok(before.kind === 'running' && before.session.sessionId);
    assert.ok(emu.expireSession(before.session.sessionId!), 'the emulator ended the session');
    await run('agentcoreMcp.readResource', { connection: 'cloud-travel', uri: 'travel://destinations' });
    await waitFor('the destinations document', () => (vscode.window.activeTextEditor?.document.getText().includes('Tokyo') ? true : undefined));
    const after = (await api()).state('cloud-travel');
    assert.ok(after.kind === 'running' && after.session.sessionId && after.session.sessionId !== before.session.sessionId, 'a new session');
    assert.match(await notificationShown('expired'), new RegExp(`session ${before.session.sessionId} on "cloud-travel" expired \\(the server answered 404, so resources/read did not run\\), so a new session was opened \\(${after.session.sessionId}\\) and resources/read was sent again on it`));
  });

  it('connects with a bearer token typed into "Set Bearer Token"', async () => {
    await setConnections([entry('cloud-jwt', 'travel_jwt', { auth: 'bearer', profile: undefined })]);
    await run('agentcoreMcp.connect', { kind: 'connection', connection: 'cloud-jwt' });
    const missing = (await api()).state('cloud-jwt');
    assert.ok(missing.kind === 'error' && /No bearer token is set for "cloud-jwt"/.test(missing.message), JSON.stringify(missing));
    const token = emu.mintToken({ aud: 'travel-app', sub: 'tester' });
    const done = run('agentcoreMcp.setBearerToken', { kind: 'connection', connection: 'cloud-jwt' });
    await quickInput.waitForTitle('Bearer token for cloud-jwt');
    await quickInput.enter(token);
    await done;
    await run('agentcoreMcp.connect', { kind: 'connection', connection: 'cloud-jwt' });
    assert.strictEqual((await api()).state('cloud-jwt').kind, 'running');
    const traffic = JSON.stringify((await api()).traffic('cloud-jwt'));
    assert.ok(!traffic.includes(token) && !traffic.includes(token.split('.')[2]), 'the token never appears in the traffic');
    assert.match(traffic, /"authorization":"Bearer «redacted»"/);

    // A new token while connected: the connection reconnects with it, and from then on the value itself
    // is redacted wherever it shows up, here in a tool's arguments and the result that repeats them.
    const next = emu.mintToken({ aud: 'travel-app', sub: 'tester-2' });
    const again = run('agentcoreMcp.setBearerToken', { kind: 'connection', connection: 'cloud-jwt' });
    await quickInput.waitForTitle('Bearer token for cloud-jwt');
    await quickInput.enter(next);
    await again;
    await run('agentcoreMcp.invokeTool', { connection: 'cloud-jwt', tool: 'search_flights', args: { origin: next, destination: 'Tokyo' } });
    const shown = JSON.stringify((await api()).traffic('cloud-jwt')) + (await api()).log('cloud-jwt').join('\n');
    assert.match(shown, /"origin":"«redacted»"/);
    for (const t of [token, next]) assert.ok(!shown.includes(t) && !shown.includes(t.split('.')[2]), 'a token appears in the traffic or the log');
  });

  it('corrects a skewed clock once and warns the person', async () => {
    await setConnections([{ name: 'skewed', type: 'agentcore', arn: skewed.arnOf('travel'), endpoint: skewed.url, auth: 'sigv4', profile: 'agentcore-test' }]);
    await run('agentcoreMcp.connect', { kind: 'connection', connection: 'skewed' });
    assert.strictEqual((await api()).state('skewed').kind, 'running');
    assert.match(await notificationShown('clock'), /this computer's clock is (9 min 5\d s|10 min( \d+ s)?) behind AWS's time/);
  });

  describe('shows the right message for each mistake', () => {
    const cases: Array<{ title: string; entry: () => Record<string, unknown>; kind: 'error' | 'running'; message: RegExp }> = [
      { title: 'a wrong secret key', kind: 'error', entry: () => entry('mistake', 'travel', { profile: 'wrong-secret' }), message: /AWS computed a different signature for this request \(403 InvalidSignatureException\): the secret access key of profile "wrong-secret"/ },
      { title: 'a wrong region', kind: 'error', entry: () => entry('mistake', 'travel', { region: 'eu-west-1' }), message: /signed for region eu-west-1, but the endpoint .* is in another region/ },
      { title: 'an expired session token', kind: 'error', entry: () => entry('mistake', 'travel', { profile: 'expired' }), message: /The AWS session token of profile "expired" has expired/ },
      { title: 'a malformed ARN', kind: 'error', entry: () => ({ ...entry('mistake', 'travel'), arn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/my-agent-abcdefghij' }), message: /The runtime ARN of "mistake" is not valid: the runtime name may not contain hyphens/ },
      { title: 'a stateless server', kind: 'running', entry: () => entry('mistake', 'travel_stateless'), message: /runs stateless, so requests from the server to this client \(elicitation, sampling, roots\) cannot reach it; progress and log messages during a call still arrive/ },
    ];
    for (const c of cases) {
      it(c.title, async () => {
        await setConnections([c.entry()]);
        await run('agentcoreMcp.connect', { kind: 'connection', connection: 'mistake' });
        const s = (await api()).state('mistake');
        assert.strictEqual(s.kind, c.kind, JSON.stringify(s));
        if (s.kind === 'error') {
          assert.match(s.message, c.message);
          assert.ok(s.nextStep, 'a next step');
        } else {
          assert.match(await notificationShown('stateless'), c.message);
          await must([{ op: 'waitFor', selector: '.part.sidebar .monaco-list-row:has-text("Stateless: elicitation and sampling cannot arrive")' }]);
          await screenshot('agentcore-stateless');
        }
      });
    }
  });
});
