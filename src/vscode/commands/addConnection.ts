// "AgentCore MCP: Add Connection": a quick-input flow that validates each answer and writes one entry to
// `agentcoreMcp.connections` in user or workspace settings.
import * as vscode from 'vscode';
import { checkHttpUrl, splitCommandLine } from '../../core/connections/config';
import { input, pick, runSteps } from '../quickInput';
import { addConnectionSetting, readConnections } from '../settings';

type Kind = 'stdio' | 'http';
const title = 'Add MCP Connection';

export async function addConnection(): Promise<string | undefined> {
  const existing = new Set(readConnections().connections.map(c => c.name));
  const hasWorkspace = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  const total = hasWorkspace ? 4 : 3;
  const answers: { name?: string; kind?: Kind; target?: string; scope?: vscode.ConfigurationTarget } = {};

  const done = await runSteps([
    async () => {
      answers.name = (await input({
        title, step: 1, totalSteps: total, value: answers.name,
        prompt: 'A name for the connection', placeholder: 'e.g. travel-planner',
        validate: v => !v.trim() ? 'Enter a name.' : existing.has(v.trim()) ? `A connection named "${v.trim()}" already exists.` : undefined,
      })).trim();
    },
    async () => {
      const items: Array<vscode.QuickPickItem & { type: Kind }> = [
        { type: 'stdio', label: 'stdio', description: 'Run a local command that speaks MCP on stdin/stdout' },
        { type: 'http', label: 'HTTP', description: 'A Streamable HTTP endpoint (falls back to HTTP+SSE)' },
      ];
      answers.kind = (await pick({
        title, step: 2, totalSteps: total, back: true, items, placeholder: 'How do you reach the server?',
        active: items.find(i => i.type === answers.kind),
      })).type;
    },
    async () => {
      const stdio = answers.kind === 'stdio';
      answers.target = (await input({
        title, step: 3, totalSteps: total, back: true, value: answers.target,
        prompt: stdio ? 'The command line that starts the server (no shell; quote arguments with spaces)' : 'The server URL',
        placeholder: stdio ? 'e.g. npx -y @modelcontextprotocol/server-everything' : 'e.g. http://127.0.0.1:3001/mcp',
        validate: v => {
          if (!v.trim()) return stdio ? 'Enter a command.' : 'Enter a URL.';
          if (!stdio) return checkHttpUrl(v.trim());
          try { splitCommandLine(v); return undefined; } catch (e) { return `Cannot read the command line: ${(e as Error).message}.`; }
        },
      })).trim();
    },
    async () => {
      if (!hasWorkspace) { answers.scope = vscode.ConfigurationTarget.Global; return 'skip'; }
      const items = [
        { label: 'User settings', description: 'available in every window', scope: vscode.ConfigurationTarget.Global },
        { label: 'Workspace settings', description: 'only in this workspace', scope: vscode.ConfigurationTarget.Workspace },
      ];
      answers.scope = (await pick({ title, step: 4, totalSteps: total, back: true, items, placeholder: 'Where should it be saved?' })).scope;
      return undefined;
    },
  ]);
  if (!done || !answers.name || !answers.kind || !answers.target || answers.scope === undefined) return undefined;

  const entry: Record<string, unknown> = { name: answers.name, type: answers.kind };
  if (answers.kind === 'stdio') {
    const [command, ...args] = splitCommandLine(answers.target);
    Object.assign(entry, { command, args });
  } else {
    entry.url = answers.target;
  }
  await addConnectionSetting(entry, answers.scope);
  return answers.name;
}
