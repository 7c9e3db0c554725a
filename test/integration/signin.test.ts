// Signing in, in the real VS Code, to a JWT runtime of the emulator (whose authorization server behaves
// like an Amazon Cognito user pool): the consent that names the page's domain, the login page in the
// browser driven as a person does, the way back through the loopback listener, a call, a refresh after
// the token's short life, sign-out; and the development pool's password sign-in (USER_PASSWORD_AUTH).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../src/emulator';
import { DEFAULT_CLIENT_ID } from '../../src/emulator/jwt';
import { serveHttp, type HttpFixture } from '../fixtures/servers/run';
import { createTravelServer } from '../fixtures/servers/travel';
import { api, run, setConnections, waitFor } from './helpers';
import { browserPage, must, quickInput, requireDriver, screenshot, treeRow, useCommands } from './ui';

useCommands(id => vscode.commands.executeCommand(id));

describe('Signing in (OAuth) to a JWT runtime of the emulator', function () {
  this.timeout(120_000);
  let travel: HttpFixture;
  let emu: Emulator;
  const entry = (name: string, oauth: Record<string, unknown> = {}) => ({
    name, type: 'agentcore', arn: emu.arnOf('travel_jwt'), endpoint: emu.url, auth: 'bearer', oauth: { clientId: DEFAULT_CLIENT_ID, ...oauth },
  });
  const secretsShown = async (name: string) => JSON.stringify((await api()).traffic(name)) + (await api()).log(name).join('\n');

  before(async function () {
    requireDriver(this);
    travel = await serveHttp(() => createTravelServer({ delayMs: 50 }));
    emu = await startEmulator({
      region: 'us-east-1', accessTokenTtlSeconds: 8,
      runtimes: [{ name: 'travel_jwt', upstream: travel.url, auth: 'jwt', allowedClients: [DEFAULT_CLIENT_ID] }],
    });
    await run('workbench.view.extension.agentcoreMcp');
  });
  after(async () => {
    await setConnections(undefined);
    await emu?.close();
    await travel?.close();
  });
  beforeEach(async () => {
    await run('workbench.action.closeQuickOpen');
    await run('notifications.clearAll');
  });

  it('asks first, signs in on the login page, calls, refreshes the token before it expires, and signs out', async () => {
    await setConnections([entry('cognito')]);
    const connecting = run('agentcoreMcp.connect', { kind: 'connection', connection: 'cognito' });
    await quickInput.waitForTitle('asks you to sign in at 127.0.0.1');
    assert.match(await quickInput.everything(), new RegExp(`Opens ${emu.issuer.replace(/[.]/g, '\\.')} in your browser`));
    await screenshot('sign-in-consent');
    await quickInput.pick('Sign In');

    const login = browserPage('/oauth2/authorize');
    await login.waitFor('#username');
    await login.fill('#username', 'tester');
    await login.fill('#password', 'wrong password');
    await login.click('button[type="submit"]');
    assert.match(await login.text('body'), /Incorrect username or password\./);
    await login.fill('#password', 'Passw0rd!');
    await login.screenshot('sign-in-page');
    await login.click('button[type="submit"]');
    const back = browserPage('/callback?');
    await back.waitFor('h1:has-text("Signed in")');
    await back.close();
    await connecting;

    const state = (await api()).state('cognito');
    assert.strictEqual(state.kind, 'running', JSON.stringify(state));
    assert.strictEqual((await api()).signedIn('cognito')?.account, 'tester@example.com');
    const [, rowText] = await must([{ op: 'waitFor', selector: treeRow('cognito') }, { op: 'text', selector: treeRow('cognito') }]);
    assert.match(String(rowText), /signed in as tester@example\.com/);
    // Who, at which server, and until when: the row's hover.
    await must([{ op: 'mouseAway' }, { op: 'hover', selector: treeRow('cognito') }, { op: 'waitFor', selector: '.monaco-hover:has-text("Signed in as tester@example.com")' }]);
    await screenshot('signed-in');
    await must([{ op: 'mouseAway' }]);

    await run('agentcoreMcp.invokeTool', { connection: 'cognito', tool: 'search_flights', args: { origin: 'Paris', destination: 'Tokyo' } });
    const first = (await api()).signedIn('cognito')?.expiresAt ?? 0;
    // 8 s tokens are refreshed in their last quarter: the next call after 6.5 s refreshes first, without a browser.
    await new Promise(r => setTimeout(r, 6500));
    await run('agentcoreMcp.invokeTool', { connection: 'cognito', tool: 'search_flights', args: { origin: 'Paris', destination: 'Bali' } });
    await waitFor('the refresh in the log', async () => (await api()).log('cognito').some(l => /Refreshed the access token of tester@example\.com/.test(l)) || undefined);
    assert.ok(((await api()).signedIn('cognito')?.expiresAt ?? 0) > first, 'a new expiry after the refresh');
    assert.doesNotMatch(await secretsShown('cognito'), /eyJ[\w-]{10,}\.eyJ/, 'a JWT appears in the traffic or the log');

    await run('agentcoreMcp.signOut', { kind: 'connection', connection: 'cognito' });
    assert.strictEqual((await api()).state('cognito').kind, 'stopped');
    const again = run('agentcoreMcp.connect', { kind: 'connection', connection: 'cognito' });
    await quickInput.waitForTitle('asks you to sign in');
    await quickInput.pick('Not Now');
    await again.catch(() => undefined);
    const declined = (await api()).state('cognito');
    assert.ok(declined.kind === 'error' && declined.signIn && /declined/.test(declined.message), JSON.stringify(declined));
  });

  it('signs in to a development pool with the username and password (USER_PASSWORD_AUTH): a wrong one asks again, a call, a refresh, sign-out', async () => {
    await setConnections([entry('cognito-dev', { grant: 'password', username: 'tester' })]);
    const wrong = run('agentcoreMcp.connect', { kind: 'connection', connection: 'cognito-dev' });
    await quickInput.waitForTitle('username');
    await quickInput.accept(); // "tester", from the settings
    await quickInput.waitForTitle('password of tester');
    await quickInput.enter('not the password');
    await wrong.catch(() => undefined);
    const refused = (await api()).state('cognito-dev');
    assert.ok(refused.kind === 'error' && refused.signIn && /NotAuthorizedException/.test(refused.message), JSON.stringify(refused));

    const signingIn = run('agentcoreMcp.signIn', { kind: 'connection', connection: 'cognito-dev' });
    await quickInput.waitForTitle('username');
    await quickInput.accept();
    await quickInput.waitForTitle('password of tester');
    await quickInput.enter('Passw0rd!');
    await signingIn;
    assert.strictEqual((await api()).state('cognito-dev').kind, 'running');
    assert.strictEqual((await api()).signedIn('cognito-dev')?.account, 'tester@example.com');
    await run('agentcoreMcp.invokeTool', { connection: 'cognito-dev', tool: 'search_flights', args: { origin: 'Paris', destination: 'Tokyo' } });
    // The 8 s token is renewed with REFRESH_TOKEN_AUTH in its last quarter, without asking for the password.
    await new Promise(r => setTimeout(r, 6500));
    await run('agentcoreMcp.invokeTool', { connection: 'cognito-dev', tool: 'search_flights', args: { origin: 'Paris', destination: 'Bali' } });
    await waitFor('the refresh in the log', async () => (await api()).log('cognito-dev').some(l => /Refreshed the access token of tester@example\.com/.test(l)) || undefined);
    assert.ok(!(await secretsShown('cognito-dev')).includes('Passw0rd!'), 'the password appears in the traffic or the log');
    assert.doesNotMatch(await secretsShown('cognito-dev'), /eyJ[\w-]{10,}\.eyJ/, 'a JWT appears in the traffic or the log');

    // Sign Out forgets the tokens and the password: the next Connect asks again.
    await run('agentcoreMcp.signOut', { kind: 'connection', connection: 'cognito-dev' });
    const again = run('agentcoreMcp.connect', { kind: 'connection', connection: 'cognito-dev' });
    await quickInput.waitForTitle('username');
    await quickInput.escape();
    await again.catch(() => undefined);
    assert.ok((await api()).state('cognito-dev').kind === 'error');
  });
});
