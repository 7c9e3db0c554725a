// Runtime ARNs and the invocations URL (docs/agentcore-runtime.md, "Endpoint"). parseArn says exactly what
// is wrong, because people paste console URLs, runtime ids and endpoint ARNs into the ARN field.
import type { AgentCoreConfig } from '../connections/config';

export type ParsedArn =
  | {
    readonly ok: true; readonly arn: string; readonly partition: string; readonly region: string;
    readonly account: string; readonly runtimeName: string;
    /** `{name}-{10 characters}`, as it appears after `runtime/`. */
    readonly runtimeId: string;
  }
  | { readonly ok: false; readonly message: string };

export const ARN_SHAPE = 'arn:aws:bedrock-agentcore:<region>:<account>:runtime/<name>-<10 characters>';
export const ARN_EXAMPLE = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/my_agent-AbCdEfGhIj';

const NAME_RE = /^[a-zA-Z][a-zA-Z0-9_]{0,47}$/;
const SUFFIX_RE = /^[a-zA-Z0-9]{10}$/;
const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const RUNTIME_ID_RE = /^[a-zA-Z][a-zA-Z0-9_]{0,47}-[a-zA-Z0-9]{10}$/;

const bad = (message: string): ParsedArn => ({ ok: false, message });
const expected = (got: string) => `expected ${ARN_SHAPE}, got "${got}"`;

/** A URL where an ARN was expected: the invocations URL holds the ARN; a console URL does not. */
function fromUrl(input: string): ParsedArn {
  let u: URL;
  try { u = new URL(input); } catch { return bad(expected(input)); }
  const m = /\/runtimes\/([^/]+)\/invocations/.exec(u.pathname);
  if (m) {
    let inner = m[1];
    try { inner = decodeURIComponent(inner); } catch { /* keep as is */ }
    return bad(`that is the invocations URL, not the ARN; the ARN inside it is ${inner}`);
  }
  if (/console\.aws\.amazon\.com$/.test(u.hostname) || u.hostname.endsWith('.console.aws.amazon.com')) {
    return bad('that is an AWS console URL, not an ARN: open the runtime in the console and copy its "Runtime ARN"'
      + ` (it looks like ${ARN_EXAMPLE})`);
  }
  return bad(`that is a URL, not an ARN; ${expected(input)}`);
}

function parseRuntimeResource(resource: string): { name: string; id: string } | string {
  if (!resource.startsWith('runtime/')) {
    return `the resource must be runtime/<name>-<10 characters>, got "${resource}"`;
  }
  const rest = resource.slice('runtime/'.length);
  const endpoint = /^([^/]+)\/runtime-endpoint\/([^/]+)$/.exec(rest);
  if (endpoint) {
    return `that is the ARN of the endpoint "${endpoint[2]}"; use the runtime ARN (ending in runtime/${endpoint[1]}) and set the qualifier to ${endpoint[2]}`;
  }
  if (rest === '') return 'the runtime id after runtime/ is missing';
  if (rest.includes('/')) return `the runtime id may not contain "/", got "${rest}"`;
  const dash = rest.lastIndexOf('-');
  if (dash < 0) return `the runtime id must be <name>-<10 characters>, got "${rest}" (no hyphen)`;
  const name = rest.slice(0, dash);
  const suffix = rest.slice(dash + 1);
  if (name.includes('-')) return `the runtime name may not contain hyphens: ${name}`;
  if (!SUFFIX_RE.test(suffix)) return `the part after the last hyphen must be 10 letters or digits, got "${suffix}"`;
  if (!NAME_RE.test(name)) {
    return name.length > 48
      ? `the runtime name may be at most 48 characters, got ${name.length}`
      : `the runtime name must start with a letter and hold only letters, digits and _: ${name}`;
  }
  return { name, id: rest };
}

export function parseArn(input: string): ParsedArn {
  const arn = input.trim();
  if (arn === '') return bad(`the ARN is empty; ${expected('')}`);
  if (/^https?:\/\//i.test(arn)) return fromUrl(arn);
  if (/^arn%3A/i.test(arn)) {
    let decoded = arn;
    try { decoded = decodeURIComponent(arn); } catch { /* keep */ }
    return bad(`the ARN is URL-encoded; use it decoded: ${decoded}`);
  }
  if (RUNTIME_ID_RE.test(arn)) return bad(`that is a runtime id, not an ARN: use arn:aws:bedrock-agentcore:<region>:<account>:runtime/${arn}`);
  if (!arn.startsWith('arn:')) return bad(expected(arn));
  const parts = arn.split(':');
  if (parts.length < 6) return bad(`an ARN has six parts separated by ":", this one has ${parts.length}; ${expected(arn)}`);
  const [, partition, service, region, account] = parts;
  const resource = parts.slice(5).join(':');
  if (!/^aws(-[a-z-]+)?$/.test(partition)) return bad(`the partition must be aws (or aws-cn, aws-us-gov), got "${partition}"`);
  if (service !== 'bedrock-agentcore') {
    const hint = service === 'bedrock' ? ' (a Bedrock Agent is not an AgentCore runtime)' : '';
    return bad(`the service must be bedrock-agentcore, got "${service}"${hint}`);
  }
  if (!REGION_RE.test(region)) return bad(region === '' ? 'the region is missing' : `the region must look like us-east-1, got "${region}"`);
  if (!/^\d{12}$/.test(account)) return bad(`the account must be 12 digits, got ${account === '' ? 'nothing' : account}`);
  const r = parseRuntimeResource(resource);
  if (typeof r === 'string') return bad(r);
  return { ok: true, arn, partition, region, account, runtimeName: r.name, runtimeId: r.id };
}

/** The public endpoint of a region (docs/agentcore-runtime.md, "Endpoint"). */
export function defaultEndpoint(region: string, partition = 'aws'): string {
  const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://bedrock-agentcore.${region}.${domain}`;
}

/** The region a connection signs for: its `region` setting, else the ARN's. */
export function signingRegion(config: Pick<AgentCoreConfig, 'arn' | 'region'>): string {
  const p = parseArn(config.arn);
  return config.region ?? (p.ok ? p.region : 'us-east-1');
}

/**
 * `{endpoint}/runtimes/{encodeURIComponent(ARN)}/invocations?qualifier={qualifier}`. The endpoint may carry a
 * path prefix (VPC endpoints, proxies); throws on a malformed ARN (check with parseArn first to explain it).
 */
export function invocationsUrl(config: Pick<AgentCoreConfig, 'arn' | 'qualifier' | 'region' | 'endpoint'>): URL {
  const p = parseArn(config.arn);
  if (!p.ok) throw new Error(`The runtime ARN is not valid: ${p.message}.`);
  const base = config.endpoint ?? defaultEndpoint(config.region ?? p.region, p.partition);
  const u = new URL(base);
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/runtimes/${encodeURIComponent(p.arn)}/invocations`;
  u.search = `?qualifier=${encodeURIComponent(config.qualifier || 'DEFAULT')}`;
  u.hash = '';
  return u;
}

/** Why an `endpoint` setting cannot be a base URL (a full runtime URL pasted in), or undefined when fine. */
export function checkEndpoint(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) return undefined;
  let u: URL;
  try { u = new URL(endpoint); } catch { return `the endpoint "${endpoint}" is not a URL`; }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return `the endpoint must start with https:// (got ${u.protocol})`;
  if (/\/runtimes(\/|$)/.test(u.pathname) || /\/(mcp|invocations)\/?$/.test(u.pathname)) {
    return `the endpoint must be the base URL only (e.g. https://bedrock-agentcore.us-east-1.amazonaws.com), not ${u.origin}${u.pathname}: the client adds /runtimes/{ARN}/invocations itself`;
  }
  return undefined;
}
