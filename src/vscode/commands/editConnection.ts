// "AgentCore MCP: Edit Connection": change one thing about a connection (name, command, URL, headers,
// secret values, …) and write it back to the settings scope it came from. "Open settings.json" is
// always there for everything else.
import * as vscode from 'vscode';
import { checkHttpUrl, ConnectionConfig, parseConnections, splitCommandLine } from '../../core/connections/config';
import { bearerSecretKey, headerSecretKey } from '../../core/connections/secretKeys';
import type { ConnectionManager } from '../connections/manager';
import { input, pick } from '../quickInput';
import { updateConnectionSetting } from '../settings';
import { AgentCoreAnswers, agentCoreSteps } from './addAgentCore';
import { looksSecret, parseHeaderLine } from './headers';
import { pickConnection } from './pick';

type Edit = vscode.QuickPickItem & { run: () => Promise<Record<string, unknown> | 'done' | undefined> };

function quoteArg(a: string): string { return /[\s"'\\]/.test(a) || a === '' ? `"${a.replace(/(["\\])/g, '\\$1')}"` : a; }

export async function editConnection(manager: ConnectionManager, node: unknown): Promise<string | undefined> {
  const name = await pickConnection(manager, node, 'Edit Connection');
  const entry = manager.get(name);
  if (!entry) return undefined;
  if (entry.linked) {
    // The file is the truth for a server used straight from it: edit it there.
    await vscode.window.showTextDocument(vscode.Uri.file(entry.linked.path));
    void vscode.window.showInformationMessage(`"${name}" is used straight from ${entry.linked.label}: edit it there, and the connection follows. To keep your own copy, use + on it under "Found in …".`);
    return undefined;
  }
  const c: ConnectionConfig = entry.config;
  const title = `Edit ${name}`;
  const others = new Set(manager.list().map(e => e.config.name).filter(n => n !== name));
  const edits: Edit[] = [{
    label: 'Rename', description: name, run: async () => {
      const to = (await input({ title, prompt: 'New name', value: name, validate: v => !v.trim() ? 'Enter a name.' : others.has(v.trim()) ? 'That name is taken.' : /[/\\]/.test(v) ? 'No slashes.' : undefined })).trim();
      if (to === name) return undefined;
      await manager.secrets.rename(c, to);
      return { name: to };
    },
  }];
  if (c.type === 'stdio') {
    edits.push({
      label: 'Command line', description: [c.command, ...c.args].map(quoteArg).join(' '), run: async () => {
        const v = await input({ title, prompt: 'The command line (no shell)', value: [c.command, ...c.args].map(quoteArg).join(' '), validate: x => { try { return splitCommandLine(x).length ? undefined : 'Enter a command.'; } catch (e) { return (e as Error).message; } } });
        const [command, ...args] = splitCommandLine(v);
        return { command, args };
      },
    }, {
      label: 'Working directory', description: c.cwd ?? '(the extension host\'s)', run: async () => {
        const v = (await input({ title, prompt: 'Working directory (empty for none; ${workspaceFolder} works)', value: c.cwd ?? '' })).trim();
        return v ? { cwd: v } : { cwd: undefined };
      },
    }, {
      label: 'Environment variables', description: Object.keys(c.env).join(', ') || '(none)', run: async () => {
        const v = await input({ title, prompt: 'Environment as JSON, e.g. {"LOG_LEVEL": "debug"}', value: JSON.stringify(c.env), validate: x => { try { const o = JSON.parse(x || '{}'); return o && typeof o === 'object' && !Array.isArray(o) && Object.values(o).every(s => typeof s === 'string') ? undefined : 'An object of strings.'; } catch (e) { return (e as Error).message; } } });
        return { env: JSON.parse(v || '{}') };
      },
    });
  }
  if (c.type === 'http') {
    edits.push({
      label: 'URL', description: c.url, run: async () => ({ url: (await input({ title, prompt: 'Server URL', value: c.url, validate: v => checkHttpUrl(v.trim()) })).trim() }),
    }, {
      label: 'Add or change a header', description: [...Object.keys(c.headers), ...c.secretHeaders.map(h => `${h} (secret)`)].join(', ') || '(none)', run: async () => {
        const line = await input({ title, prompt: 'Header as "Name: value". Authorization, API keys and tokens go to secret storage.', validate: v => { const h = parseHeaderLine(v); return typeof h === 'string' ? h : undefined; } });
        const h = parseHeaderLine(line) as { name: string; value: string };
        const headers = { ...c.headers };
        const secretHeaders = c.secretHeaders.filter(s => s.toLowerCase() !== h.name.toLowerCase());
        delete headers[h.name];
        if (looksSecret(h.name)) {
          await manager.secrets.set(c, headerSecretKey(name, h.name), h.value);
          secretHeaders.push(h.name);
        } else {
          headers[h.name] = h.value;
        }
        return { headers, secretHeaders };
      },
    });
    const names = [...Object.keys(c.headers), ...c.secretHeaders];
    if (names.length) {
      edits.push({
        label: 'Remove a header', run: async () => {
          const h = (await pick({ title, items: names.map(n => ({ label: n })), placeholder: 'Which header?' })).label;
          const headers = { ...c.headers };
          delete headers[h];
          if (c.secretHeaders.includes(h)) await manager.secrets.delete(c, headerSecretKey(name, h));
          return { headers, secretHeaders: c.secretHeaders.filter(s => s !== h) };
        },
      });
    }
  }
  if (c.type === 'agentcore') {
    const a: AgentCoreAnswers = { arn: c.arn, qualifier: c.qualifier, auth: c.auth, ...(c.profile ? { profile: c.profile } : {}), ...(c.endpoint ? { endpoint: c.endpoint } : {}) };
    const steps = agentCoreSteps(a);
    const one = (i: number) => steps[i]({ title });
    edits.push(
      { label: 'Runtime ARN', description: c.arn, run: async () => { await one(0); return { arn: a.arn }; } },
      { label: 'Qualifier', description: c.qualifier, run: async () => { await one(1); return { qualifier: a.qualifier === 'DEFAULT' ? undefined : a.qualifier }; } },
      {
        label: 'Authentication', description: c.auth === 'bearer' ? 'bearer token' : `SigV4${c.profile ? `, profile ${c.profile}` : ''}`, run: async () => {
          await one(2);
          await one(3);
          if (a.token) await manager.secrets.set(c, bearerSecretKey(name), a.token);
          return { auth: a.auth, profile: a.auth === 'sigv4' ? a.profile : undefined };
        },
      },
      { label: 'Endpoint override', description: c.endpoint ?? '(AWS)', run: async () => { await one(4); return { endpoint: a.endpoint }; } },
      {
        label: 'Region', description: c.region ?? '(from the ARN)', run: async () => {
          const v = (await input({ title, prompt: 'Region to sign for and call (empty: the ARN\'s region)', value: c.region ?? '', validate: x => (!x.trim() || /^[a-z]{2}(-[a-z]+)+-\d$/.test(x.trim()) ? undefined : 'A region like us-east-1.') })).trim();
          return { region: v || undefined };
        },
      },
    );
    if (c.auth === 'bearer') edits.push({ label: 'Set bearer token', run: async () => { await vscode.commands.executeCommand('agentcoreMcp.setBearerToken', { kind: 'connection', connection: name }); return 'done'; } });
  }
  edits.push({
    label: '$(json) Open settings.json', run: async () => {
      await vscode.commands.executeCommand(entry.scope === vscode.ConfigurationTarget.Global ? 'workbench.action.openSettingsJson' : 'workbench.action.openWorkspaceSettingsFile');
      return 'done';
    },
  });
  const chosen = await pick({ title, items: edits, placeholder: 'What do you want to change?' });
  const change = await chosen.run();
  if (!change || change === 'done') return undefined;
  let written: Record<string, unknown> | undefined;
  await updateConnectionSetting(name, entry.scope, e => {
    const next = { ...e, ...change };
    for (const [k, v] of Object.entries(next)) if (v === undefined) delete next[k];
    if (Array.isArray(next.secretHeaders) && next.secretHeaders.length === 0) delete next.secretHeaders;
    if (next.headers && typeof next.headers === 'object' && Object.keys(next.headers).length === 0) delete next.headers;
    return (written = next);
  });
  // A workspace connection the person trusted stays trusted through an edit they made here.
  const edited = written && parseConnections([written]).connections[0];
  if (edited && entry.scope !== vscode.ConfigurationTarget.Global && manager.trust.isTrusted(c)) await manager.trust.trust(edited);
  return (change.name as string | undefined) ?? name;
}
