// "AgentCore MCP: Add Connection": a quick-input flow that validates each answer and writes one entry to
// `agentcoreMcp.connections` in user or workspace settings. Secret values (header values that carry
// credentials, bearer tokens) go to secret storage.
import * as vscode from 'vscode';
import { checkHttpUrl, parseConnections, splitCommandLine } from '../../core/connections/config';
import { bearerSecretKey, headerSecretKey } from '../../core/connections/secretKeys';
import type { Secrets } from '../connections/secrets';
import type { DefinitionTrust } from '../connections/trust';
import { input, pick, runSteps, StepInfo } from '../quickInput';
import { addConnectionSetting, readConnections } from '../settings';
import { agentCoreEntry, AgentCoreAnswers, agentCoreSteps } from './addAgentCore';
import { looksSecret, parseHeaderLine } from './headers';

type Kind = 'stdio' | 'http' | 'agentcore';
const title = 'Add MCP Connection';

interface Answers { name?: string; kind?: Kind; target?: string; headers: Array<{ name: string; value: string }>; scope?: vscode.ConfigurationTarget; agentcore: AgentCoreAnswers }

export async function addConnection(secrets: Secrets, trust: DefinitionTrust): Promise<string | undefined> {
  const existing = new Set(readConnections().connections.map(c => c.name));
  const hasWorkspace = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  const a: Answers = { headers: [], agentcore: {} };
  const kindSteps = (): Array<(i: StepInfo) => Promise<void | 'skip'>> =>
    a.kind === 'agentcore' ? agentCoreSteps(a.agentcore) : a.kind === 'http' ? [targetStep(a), headersStep(a)] : [targetStep(a)];
  const total = () => 2 + (a.kind ? kindSteps().length : 1) + (hasWorkspace ? 1 : 0);
  const info = (step: number): StepInfo => ({ title, step, totalSteps: total(), back: step > 1 });

  const steps: Array<() => Promise<void | 'skip'>> = [
    async () => {
      a.name = (await input({
        ...info(1), value: a.name, prompt: 'A name for the connection', placeholder: 'e.g. travel-planner',
        validate: v => !v.trim() ? 'Enter a name.' : existing.has(v.trim()) ? `A connection named "${v.trim()}" already exists.`
          : /[/\\]/.test(v) ? 'The name may not contain slashes.' : undefined,
      })).trim();
    },
    async () => {
      const items: Array<vscode.QuickPickItem & { type: Kind }> = [
        { type: 'stdio', label: 'stdio', description: 'Run a local command that speaks MCP on stdin/stdout' },
        { type: 'http', label: 'HTTP', description: 'A Streamable HTTP endpoint (falls back to HTTP+SSE)' },
        { type: 'agentcore', label: 'AgentCore Runtime', description: 'Amazon Bedrock AgentCore: SigV4 or a bearer token' },
      ];
      a.kind = (await pick({ ...info(2), items, placeholder: 'How do you reach the server?', active: items.find(i => i.type === a.kind) })).type;
    },
  ];
  // The steps after the type depend on it; at most five of them (AgentCore).
  for (let k = 0; k < 5; k++) steps.push(async () => { const s = kindSteps()[k]; return s ? s(info(3 + k)) : 'skip'; });
  steps.push(async () => {
    if (!hasWorkspace) { a.scope = vscode.ConfigurationTarget.Global; return 'skip'; }
    const items = [
      { label: 'User settings', description: 'available in every window', scope: vscode.ConfigurationTarget.Global },
      { label: 'Workspace settings', description: 'only in this workspace', scope: vscode.ConfigurationTarget.Workspace },
    ];
    a.scope = (await pick({ ...info(total()), items, placeholder: 'Where should it be saved?' })).scope;
    return undefined;
  });
  if (!(await runSteps(steps)) || !a.name || !a.kind || a.scope === undefined) return undefined;

  const entry: Record<string, unknown> = { name: a.name, type: a.kind };
  if (a.kind === 'stdio') {
    const [command, ...args] = splitCommandLine(a.target ?? '');
    Object.assign(entry, { command, args });
  } else if (a.kind === 'http') {
    entry.url = a.target;
    const plain = a.headers.filter(h => !looksSecret(h.name));
    const secret = a.headers.filter(h => looksSecret(h.name));
    if (plain.length) entry.headers = Object.fromEntries(plain.map(h => [h.name, h.value]));
    if (secret.length) entry.secretHeaders = secret.map(h => h.name);
  } else {
    Object.assign(entry, agentCoreEntry(a.agentcore));
  }
  const config = parseConnections([entry]).connections[0];
  if (config) {
    // Secrets are kept for this target; what the person typed here they trust, in a workspace too.
    if (a.kind === 'http') for (const h of a.headers.filter(x => looksSecret(x.name))) await secrets.set(config, headerSecretKey(a.name, h.name), h.value);
    if (a.kind === 'agentcore' && a.agentcore.token) await secrets.set(config, bearerSecretKey(a.name), a.agentcore.token);
    if (a.scope !== vscode.ConfigurationTarget.Global) await trust.trust(config);
  }
  await addConnectionSetting(entry, a.scope);
  return a.name;
}

function targetStep(a: Answers) {
  return async (info: StepInfo) => {
    const stdio = a.kind === 'stdio';
    a.target = (await input({
      ...info, value: a.target,
      prompt: stdio ? 'The command line that starts the server (no shell; quote arguments with spaces; ${workspaceFolder} works)' : 'The server URL',
      placeholder: stdio ? 'e.g. npx -y @modelcontextprotocol/server-everything' : 'e.g. http://127.0.0.1:3001/mcp',
      validate: v => {
        if (!v.trim()) return stdio ? 'Enter a command.' : 'Enter a URL.';
        if (!stdio) return checkHttpUrl(v.trim());
        try { return splitCommandLine(v).length ? undefined : 'Enter a command.'; } catch (e) { return `Cannot read the command line: ${(e as Error).message}.`; }
      },
    })).trim();
  };
}

function headersStep(a: Answers) {
  return async (info: StepInfo) => {
    const line = await input({
      ...info, value: a.headers.map(h => `${h.name}: ${h.value}`).join('; '),
      prompt: 'Headers to send, as "Name: value" separated by ";" (leave empty for none). Authorization, API keys and tokens are kept in secret storage.',
      placeholder: 'e.g. Authorization: Bearer eyJ…; X-Team: blue',
      validate: v => {
        for (const part of v.split(';').map(s => s.trim()).filter(Boolean)) {
          const h = parseHeaderLine(part);
          if (typeof h === 'string') return h;
        }
        return undefined;
      },
    });
    a.headers = line.split(';').map(s => s.trim()).filter(Boolean).map(p => parseHeaderLine(p) as { name: string; value: string });
  };
}
