// agentcore-mcp conformance <server-url>: the client under test for @modelcontextprotocol/conformance.
// The suite starts a server per scenario and names it in MCP_CONFORMANCE_SCENARIO; every client
// scenario asks a client to do what a person would: connect, list the tools, call them, answer the
// server's questions. That is done here through the same engine as every other command: McpConnection
// with scripted answers that accept elicitations with the schema's defaults and answer sampling with a
// fixed reply. OAuth (the auth/* scenarios) is not implemented yet: those fail at the 401.
import type { ConnectionConfig } from '../../core/connections/config';
import { checkHttpUrl } from '../../core/connections/config';
import { McpConnection } from '../../core/connections/connection';
import { listTools } from '../../core/connections/operations';
import { ScriptedAnswers } from '../../core/scenario/answers';
import { callScripted, errorText } from '../../core/scenario/steps';
import { parse, positionals, UsageError } from '../args';
import { exampleArguments } from '../examples';
import { cliHost, printer, secretLookup } from '../host';
import { toolResultText } from '../output';
import { describeAnswer } from '../session';

export async function conformanceCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const p = parse('conformance', argv, { help: { type: 'boolean', short: 'h' } });
  const [url] = positionals(p, ['server-url'], 'conformance');
  const bad = checkHttpUrl(url);
  if (bad) throw new UsageError(`<server-url>: ${bad}.`, 'conformance');
  const scenario = env.MCP_CONFORMANCE_SCENARIO;
  if (!scenario) throw new UsageError('MCP_CONFORMANCE_SCENARIO is not set: this command is run by the conformance suite, which sets it.', 'conformance');
  let context: Record<string, unknown> = {};
  if (env.MCP_CONFORMANCE_CONTEXT) {
    try { context = JSON.parse(env.MCP_CONFORMANCE_CONTEXT) as Record<string, unknown>; } catch (e) {
      throw new UsageError(`MCP_CONFORMANCE_CONTEXT is not JSON: ${(e as Error).message}.`, 'conformance');
    }
  }
  const print = printer();
  print.err(`conformance scenario ${scenario}${Object.keys(context).length ? ` (context: ${Object.keys(context).join(', ')})` : ''}`);
  const answers = new ScriptedAnswers({
    answers: {
      elicitation: [{ action: 'accept', repeat: true }], // no content: every field gets its default (SEP-1034)
      sampling: [{ reply: 'A scripted reply from agentcore-mcp.', repeat: true }],
    },
    onEvent: e => print.err(describeAnswer(e)),
  });
  const config: ConnectionConfig = { name: 'conformance', type: 'http', url, headers: {}, secretHeaders: [] };
  const host = {
    ...cliHost({ print, verbosity: { verbose: true, quiet: false, traffic: false }, secret: secretLookup({}, print.redactor) }),
    elicit: answers.elicit, elicitationModes: answers.elicitationModes, sample: answers.sample,
  };
  const connection = new McpConnection(config, host);
  try {
    const state = await connection.connect();
    if (state.kind === 'error') {
      const oauth = scenario.startsWith('auth/') ? ' (OAuth is not supported by this client yet)' : '';
      print.err(`error: Could not connect${oauth}: ${state.message}${state.nextStep ? ` ${state.nextStep}` : ''}`);
      return 1;
    }
    const tools = await listTools(connection);
    print.err(`tools: ${tools.map(t => t.name).join(', ') || '(none)'}`);
    for (const tool of tools) {
      const args = exampleArguments(tool.inputSchema);
      print.err(`call ${tool.name} ${JSON.stringify(args)}`);
      const { result } = await callScripted(connection, answers, tool, args, {});
      print.out(`${tool.name}${result.isError ? ' (isError)' : ''}:\n${toolResultText(result)}`);
    }
    return answers.problems.length ? 1 : 0;
  } catch (e) {
    print.err(`error: ${errorText(e)}`);
    return 1;
  } finally {
    await connection.disconnect().catch(() => undefined);
    connection.dispose();
  }
}
