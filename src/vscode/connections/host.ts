// The ConnectionHost the engine gets in VS Code: logs go to the connection's log channel, secrets come
// from SecretStorage, ${workspaceFolder} is expanded, roots are the workspace folders, and the stateful
// features (elicitation, sampling) are answered by the UI handlers registered here.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../../core/connections/config';
import { expandVariables } from '../../core/connections/expand';
import type { ConnectionHost } from '../../core/connections/host';
import type { LoggingLevel } from '@modelcontextprotocol/client';
import { targetId } from '../../core/connections/identity';
import type { TrafficFrame } from '../../core/connections/traffic';
import { Setting } from '../ids';
import type { Logs } from '../logs';
import { oauthHost } from './oauth';
import { secretFor } from './secretPrompt';
import type { Secrets } from './secrets';
import type { DefinitionTrust, Origin } from './trust';
import { engine } from '../engine';

/** Answers server requests for one connection; provided by the elicitation and sampling UI. */
export interface Handlers {
  elicit?: (connection: string) => ConnectionHost['elicit'];
  /** `identity` names the connection and what it reaches: lasting consents are bound to it. */
  sample?: (connection: string, identity: () => string) => ConnectionHost['sample'];
  traffic?: (connection: string, f: TrafficFrame) => void;
}

/** ${...} variables with this window's workspace folders. */
export function expandInEditor(value: string): string {
  return expandVariables(value, (vscode.workspace.workspaceFolders ?? []).map(f => ({ name: f.name, path: f.uri.fsPath })));
}

/** Where the host finds out who defined a connection (for trust and secrets) and whom to ask. */
export interface Access {
  readonly secrets: Secrets;
  readonly trust: DefinitionTrust;
  origin(config: ConnectionConfig): Origin;
}

/** The identity lasting consents are bound to: the name, who defined it, and what it reaches. */
export function identityOf(config: ConnectionConfig, origin: Origin): string {
  return `${config.name}@${origin.workspace ? 'workspace' : 'user'}:${targetId(config)}`;
}

/** `authChanged`: who is signed in, or until when, changed (the tree shows it). */
export function makeHost(connection: string, logs: Logs, access: Access, handlers: Handlers, authChanged: () => void = () => undefined): ConnectionHost {
  // Settings are read when used, so a change applies to the next request without a restart.
  const config = () => vscode.workspace.getConfiguration(Setting.section);
  const seconds = (key: string, fallback: number) => Math.max(1, Number(config().get<number>(key) ?? fallback)) * 1000;
  // What the connection was last admitted as (every open asks admit first): consents are bound to it.
  let admitted: ConnectionConfig | undefined;
  const elicit = handlers.elicit?.(connection);
  const sample = handlers.sample?.(connection, () => admitted ? identityOf(admitted, access.origin(admitted)) : connection);
  return {
    clientName: 'VS Code',
    agentcorePlan: (c, h, x) => engine().agentcore.resolveAgentCorePlan(c, h, x),
    log: (level, message) => logs.write(connection, level, message),
    notify: (level, message) => {
      const show = level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(message, 'Show Log').then(choice => { if (choice) logs.show(connection); });
    },
    secret: (key, c) => secretFor(access.secrets, c, key, access.origin(c), (level, message) => logs.write(connection, level, message)),
    admit: async c => { await access.trust.admit(c, access.origin(c)); admitted = c; },
    expand: expandInEditor,
    roots: async () => (vscode.workspace.workspaceFolders ?? []).map(f => ({ uri: f.uri.toString(), name: f.name })),
    ...(elicit ? { elicit, elicitationModes: { form: true, url: true } } : {}),
    ...(sample ? { sample } : {}),
    ...(handlers.traffic ? { traffic: (f: TrafficFrame) => handlers.traffic!(connection, f) } : {}),
    mfaCode: serial => askMfaCode(connection, serial),
    oauth: oauthHost(() => admitted, access.secrets, (level, message) => logs.write(connection, level, message), authChanged),
    get serverLogLevel() { return config().get<LoggingLevel>(Setting.serverLogLevel) ?? 'info'; },
    get timeouts() {
      return { connectMs: seconds(Setting.connectTimeout, 60), requestMs: seconds(Setting.requestTimeout, 60), toolCallMs: seconds(Setting.toolCallTimeout, 600) };
    },
    get maxInputRounds() { return Math.max(1, Math.floor(config().get<number>(Setting.maxInputRounds) ?? 10)); },
  };
}

/** Asks for the one-time code of an AWS profile's MFA device; `who` titles the question. */
export async function askMfaCode(who: string, serial: string): Promise<string> {
  const code = await vscode.window.showInputBox({
    title: `${who}: MFA code`, prompt: `The AWS profile needs a one-time code from the MFA device ${serial}.`,
    ignoreFocusOut: true, password: false, validateInput: v => (/^\d{6}$/.test(v.trim()) ? undefined : 'Enter the 6-digit code.'),
  });
  if (!code) throw new Error('No MFA code was entered.');
  return code.trim();
}
