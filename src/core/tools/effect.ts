// What a tool's annotations say running it does, in one place: the tree's icon and description, the
// palette's pick and Invoke Tool's confirmation all ask here. A read-only tool changes nothing, whatever
// its destructiveHint says (MCP: destructiveHint is meaningful only when readOnlyHint is false); a tool
// counts as destructive only when it says so, so an unannotated tool is not asked about twice.
// Type imports only: the editor's always-loaded bundle uses it.
import type { Tool } from '@modelcontextprotocol/client';

export type ToolEffect = 'read-only' | 'destructive' | 'unknown';

export function toolEffect(tool: Pick<Tool, 'annotations'>): ToolEffect {
  const a = tool.annotations ?? {};
  if (a.readOnlyHint === true) return 'read-only';
  return a.destructiveHint === true ? 'destructive' : 'unknown';
}
