// The AgentCore runtimes a workspace says it deployed (docs/agentcore-runtime.md, "Where a user's
// runtimes are written down"): the AgentCore CLI's agentcore/{agentcore,aws-targets,deployed-state}.json
// and the starter toolkit's .bedrock_agentcore.yaml. Only the fields we use are read, each checked; a
// file that is half written, malformed or hostile gives a problem line and takes nothing else down.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { AgentCoreConfig } from '../connections/config';
import { parseArn } from './arn';
import { CLI_DEPLOYED, CLI_PROJECT, CLI_TARGETS, DEPLOYED_FILES, MAX_FILE_BYTES, TOOLKIT_FILE, type DeployedFile, type Discovered, type DeployedRuntime, type RuntimeAuth } from './deployedFiles';

export * from './deployedFiles';

// The subset of @aws/agentcore 0.30's schemas (dist/schema/schemas/*.js) that we read; other fields pass.
const Jwt = z.looseObject({
  discoveryUrl: z.string().min(1),
  allowedClients: z.array(z.string()).optional(),
  allowedAudience: z.array(z.string()).optional(),
});
const Project = z.looseObject({
  runtimes: z.array(z.looseObject({
    name: z.string().min(1),
    protocol: z.enum(['HTTP', 'MCP', 'A2A', 'AGUI']).optional(),
    authorizerType: z.enum(['AWS_IAM', 'CUSTOM_JWT']).optional(),
    authorizerConfiguration: z.looseObject({ customJwtAuthorizer: Jwt.optional() }).optional(),
  })).default([]),
});
const Targets = z.array(z.looseObject({ name: z.string().min(1), account: z.string().regex(/^\d{12}$/), region: z.string().min(1) }));
const Deployed = z.looseObject({
  targets: z.record(z.string(), z.looseObject({
    resources: z.looseObject({
      runtimes: z.record(z.string(), z.looseObject({ runtimeArn: z.string().min(1) })).optional(),
      mcp: z.looseObject({ runtimes: z.record(z.string(), z.looseObject({ runtimeArn: z.string().min(1) })).optional() }).optional(),
      externallyManaged: z.looseObject({ customJwtAuthorizer: Jwt.optional() }).optional(),
    }).optional(),
  })),
});
const Toolkit = z.looseObject({
  agents: z.record(z.string(), z.looseObject({
    name: z.string().optional(),
    aws: z.looseObject({
      region: z.string().optional(),
      account: z.union([z.string(), z.number()]).optional(),
      protocol_configuration: z.looseObject({ server_protocol: z.string().optional() }).nullish(),
    }).optional(),
    bedrock_agentcore: z.looseObject({ agent_arn: z.string().nullish() }).nullish(),
    authorizer_configuration: z.looseObject({ customJWTAuthorizer: Jwt.optional() }).nullish(),
  })).default({}),
});

/** The first problem zod found, as a line a person can act on ("runtimes.0.name: expected string"). */
function firstIssue(e: z.ZodError): string {
  const i = e.issues[0];
  return i ? `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}` : 'not what was expected';
}

function parseJson<T>(source: string, text: string, schema: z.ZodType<T>, problems: Discovered['problems']): T | undefined {
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (e) {
    problems.push({ source, message: `is not valid JSON (${(e as Error).message}); half written? It is read again when it changes.` });
    return undefined;
  }
  const r = schema.safeParse(raw);
  if (!r.success) { problems.push({ source, message: `is not an AgentCore CLI file we can read: ${firstIssue(r.error)}` }); return undefined; }
  return r.data;
}

function jwtAuth(j: z.infer<typeof Jwt> | undefined): RuntimeAuth | undefined {
  return j ? { kind: 'jwt', discoveryUrl: j.discoveryUrl, allowedClients: j.allowedClients ?? [], allowedAudience: j.allowedAudience ?? [] } : undefined;
}

/** An entry from an ARN the file holds, or a problem when the ARN does not parse. */
function entry(name: string, arnText: string, source: string, auth: RuntimeAuth, out: Discovered, target?: string): void {
  const arn = parseArn(arnText);
  if (!arn.ok) { out.problems.push({ source, message: `the ARN of "${name}" does not parse: ${arn.message}` }); return; }
  out.runtimes.push({ name, ...(target ? { target } : {}), arn: arn.arn, region: arn.region, account: arn.account, auth, source });
}

/** The AgentCore CLI's files (their texts; undefined when a file is absent). */
export function fromAgentCoreCli(files: { project?: string; targets?: string; deployed?: string }): Discovered {
  const out: Discovered = { runtimes: [], skipped: [], problems: [] };
  if (files.deployed === undefined) return out; // nothing deployed yet
  const deployed = parseJson(CLI_DEPLOYED, files.deployed, Deployed, out.problems);
  if (!deployed) return out;
  const project = files.project === undefined ? undefined : parseJson(CLI_PROJECT, files.project, Project, out.problems);
  const targets = files.targets === undefined ? undefined : parseJson(CLI_TARGETS, files.targets, Targets, out.problems);
  const specs = new Map((project?.runtimes ?? []).map(r => [r.name, r]));
  const names = Object.keys(deployed.targets);
  for (const [target, state] of Object.entries(deployed.targets)) {
    const label = names.length > 1 ? target : undefined;
    const res = state.resources ?? {};
    const shared = jwtAuth(res.externallyManaged?.customJwtAuthorizer);
    if (targets && !targets.some(t => t.name === target)) out.problems.push({ source: CLI_TARGETS, message: `names no target "${target}", which ${CLI_DEPLOYED} deployed to; the ARN's region is used` });
    for (const [name, r] of Object.entries(res.runtimes ?? {})) {
      const spec = specs.get(name);
      const protocol = spec?.protocol ?? (project ? 'HTTP' : undefined);
      if (protocol !== 'MCP') {
        out.skipped.push({ name, source: CLI_DEPLOYED, reason: protocol ? `${protocol} runtime, not MCP` : `${CLI_PROJECT} is missing, so its protocol is unknown` });
        continue;
      }
      const auth = spec?.authorizerType === 'CUSTOM_JWT' ? jwtAuth(spec.authorizerConfiguration?.customJwtAuthorizer) ?? shared : undefined;
      entry(name, r.runtimeArn, CLI_DEPLOYED, auth ?? { kind: 'sigv4' }, out, label);
    }
    for (const [name, r] of Object.entries(res.mcp?.runtimes ?? {})) {
      entry(name, r.runtimeArn, CLI_DEPLOYED, shared ?? { kind: 'sigv4' }, out, label);
    }
  }
  return out;
}

/** The starter toolkit's .bedrock_agentcore.yaml. Aliases are limited: an anchor bomb is a problem line. */
export function fromStarterToolkit(text: string): Discovered {
  const out: Discovered = { runtimes: [], skipped: [], problems: [] };
  let raw: unknown;
  try { raw = parseYaml(text, { maxAliasCount: 100, prettyErrors: false }); } catch (e) {
    out.problems.push({ source: TOOLKIT_FILE, message: `is not valid YAML (${(e as Error).message.split('\n')[0]})` });
    return out;
  }
  const r = Toolkit.safeParse(raw ?? {});
  if (!r.success) { out.problems.push({ source: TOOLKIT_FILE, message: `is not a starter toolkit file we can read: ${firstIssue(r.error)}` }); return out; }
  for (const [key, agent] of Object.entries(r.data.agents)) {
    const name = agent.name ?? key;
    const protocol = agent.aws?.protocol_configuration?.server_protocol ?? 'HTTP';
    if (protocol.toUpperCase() !== 'MCP') { out.skipped.push({ name, source: TOOLKIT_FILE, reason: `${protocol} agent, not MCP` }); continue; }
    const arn = agent.bedrock_agentcore?.agent_arn;
    if (!arn) { out.skipped.push({ name, source: TOOLKIT_FILE, reason: 'not deployed yet (no agent_arn): run agentcore launch' }); continue; }
    entry(name, arn, TOOLKIT_FILE, jwtAuth(agent.authorizer_configuration?.customJWTAuthorizer ?? undefined) ?? { kind: 'sigv4' }, out);
  }
  return out;
}

/** What the files say, given their texts (undefined: the file is absent). */
export function discoverFromTexts(texts: Partial<Record<DeployedFile, string>>): Discovered {
  const { [CLI_PROJECT]: project, [CLI_TARGETS]: targets, [CLI_DEPLOYED]: deployed, [TOOLKIT_FILE]: toolkit } = texts;
  const cli = fromAgentCoreCli({ ...(project !== undefined ? { project } : {}), ...(targets !== undefined ? { targets } : {}), ...(deployed !== undefined ? { deployed } : {}) });
  const kit = toolkit === undefined ? { runtimes: [], skipped: [], problems: [] } : fromStarterToolkit(toolkit);
  return { runtimes: [...cli.runtimes, ...kit.runtimes], skipped: [...cli.skipped, ...kit.skipped], problems: [...cli.problems, ...kit.problems] };
}

type Problem = Discovered['problems'][number];
const tooLarge = (rel: string, size: number): Problem =>
  ({ source: rel, message: `is ${size.toLocaleString('en-US')} bytes, more than a project file holds (${MAX_FILE_BYTES.toLocaleString('en-US')}): not read` });
const unreadable = (rel: string, e: unknown): Problem => ({ source: rel, message: `could not be read: ${(e as Error).message}` });
const withProblems = (found: Discovered, problems: Problem[]): Discovered => ({ ...found, problems: [...problems, ...found.problems] });

/** What the files of `folder` say; a file over MAX_FILE_BYTES is a problem line, not read. Synchronous: four
 *  files of a few KB each, read by the command line before anything starts and by the extension after a change. */
export function discoverIn(folder: string): Discovered {
  const problems: Problem[] = [];
  const texts: Partial<Record<DeployedFile, string>> = {};
  for (const rel of DEPLOYED_FILES) {
    const file = path.join(folder, rel);
    let size: number;
    try { const st = statSync(file); if (!st.isFile()) continue; size = st.size; } catch { continue; }
    if (size > MAX_FILE_BYTES) { problems.push(tooLarge(rel, size)); continue; }
    try { texts[rel] = readFileSync(file, 'utf8'); } catch (e) { problems.push(unreadable(rel, e)); }
  }
  return withProblems(discoverFromTexts(texts), problems);
}

/** The connection a deployed runtime becomes: SigV4 with the default credentials, or a bearer token for JWT. */
export function connectionFor(r: DeployedRuntime, name = r.name): AgentCoreConfig {
  // A JWT runtime signs in with its first allowed app client (Cognito has no dynamic registration).
  const clientId = r.auth.kind === 'jwt' ? r.auth.allowedClients[0] : undefined;
  return {
    name, type: 'agentcore', arn: r.arn, qualifier: 'DEFAULT', region: r.region, auth: r.auth.kind === 'jwt' ? 'bearer' : 'sigv4',
    ...(clientId ? { oauth: { clientId } } : {}),
  };
}

/** One line on how a runtime is reached, for tooltips and the command line. */
export function describeAuth(auth: RuntimeAuth): string {
  if (auth.kind === 'sigv4') return 'SigV4 (IAM)';
  const clients = auth.allowedClients.length ? `; allowed clients ${auth.allowedClients.join(', ')}` : '';
  return `JWT bearer token from ${auth.discoveryUrl}${clients}`;
}
