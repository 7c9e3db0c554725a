// Shared parts of the AgentCore client tests, plus a check of the parts themselves: a real SDK server
// (the features fixture) behind the emulator, connection configs for it, and AWS config files in a
// temporary directory that AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE / HOME point at while a suite
// runs, so no test ever reads or writes the developer's ~/.aws.
import * as assert from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createAgentCoreResolver, forgetCredentials, listAwsProfiles } from '../../src/core/agentcore';
import type { AgentCoreOptions } from '../../src/core/agentcore';
import type { AgentCoreConfig } from '../../src/core/connections/config';
import type { TrafficEvent } from '../../src/core/connections/traffic';
import { startEmulator } from '../../src/emulator';
import type { Emulator, EmulatorOptions, RuntimeOptions } from '../../src/emulator';
import { createFeaturesServer } from '../fixtures/servers/features';
import { serveModern } from '../fixtures/servers/modern';
import { serveHttp } from '../fixtures/servers/run';
import type { HttpFixture } from '../fixtures/servers/run';

export const CREDS = { accessKeyId: 'AKIDAGENTCORETEST001', secretAccessKey: 'agentcore/test/secret/KEY0001abcdefgh' };
export const TEMP = { accessKeyId: 'ASIAAGENTCORETEST002', secretAccessKey: 'temp/agentcore/secret/KEY0002ijklmn', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN0002xyz' };
export const NEW_TEMP = { accessKeyId: 'ASIAAGENTCORETEST003', secretAccessKey: 'temp/agentcore/secret/KEY0003opqrst', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN0003uvw' };

export const profileText = (name: string, c: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  `[${name}]\naws_access_key_id = ${c.accessKeyId}\naws_secret_access_key = ${c.secretAccessKey}\n${c.sessionToken ? `aws_session_token = ${c.sessionToken}\n` : ''}`;

/** Static keys for [profile test], temporary ones for [profile temp]. */
export const DEFAULT_CREDENTIALS = `${profileText('test', CREDS)}\n${profileText('temp', TEMP)}`;
export const DEFAULT_CONFIG = '[profile test]\nregion = us-east-1\n\n[profile temp]\nregion = us-east-1\n';

const ENV_KEYS = [
  'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'HOME', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN', 'AWS_EC2_METADATA_DISABLED', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN', 'AWS_MAX_ATTEMPTS', 'AWS_ENDPOINT_URL_STS', 'AWS_REGION',
];

export interface AwsFiles {
  readonly dir: string;
  readonly configFile: string;
  readonly credentialsFile: string;
  write(config: string, credentials: string): void;
  restore(): void;
}

/** Points the AWS SDK (and listAwsProfiles) at files in a new temporary directory; restore() undoes it all. */
export function useAwsFiles(config = DEFAULT_CONFIG, credentials = DEFAULT_CREDENTIALS): AwsFiles {
  const saved = new Map(ENV_KEYS.map(k => [k, process.env[k]] as const));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agentcore-aws-'));
  const configFile = path.join(dir, 'config');
  const credentialsFile = path.join(dir, 'credentials');
  for (const k of ENV_KEYS) delete process.env[k];
  process.env.AWS_CONFIG_FILE = configFile;
  process.env.AWS_SHARED_CREDENTIALS_FILE = credentialsFile;
  process.env.HOME = dir; // the SSO token cache lives under ~/.aws/sso/cache
  process.env.AWS_EC2_METADATA_DISABLED = 'true'; // no instance-metadata probe when nothing is configured
  forgetCredentials();
  const files: AwsFiles = {
    dir, configFile, credentialsFile,
    write(c, k) { writeFileSync(configFile, c); writeFileSync(credentialsFile, k); },
    restore() {
      for (const [k, v] of saved) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
      forgetCredentials();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  files.write(config, credentials);
  return files;
}

export interface AgentCoreRig {
  readonly emu: Emulator;
  readonly upstream: Pick<HttpFixture, 'url' | 'close'>;
  config(over?: Partial<AgentCoreConfig>): AgentCoreConfig;
  close(): Promise<void>;
}

/** The features fixture over Streamable HTTP, behind the emulator as runtime "features". */
/** `modern`: the upstream is the 2026-07-28 fixture (@modelcontextprotocol/server 2.x) instead of the features server. */
export async function startAgentCoreRig(o: { emulator?: Partial<EmulatorOptions>; runtime?: Partial<RuntimeOptions>; stateless?: boolean; modern?: boolean } = {}): Promise<AgentCoreRig> {
  const upstream = o.modern ? await serveModern({ legacy: 'reject' }) : await serveHttp(createFeaturesServer, { stateless: o.stateless ?? false });
  let emu: Emulator;
  try {
    emu = await startEmulator({
      region: 'us-east-1', credentials: [CREDS, TEMP, NEW_TEMP], ...o.emulator,
      runtimes: [{ name: 'features', upstream: upstream.url, auth: 'sigv4', ...o.runtime }],
    });
  } catch (e) {
    await upstream.close();
    throw e;
  }
  return {
    emu, upstream,
    config: over => ({ name: 'ac', type: 'agentcore', arn: emu.arnOf('features'), qualifier: 'DEFAULT', endpoint: emu.url, auth: 'sigv4', profile: 'test', ...over }),
    close: async () => { await emu.close(); await upstream.close(); },
  };
}

/** The real resolver with short retry waits. */
export const fastResolver = (o: AgentCoreOptions = {}) => createAgentCoreResolver({ retry: { baseMs: 5, coldStartMs: 30, random: () => 0.5 }, ...o });

/**
 * Waits until the requests the engine makes by itself after connecting are done (the listening GET is
 * open, logging/setLevel answered), so that faults and expiries hit only the test's own requests.
 */
export async function settled(host: { events: readonly TrafficEvent[] }): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const out = host.events.find(e => e.kind === 'message' && e.direction === 'out' && 'method' in e.message && e.message.method === 'logging/setLevel');
    const id = out?.kind === 'message' && 'id' in out.message ? out.message.id : undefined;
    const answered = id !== undefined && host.events.some(e => e.kind === 'message' && e.direction === 'in' && 'id' in e.message && e.message.id === id);
    if (answered && host.events.some(e => e.kind === 'http' && e.method === 'GET' && e.status === 200)) return;
    await new Promise(r => setTimeout(r, 5));
  }
  assert.fail('the engine\'s own requests after connecting did not finish');
}

/** Every secret a test used must be absent from what the host saw. */
export function assertNoSecrets(what: unknown, secrets: readonly string[]): void {
  const text = JSON.stringify(what);
  for (const s of secrets) assert.ok(!text.includes(s), `a secret (${s.slice(0, 4)}…) leaked`);
  assert.ok(!/Signature=[0-9a-f]{64}/.test(text), 'a SigV4 signature leaked');
}

describe('agentcore test rig', () => {
  it('writes AWS files into a temporary directory and restores the environment', async () => {
    const before = { ...process.env };
    const files = useAwsFiles();
    try {
      assert.strictEqual(process.env.AWS_CONFIG_FILE, files.configFile);
      assert.deepStrictEqual(await listAwsProfiles(), ['temp', 'test']);
    } finally {
      files.restore();
    }
    assert.deepStrictEqual({ ...process.env }, before);
  });
});
