// "AgentCore MCP: Add Connection": a quick-input flow that validates each answer and writes one entry to
// `agentcoreMcp.connections` in user or workspace settings. Secret header values go to secret storage.
import * as vscode from 'vscode';
import { checkHttpUrl, splitCommandLine } from '../../core/connections/config';
import { headerSecretKey } from '../../core/connections/plan';
import type { Secrets } from '../connections/secrets';
import { input, pick, runSteps } from '../quickInput';
import { addConnectionSetting, readConnections } from '../settings';
import { looksSecret, parseHeaderLine } from './headers';

type Kind = 'stdio' | 'http';
const title = 'Add MCP Connection';

export async function addConnection(secrets: Secrets): Promise<string | undefined> {
  const existing = new Set(readConnections().connections.map(c => c.name));
  const hasWorkspace = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  const answers: { name?: string; kind?: Kind; target?: string; headers: Array<{ name: string; value: string }>; scope?: vscode.ConfigurationTarget } = { headers: [] };
  const total = () => 3 + (answers.kind === 'http' ? 1 : 0) + (hasWorkspace ? 1 : 0);

  const done = await runSteps([
    async () => {
      answers.name = (await input({
        title, step: 1, totalSteps: total(), value: answers.name,
        prompt: 'A name for the connection', placeholder: 'e.g. travel-planner',
        validate: v => !v.trim() ? 'Enter a name.' : existing.has(v.trim()) ? `A connection named "${v.trim()}" already exists.`
          : /[/\\]/.test(v) ? 'The name may not contain slashes.' : undefined,
      })).trim();
    },
    async () => {
      const items: Array<vscode.QuickPickItem & { type: Kind }> = [
        { type: 'stdio', label: 'stdio', description: 'Run a local command that speaks MCP on stdin/stdout' },
        { type: 'http', label: 'HTTP', description: 'A Streamable HTTP endpoint (falls back to HTTP+SSE)' },
      ];
      answers.kind = (await pick({
        title, step: 2, totalSteps: total(), back: true, items, placeholder: 'How do you reach the server?',
        active: items.find(i => i.type === answers.kind),
      })).type;
    },
    async () => {
      const stdio = answers.kind === 'stdio';
      answers.target = (await input({
        title, step: 3, totalSteps: total(), back: true, value: answers.target,
        prompt: stdio ? 'The command line that starts the server (no shell; quote arguments with spaces; ${workspaceFolder} works)' : 'The server URL',
        placeholder: stdio ? 'e.g. npx -y @modelcontextprotocol/server-everything' : 'e.g. http://127.0.0.1:3001/mcp',
        validate: v => {
          if (!v.trim()) return stdio ? 'Enter a command.' : 'Enter a URL.';
          if (!stdio) return checkHttpUrl(v.trim());
          try { return splitCommandLine(v).length ? undefined : 'Enter a command.'; } catch (e) { return `Cannot read the command line: ${(e as Error).message}.`; }
        },
      })).trim();
    },
    async () => {
      if (answers.kind !== 'http') return 'skip';
      const line = await input({
        title, step: 4, totalSteps: total(), back: true,
        value: answers.headers.map(h => `${h.name}: ${h.value}`).join('; '),
        prompt: 'Headers to send, as "Name: value" separated by ";" (leave empty for none). Authorization, API keys and tokens are kept in secret storage.',
        placeholder: 'e.g. Authorization: Bearer eyJ…; X-Team: blue',
        password: false,
        validate: v => {
          for (const part of v.split(';').map(s => s.trim()).filter(Boolean)) {
            const h = parseHeaderLine(part);
            if (typeof h === 'string') return h;
          }
          return undefined;
        },
      });
      answers.headers = line.split(';').map(s => s.trim()).filter(Boolean).map(p => parseHeaderLine(p) as { name: string; value: string });
      return undefined;
    },
    async () => {
      if (!hasWorkspace) { answers.scope = vscode.ConfigurationTarget.Global; return 'skip'; }
      const items = [
        { label: 'User settings', description: 'available in every window', scope: vscode.ConfigurationTarget.Global },
        { label: 'Workspace settings', description: 'only in this workspace', scope: vscode.ConfigurationTarget.Workspace },
      ];
      answers.scope = (await pick({ title, step: total(), totalSteps: total(), back: true, items, placeholder: 'Where should it be saved?' })).scope;
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
    const plain = answers.headers.filter(h => !looksSecret(h.name));
    const secret = answers.headers.filter(h => looksSecret(h.name));
    if (plain.length) entry.headers = Object.fromEntries(plain.map(h => [h.name, h.value]));
    if (secret.length) entry.secretHeaders = secret.map(h => h.name);
    for (const h of secret) await secrets.set(headerSecretKey(answers.name, h.name), h.value);
  }
  await addConnectionSetting(entry, answers.scope);
  return answers.name;
}
