// What the candidate side runs with: a ConnectionHost like the extension's (every traffic frame kept in a
// bounded list, as src/vscode/traffic.ts does for the traffic view; log lines kept, not printed), and AWS
// config files in a temporary directory (as test/unit/agentcore.harness.test.ts `useAwsFiles`), so the
// benchmark never reads the developer's ~/.aws.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { forgetCredentials } from '../src/core/agentcore';
import type { ConnectionHost } from '../src/core/connections/host';
import type { TrafficFrame } from '../src/core/connections/traffic';
import { Ring } from '../src/core/traffic/ring';
import { resolveAgentCorePlan } from '../src/core/agentcore/plan';

export interface BenchHost extends ConnectionHost {
  readonly traffic: (f: TrafficFrame) => void;
  readonly events: Ring<TrafficFrame>;
  readonly lines: string[];
}

/** The extension's host keeps 5,000 traffic events per connection and the log lines; so does this one. */
export function benchHost(limit = 5000): BenchHost {
  const events = new Ring<TrafficFrame>(limit);
  const lines: string[] = [];
  return {
    events, lines, agentcorePlan: resolveAgentCorePlan,
    log: (level, message) => { lines.push(`${level} ${message}`); if (lines.length > 2 * limit) lines.splice(0, limit); },
    traffic: f => { events.push(f); },
  };
}

/** Static keys the emulator accepts, under profile "bench" of a temporary AWS config. */
export const BENCH_CREDS = { accessKeyId: 'AKIDAGENTCOREBENCH01', secretAccessKey: 'agentcore/bench/secret/KEY0001abcdefgh' };
export const BENCH_PROFILE = 'bench';
export const BENCH_REGION = 'us-east-1';

const ENV_KEYS = [
  'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'HOME', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN', 'AWS_EC2_METADATA_DISABLED', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN', 'AWS_MAX_ATTEMPTS', 'AWS_ENDPOINT_URL_STS', 'AWS_REGION',
];

/** Points the AWS SDK at a temporary profile file; the returned function undoes it all. */
export function useAwsProfile(): () => void {
  const saved = new Map(ENV_KEYS.map(k => [k, process.env[k]] as const));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agentcore-bench-aws-'));
  for (const k of ENV_KEYS) delete process.env[k];
  process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  process.env.HOME = dir;
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  writeFileSync(process.env.AWS_CONFIG_FILE, `[profile ${BENCH_PROFILE}]\nregion = ${BENCH_REGION}\n`);
  writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, `[${BENCH_PROFILE}]\naws_access_key_id = ${BENCH_CREDS.accessKeyId}\naws_secret_access_key = ${BENCH_CREDS.secretAccessKey}\n`);
  forgetCredentials();
  return () => {
    for (const [k, v] of saved) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
    forgetCredentials();
    rmSync(dir, { recursive: true, force: true });
  };
}
