// Connections that a workspace's settings define (or a scenario file in it) start only after the person
// trusts that definition: once per definition and workspace, asked again when the command, URL or runtime
// changes, never in Restricted Mode. Connections the person adds or edits through our commands are trusted
// as they are written; "Forget Trusted Workspace Connections" revokes every trust of this workspace.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../../core/connections/config';
import { definitionId, targetOf } from '../../core/connections/identity';
import { engine } from '../engine';
import { Cancelled, pick } from '../quickInput';

const key = 'agentcoreMcp.trustedDefinitions';

/** Where a connection's definition comes from. */
export interface Origin {
  /** "user settings", "workspace settings", "the scenario file x.mcp-scenario.json". */
  readonly label: string;
  /** Whether a workspace (settings or files in it) defines it: then trust is asked for. */
  readonly workspace: boolean;
  /** The user connection of the same name that a workspace entry hides. */
  readonly shadows?: ConnectionConfig;
}

const kindOf = (c: ConnectionConfig) => c.type === 'stdio' ? 'runs' : c.type === 'http' ? 'connects to' : 'connects to the AgentCore runtime';

/** Why a connection a workspace defines does not start in Restricted Mode (undefined when it may). */
export function restrictedRefusal(name: string, origin: Origin): { message: string; nextStep: string } | undefined {
  if (!origin.workspace || vscode.workspace.isTrusted) return undefined;
  return {
    message: `"${name}" is defined by ${origin.label}, and this workspace is not trusted (Restricted Mode).`,
    nextStep: 'Trust the workspace ("Workspaces: Manage Workspace Trust"), or move the connection to your user settings.',
  };
}

export class DefinitionTrust {
  private readonly asking = new Map<string, Promise<void>>();

  constructor(private readonly state: vscode.Memento) {}

  private all(): Record<string, { name: string; target: string }> { return this.state.get(key) ?? {}; }

  isTrusted(config: ConnectionConfig): boolean { return definitionId(config) in this.all(); }

  async trust(config: ConnectionConfig): Promise<void> {
    await this.state.update(key, { ...this.all(), [definitionId(config)]: { name: config.name, target: targetOf(config) } });
  }

  async forgetAll(): Promise<number> {
    const n = Object.keys(this.all()).length;
    await this.state.update(key, undefined);
    return n;
  }

  /** Resolves when the connection may open; throws the reason when it may not. */
  admit(config: ConnectionConfig, origin: Origin): Promise<void> {
    if (!origin.workspace) return Promise.resolve();
    const restricted = restrictedRefusal(config.name, origin);
    if (restricted) return Promise.reject(new (engine().ExplainedError)(restricted.message, restricted.nextStep));
    if (this.isTrusted(config)) return Promise.resolve();
    const id = definitionId(config);
    let pending = this.asking.get(id);
    if (!pending) {
      pending = this.ask(config, origin).finally(() => this.asking.delete(id));
      this.asking.set(id, pending);
    }
    return pending;
  }

  private async ask(config: ConnectionConfig, origin: Origin): Promise<void> {
    const shadow = origin.shadows;
    type Item = vscode.QuickPickItem & { yes: boolean };
    const items: Item[] = [
      { label: '$(shield) Trust and Connect', yes: true, description: `${kindOf(config).replace(/^\w/, c => c.toUpperCase())} ${targetOf(config)}`,
        detail: shadow ? `It hides your user connection "${shadow.name}", which ${kindOf(shadow)} ${targetOf(shadow)}.` : `Defined in ${origin.label}.` },
      { label: '$(circle-slash) Do Not Start', yes: false, detail: 'Nothing is started or sent. You are asked again on the next Connect.' },
    ];
    let yes = false;
    try {
      yes = (await pick({ title: `Start "${config.name}", defined by this workspace?`, items, placeholder: 'Start it only if you trust whoever wrote this workspace. A changed definition asks again.' })).yes;
    } catch (e) {
      if (!(e instanceof Cancelled)) throw e;
    }
    if (!yes) {
      throw new (engine().ExplainedError)(`"${config.name}" was not started: its definition in ${origin.label} is not trusted.`,
        'Connect again to review it and trust it, or move the connection to your user settings.');
    }
    await this.trust(config);
  }

}
