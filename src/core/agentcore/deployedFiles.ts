// Where AWS's tools write down what they deployed, and what we make of it: names and types only, so the
// extension can watch these files without loading the parser (deployed.ts, in the engine).

export type RuntimeAuth =
  | { readonly kind: 'sigv4' }
  | { readonly kind: 'jwt'; readonly discoveryUrl: string; readonly allowedClients: readonly string[]; readonly allowedAudience: readonly string[] };

export interface DeployedRuntime {
  /** The runtime's name in the file (the AgentCore CLI's runtime, the toolkit's agent). */
  readonly name: string;
  /** The AgentCore CLI's deployment target, when there are several. */
  readonly target?: string;
  readonly arn: string;
  readonly region: string;
  readonly account: string;
  readonly auth: RuntimeAuth;
  /** The file that names it, relative to the workspace folder. */
  readonly source: string;
}

export interface Discovered {
  readonly runtimes: DeployedRuntime[];
  /** Runtimes left out, and why (another protocol, not deployed yet). */
  readonly skipped: Array<{ readonly name: string; readonly source: string; readonly reason: string }>;
  /** Files that could not be read as what they should be. */
  readonly problems: Array<{ readonly source: string; readonly message: string }>;
}

/** Where each tool writes, relative to the workspace folder. */
export const CLI_PROJECT = 'agentcore/agentcore.json';
export const CLI_TARGETS = 'agentcore/aws-targets.json';
export const CLI_DEPLOYED = 'agentcore/deployed-state.json';
export const TOOLKIT_FILE = '.bedrock_agentcore.yaml';
export const DEPLOYED_FILES = [CLI_PROJECT, CLI_TARGETS, CLI_DEPLOYED, TOOLKIT_FILE] as const;
export type DeployedFile = typeof DEPLOYED_FILES[number];

/** Files larger than this are not read (a project file is a few KB). */
export const MAX_FILE_BYTES = 1_000_000;

/** A runtime's name in picks, rows and the command line: with its target when the project has several. */
export const runtimeLabel = (r: DeployedRuntime): string => (r.target ? `${r.name} (${r.target})` : r.name);
