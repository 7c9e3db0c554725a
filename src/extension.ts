// Activation stays cheap: register the view, the documents and the commands; start nothing. The engine
// (MCP SDK) loads when a connection is first used. deactivate() ends sessions and stops stdio servers.
import type { ProtocolChoice } from './core/connections/era';
import * as vscode from 'vscode';
import { addConnection } from './vscode/commands/addConnection';
import { addDeployedRuntime, addRuntime, pickDeployed } from './vscode/commands/addDeployed';
import { addAllFoundServers, addFoundServer, connectFoundServer } from './vscode/commands/addFound';
import { browseRuntimes, type BrowseRequest } from './vscode/commands/browseRuntimes';
import type { SignedIn } from './core/auth/middleware';
import type { ConnectionConfig } from './core/connections/config';
import { setBearerToken } from './vscode/commands/bearerToken';
import { useInChat } from './vscode/commands/chat';
import { ChatDefinitions, DEFINITION_PROVIDER } from './vscode/chat/definitions';
import { setOAuthClientSecret, signIn, signOut } from './vscode/commands/signIn';
import { connect, copyValue, disconnect, removeConnection, restart, showLog } from './vscode/commands/connections';
import { editConnection } from './vscode/commands/editConnection';
import { getPrompt } from './vscode/commands/getPrompt';
import { invokeTool, LastCall } from './vscode/commands/invokeTool';
import { readResource } from './vscode/commands/readResource';
import { registerCommand } from './vscode/commands/run';
import { saveLastCall } from './vscode/commands/saveScenario';
import { cancelTask, openTaskResult } from './vscode/commands/tasks';
import { copyToolName, showToolSchema } from './vscode/commands/toolActions';
import { exportTraffic, showTraffic } from './vscode/commands/traffic';
import type { TrafficEvent } from './core/connections/traffic';
import type { ScenarioResult } from './core/scenario/run';
import type { Handlers } from './vscode/connections/host';
import { ConnectionManager } from './vscode/connections/manager';
import { Elicitations } from './vscode/elicitation/handler';
import { Queue } from './vscode/elicitation/queue';
import { BEDROCK_VENDOR, BedrockChatProvider } from './vscode/bedrock/provider';
import { SamplingConsent } from './vscode/sampling/consent';
import { Sampling } from './vscode/sampling/handler';
import { Secrets } from './vscode/connections/secrets';
import { onBedrockChanged } from './vscode/settings';
import { DefinitionTrust } from './vscode/connections/trust';
import { ResourceDocuments } from './vscode/documents/resources';
import { ResultDocuments } from './vscode/documents/results';
import { ContextKeys, Key } from './vscode/contextKeys';
import { Cmd, View } from './vscode/ids';
import { Logs } from './vscode/logs';
import { DeployedRuntimes } from './vscode/connections/deployed';
import { FoundConfigs } from './vscode/connections/found';
import { LinkedServers } from './vscode/connections/linked';
import { Cancelled } from './vscode/quickInput';
import { ScenarioTests } from './vscode/testing/controller';
import { TrafficStore } from './vscode/traffic';
import { ConnectionsTree } from './vscode/views/tree';
import { TrafficPanels } from './vscode/views/trafficPanel';

let manager: ConnectionManager | undefined;

export interface Api {
  /** The state of a connection, for other extensions and tests. */
  state(connection: string): ReturnType<ConnectionManager['state']>;
  /** The last tool call made from the UI, per connection. */
  lastCall(connection: string): LastCall | undefined;
  /** Recent JSON-RPC messages and HTTP exchanges of a connection, redacted. */
  traffic(connection: string): readonly TrafficEvent[];
  /** The last lines of a connection's log. */
  log(connection: string): readonly string[];
  /** The Markdown of the results shown in the result tab, newest first. */
  results(): readonly string[];
  /** The last result of running a scenario file (by its file system path). */
  scenarioResult(file: string): ScenarioResult | undefined;
  /** Who is signed in to a running connection's server (MCP authorization), if anyone. */
  signedIn(connection: string): SignedIn | undefined;
  /** A connection's definition as used (from settings, or from the file a linked server comes from). */
  config(connection: string): ConnectionConfig | undefined;
}

/** Tests get the API and may pass file paths to commands; in normal use neither exists: any other
 *  extension could otherwise read tool arguments, results and logs, or have us write any file. */
export function activate(context: vscode.ExtensionContext): Api | undefined {
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  const logs = new Logs();
  const secrets = new Secrets(context.secrets, context.globalState);
  const trust = new DefinitionTrust(context.workspaceState);
  const traffic = new TrafficStore();
  const lastCalls = new Map<string, LastCall>();
  const handlers: Handlers = { traffic: (c, e) => traffic.add(c, e) };
  const mgr = manager = new ConnectionManager(logs, secrets, trust, handlers);
  // Server requests: one quick input at a time, whichever connection asks.
  const questions = new Queue();
  const elicitations = new Elicitations(mgr, questions);
  const consent = new SamplingConsent(context.globalState, (title, json) => results.openText(title, json, 'json', vscode.ViewColumn.Beside));
  const sampling = new Sampling(consent, logs, questions);
  // Amazon Bedrock models for vscode.lm (agentcoreMcp.bedrock): registered now, loaded on first use.
  const bedrock = new BedrockChatProvider(logs);
  handlers.elicit = name => elicitations.handler(name);
  handlers.sample = (name, identity) => sampling.handler(name, identity);
  const scenarios = new ScenarioTests(mgr, logs, handlers);
  const history = { lastCalls: () => [...lastCalls.values()], elicitations: () => elicitations.history, samplings: () => sampling.history };
  const keys = new ContextKeys(mgr, traffic);
  const called = (c: LastCall) => { lastCalls.set(c.connection, c); keys.set(Key.HasLastCall, true); };
  const deployed = new DeployedRuntimes();
  const found = new FoundConfigs();
  const linked = new LinkedServers(context.workspaceState, found, secrets);
  mgr.useLinked(() => linked.current());
  // Connections chosen for chat, offered to VS Code's own MCP client (through the local gateway when needed).
  const chat = new ChatDefinitions(mgr);
  const tree = new ConnectionsTree(mgr, deployed, found);
  const view = vscode.window.createTreeView(View.Connections, { treeDataProvider: tree, showCollapseAll: true });
  // A connection that was just connected opens, so its tools are in view.
  const reveal = async (name: string) => { if (view.visible) await view.reveal(tree.connectionNode(name), { expand: true, select: false, focus: false }); };
  const results = new ResultDocuments(context.globalStorageUri, context.extensionUri);
  const resources = new ResourceDocuments(mgr);
  const panels = new TrafficPanels(traffic, Cmd.ExportTraffic, c => {
    const s = mgr.state(c);
    return s.kind === 'running' ? `Protocol ${s.session.protocolVersion ?? '?'}: ${s.session.eraReason}.` : undefined;
  });
  const reporter = {
    showLog: (c?: string) => (c ? logs.show(c) : undefined),
    reconnectIn: (c: string, protocol: string) => mgr.connection(c).reconnectIn(protocol as ProtocolChoice),
  };
  const reg = (id: Cmd, fn: (...args: never[]) => unknown) => registerCommand(id, fn, reporter);
  context.subscriptions.push(
    logs, traffic, panels, mgr, keys, tree, results, resources, scenarios, deployed, found,
    view, chat, vscode.lm.registerMcpServerDefinitionProvider(DEFINITION_PROVIDER, chat),
    bedrock, vscode.lm.registerLanguageModelChatProvider(BEDROCK_VENDOR, bedrock), onBedrockChanged(() => bedrock.refresh()),
    // An edit to a file a linked server comes from reaches its connection (restarted when it changed).
    found.onDidChange(() => void linked.storeSecrets().finally(() => mgr.reload())),
    reg(Cmd.AddConnection, async () => {
      const runtime = await pickDeployed(mgr, deployed, 'Add Connection').catch(e => { if (e instanceof Cancelled) return null; throw e; });
      if (runtime === null) return undefined;
      return offerConnect(runtime ? await addRuntime(trust, runtime) : await addConnection(secrets, trust));
    }),
    reg(Cmd.AddDeployedRuntime, async (node: unknown) => offerConnect(await addDeployedRuntime(mgr, trust, node))),
    reg(Cmd.AddFoundServer, async (node: unknown) => offerConnect(await addFoundServer(mgr, secrets, node))),
    reg(Cmd.AddAllFoundServers, (node: unknown) => addAllFoundServers(mgr, secrets, found, node)),
    reg(Cmd.ConnectFoundServer, async (node: unknown) => { const name = await connectFoundServer(mgr, secrets, linked, node); await reveal(name); return name; }),
    reg(Cmd.BrowseRuntimes, async (req?: BrowseRequest) => offerConnect(await browseRuntimes(testMode ? req : undefined))),
    reg(Cmd.EditConnection, (node: unknown) => editConnection(mgr, node)),
    reg(Cmd.RemoveConnection, (node: unknown) => removeConnection(mgr, logs, node, linked)),
    reg(Cmd.Connect, async (node: unknown) => { const name = await connect(mgr, node); await reveal(name); return name; }),
    reg(Cmd.Disconnect, (node: unknown) => disconnect(mgr, node)),
    reg(Cmd.Restart, (node: unknown) => restart(mgr, node)),
    reg(Cmd.ShowLog, (node: unknown) => showLog(mgr, logs, node)),
    reg(Cmd.Refresh, () => { found.soon(); mgr.reload(); for (const e of mgr.list()) e.catalog?.invalidate(); tree.refresh(); }),
    reg(Cmd.InvokeTool, (node: unknown) => invokeTool(mgr, results, node, called)),
    reg(Cmd.InvokeToolAsTask, (node: unknown) => invokeTool(mgr, results, node, called, true)),
    reg(Cmd.CancelTask, (node: unknown) => cancelTask(mgr, node)),
    reg(Cmd.CopyToolName, (node: unknown) => copyToolName(node)),
    reg(Cmd.ShowToolSchema, (node: unknown) => showToolSchema(results, node)),
    reg(Cmd.OpenTaskResult, (node: unknown) => openTaskResult(mgr, results, node)),
    reg(Cmd.ReadResource, (node: unknown) => readResource(mgr, resources, results, node)),
    reg(Cmd.GetPrompt, (node: unknown) => getPrompt(mgr, results, node)),
    reg(Cmd.CopyValue, (node: unknown) => copyValue(node)),
    reg(Cmd.UseInChat, (node: unknown) => useInChat(mgr, node, true)),
    reg(Cmd.StopUsingInChat, (node: unknown) => useInChat(mgr, node, false)),
    reg(Cmd.ShowTraffic, (node: unknown) => showTraffic(mgr, panels, node)),
    reg(Cmd.ExportTraffic, (arg: unknown) => exportTraffic(mgr, traffic, testMode ? arg : withoutFile(arg))),
    reg(Cmd.RunScenario, (uri?: vscode.Uri, step?: number) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (!target?.path.endsWith('.mcp-scenario.json')) throw new Error('Open a *.mcp-scenario.json file to run it.');
      return scenarios.run(target, step);
    }),
    reg(Cmd.SaveLastCall, (arg?: { connection?: string; file?: string; contains?: string | false }) => saveLastCall(mgr, history, testMode ? arg : withoutFile(arg))),
    reg(Cmd.SaveToolCall, async (node: unknown, save?: { file?: string; contains?: string | false }) => {
      let connection: string | undefined;
      const outcome = await invokeTool(mgr, results, node, c => { connection = c.connection; called(c); });
      return outcome && connection ? saveLastCall(mgr, history, { connection, ...(testMode ? save : withoutFile(save)) }) : undefined;
    }),
    reg(Cmd.KeepResult, () => results.view.keep()),
    reg(Cmd.ShowResultMarkdown, () => results.showSource()),
    reg(Cmd.SetBearerToken, (node: unknown) => setBearerToken(mgr, node)),
    reg(Cmd.SignIn, (node: unknown) => signIn(mgr, node)),
    reg(Cmd.SignOut, (node: unknown) => signOut(mgr, node)),
    reg(Cmd.SetOAuthClientSecret, (node: unknown) => setOAuthClientSecret(mgr, node)),
    reg(Cmd.ForgetTrustedConnections, async () => {
      const n = await trust.forgetAll();
      mgr.reload();
      void vscode.window.showInformationMessage(n ? `Forgot your trust in ${n} connection definition(s) of this workspace: each asks again before it starts.` : 'No connection of this workspace was trusted.');
      return n;
    }),
    reg(Cmd.ResetSamplingPermissions, async () => {
      const n = await consent.reset();
      void vscode.window.showInformationMessage(n ? `Sampling permissions of ${n} connection(s) were reset: servers will ask again.` : 'No sampling permissions were remembered.');
      return n;
    }),
  );
  /** Not awaited: the command is done once the connection is saved; the offer stays in the notifications. */
  function offerConnect(name: string | undefined): string | undefined {
    if (name) void vscode.window.showInformationMessage(`Added the connection "${name}".`, 'Connect').then(choice => (choice ? vscode.commands.executeCommand(Cmd.Connect, { kind: 'connection', connection: name }) : undefined));
    return name;
  }
  if (!testMode) return undefined;
  return { state: name => mgr.state(name), lastCall: name => lastCalls.get(name), traffic: name => traffic.of(name), log: name => logs.lines(name), scenarioResult: file => scenarios.results.get(file), results: () => results.view.history.map(r => r.markdown), signedIn: name => mgr.get(name)?.conn?.signedIn(), config: name => mgr.get(name)?.config };
}

/** A command argument without its `file`: outside tests the person chooses where to write, in a dialog. */
function withoutFile<T>(arg: T): T {
  if (!arg || typeof arg !== 'object' || !('file' in arg)) return arg;
  const { file: _file, ...rest } = arg as T & { file?: unknown };
  return rest as T;
}

export function deactivate(): Promise<void> | undefined {
  return manager?.disposeAsync();
}
