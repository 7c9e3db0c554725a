// Everything the extension is made of, built once at activation and disposed with it: the connections and
// their logs, secrets, trust and traffic; the answers to servers (elicitation, sampling); the views,
// documents and panels; scenario tests; what is offered to VS Code's own MCP client and language models.
// Nothing here starts a connection or loads the engine.
import * as vscode from 'vscode';
import { BEDROCK_VENDOR, BedrockChatProvider } from './bedrock/provider';
import { ChatDefinitions, DEFINITION_PROVIDER } from './chat/definitions';
import type { LastCall } from './commands/invokeTool';
import { DeployedRuntimes } from './connections/deployed';
import { FoundConfigs } from './connections/found';
import type { Handlers } from './connections/host';
import { LinkedServers } from './connections/linked';
import { ConnectionManager } from './connections/manager';
import { Secrets } from './connections/secrets';
import { DefinitionTrust } from './connections/trust';
import { ContextKeys, Key } from './contextKeys';
import { DisposableStore } from './disposables';
import { ResourceDocuments } from './documents/resources';
import { ResultDocuments } from './documents/results';
import { Elicitations } from './elicitation/handler';
import { Queue } from './elicitation/queue';
import { Cmd, View } from './ids';
import { Logs } from './logs';
import { SamplingConsent } from './sampling/consent';
import { Sampling } from './sampling/handler';
import { onBedrockChanged } from './settings';
import { ScenarioTests } from './testing/controller';
import { TrafficStore } from './traffic';
import { ConnectionsTree } from './views/tree';
import { TrafficPanels } from './views/trafficPanel';

export class Services extends DisposableStore {
  readonly logs = this.add(new Logs());
  readonly secrets: Secrets;
  readonly trust: DefinitionTrust;
  readonly traffic = this.add(new TrafficStore());
  readonly lastCalls = new Map<string, LastCall>();
  readonly mgr: ConnectionManager;
  readonly elicitations: Elicitations;
  readonly consent: SamplingConsent;
  readonly sampling: Sampling;
  readonly scenarios: ScenarioTests;
  readonly keys: ContextKeys;
  readonly deployed = this.add(new DeployedRuntimes());
  readonly found = this.add(new FoundConfigs());
  readonly linked: LinkedServers;
  readonly tree: ConnectionsTree;
  readonly view: vscode.TreeView<unknown>;
  readonly results: ResultDocuments;
  readonly resources: ResourceDocuments;
  readonly panels: TrafficPanels;

  constructor(context: vscode.ExtensionContext, readonly testMode: boolean) {
    super();
    this.secrets = new Secrets(context.secrets, context.globalState);
    this.trust = new DefinitionTrust(context.workspaceState);
    const handlers: Handlers = { traffic: (c, e) => this.traffic.add(c, e) };
    const mgr = this.mgr = this.add(new ConnectionManager(this.logs, this.secrets, this.trust, handlers));
    // Server requests: one quick input at a time, whichever connection asks.
    const questions = new Queue();
    this.elicitations = new Elicitations(mgr, questions);
    this.results = this.add(new ResultDocuments(context.globalStorageUri, context.extensionUri));
    this.consent = new SamplingConsent(context.globalState, (title, json) => this.results.openText(title, json, 'json', vscode.ViewColumn.Beside));
    this.sampling = new Sampling(this.consent, this.logs, questions);
    handlers.elicit = name => this.elicitations.handler(name);
    handlers.sample = (name, identity) => this.sampling.handler(name, identity);
    this.scenarios = this.add(new ScenarioTests(mgr, this.logs, handlers));
    this.keys = this.add(new ContextKeys(mgr, this.traffic));
    this.linked = new LinkedServers(context.workspaceState, this.found, this.secrets);
    mgr.useLinked(() => this.linked.current());
    this.tree = this.add(new ConnectionsTree(mgr, this.deployed, this.found));
    this.view = this.add(vscode.window.createTreeView(View.Connections, { treeDataProvider: this.tree, showCollapseAll: true }));
    this.resources = this.add(new ResourceDocuments(mgr));
    this.panels = this.add(new TrafficPanels(this.traffic, Cmd.ExportTraffic, c => {
      const s = mgr.state(c);
      return s.kind === 'running' ? `Protocol ${s.session.protocolVersion ?? '?'}: ${s.session.eraReason}.` : undefined;
    }));
    // Connections chosen for chat, offered to VS Code's own MCP client (through the local gateway when needed).
    const chat = this.add(new ChatDefinitions(mgr));
    // Amazon Bedrock models for vscode.lm (agentcoreMcp.bedrock): registered now, loaded on first use.
    const bedrock = this.add(new BedrockChatProvider(this.logs));
    this.addAll(
      vscode.lm.registerMcpServerDefinitionProvider(DEFINITION_PROVIDER, chat),
      vscode.lm.registerLanguageModelChatProvider(BEDROCK_VENDOR, bedrock), onBedrockChanged(() => bedrock.refresh()),
      // An edit to a file a linked server comes from reaches its connection (restarted when it changed).
      this.found.onDidChange(() => void this.linked.storeSecrets().finally(() => mgr.reload())),
    );
  }

  /** What Save Last Call can choose from. */
  readonly history = {
    lastCalls: () => [...this.lastCalls.values()],
    elicitations: () => this.elicitations.history,
    samplings: () => this.sampling.history,
  };

  /** A tool call made from the UI: the latest per connection, for Save Last Call. */
  called(c: LastCall): void {
    this.lastCalls.set(c.connection, c);
    this.keys.set(Key.HasLastCall, true);
  }

  /** A connection that was just connected opens, so its tools are in view. */
  async reveal(name: string): Promise<void> {
    if (this.view.visible) await this.view.reveal(this.tree.connectionNode(name), { expand: true, select: false, focus: false });
  }
}
