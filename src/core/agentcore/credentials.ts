// AWS credentials for SigV4: the lazily loaded SDK, a memoized source per profile (called per request,
// reloaded near expiry, forced to reload after ExpiredTokenException) and credential errors in plain
// words with the next step (docs/agentcore-runtime.md, "Credentials").
import * as path from 'node:path';
import { CancelledError, ExplainedError } from '../connections/errors';
import type { ConnectionHost } from '../connections/host';
import type * as Aws from './aws';
import { awsConfigFiles, listAwsProfiles } from './profiles';

export type AwsModule = typeof Aws;
export type AwsCredentials = Aws.AwsCredentials;

let aws: AwsModule | undefined;

/**
 * Loads the AWS half (dist/aws.js next to dist/engine.js; out/src/core/agentcore/aws.js under tsc). The path
 * is computed so that esbuild leaves the require alone instead of inlining the SDK into the engine bundle.
 */
export function loadAws(): AwsModule {
  if (!aws) {
    const file = path.join(__dirname, 'aws.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    aws = require(file) as AwsModule;
  }
  return aws;
}

/** Whether the AWS SDK has been loaded in this process (it should not be until a SigV4 connection connects). */
export const awsLoaded = (): boolean => aws !== undefined;

/** The SDK's own refresh window: temporary credentials are reloaded 5 minutes before they expire. */
const REFRESH_BEFORE_MS = 5 * 60_000;

export interface CredentialSourceOptions {
  readonly profile?: string;
  readonly region: string;
  host: ConnectionHost;
}

export class CredentialSource {
  private cached?: AwsCredentials;
  private pending?: Promise<AwsCredentials>;

  constructor(readonly options: CredentialSourceOptions) {}

  /** Cheap when cached: this runs before every signed request. */
  get(): Promise<AwsCredentials> {
    const c = this.cached;
    if (c && (!c.expiration || c.expiration.getTime() - Date.now() > REFRESH_BEFORE_MS)) return Promise.resolve(c);
    return this.load();
  }

  /**
   * Loads new credentials after AWS called `used` expired. When another request already replaced them,
   * those newer ones are returned: concurrent 403s cause one reload (an SSO or STS call), not one each.
   */
  refresh(used: AwsCredentials): Promise<AwsCredentials> {
    if (this.pending) return this.pending;
    if (this.cached && this.cached !== used) return Promise.resolve(this.cached);
    this.cached = undefined;
    return this.load();
  }

  /** Keys from files or the environment are cheap to re-read, so a Restart picks up edits; MFA/SSO/role ones stay. */
  forgetStatic(): void {
    if (this.cached && !this.cached.expiration) this.cached = undefined;
  }

  private load(): Promise<AwsCredentials> {
    const { profile, region } = this.options;
    const host = this.options.host;
    const mfa = host.mfaCode ? (serial: string) => host.mfaCode!(serial) : undefined;
    this.pending ??= loadAws().loadCredentials({ region, ...(profile !== undefined ? { profile } : {}), ...(mfa ? { mfaCodeProvider: mfa } : {}) })
      .then(c => { this.cached = c; return c; }, async (e: unknown) => { throw await credentialError(e, profile, !!mfa); })
      .finally(() => { this.pending = undefined; });
    return this.pending;
  }
}

const sources = new Map<string, CredentialSource>();

/**
 * One source per profile and region for the whole process, so an MFA code or an SSO login serves every
 * connection and every renewed session until the credentials expire.
 */
export function credentialSource(options: CredentialSourceOptions): CredentialSource {
  const key = `${options.profile ?? ''}\n${options.region}`;
  let s = sources.get(key);
  if (!s) sources.set(key, s = new CredentialSource({ ...options }));
  s.options.host = options.host; // the latest host asks for MFA codes
  return s;
}

/** Forgets every cached credential (tests; a "sign out" command). */
export function forgetCredentials(): void { sources.clear(); }

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Turns an SDK credential failure into what to do about it. */
export async function credentialError(e: unknown, profile: string | undefined, canAskMfa: boolean): Promise<Error> {
  if (e instanceof ExplainedError) return e;
  const who = profile !== undefined ? `profile "${profile}"` : 'the default AWS credentials';
  const loginProfile = profile ?? process.env.AWS_PROFILE;
  const sso = `aws sso login${loginProfile ? ` --profile ${loginProfile}` : ''}`;
  if (e instanceof CancelledError) {
    return new ExplainedError(`No MFA code was entered for ${who}, so the connection was not made.`, 'Connect again and enter the code from your MFA device.', undefined, { cause: e });
  }
  const text = message(e);
  const files = awsConfigFiles();
  if (/aws sso login|SSO session|SSO Token|sso_session|Token is expired/i.test(text)) {
    return new ExplainedError(`The AWS SSO session for ${who} has expired or was never started (${text.replace(/\s+$/, '')}).`,
      `Run "${sso}" in a terminal, then Restart the connection.`, undefined, { cause: e });
  }
  if (/requires multi-factor authentication/i.test(text)) {
    return new ExplainedError(`${who[0].toUpperCase()}${who.slice(1)} needs an MFA code (it has mfa_serial), and ${canAskMfa ? 'none was given' : 'this host cannot ask for one'}.`,
      'In VS Code you are asked for the code when connecting; on the command line, export temporary credentials first (aws sts get-session-token --serial-number … --token-code …) or use a profile without MFA.',
      undefined, { cause: e });
  }
  if (/MultiFactorAuthentication failed|invalid MFA/i.test(text)) {
    return new ExplainedError(`AWS refused the MFA code for ${who}: ${text}`, 'Connect again with the current code from your MFA device.', undefined, { cause: e });
  }
  if (profile !== undefined && /Could not resolve credentials using profile|could not be found/i.test(text)) {
    const known = await listAwsProfiles();
    if (!known.includes(profile)) {
      return new ExplainedError(`The AWS profile "${profile}" is not defined in ${files.configFile} or ${files.credentialsFile}.`,
        known.length ? `Set "profile" to one of: ${known.join(', ')}; or create it with "aws configure --profile ${profile}".`
          : `No profiles are defined there: run "aws configure --profile ${profile}" (or "aws configure sso").`, undefined, { cause: e });
    }
    return new ExplainedError(`The AWS profile "${profile}" has no usable credentials: no access keys, role_arn, SSO settings or credential_process.`,
      `Complete it with "aws configure --profile ${profile}" or "aws configure sso --profile ${profile}".`, undefined, { cause: e });
  }
  if (/Could not load credentials from any providers/i.test(text)) {
    const known = await listAwsProfiles();
    return new ExplainedError('No AWS credentials were found: the connection names no profile, and there are none in the environment (AWS_ACCESS_KEY_ID, AWS_PROFILE), in a default profile or from instance metadata.',
      known.length ? `Set "profile" on the connection to one of: ${known.join(', ')}.` : 'Run "aws configure" or "aws configure sso", or set "profile" on the connection.', undefined, { cause: e });
  }
  return new ExplainedError(`Could not load AWS credentials from ${who}: ${text}`, `Check ${files.configFile} and ${files.credentialsFile}; "aws sts get-caller-identity${profile ? ` --profile ${profile}` : ''}" shows whether they work.`, undefined, { cause: e });
}
