// The nodes of the AgentCore MCP tree. Commands receive these when run from the tree.
import type { Prompt, Resource, ResourceTemplateType, Tool } from '@modelcontextprotocol/client';
import type { DeployedRuntime } from '../../core/agentcore/deployedFiles';
import type { ConfigFile, FoundServer } from '../../core/connections/mcpConfigs';
import type { CatalogKind } from '../connections/catalog';

export type Node =
  | { readonly kind: 'connection'; readonly connection: string }
  | { readonly kind: 'problem'; readonly text: string }
  | { readonly kind: 'message'; readonly connection: string; readonly id: string; readonly text: string; readonly icon: string; readonly tooltip?: string; readonly command?: string }
  | { readonly kind: 'session'; readonly connection: string }
  | { readonly kind: 'detail'; readonly connection: string; readonly label: string; readonly value: string }
  | { readonly kind: 'group'; readonly connection: string; readonly group: CatalogKind }
  | { readonly kind: 'tool'; readonly connection: string; readonly tool: Tool }
  | { readonly kind: 'resource'; readonly connection: string; readonly resource: Resource }
  | { readonly kind: 'template'; readonly connection: string; readonly template: ResourceTemplateType }
  | { readonly kind: 'prompt'; readonly connection: string; readonly prompt: Prompt }
  | { readonly kind: 'tasks'; readonly connection: string }
  | { readonly kind: 'task'; readonly connection: string; readonly taskId: string }
  /** "Deployed in this workspace": runtimes from AWS's tools' files, and what could not be read there. */
  | { readonly kind: 'deployed' }
  | { readonly kind: 'runtime'; readonly folder: string; readonly runtime: DeployedRuntime }
  | { readonly kind: 'deployedProblem'; readonly folder: string; readonly source: string; readonly message: string }
  /** "Found in …": a file of another MCP client, and its servers. */
  | { readonly kind: 'foundFile'; readonly file: ConfigFile; readonly problem?: string; readonly count: number }
  | { readonly kind: 'foundServer'; readonly file: ConfigFile; readonly server: FoundServer };

export const groupLabel: Record<CatalogKind, string> = { tools: 'Tools', resources: 'Resources', templates: 'Resource Templates', prompts: 'Prompts' };

/** The connection a node belongs to, if any (for commands run from the tree). */
export function connectionOf(node: unknown): string | undefined {
  return typeof node === 'object' && node !== null && 'connection' in node && typeof (node as { connection: unknown }).connection === 'string'
    ? (node as { connection: string }).connection : undefined;
}

const kinds = new Set(['connection', 'problem', 'message', 'session', 'detail', 'group', 'tool', 'resource', 'template', 'prompt', 'tasks', 'task', 'deployed', 'runtime', 'deployedProblem', 'foundFile', 'foundServer']);

/** The tree node a command was run on, if it was run from the tree. */
export function asNode(x: unknown): Node | undefined {
  return typeof x === 'object' && x !== null && kinds.has((x as { kind?: string }).kind ?? '') ? x as Node : undefined;
}
