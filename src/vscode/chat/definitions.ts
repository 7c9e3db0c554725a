// The connections a person chose to use in chat (`exposeToChat`, "AgentCore MCP: Use in Chat") offered to
// VS Code's own MCP client, the one chat agent mode uses. Listing them reads settings only; what needs a
// secret, a yes to a workspace's definition or the gateway happens in resolveMcpServerDefinition, which
// VS Code calls each time it starts one. A connection that cannot start stays listed; starting it says why
// and what to do, and returns nothing, so VS Code does not start it.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../../core/connections/config';
import { offerOf, offerVersion, type Offer } from '../../core/connections/offer';
import { headerSecretKey } from '../../core/connections/secretKeys';
import { expandInEditor } from '../connections/host';
import type { ConnectionManager } from '../connections/manager';
import { secretFor } from '../connections/secretPrompt';
import { Cmd } from '../ids';
import { Cancelled } from '../quickInput';
import type { Gateway } from '../../core/gateway/server';
import type { RemoteConfig } from '../../core/gateway/upstream';
import { engine } from '../engine';
import { DisposableStore } from '../disposables';

/** The provider's id in package.json (`contributes.mcpServerDefinitionProviders`). */
export const DEFINITION_PROVIDER = 'agentcoreMcp.connections';

type Definition = vscode.McpStdioServerDefinition | vscode.McpHttpServerDefinition;

/** Why a connection was not started for chat, and what helps. */
class NotOffered extends Error {
  constructor(message: string, readonly nextStep: string, readonly action?: { title: string; run: () => unknown }) { super(message); }
}

/** Where gateway definitions point until they are resolved: never contacted (VS Code resolves first). */
const pending = (name: string) => vscode.Uri.parse(`http://127.0.0.1/agentcore-mcp/pending/${encodeURIComponent(name)}`);

export class ChatDefinitions implements vscode.McpServerDefinitionProvider<Definition>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeMcpServerDefinitions = this.changed.event;
  /** What was last listed, to tell VS Code only when that changed. */
  private listed = '';
  /** Gateway routes opened, by connection name, with the version they were opened for. */
  private readonly routes = new Map<string, string>();
  private readonly disposables = new DisposableStore();

  /** The local gateway (loopback HTTP): made on first use; it listens only while a route exists. */
  private gatewayInstance?: Gateway;

  constructor(private readonly manager: ConnectionManager) {
    this.listed = this.signature();
    this.disposables.addAll(
      this.changed,
      // The manager reloads (fires undefined) when the connections setting changes.
      manager.onDidChange(c => { if (c === undefined) this.refresh(); }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh(true)),
    );
  }

  /** The connections offered: those whose settings say `exposeToChat`. */
  private exposed(): ConnectionConfig[] {
    return this.manager.list().map(e => e.config).filter(c => c.exposeToChat === true);
  }

  private signature(): string {
    return JSON.stringify(this.exposed().map(c => [c.name, offerVersion(c)]));
  }

  private refresh(always = false): void {
    const now = this.signature();
    if (!always && now === this.listed) return;
    this.listed = now;
    const offered = new Map(this.exposed().map(c => [c.name, offerVersion(c)]));
    for (const [name, version] of this.routes) if (offered.get(name) !== version) this.unroute(name);
    this.changed.fire();
  }

  provideMcpServerDefinitions(): Definition[] {
    return this.exposed().map(c => definitionOf(c, offerOf(c, expandInEditor)));
  }

  async resolveMcpServerDefinition(definition: Definition): Promise<Definition | undefined> {
    const config = this.exposed().find(c => c.name === definition.label);
    if (!config) return undefined; // no longer offered; VS Code lists again
    try {
      // A connection a workspace defines starts only after the person trusts it, as in the view.
      await this.manager.trust.admit(config, this.manager.origin(config));
      const offer = offerOf(config, expandInEditor);
      if (offer.kind === 'stdio' || config.type === 'stdio') return definition;
      // New objects: the listed definition stays without secret values.
      if (offer.kind === 'http') {
        return new vscode.McpHttpServerDefinition(config.name, vscode.Uri.parse(offer.url), { ...offer.headers, ...await this.secretHeaders(config, offer.secretHeaders) }, offerVersion(config));
      }
      return new vscode.McpHttpServerDefinition(config.name, vscode.Uri.parse((await this.route(config, offer.why)).href), {}, offerVersion(config));
    } catch (e) {
      if (e instanceof Cancelled) return undefined;
      this.report(config.name, e);
      return undefined;
    }
  }

  private async secretHeaders(config: ConnectionConfig, names: readonly string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const header of names) {
      const value = await secretFor(this.manager.secrets, config, headerSecretKey(config.name, header), this.manager.origin(config), (level, message) => this.manager.log(config.name, level, message));
      if (value === undefined) {
        throw new NotOffered(`its secret header "${header}" has no value in secret storage.`, 'Set it with "AgentCore MCP: Edit Connection", then start the server again.',
          { title: 'Edit Connection', run: () => vscode.commands.executeCommand(Cmd.EditConnection, { kind: 'connection', connection: config.name }) });
      }
      out[header] = value;
    }
    return out;
  }

  private gateway(): Gateway {
    this.gatewayInstance ??= new (engine().gateway.Gateway)({ log: (name, line) => this.manager.log(name, 'warn', line) });
    return this.gatewayInstance;
  }

  /** Routes the connection through the gateway with this extension's host: its secrets, sign-in, traffic. */
  private async route(config: RemoteConfig, why: string): Promise<URL> {
    this.manager.log(config.name, 'info', `Offered to VS Code's MCP client through the local gateway (${why}).`);
    const url = await this.gateway().route(config.name, () => engine().gateway.openUpstream(config, this.manager.hostFor(config.name)));
    this.routes.set(config.name, offerVersion(config));
    return url;
  }

  private unroute(name: string): void {
    this.routes.delete(name);
    void this.gatewayInstance?.unroute(name).catch(e => this.manager.log(name, 'warn', `Its chat gateway route did not close: ${(e as Error).message}`));
  }

  /** Shown, not awaited: VS Code waits for the resolve, not for the person to read. */
  private report(name: string, e: unknown): void {
    const err = e as Error & { nextStep?: string; action?: NotOffered['action'] };
    const text = `Chat cannot start "${name}": ${err.message}${err.nextStep ? ` ${err.nextStep}` : ''}`;
    this.manager.log(name, 'warn', text);
    const action = e instanceof NotOffered ? e.action : undefined;
    void vscode.window.showErrorMessage(text, ...(action ? [action.title] : []), 'Show Log').then(choice => {
      if (choice && choice === action?.title) void action.run();
      else if (choice) void vscode.commands.executeCommand(Cmd.ShowLog, { kind: 'connection', connection: name });
    });
  }

  dispose(): void {
    this.routes.clear();
    void this.gatewayInstance?.close();
    this.disposables.dispose();
  }
}

function definitionOf(config: ConnectionConfig, offer: Offer): Definition {
  const version = offerVersion(config);
  switch (offer.kind) {
    case 'stdio': {
      const d = new vscode.McpStdioServerDefinition(config.name, offer.command, [...offer.args], { ...offer.env }, version);
      if (offer.cwd) d.cwd = vscode.Uri.file(offer.cwd);
      return d;
    }
    // Secret header values are added when VS Code starts it (resolve), never listed.
    case 'http': return new vscode.McpHttpServerDefinition(config.name, vscode.Uri.parse(offer.url), { ...offer.headers }, version);
    case 'gateway': return new vscode.McpHttpServerDefinition(config.name, pending(config.name), {}, version);
  }
}
