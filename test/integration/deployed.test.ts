// Runtimes this workspace deployed appear by themselves, in the real VS Code: the AgentCore CLI's files
// written into the test workspace (as `agentcore deploy` does) show under "Deployed in this workspace";
// one click makes a connection that then connects through the emulator; a redeploy, a half-written file and
// the starter toolkit's YAML each update the tree; Add Connection offers them first.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../src/emulator';
import { serveHttp, type HttpFixture } from '../fixtures/servers/run';
import { createTravelServer } from '../fixtures/servers/travel';
import { KEYS, useAwsProfiles } from './aws';
import { api, run, setConnections, setWorkspaceConnections, waitFor } from './helpers';
import { must, notificationShown, quickInput, requireDriver, screenshot, treeRow, useCommands } from './ui';

useCommands(id => vscode.commands.executeCommand(id));

const ws = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const write = (rel: string, text: string) => { fs.mkdirSync(path.dirname(path.join(ws(), rel)), { recursive: true }); fs.writeFileSync(path.join(ws(), rel), text); };
const spec = (name: string, protocol?: string) => ({ name, build: 'CodeZip', entrypoint: 'server.py', codeLocation: `app/${name}`, runtimeVersion: 'PYTHON_3_12', ...(protocol ? { protocol } : {}) });
const workspaceConnections = () => vscode.workspace.getConfiguration('agentcoreMcp').inspect<Array<Record<string, unknown>>>('connections')?.workspaceValue ?? [];

describe('runtimes deployed in this workspace', function () {
  this.timeout(120_000);
  let saved: Record<string, string | undefined> = {};
  let travel: HttpFixture;
  let emu: Emulator;
  const deploy = (runtimes: Array<{ name: string; protocol?: string }>) => {
    write('agentcore/agentcore.json', JSON.stringify({ name: 'TravelProject', version: 1, managedBy: 'CDK', runtimes: runtimes.map(r => spec(r.name, r.protocol)) }, null, 2));
    write('agentcore/aws-targets.json', JSON.stringify([{ name: 'default', account: '123456789012', region: 'us-east-1' }]));
    write('agentcore/deployed-state.json', JSON.stringify({ targets: { default: { resources: { runtimes: Object.fromEntries(runtimes.map(r => [r.name, {
      runtimeId: emu.arnOf(r.name).split('/').pop(), runtimeArn: emu.arnOf(r.name), roleArn: 'arn:aws:iam::123456789012:role/r' }])) } } } }, null, 2));
  };

  before(async function () {
    requireDriver(this);
    saved = useAwsProfiles();
    travel = await serveHttp(() => createTravelServer({ delayMs: 20 }));
    emu = await startEmulator({ region: 'us-east-1', credentials: [KEYS], runtimes: [
      { name: 'deployed_travel', upstream: travel.url }, { name: 'second_travel', upstream: travel.url }, { name: 'chat', upstream: travel.url, protocol: 'HTTP' },
      { name: 'account_only', upstream: travel.url }, { name: 'broken_mcp', upstream: travel.url, status: 'UPDATE_FAILED' },
    ] });
    await setConnections(undefined);
    await run('workbench.view.extension.agentcoreMcp');
  });
  after(async () => {
    await setConnections(undefined);
    for (const f of ['agentcore', '.bedrock_agentcore.yaml']) fs.rmSync(path.join(ws(), f), { recursive: true, force: true });
    await emu.close();
    await travel.close();
    for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
  });

  it('appear in the tree without typing an ARN; one click makes a connection', async () => {
    deploy([{ name: 'deployed_travel', protocol: 'MCP' }, { name: 'chat' }]);
    await must([{ op: 'waitFor', selector: treeRow('Deployed in this workspace'), timeout: 15_000 }, { op: 'waitFor', selector: treeRow('deployed_travel') }]);
    const [tooltip] = await must([{ op: 'attribute', selector: treeRow('Deployed in this workspace'), name: 'aria-label' }]);
    assert.match(String(tooltip), /1 MCP runtime/);
    assert.strictEqual((await must([{ op: 'count', selector: treeRow('chat') }]))[0], 0, 'the HTTP runtime is left out');
    await must([{ op: 'mouseAway' }, { op: 'hover', selector: treeRow('deployed_travel') }]);
    await screenshot('deployed-runtime');
    await must([{ op: 'click', selector: `${treeRow('deployed_travel')} .action-label[aria-label="Add as Connection"]` }]);
    const entry = await waitFor('the connection in the workspace settings', () => workspaceConnections().find(c => c.name === 'deployed_travel'));
    assert.deepStrictEqual(entry, { name: 'deployed_travel', type: 'agentcore', arn: emu.arnOf('deployed_travel'), qualifier: 'DEFAULT', region: 'us-east-1', auth: 'sigv4' });
    await notificationShown('Added the connection "deployed_travel"');
    await must([{ op: 'waitFor', selector: treeRow('added as "deployed_travel"') }]);
    // It reaches the runtime: here the emulator stands in for AWS's endpoint, with a test profile. The
    // definition changed (another endpoint), so it asks to be trusted again, as it should.
    await setWorkspaceConnections([{ ...entry, endpoint: emu.url, profile: 'agentcore-test' }]);
    const connecting = run('agentcoreMcp.connect', { kind: 'connection', connection: 'deployed_travel' });
    await quickInput.waitForTitle('defined by this workspace');
    await quickInput.pick('Trust and Connect');
    await connecting;
    assert.strictEqual((await api()).state('deployed_travel').kind, 'running');
  });

  it('follow the files: a redeploy, a half-written file and the starter toolkit\'s YAML', async () => {
    deploy([{ name: 'deployed_travel', protocol: 'MCP' }, { name: 'second_travel', protocol: 'MCP' }]);
    await must([{ op: 'waitFor', selector: treeRow('second_travel'), timeout: 15_000 }]);
    write('agentcore/deployed-state.json', '{"targets": {"default": {"resources": {"runt');
    await must([{ op: 'waitFor', selector: treeRow('agentcore/deployed-state.json: is not valid JSON'), timeout: 15_000 }]);
    assert.strictEqual((await must([{ op: 'count', selector: treeRow('second_travel') }]))[0], 0);
    write('.bedrock_agentcore.yaml', [
      'default_agent: toolkit_mcp', 'agents:', '  toolkit_mcp:', '    name: toolkit_mcp', '    aws:', '      region: us-east-1', '      account: "123456789012"',
      '      protocol_configuration:', '        server_protocol: MCP', '    bedrock_agentcore:', `      agent_arn: ${emu.arnOf('chat')}`, ''].join('\n'));
    await must([{ op: 'waitFor', selector: treeRow('toolkit_mcp'), timeout: 15_000 }, { op: 'waitFor', selector: treeRow('deployed-state.json: is not valid JSON') }]);
  });

  it('Add Connection offers them first', async () => {
    deploy([{ name: 'deployed_travel', protocol: 'MCP' }, { name: 'second_travel', protocol: 'MCP' }]);
    await must([{ op: 'waitFor', selector: treeRow('second_travel'), timeout: 15_000 }]);
    const adding = run<string | undefined>('agentcoreMcp.addConnection');
    await quickInput.waitForTitle('Add Connection');
    const offered = await quickInput.everything();
    assert.match(offered, /second_travel/);
    assert.doesNotMatch(offered, /deployed_travel/, 'a runtime that is already a connection is not offered again');
    await quickInput.pick('second_travel');
    assert.strictEqual(await adding, 'second_travel');
    assert.ok(workspaceConnections().some(c => c.name === 'second_travel' && c.arn === emu.arnOf('second_travel')));
  });

  it('Browse AgentCore Runtimes lists the account\'s runtimes and adds the one picked, signed with the profile', async () => {
    const userConnections = () => vscode.workspace.getConfiguration('agentcoreMcp').inspect<Array<Record<string, unknown>>>('connections')?.globalValue ?? [];
    const listed = emu.log.length;
    const adding = run<string | undefined>('agentcoreMcp.browseRuntimes', { endpoint: emu.url, pageSize: 2 });
    await quickInput.waitForTitle('Browse AgentCore Runtimes');
    await quickInput.pick('agentcore-test');
    await quickInput.waitForTitle('Browse AgentCore Runtimes (2/3)');
    await quickInput.accept(); // the region, us-east-1 already filled in
    await must([{ op: 'waitFor', selector: '.quick-input-widget .quick-input-list .monaco-list-row[aria-label*="account_only"]', timeout: 15_000 }]);
    assert.match(await quickInput.everything(), /5 runtimes in us-east-1: which one\?[\s\S]*READY · updated[\s\S]*broken_mcp\s*UPDATE_FAILED · updated/);
    assert.strictEqual(emu.log.slice(listed).filter(l => l.detail === 'ListAgentRuntimes').length, 3, 'five runtimes in pages of two');
    await must([{ op: 'mouseAway' }]);
    await screenshot('browse-runtimes');
    await quickInput.pick('account_only');
    assert.strictEqual(await adding, 'account_only');
    const entry = userConnections().find(c => c.name === 'account_only');
    assert.deepStrictEqual(entry, { name: 'account_only', type: 'agentcore', arn: emu.arnOf('account_only'), region: 'us-east-1', auth: 'sigv4', profile: 'agentcore-test', endpoint: emu.url });
    await run('agentcoreMcp.connect', { kind: 'connection', connection: 'account_only' });
    assert.strictEqual((await api()).state('account_only').kind, 'running');
    // A runtime that is not MCP is refused with the reason.
    const refusing = run('agentcoreMcp.browseRuntimes', { endpoint: emu.url, profile: 'agentcore-test', region: 'us-east-1' });
    await quickInput.waitForTitle('Browse AgentCore Runtimes');
    await quickInput.pick('chat');
    await refusing;
    await notificationShown('chat is an HTTP runtime, not MCP');
    // One that is not READY is added, with a warning that says why.
    const failing = run('agentcoreMcp.browseRuntimes', { endpoint: emu.url, profile: 'agentcore-test', region: 'us-east-1' });
    await quickInput.waitForTitle('Browse AgentCore Runtimes');
    await quickInput.pick('broken_mcp');
    assert.strictEqual(await failing, 'broken_mcp');
    await notificationShown('broken_mcp is UPDATE_FAILED, not READY (The emulator was told this runtime is UPDATE_FAILED.): calls may fail until it is.');
  });
});
