// Credentials and signatures going wrong, through the real McpConnection and the emulator: what the
// person is told, and what the client repairs by itself (clock skew, an expired session token).
import * as assert from 'node:assert';
import { McpConnection } from '../../src/core/connections/connection';
import { bearerSecretKey } from '../../src/core/connections/secretKeys';
import { listTools } from '../../src/core/operations';
import type { ConnectionState } from '../../src/core/connections/state';
import type { ConnectionHost } from '../../src/core/connections/host';
import { recordingHost } from './helpers';
import {
  AgentCoreRig, AwsFiles, CREDS, DEFAULT_CONFIG, DEFAULT_CREDENTIALS, NEW_TEMP, TEMP, assertNoSecrets, fastResolver, profileText, settled, startAgentCoreRig, useAwsFiles,
} from './agentcore.harness.test';

type Failed = Extract<ConnectionState, { kind: 'error' }>;

function failed(s: ConnectionState): Failed {
  assert.strictEqual(s.kind, 'error', JSON.stringify(s));
  return s as Failed;
}

describe('agentcore: credentials and signatures', function () {
  this.timeout(30_000);
  let files: AwsFiles;
  let rig: AgentCoreRig;
  const conns: McpConnection[] = [];
  const connect = async (over: Parameters<AgentCoreRig['config']>[0], host: ConnectionHost = recordingHost(), deps = {}) => {
    const c = new McpConnection(rig.config(over), host, deps);
    conns.push(c);
    return { conn: c, state: await c.connect() };
  };
  const faults = (from: number) => rig.emu.log.slice(from).map(l => l.fault).filter(Boolean);
  before(async () => { files = useAwsFiles(); rig = await startAgentCoreRig(); });
  after(async () => { await rig.close(); files.restore(); });
  afterEach(async () => {
    await Promise.all(conns.splice(0).map(c => c.disconnect()));
    rig.emu.setCredentialExpired(TEMP.accessKeyId, false);
    files.write(DEFAULT_CONFIG, DEFAULT_CREDENTIALS);
  });

  it('explains a wrong secret key as a signature mismatch, without leaking it or the canonical request', async () => {
    const wrong = { ...CREDS, secretAccessKey: 'not/the/right/secret/key/0000000000' };
    files.write(DEFAULT_CONFIG, `${DEFAULT_CREDENTIALS}\n${profileText('wrong', wrong)}`);
    const host = recordingHost();
    const s = failed((await connect({ profile: 'wrong' }, host)).state);
    assert.match(s.message, /^AWS computed a different signature for this request \(403 InvalidSignatureException\): the secret access key of profile "wrong" does not belong to its access key id, or something between here and AWS \(a proxy\) rewrote/);
    assert.match(s.nextStep ?? '', /aws sts get-caller-identity --profile wrong/);
    assertNoSecrets([host.events, host.logs, s], [wrong.secretAccessKey]);
    assert.ok(!s.message.includes('Canonical String'));
  });

  for (const [label, skewMs, word] of [['behind', -10 * 60_000, 'expired'], ['ahead', 7 * 60_000, 'not yet current']] as const) {
    it(`corrects a clock ${label} AWS's time once from the Date header and keeps the offset`, async () => {
      const host = recordingHost();
      const from = rig.emu.log.length;
      const { conn, state } = await connect({}, host, { resolveAgentCorePlan: fastResolver({ clock: () => Date.now() + skewMs }) });
      assert.strictEqual(state.kind, 'running', JSON.stringify(state));
      await listTools(conn);
      await listTools(conn);
      const skewed = rig.emu.log.slice(from).filter(l => l.fault === 'InvalidSignatureException');
      assert.strictEqual(skewed.length, 1, JSON.stringify(skewed));
      assert.match(skewed[0].detail ?? '', new RegExp(`^Signature ${word}`));
      const warn = host.logs.find(l => l.level === 'warn' && /clock is/.test(l.message));
      const minutes = Math.round(Math.abs(skewMs) / 60_000);
      // The Date header has whole seconds, so the offset learnt may be up to a second short.
      assert.match(warn?.message ?? '', new RegExp(`clock is (${minutes - 1} min \\d+ s|${minutes} min( \\d s)?) ${skewMs < 0 ? 'behind' : 'ahead of'} AWS's time`));
    });
  }

  it('explains a signature scoped to another region than the endpoint\'s', async () => {
    const host = recordingHost();
    const s = failed((await connect({ region: 'eu-west-1' }, host)).state);
    const port = new URL(rig.emu.url).host;
    assert.strictEqual(s.message, `The request was signed for region eu-west-1, but the endpoint ${port} is in another region (the runtime ARN says us-east-1; the connection's "region" setting says eu-west-1).`);
    assert.ok(host.logs.some(l => l.level === 'warn' && /signs for region eu-west-1, but its ARN is in us-east-1/.test(l.message)));
  });

  it('reloads credentials once after ExpiredTokenException: new keys in the file are used, the same expired ones are explained', async () => {
    const host = recordingHost();
    const { conn, state } = await connect({ profile: 'temp' }, host);
    assert.strictEqual(state.kind, 'running');
    await settled(host);
    rig.emu.setCredentialExpired(TEMP.accessKeyId, true);
    files.write(DEFAULT_CONFIG, `${profileText('temp', NEW_TEMP)}\n${profileText('test', CREDS)}`);
    let from = rig.emu.log.length;
    assert.ok((await listTools(conn)).length > 0);
    assert.deepStrictEqual(faults(from), ['ExpiredTokenException'], JSON.stringify(rig.emu.log.slice(from)));
    assert.ok(host.logs.some(l => /security token has expired; reloading/.test(l.message)));

    rig.emu.setCredentialExpired(NEW_TEMP.accessKeyId, true);
    from = rig.emu.log.length;
    await assert.rejects(listTools(conn), (e: Error & { nextStep?: string }) => {
      assert.strictEqual(e.message, 'The AWS session token of profile "temp" has expired, and reloading the credentials did not give a valid one.');
      assert.match(e.nextStep ?? '', /aws sso login --profile temp/);
      return true;
    });
    assert.deepStrictEqual(faults(from), ['ExpiredTokenException', 'ExpiredTokenException'], 'one forced refresh, one retry');
    rig.emu.setCredentialExpired(NEW_TEMP.accessKeyId, false);
    assertNoSecrets([host.events, host.logs], [TEMP.secretAccessKey, TEMP.sessionToken]);
  });

  it('names the known profiles when the profile is missing, before any network', async () => {
    const from = rig.emu.log.length;
    const s = failed((await connect({ profile: 'nope' })).state);
    assert.strictEqual(s.message, `The AWS profile "nope" is not defined in ${files.configFile} or ${files.credentialsFile}.`);
    assert.strictEqual(s.nextStep, 'Set "profile" to one of: temp, test; or create it with "aws configure --profile nope".');
    assert.strictEqual(rig.emu.log.length, from);
  });

  it('says no credentials were found when there is no profile and nothing in the environment', async () => {
    files.write('', '');
    const s = failed((await connect({ profile: undefined })).state);
    assert.match(s.message, /^No AWS credentials were found: the connection names no profile/);
    assert.match(s.nextStep ?? '', /aws configure/);
  });

  it('tells the person to run aws sso login --profile X when the SSO session is missing or expired', async () => {
    files.write('[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-east-1\n\n'
      + '[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n', '');
    const s = failed((await connect({ profile: 'sso' })).state);
    assert.match(s.message, /^The AWS SSO session for profile "sso" has expired or was never started/);
    assert.strictEqual(s.nextStep, 'Run "aws sso login --profile sso" in a terminal, then Restart the connection.');
  });

  it('explains that a profile needs MFA when the host cannot ask, and asks the host when it can', async () => {
    files.write(`${DEFAULT_CONFIG}\n[profile mfa]\nrole_arn = arn:aws:iam::123456789012:role/Dev\nsource_profile = test\nmfa_serial = arn:aws:iam::123456789012:mfa/dev\n`, DEFAULT_CREDENTIALS);
    const s = failed((await connect({ profile: 'mfa' })).state);
    assert.strictEqual(s.message, 'Profile "mfa" needs an MFA code (it has mfa_serial), and this host cannot ask for one.');
    assert.match(s.nextStep ?? '', /aws sts get-session-token/);
    // With a prompt: the code is asked for; STS is unreachable here (a closed local port), so it still fails.
    process.env.AWS_ENDPOINT_URL_STS = 'http://127.0.0.1:9';
    process.env.AWS_MAX_ATTEMPTS = '1';
    const asked: string[] = [];
    const host = recordingHost({ mfaCode: serial => { asked.push(serial); return Promise.resolve('123456'); } });
    failed((await connect({ profile: 'mfa' }, host)).state);
    assert.deepStrictEqual(asked, ['arn:aws:iam::123456789012:mfa/dev']);
  });

  it('explains an authorization method mismatch both ways', async () => {
    const token = rig.emu.mintToken();
    const bearerHost = recordingHost({ secret: () => Promise.resolve(token) });
    const s = failed((await connect({ auth: 'bearer' }, bearerHost)).state);
    assert.match(s.message, /^This runtime uses IAM \(SigV4\), but the connection sends a bearer token/);
    const jwtRig = await startAgentCoreRig({ runtime: { auth: 'jwt' } });
    try {
      const c = new McpConnection(jwtRig.config(), recordingHost());
      conns.push(c);
      const t = failed(await c.connect());
      assert.match(t.message, /^This runtime uses OAuth \(a JWT authorizer\), but the connection signs with SigV4/);
      assert.match(t.nextStep ?? '', /AgentCore MCP: Set Bearer Token.*--bearer-token-env/);
    } finally {
      await jwtRig.close();
    }
  });

  it('explains a missing, and an expired, bearer token', async () => {
    const jwtRig = await startAgentCoreRig({ runtime: { auth: 'jwt' } });
    try {
      const none = new McpConnection(jwtRig.config({ auth: 'bearer' }), recordingHost({ secret: () => Promise.resolve(undefined) }));
      conns.push(none);
      const from = jwtRig.emu.log.length;
      const m = failed(await none.connect());
      assert.strictEqual(m.message, 'No bearer token is set for "ac", and its runtime uses OAuth (auth: "bearer").');
      // Both ways to give a token, and the way to sign in instead.
      for (const k of ['Set Bearer Token', '--bearer-token-env', '"oauth": { "clientId"', '--client-id']) assert.ok(m.nextStep?.includes(k), `${k} in: ${m.nextStep}`);
      assert.strictEqual(jwtRig.emu.log.length, from, 'no request without a token');
      const old = jwtRig.emu.mintToken({ exp: Math.floor(Date.now() / 1000) - 60 });
      const host = recordingHost({ secret: key => Promise.resolve(key === bearerSecretKey('ac') ? old : undefined) });
      const expired = new McpConnection(jwtRig.config({ auth: 'bearer' }), host);
      conns.push(expired);
      const e = failed(await expired.connect());
      assert.match(e.message, /^AgentCore answered 401 Unauthorized: the runtime refused the token: it is expired, .* The token expired at \d{4}-/);
      assertNoSecrets([host.events, host.logs, e], [old]);
    } finally {
      await jwtRig.close();
    }
  });
});
