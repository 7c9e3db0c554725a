// Runtime ARNs and the invocation path (docs/agentcore-runtime.md, "Endpoint").
import { createHash } from 'node:crypto';

/** `arn:aws(-partition)?:bedrock-agentcore:{region}:{account}:runtime/{name}-{10 chars}`. */
const ARN_RE = /^arn:aws(-[^:]+)?:bedrock-agentcore:([a-z0-9-]+):(\d{12}):runtime\/([a-zA-Z][a-zA-Z0-9_]{0,47})-([a-zA-Z0-9]{10})$/;
export const RUNTIME_NAME_RE = /^[a-zA-Z][a-zA-Z0-9_]{0,47}$/;

export interface ParsedArn {
  readonly arn: string;
  readonly region: string;
  readonly accountId: string;
  readonly name: string;
  readonly id: string;
}

export function parseRuntimeArn(arn: string): ParsedArn | undefined {
  const m = ARN_RE.exec(arn);
  if (!m) return undefined;
  return { arn, region: m[2], accountId: m[3], name: m[4], id: `${m[4]}-${m[5]}` };
}

/** A stable 10-character suffix for a runtime name, so the same name always gets the same ARN. */
function suffixFor(name: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const digest = createHash('sha256').update(name).digest();
  let out = '';
  for (let i = 0; i < 10; i++) out += alphabet[digest[i] % alphabet.length];
  return out;
}

export function runtimeArn(region: string, accountId: string, name: string): string {
  if (!RUNTIME_NAME_RE.test(name)) {
    throw new Error(`runtime name "${name}" must start with a letter and hold only letters, digits and _ (at most 48; no hyphens)`);
  }
  return `arn:aws:bedrock-agentcore:${region}:${accountId}:runtime/${name}-${suffixFor(name)}`;
}

export function invocationsPath(arn: string): string {
  return `/runtimes/${encodeURIComponent(arn)}/invocations`;
}

export type Route =
  | { kind: 'invocations'; rawRuntime: string; runtime: string }
  | { kind: 'protected-resource'; rawRuntime: string; runtime: string }
  | { kind: 'not-found' };

/** Matches `/runtimes/{id}/invocations` (and its protected-resource metadata); everything else is 404. */
export function matchRoute(path: string): Route {
  const m = /^\/runtimes\/([^/]+)\/invocations(\/\.well-known\/oauth-protected-resource)?\/?$/.exec(path);
  if (!m) return { kind: 'not-found' };
  let runtime: string;
  try { runtime = decodeURIComponent(m[1]); } catch { runtime = m[1]; }
  return { kind: m[2] ? 'protected-resource' : 'invocations', rawRuntime: m[1], runtime };
}
