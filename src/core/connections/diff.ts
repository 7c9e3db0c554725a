// What changed between two runs of a server under development: tools, resources, templates and prompts
// added, removed or changed (a changed description or schema), one line per kind, for the log.
import type { Prompt, Resource, ResourceTemplateType, Tool } from '@modelcontextprotocol/client';

export interface Catalog { tools: Tool[]; resources: Resource[]; templates: ResourceTemplateType[]; prompts: Prompt[] }

function diff<T>(kind: string, before: readonly T[], after: readonly T[], key: (t: T) => string): string | undefined {
  const a = new Map(before.map(t => [key(t), JSON.stringify(t)]));
  const b = new Map(after.map(t => [key(t), JSON.stringify(t)]));
  const added = [...b.keys()].filter(k => !a.has(k));
  const removed = [...a.keys()].filter(k => !b.has(k));
  const changed = [...b.keys()].filter(k => a.has(k) && a.get(k) !== b.get(k));
  if (!added.length && !removed.length && !changed.length) return undefined;
  const parts = [...added.map(k => `+ ${k}`), ...removed.map(k => `- ${k}`), ...changed.map(k => `~ ${k}`)];
  return `${kind}: ${parts.join(', ')}`;
}

/** Lines describing the changes; empty when nothing changed. */
export function diffCatalogs(before: Catalog, after: Catalog): string[] {
  return [
    diff('tools', before.tools, after.tools, t => t.name),
    diff('resources', before.resources, after.resources, r => r.uri),
    diff('resource templates', before.templates, after.templates, t => t.uriTemplate),
    diff('prompts', before.prompts, after.prompts, p => p.name),
  ].filter((l): l is string => l !== undefined);
}
