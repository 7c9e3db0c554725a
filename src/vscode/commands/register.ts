// Every command, bound to the services it acts on. Errors are reported the same way for all of them
// (commands/run.ts). In tests some commands take arguments a person never passes (a file to write, a
// browse request); outside tests those are dropped.
import * as vscode from 'vscode';
import type { ProtocolChoice } from '../../core/connections/era';
import { Cmd } from '../ids';
import { Cancelled } from '../quickInput';
import type { Services } from '../services';
import { addConnection } from './addConnection';
import { addDeployedRuntime, addRuntime, pickDeployed } from './addDeployed';
import { addAllFoundServers, addFoundServer, connectFoundServer } from './addFound';
import { setBearerToken } from './bearerToken';
import { browseRuntimes, type BrowseRequest } from './browseRuntimes';
import { useInChat } from './chat';
import { connect, copyValue, disconnect, removeConnection, restart, showLog } from './connections';
import { editConnection } from './editConnection';
import { getPrompt } from './getPrompt';
import { invokeTool } from './invokeTool';
import { readResource } from './readResource';
import { registerCommand } from './run';
import { saveLastCall } from './saveScenario';
import { setOAuthClientSecret, signIn, signOut } from './signIn';
import { cancelTask, openTaskResult } from './tasks';
import { copyToolName, showToolSchema } from './toolActions';
import { exportTraffic, showTraffic } from './traffic';

export function registerCommands(s: Services): vscode.Disposable[] {
  const { mgr, logs, secrets, trust, results, testMode } = s;
  const reporter = {
    showLog: (c?: string) => (c ? logs.show(c) : undefined),
    reconnectIn: (c: string, protocol: string) => mgr.connection(c).reconnectIn(protocol as ProtocolChoice),
  };
  const reg = (id: Cmd, fn: (...args: never[]) => unknown) => registerCommand(id, fn, reporter);
  const called = (c: Parameters<Services['called']>[0]) => s.called(c);
  const testOnly = <T>(arg: T): T => (testMode ? arg : withoutFile(arg));
  return [
    reg(Cmd.AddConnection, async () => {
      const runtime = await pickDeployed(mgr, s.deployed, 'Add Connection').catch(e => { if (e instanceof Cancelled) return null; throw e; });
      if (runtime === null) return undefined;
      return offerConnect(runtime ? await addRuntime(trust, runtime) : await addConnection(secrets, trust));
    }),
    reg(Cmd.AddDeployedRuntime, async (node: unknown) => offerConnect(await addDeployedRuntime(mgr, trust, node))),
    reg(Cmd.AddFoundServer, async (node: unknown) => offerConnect(await addFoundServer(mgr, secrets, node))),
    reg(Cmd.AddAllFoundServers, (node: unknown) => addAllFoundServers(mgr, secrets, s.found, node)),
    reg(Cmd.ConnectFoundServer, async (node: unknown) => { const name = await connectFoundServer(mgr, secrets, s.linked, node); await s.reveal(name); return name; }),
    reg(Cmd.BrowseRuntimes, async (req?: BrowseRequest) => offerConnect(await browseRuntimes(testMode ? req : undefined))),
    reg(Cmd.EditConnection, (node: unknown) => editConnection(mgr, node)),
    reg(Cmd.RemoveConnection, (node: unknown) => removeConnection(mgr, logs, node, s.linked)),
    reg(Cmd.Connect, async (node: unknown) => { const name = await connect(mgr, node); await s.reveal(name); return name; }),
    reg(Cmd.Disconnect, (node: unknown) => disconnect(mgr, node)),
    reg(Cmd.Restart, (node: unknown) => restart(mgr, node)),
    reg(Cmd.ShowLog, (node: unknown) => showLog(mgr, logs, node)),
    reg(Cmd.Refresh, () => { s.found.soon(); mgr.reload(); for (const e of mgr.list()) e.catalog?.invalidate(); s.tree.refresh(); }),
    reg(Cmd.InvokeTool, (node: unknown) => invokeTool(mgr, results, node, called)),
    reg(Cmd.InvokeToolAsTask, (node: unknown) => invokeTool(mgr, results, node, called, true)),
    reg(Cmd.CancelTask, (node: unknown) => cancelTask(mgr, node)),
    reg(Cmd.CopyToolName, (node: unknown) => copyToolName(node)),
    reg(Cmd.ShowToolSchema, (node: unknown) => showToolSchema(results, node)),
    reg(Cmd.OpenTaskResult, (node: unknown) => openTaskResult(mgr, results, node)),
    reg(Cmd.ReadResource, (node: unknown) => readResource(mgr, s.resources, results, node)),
    reg(Cmd.GetPrompt, (node: unknown) => getPrompt(mgr, results, node)),
    reg(Cmd.CopyValue, (node: unknown) => copyValue(node)),
    reg(Cmd.UseInChat, (node: unknown) => useInChat(mgr, node, true)),
    reg(Cmd.StopUsingInChat, (node: unknown) => useInChat(mgr, node, false)),
    reg(Cmd.ShowTraffic, (node: unknown) => showTraffic(mgr, s.panels, node)),
    reg(Cmd.ExportTraffic, (arg: unknown) => exportTraffic(mgr, s.traffic, testOnly(arg))),
    reg(Cmd.RunScenario, (uri?: vscode.Uri, step?: number) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (!target?.path.endsWith('.mcp-scenario.json')) throw new Error('Open a *.mcp-scenario.json file to run it.');
      return s.scenarios.run(target, step);
    }),
    reg(Cmd.SaveLastCall, (arg?: { connection?: string; file?: string; contains?: string | false }) => saveLastCall(mgr, s.history, testOnly(arg))),
    reg(Cmd.SaveToolCall, async (node: unknown, save?: { file?: string; contains?: string | false }) => {
      let connection: string | undefined;
      const outcome = await invokeTool(mgr, results, node, c => { connection = c.connection; called(c); });
      return outcome && connection ? saveLastCall(mgr, s.history, { connection, ...testOnly(save) }) : undefined;
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
      const n = await s.consent.reset();
      void vscode.window.showInformationMessage(n ? `Sampling permissions of ${n} connection(s) were reset: servers will ask again.` : 'No sampling permissions were remembered.');
      return n;
    }),
  ];
}

/** Not awaited: the command is done once the connection is saved; the offer stays in the notifications. */
function offerConnect(name: string | undefined): string | undefined {
  if (name) void vscode.window.showInformationMessage(`Added the connection "${name}".`, 'Connect').then(choice => (choice ? vscode.commands.executeCommand(Cmd.Connect, { kind: 'connection', connection: name }) : undefined));
  return name;
}

/** A command argument without its `file`: outside tests the person chooses where to write, in a dialog. */
function withoutFile<T>(arg: T): T {
  if (!arg || typeof arg !== 'object' || !('file' in arg)) return arg;
  const { file: _file, ...rest } = arg as T & { file?: unknown };
  return rest as T;
}
