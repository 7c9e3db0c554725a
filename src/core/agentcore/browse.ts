// The runtimes an AWS account has, through the AgentCore control plane (docs/agentcore-runtime.md, "The
// account"): every page of ListAgentRuntimes, then GetAgentRuntime and ListAgentRuntimeEndpoints for the one
// a person picks. Failures are said in the words an AWS user knows: the missing permission, the SSO login
// to renew, the region without AgentCore.
import { ExplainedError } from '../connections/errors';
import type { AgentCoreConfig } from '../connections/config';
import { credentialSource, loadAws } from './credentials';
import type { RuntimeAuth } from './deployedFiles';

export interface BrowseOptions {
  /** An AWS profile; without one, the default credential chain. */
  readonly profile?: string;
  readonly region: string;
  /** The control plane's base URL instead of bedrock-agentcore-control.{region}.amazonaws.com (the emulator). */
  readonly endpoint?: string;
  /** Asks for an MFA code when the profile needs one. */
  readonly mfaCode?: (serial: string) => Promise<string>;
}

export interface AccountRuntime {
  readonly name: string;
  readonly id: string;
  readonly arn: string;
  readonly version: string;
  readonly status: string;
  readonly lastUpdatedAt?: Date;
  readonly description?: string;
}

export interface RuntimeDetails {
  /** protocolConfiguration.serverProtocol; HTTP when the runtime does not say. */
  readonly protocol: string;
  readonly auth: RuntimeAuth;
  /** The endpoint names (qualifiers); DEFAULT always exists. */
  readonly qualifiers: readonly string[];
  readonly failureReason?: string;
}

function control(o: BrowseOptions) {
  const host = { log: () => undefined, ...(o.mfaCode ? { mfaCode: o.mfaCode } : {}) };
  const source = credentialSource({ region: o.region, host, ...(o.profile !== undefined ? { profile: o.profile } : {}) });
  return loadAws().controlPlane({ region: o.region, credentials: () => source.get(), ...(o.endpoint ? { endpoint: o.endpoint } : {}) });
}

const who = (o: BrowseOptions) => (o.profile ? `the profile "${o.profile}"` : 'your default AWS credentials');

/** What went wrong with a control-plane call, and what to do. */
export function controlError(e: unknown, op: string, o: Pick<BrowseOptions, 'profile' | 'region'>): Error {
  if (e instanceof ExplainedError) return e;
  const err = e as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const name = err.name ?? '';
  const text = err.message ?? String(e);
  const login = o.profile ? `aws sso login --profile ${o.profile}` : 'aws sso login';
  if (name === 'AccessDeniedException') {
    return new ExplainedError(`${who(o)} may not call bedrock-agentcore:${op} in ${o.region}.`, `Ask for that permission on your role or user (AWS said: ${text}).`);
  }
  if (/ExpiredToken|TokenRefreshRequired|SSO.*(expired|invalid)|token.*expired/i.test(`${name} ${text}`)) {
    return new ExplainedError(`The credentials of ${who(o)} have expired.`, `Run \`${login}\` (or renew them), then try again.`);
  }
  if (name === 'UnrecognizedClientException' || name === 'InvalidSignatureException') {
    return new ExplainedError(`AWS does not accept the credentials of ${who(o)} (${name}): ${text}`, 'Check the access key and secret of that profile.');
  }
  if (err.code === 'ENOTFOUND' || /getaddrinfo|ENOTFOUND/.test(text)) {
    return new ExplainedError(`No AgentCore control plane answers in ${o.region} (bedrock-agentcore-control.${o.region}.amazonaws.com was not found).`, 'Check the region: AgentCore Runtime is offered in some regions only, e.g. us-east-1, us-west-2, eu-central-1, ap-northeast-1.');
  }
  return new ExplainedError(`${op} in ${o.region} failed: ${name ? `${name}: ` : ''}${text}`);
}

/** Every runtime of the account in the region, every page followed. */
export async function listAccountRuntimes(o: BrowseOptions, pageSize = 100): Promise<AccountRuntime[]> {
  try {
    return await control(o).listRuntimes(pageSize);
  } catch (e) {
    throw controlError(e, 'ListAgentRuntimes', o);
  }
}

/** What a person needs before connecting: the protocol, the authorizer and the qualifiers. */
export async function describeAccountRuntime(o: BrowseOptions, id: string): Promise<RuntimeDetails> {
  const c = control(o);
  let op = 'GetAgentRuntime';
  try {
    const r = await c.getRuntime(id);
    op = 'ListAgentRuntimeEndpoints';
    const endpoints = await c.listEndpoints(id);
    const jwt = r.jwt;
    return {
      protocol: r.protocol ?? 'HTTP',
      auth: jwt ? { kind: 'jwt', discoveryUrl: jwt.discoveryUrl, allowedClients: jwt.allowedClients ?? [], allowedAudience: jwt.allowedAudience ?? [] } : { kind: 'sigv4' },
      qualifiers: [...new Set(['DEFAULT', ...endpoints])],
      ...(r.failureReason ? { failureReason: r.failureReason } : {}),
    };
  } catch (e) {
    throw controlError(e, op, o);
  }
}

/** The connection an account's runtime becomes, signed with the profile it was browsed with. */
export function accountConnection(name: string, r: AccountRuntime, d: RuntimeDetails, qualifier: string, o: Pick<BrowseOptions, 'profile' | 'region' | 'endpoint'>): AgentCoreConfig {
  return {
    name, type: 'agentcore', arn: r.arn, qualifier, region: o.region, auth: d.auth.kind === 'jwt' ? 'bearer' : 'sigv4',
    ...(o.profile && d.auth.kind !== 'jwt' ? { profile: o.profile } : {}), ...(o.endpoint ? { endpoint: o.endpoint } : {}),
  } as AgentCoreConfig;
}
