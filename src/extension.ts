// Activation stays cheap: build the services (views, documents, providers) and register the commands;
// start nothing. The engine (MCP SDK) loads when a connection is first used. deactivate() ends sessions
// and stops stdio servers.
import * as vscode from 'vscode';
import { testApi, type Api } from './vscode/api';
import { registerCommands } from './vscode/commands/register';
import type { ConnectionManager } from './vscode/connections/manager';
import { Services } from './vscode/services';

export type { Api } from './vscode/api';

let manager: ConnectionManager | undefined;

/** Tests get the API and may pass file paths to commands; in normal use neither exists. */
export function activate(context: vscode.ExtensionContext): Api | undefined {
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  const services = new Services(context, testMode);
  manager = services.mgr;
  context.subscriptions.push(services, ...registerCommands(services));
  return testMode ? testApi(services) : undefined;
}

export function deactivate(): Promise<void> | undefined {
  return manager?.disposeAsync();
}
