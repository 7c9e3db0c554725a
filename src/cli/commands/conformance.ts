// agentcore-mcp conformance <server-url>: the client under test for @modelcontextprotocol/conformance.
// The suite starts a server per scenario and names it in MCP_CONFORMANCE_SCENARIO; every client
// scenario asks a client to do what a person would: connect, list the tools, call them, answer the
// server's questions. That is done here through the same engine as every other command: McpConnection
// with scripted answers that accept elicitations with the schema's defaults and answer sampling with a
// fixed reply. The auth/* scenarios sign in through the same OAuth code as the editor (core/auth), with a
// "browser" that follows the authorization server's redirect to our loopback listener, as the suite's
// authorization server answers at once; its context names pre-registered clients and their secrets.
import { LoopbackRedirects } from '../../core/auth/loopback';
import { oauthClientSecretKey, oauthPrivateKeyKey } from '../../core/connections/secretKeys';
import type { SignInRequest } from '../../core/auth/provider';
import { MemoryOAuthStore } from '../../core/auth/record';
import type { ConnectionConfig, OAuthConfig } from '../../core/connections/config';
import { checkHttpUrl } from '../../core/connections/config';
import { McpConnection } from '../../core/connections/connection';
import { listTools } from '../../core/operations';
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
  const name = 'conformance';
  const str = (k: string) => (typeof context[k] === 'string' ? context[k] as string : undefined);
  const clientId = str('client_id');
  const inline = new Map<string, string>();
  if (str('client_secret')) inline.set(oauthClientSecretKey(name), str('client_secret')!);
  if (str('private_key_pem')) inline.set(oauthPrivateKeyKey(name), str('private_key_pem')!);
  const oauth: OAuthConfig = {
    // The suite's authorization servers check for this document URL (as the SDK's own conformance client uses).
    clientMetadataUrl: CONFORMANCE_CLIENT_METADATA_URL,
    ...(clientId ? { clientId } : {}),
    ...(scenario.startsWith('auth/client-credentials') ? { grant: 'client_credentials' as const } : {}),
  };
  const config: ConnectionConfig = { name, type: 'http', url, headers: {}, secretHeaders: [], oauth };
  const loopback = new LoopbackRedirects(0);
  const host = {
    ...cliHost({ print, verbosity: { verbose: true, quiet: false, traffic: false }, secret: secretLookup({ inline }, print.redactor) }),
    elicit: answers.elicit, elicitationModes: answers.elicitationModes, sample: answers.sample,
    oauth: { store: new MemoryOAuthStore(), loopback, signIn: (r: SignInRequest) => followRedirect(r, print.err) },
  };
  const connection = new McpConnection(config, host);
  try {
    const state = await connection.connect();
    if (state.kind === 'error') {
      print.err(`error: Could not connect: ${state.message}${state.nextStep ? ` ${state.nextStep}` : ''}`);
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
    await loopback.close();
  }
}

export const CONFORMANCE_CLIENT_METADATA_URL = 'https://conformance-test.local/client-metadata.json';

/**
 * The person's browser, for a suite whose authorization endpoint redirects at once: GET the page
 * without following redirects, then deliver its Location (our loopback redirect URI) as a browser would.
 */
async function followRedirect(r: SignInRequest, log: (line: string) => void): Promise<boolean> {
  log(`sign in at ${r.authorizationServer}`);
  const page = await fetch(r.url, { redirect: 'manual', ...(r.signal ? { signal: r.signal } : {}) });
  const location = page.headers.get('location');
  await page.body?.cancel();
  if (!location) throw new Error(`The authorization page answered ${page.status} without a redirect.`);
  const back = await fetch(new URL(location, r.url), r.signal ? { signal: r.signal } : {});
  await back.body?.cancel();
  return true;
}
