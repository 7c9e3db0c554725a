// Trust boundaries in the real VS Code: a workspace's settings that reuse the name of a user connection
// for another target do not get its secrets without the person's yes, and connections a workspace
// defines start only once the person trusts them. Fake servers on loopback record what they receive.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vscode from 'vscode';
import { everythingStdio } from '../fixtures/everything';
import { api, run, setConnections, setWorkspaceConnections, waitFor } from './helpers';
import { recorder, sent, type Recorder } from './recorder';
import { must, quickInput, requireDriver, screenshot, treeRow } from './ui';

describe('trust: secrets stay with their target, workspace connections ask first', function () {
  this.timeout(120_000);
  let a: Recorder;
  let b: Recorder;
  before(async function () {
    requireDriver(this);
    [a, b] = await Promise.all([recorder(), recorder()]);
    await api();
  });
  after(async () => {
    await setConnections(undefined);
    await Promise.all([a?.close(), b?.close()]);
  });

  it('a workspace entry that reuses an HTTP connection\'s name gets its secret header only after a yes', async () => {
    const secret = 'user-api-key-7f3a9c';
    await setConnections([{ name: 'prod', type: 'http', url: `${a.url}/mcp`, secretHeaders: ['X-Api-Key'] }]);
    // The person enters the value for their own connection, through Edit Connection.
    const editing = run('agentcoreMcp.editConnection', { kind: 'connection', connection: 'prod' });
    await quickInput.pick('Add or change a header');
    await quickInput.enter(`X-Api-Key: ${secret}`);
    await editing;
    await run('agentcoreMcp.connect', { kind: 'connection', connection: 'prod' });
    assert.ok(sent(a, secret) > 0, 'the user connection sends its own secret to its own URL');

    // A cloned repository's settings define "prod" for another URL.
    await setWorkspaceConnections([{ name: 'prod', type: 'http', url: `${b.url}/mcp`, secretHeaders: ['X-Api-Key'] }]);
    await run('workbench.view.extension.agentcoreMcp');
    // The row says so (once the settings change has reached the tree).
    await must([{ op: 'waitFor', selector: `${treeRow('prod')}:has-text("hides your user connection")` }]);

    let connecting = run('agentcoreMcp.connect', { kind: 'connection', connection: 'prod' });
    await quickInput.waitForTitle('defined by this workspace');
    const trustText = await quickInput.everything();
    assert.ok(trustText.includes(`${b.url}/mcp`) && trustText.includes(`${a.url}/mcp`), `the trust dialog names both targets: ${trustText}`);
    await screenshot('trust-workspace-connection');
    await quickInput.pick('Trust and Connect');
    await quickInput.waitForTitle('Send the secret header');
    const secretText = await quickInput.everything();
    assert.ok(secretText.includes(`${b.url}/mcp`) && secretText.includes(`${a.url}/mcp`), `the secret dialog names both targets: ${secretText}`);
    await screenshot('trust-secret-other-target');
    await quickInput.pick('Do Not Send');
    await connecting.catch(() => undefined);
    assert.strictEqual(sent(b, secret), 0, 'the workspace target got the secret without a yes');
    assert.ok((await api()).log('prod').some(l => /was not sent to/.test(l)), 'the log says the secret was kept back');

    // Asked again on the next connect (trust is remembered, the secret is not sent on a no); a yes sends it.
    const before = b.requests.length;
    connecting = run('agentcoreMcp.connect', { kind: 'connection', connection: 'prod' });
    await quickInput.waitForTitle('Send the secret header');
    await quickInput.pick('Send It');
    await connecting.catch(() => undefined);
    assert.ok(b.requests.length > before && sent(b, secret) > 0, 'after the yes the value goes to the workspace target');
  });

  it('an AgentCore bearer connection redirected by a workspace endpoint does not get the token without a yes', async () => {
    const arn = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/travel-AbCdEfGhIj';
    await setConnections([{ name: 'cloud', type: 'agentcore', arn, auth: 'bearer', endpoint: a.url }]);
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLW9mLXVzZXI';
    const setting = run('agentcoreMcp.setBearerToken', { kind: 'connection', connection: 'cloud' });
    await quickInput.waitForTitle('Bearer token for cloud');
    await quickInput.enter(token);
    await setting;
    const received = b.requests.length;
    await setWorkspaceConnections([{ name: 'cloud', type: 'agentcore', arn, auth: 'bearer', endpoint: b.url }]);
    const connecting = run('agentcoreMcp.connect', { kind: 'connection', connection: 'cloud' });
    await quickInput.waitForTitle('defined by this workspace');
    await quickInput.pick('Trust and Connect');
    await quickInput.waitForTitle('Send the bearer token');
    const text = await quickInput.everything();
    assert.ok(text.includes(`through ${b.url}`) && text.includes(`through ${a.url}`), text);
    await quickInput.escape();
    await connecting.catch(() => undefined);
    assert.strictEqual(b.requests.length, received, 'nothing at all went to the workspace endpoint');
    const s = (await api()).state('cloud');
    assert.ok(s.kind === 'error' && /No bearer token is set/.test(s.message), JSON.stringify(s));
  });

  it('a workspace stdio connection starts only after the person trusts it, and asks again once trust is forgotten', async () => {
    const marker = path.join(os.tmpdir(), `agentcore-mcp-trust-${process.pid}`);
    fs.rmSync(marker, { force: true });
    const server = everythingStdio();
    // The command leaves a marker when it runs, so "not started" is seen, not assumed.
    const wrapper = `${marker}.mjs`;
    fs.writeFileSync(wrapper, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nawait import(${JSON.stringify(pathToFileURL(server.args[0]).href)});\n`);
    const definition = { name: 'ws-everything', type: 'stdio', command: server.command, args: [wrapper, ...server.args.slice(1)] };
    await setConnections(undefined);
    await setWorkspaceConnections([definition]);
    try {
      let connecting = run('agentcoreMcp.connect', { kind: 'connection', connection: 'ws-everything' });
      await quickInput.waitForTitle('defined by this workspace');
      const text = await quickInput.everything();
      assert.ok(text.includes(`Runs ${server.command} ${wrapper}`), text);
      await quickInput.pick('Do Not Start');
      await connecting.catch(() => undefined);
      const refused = (await api()).state('ws-everything');
      assert.ok(refused.kind === 'error' && /not trusted/.test(refused.message), JSON.stringify(refused));
      assert.ok(!fs.existsSync(marker), 'the command ran although the person said no');

      connecting = run('agentcoreMcp.connect', { kind: 'connection', connection: 'ws-everything' });
      await quickInput.waitForTitle('defined by this workspace');
      await quickInput.pick('Trust and Connect');
      await connecting;
      await waitFor('running', () => (api().then(x => x.state('ws-everything').kind === 'running')));
      assert.ok(fs.existsSync(marker));

      // Forgotten: the next start asks again.
      assert.ok(Number(await run('agentcoreMcp.forgetTrustedConnections')) >= 1);
      await run('agentcoreMcp.disconnect', { kind: 'connection', connection: 'ws-everything' });
      connecting = run('agentcoreMcp.connect', { kind: 'connection', connection: 'ws-everything' });
      await quickInput.waitForTitle('defined by this workspace');
      await quickInput.escape();
      await connecting.catch(() => undefined);
      assert.strictEqual((await api()).state('ws-everything').kind, 'error');
    } finally {
      await setWorkspaceConnections(undefined);
      fs.rmSync(marker, { force: true });
      fs.rmSync(`${marker}.mjs`, { force: true });
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });
});
