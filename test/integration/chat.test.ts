// Connections used in chat, in the real VS Code: a connection with `exposeToChat` is offered to VS Code's
// own MCP client (the one chat agent mode uses), which starts it, lists its tools in vscode.lm.tools and
// calls them through vscode.lm.invokeTool; an elicitation from such a call is asked in VS Code's own UI.
import * as assert from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { everythingStdio } from '../fixtures/everything';
import { createFeaturesServer } from '../fixtures/servers/features';
import { serveHttp, type HttpFixture } from '../fixtures/servers/run';
import { createTravelServer, PLAN_TRIP_QUESTIONS } from '../fixtures/servers/travel';
import { startEmulator, type Emulator } from '../../src/emulator';
import { KEYS, useAwsProfiles } from './aws';
import { api, extensionId, run, setConnections, setWorkspaceConnections, sleep, waitFor } from './helpers';
import { must, notificationShown, quickInput, requireDriver, screenshot, treeRow, useCommands } from './ui';

useCommands(id => vscode.commands.executeCommand(id));

const travelScript = path.resolve(__dirname, '..', 'fixtures', 'servers', 'travel.js');
const pagingScript = path.resolve(__dirname, '..', 'fixtures', 'servers', 'paging.js');
const TRAVEL = 'travel chat';
const EVERYTHING = 'everything chat';

/** VS Code's id of a server an extension's provider offers: the extension's id, lower case, and the label. */
const serverId = (label: string) => `${extensionId.toLowerCase()}/${label}`;

/** The tool VS Code's MCP client registered for `tool` of a server: named mcp_<prefix>_<tool>, the prefix
 *  from the server's own name (serverInfo.title, else .name; the label until it answered), lower case, at
 *  most 13 characters ("Travel-Booking-Agent" gives mcp_travel-bookin_). */
const lmTool = (prefix: string, tool: string) => vscode.lm.tools.find(t => t.name.startsWith(`mcp_${prefix}`) && t.name.endsWith(`_${tool}`));

/** Starts a server VS Code was offered and waits for its tool (the definitions reach VS Code's registry
 *  a moment after they change: starting an id it does not know yet does nothing). */
async function startedTool(label: string, prefix: string, tool: string): Promise<vscode.LanguageModelToolInformation> {
  return waitFor(`${tool} of "${label}" in vscode.lm.tools`, async () => {
    if (!lmTool(prefix, tool)) await run('workbench.mcp.startServer', serverId(label), { waitForLiveTools: true });
    return lmTool(prefix, tool);
  }, 30_000);
}

/** Starts a server VS Code was offered, once it knows it, when starting it waits for a question (our
 *  trust question): returns the pending start (in an object: an async function would wait for it). */
async function startWaitingForAnswer(label: string): Promise<{ started: Promise<unknown> }> {
  for (const until = Date.now() + 20_000; Date.now() < until; await sleep(300)) {
    const started = run('workbench.mcp.startServer', serverId(label));
    if (!await Promise.race([started.then(() => true), sleep(1500).then(() => false)])) return { started };
  }
  throw new Error(`starting "${label}" never waited for an answer`);
}

/** The entry of a connection in the user settings, as written. */
const userEntry = (name: string) => (vscode.workspace.getConfiguration('agentcoreMcp').inspect<Array<Record<string, unknown>>>('connections')?.globalValue ?? []).find(e => e.name === name);

/** Answers an elicitation that VS Code's own client shows for a tool called outside a chat request: a
 *  notification with the server's message (headless, in the notification center) whose Respond button
 *  opens one quick pick per field. */
async function respond(message: string, answer: () => Promise<void>, picture?: string): Promise<void> {
  const item = `.notification-list-item:has-text("${message.split('\n')[0]}")`;
  await run('notifications.showList');
  try {
    await must([{ op: 'waitFor', selector: item, timeout: 20_000 }]);
    if (picture) await screenshot(picture);
    await must([{ op: 'click', selector: `${item} .monaco-button:has-text("Respond")` }]);
  } finally {
    await run('notifications.hideList'); // an open notification center would hide the toasts later tests look for
  }
  await answer();
}

const textOf = (r: vscode.LanguageModelToolResult) => r.content.map(p => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');

describe('chat: connections offered to VS Code\'s own MCP client', function () {
  this.timeout(120_000);
  const stdio = [
    { name: TRAVEL, type: 'stdio', command: process.execPath, args: [travelScript, '--stdio'], exposeToChat: true },
    { name: EVERYTHING, type: 'stdio', ...everythingStdio(), env: { CHAT_PROBE: '${workspaceFolderBasename}|${pathSeparator}' }, exposeToChat: true },
  ];
  let http: HttpFixture | undefined;
  before(async () => {
    await api();
    await setConnections(stdio);
  });
  // Questions are looked for in the notification center: earlier notifications would crowd them out.
  beforeEach(() => run('notifications.clearAll'));
  after(async () => {
    await setConnections(undefined);
    await http?.close();
  });

  it('VS Code starts an exposed stdio connection, its tools appear in vscode.lm.tools, and invokeTool calls one', async () => {
    const tool = await startedTool(TRAVEL, 'travel', 'search_flights');
    const result = await vscode.lm.invokeTool(tool.name, { input: { origin: 'SFO', destination: 'NRT' }, toolInvocationToken: undefined });
    const text = textOf(result);
    assert.match(text, /"origin": "SFO"/);
    assert.match(text, /AirExample/);
  });

  it('the stdio definition has its ${...} variables expanded as our own connections expand them', async () => {
    const tool = await startedTool(EVERYTHING, 'everything', 'get-env');
    const env = JSON.parse(textOf(await vscode.lm.invokeTool(tool.name, { input: {}, toolInvocationToken: undefined }))) as Record<string, string>;
    assert.strictEqual(env.CHAT_PROBE, `${vscode.workspace.workspaceFolders![0].name}|${path.sep}`);
  });

  it('an elicitation from a tool invoked through vscode.lm reaches VS Code\'s own UI, and the answers reach the server', async function () {
    requireDriver(this);
    const tool = await startedTool(TRAVEL, 'travel', 'plan_trip');
    const call = vscode.lm.invokeTool(tool.name, { input: {}, toolInvocationToken: undefined });
    await respond(PLAN_TRIP_QUESTIONS.destination, async () => {
      await quickInput.waitForTitle('Value');
      await quickInput.type('Tokyo');
      await quickInput.accept();
    });
    await respond(PLAN_TRIP_QUESTIONS.tripType, () => quickInput.pick('leisure'));
    await respond(PLAN_TRIP_QUESTIONS.nights, async () => { await quickInput.type('3'); await quickInput.accept(); });
    await respond(PLAN_TRIP_QUESTIONS.travelers, async () => { await quickInput.type('2'); await quickInput.accept(); });
    await respond('Confirm booking?', () => quickInput.pick('Yes'));
    // VS Code gives the tool's structuredContent, as JSON text, when it has one.
    const booked = JSON.parse(textOf(await call)) as Record<string, unknown>;
    assert.deepStrictEqual({ status: booked.status, destination: booked.destination, tripType: booked.tripType, nights: booked.nights, travelers: booked.travelers },
      { status: 'confirmed', destination: 'Tokyo, Japan', tripType: 'leisure', nights: 3, travelers: 2 });
  });

  it('Stop Using in Chat (the tree\'s context menu) takes a connection from VS Code, its tools leave vscode.lm.tools; Use in Chat offers it again; our own session goes on', async function () {
    requireDriver(this);
    await startedTool(EVERYTHING, 'everything', 'get-env');
    await run('agentcoreMcp.connect', { kind: 'connection', connection: EVERYTHING });
    const own = (await api()).state(EVERYTHING);
    assert.strictEqual(own.kind, 'running');
    await run('workbench.view.extension.agentcoreMcp');
    const menuItem = (title: string) => `.context-view .action-label:has-text("${title}")`;
    // The row's description says "in chat" while it is offered; the menu follows.
    const fromMenu = (title: string, offered: boolean) => must([
      { op: 'waitFor', selector: `${treeRow(EVERYTHING)}${offered ? '' : ':not(:has-text("in chat"))'}:has-text("${offered ? 'in chat' : 'running'}")` }, { op: 'mouseAway' },
      { op: 'rightClick', selector: treeRow(EVERYTHING) }, { op: 'waitFor', selector: menuItem(title) }, { op: 'sleep', ms: 300 }, { op: 'click', selector: menuItem(title) },
    ]);
    await fromMenu('Stop Using in Chat', true);
    await waitFor('exposeToChat to leave the settings', () => userEntry(EVERYTHING)?.exposeToChat === undefined);
    await waitFor('get-env to leave vscode.lm.tools', () => !lmTool('everything', 'get-env'), 15_000);
    await fromMenu('Use in Chat', false);
    await waitFor('exposeToChat in the settings', () => userEntry(EVERYTHING)?.exposeToChat === true);
    await startedTool(EVERYTHING, 'everything', 'get-env');
    const after = (await api()).state(EVERYTHING);
    assert.ok(after.kind === 'running' && own.kind === 'running' && after.session.startedAt === own.session.startedAt, 'our own session was not restarted');
    await run('agentcoreMcp.disconnect', { kind: 'connection', connection: EVERYTHING });
  });

  it('a plain HTTP connection: VS Code starts it only once its secret header has a value, named when missing, and then sends it', async function () {
    requireDriver(this);
    const received: string[] = [];
    http = await serveHttp(() => createFeaturesServer(), { routes: req => { received.push(JSON.stringify(req.headers)); return false; } });
    const HTTP = 'features chat';
    const secret = 'chat-api-key-5e1d';
    await setConnections([...stdio, { name: HTTP, type: 'http', url: http.url, headers: { 'X-Team': 'blue' }, secretHeaders: ['X-Api-Key'], exposeToChat: true }]);
    // Starting it (once VS Code knows it) is refused by the extension, with the reason in the connection's log and a message.
    await waitFor('the refusal in the log', async () => {
      await run('workbench.mcp.startServer', serverId(HTTP));
      return (await api()).log(HTTP).find(l => l.includes('Chat cannot start'));
    }, 20_000);
    const shown = await notificationShown(`Chat cannot start "${HTTP}"`);
    assert.match(shown, /secret header "X-Api-Key" has no value/);
    assert.match(shown, /Edit Connection/);
    assert.strictEqual(received.length, 0, 'nothing was sent to the server');
    assert.ok(!lmTool('features', 'echo'));

    // The person sets the value, as for their own connection; now VS Code starts it and sends both headers.
    const editing = run('agentcoreMcp.editConnection', { kind: 'connection', connection: HTTP });
    await quickInput.pick('Add or change a header');
    await quickInput.enter(`X-Api-Key: ${secret}`);
    await editing;
    const tool = await startedTool(HTTP, 'features', 'echo');
    assert.strictEqual(textOf(await vscode.lm.invokeTool(tool.name, { input: { message: 'hi' }, toolInvocationToken: undefined })), 'Echo: hi');
    assert.ok(received.length > 0 && received.every(h => h.includes(secret) && h.includes('"x-team":"blue"')), `every request carried both headers: ${received.join('\n')}`);
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('agentcoreMcp').get('connections')).includes(secret), 'the secret is not in settings');
  });

  it('a connection the workspace settings define starts for chat only once the person trusts it', async function () {
    requireDriver(this);
    const WS = 'workspace chat';
    await setConnections(stdio);
    await setWorkspaceConnections([{ name: WS, type: 'stdio', command: process.execPath, args: [pagingScript, '--stdio', '--tools', '2', '--resources', '0', '--prompts', '0', '--templates', '0'], exposeToChat: true }]);
    try {
      let { started } = await startWaitingForAnswer(WS);
      await quickInput.waitForTitle('defined by this workspace');
      await quickInput.pick('Do Not Start');
      await started;
      assert.ok((await api()).log(WS).some(l => l.includes(`Chat cannot start "${WS}"`) && l.includes('not trusted')), 'the refusal is logged');
      assert.ok(!lmTool('paging', 'tool-00001'), 'nothing started');

      started = run('workbench.mcp.startServer', serverId(WS));
      await quickInput.waitForTitle('defined by this workspace');
      await quickInput.pick('Trust and Connect');
      await started;
      await startedTool(WS, 'paging', 'tool-00001');
    } finally {
      await setWorkspaceConnections(undefined);
    }
  });
});

describe('chat: an AgentCore runtime through the local gateway', function () {
  this.timeout(120_000);
  const CLOUD = 'cloud chat';
  const saved: Record<string, string | undefined> = {};
  let travel: HttpFixture | undefined;
  let emu: Emulator | undefined;
  before(async function () {
    requireDriver(this);
    await api();
    Object.assign(saved, useAwsProfiles());
    travel = await serveHttp(() => createTravelServer({ delayMs: 20 }));
    emu = await startEmulator({ region: 'us-east-1', credentials: [KEYS], runtimes: [{ name: 'travel', upstream: travel.url }] });
    // The stdio travel server of the tests above must be gone first: its tools share the "travel" prefix.
    await setConnections([]);
    await waitFor('the stdio travel tools to leave vscode.lm.tools', () => !lmTool('travel', 'plan_trip'), 15_000);
    await setConnections([{ name: CLOUD, type: 'agentcore', arn: emu.arnOf('travel'), endpoint: emu.url, auth: 'sigv4', profile: 'agentcore-test', exposeToChat: true }]);
  });
  after(async () => {
    await setConnections(undefined);
    await emu?.close();
    await travel?.close();
    for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
  });

  it('VS Code\'s MCP client starts it through the gateway; invokeTool calls plan_trip, its questions asked in VS Code\'s UI; every request signed', async () => {
    await run('notifications.clearAll'); // as above: the question is looked for in the notification center
    const tool = await startedTool(CLOUD, 'travel', 'plan_trip');
    const call = vscode.lm.invokeTool(tool.name, { input: {}, toolInvocationToken: undefined });
    // A call that ends before its first question says why here, not as a missing notification.
    const ended = Promise.resolve(call).then(r => `returned ${textOf(r)}`, (e: Error) => `failed: ${e.message}`).then(why => { throw new Error(`plan_trip ${why} before asking anything`); });
    await run('workbench.view.extension.agentcoreMcp');
    await Promise.race([ended, respond(PLAN_TRIP_QUESTIONS.destination, async () => { await quickInput.waitForTitle('Value'); await quickInput.type('Paris'); await quickInput.accept(); }, 'chat-agentcore-elicitation')])
      .catch((e: Error) => { throw new Error(`${e.message}\nthe runtime saw: ${JSON.stringify(emu!.log.slice(-10).map(l => [l.method, l.status, l.fault ?? '', l.detail ?? '']))}`); });
    ended.catch(() => undefined);
    await respond(PLAN_TRIP_QUESTIONS.tripType, () => quickInput.pick('business'));
    await respond(PLAN_TRIP_QUESTIONS.nights, async () => { await quickInput.type('2'); await quickInput.accept(); });
    await respond(PLAN_TRIP_QUESTIONS.travelers, async () => { await quickInput.type('1'); await quickInput.accept(); });
    await respond('Confirm booking?', () => quickInput.pick('Yes'));
    const booked = JSON.parse(textOf(await call)) as Record<string, unknown>;
    assert.deepStrictEqual({ status: booked.status, destination: booked.destination, nights: booked.nights }, { status: 'confirmed', destination: 'Paris, France', nights: 2 });
    const calls = emu!.log.filter(l => l.path?.includes('/invocations'));
    assert.ok(calls.length >= 8, `VS Code's requests reached the runtime: ${calls.length}`);
    // The emulator checks each signature: a refused one would be 403 (or 401 unsigned).
    assert.deepStrictEqual(calls.filter(l => l.status === 401 || l.status === 403).map(l => l.detail), []);
    const ours = await api();
    assert.ok(ours.log(CLOUD).some(l => l.includes('through the local gateway')), 'the log says how it is offered');
    const signed = ours.traffic(CLOUD).filter(e => e.kind === 'http' && /invocations/.test(e.url));
    assert.ok(signed.length > 0 && signed.every(e => e.kind === 'http' && /^AWS4-HMAC-SHA256 Credential=«redacted»/.test(e.requestHeaders?.authorization ?? '')),
      'the gateway\'s exchanges are in the connection\'s traffic, signature redacted');
    assert.ok(!JSON.stringify(ours.traffic(CLOUD)).includes(KEYS.secretAccessKey));
  });
});
