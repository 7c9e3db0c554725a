// --help text for the command line and each command.

const connection = `Connection (one of):
  --stdio "<command line>"      start a local server (no shell; quotes group arguments)
  --url <url>                   a Streamable HTTP endpoint (falls back to HTTP+SSE)
    --header "Name: value"      send a header (repeatable); Authorization, tokens and keys are redacted
  --agentcore-arn <arn>         an Amazon Bedrock AgentCore Runtime (SigV4 by default)
    --qualifier <q>  --region <r>  --profile <aws profile>  --endpoint <base url>
    --bearer-token-env <VAR>    use the OAuth bearer token in environment variable VAR instead of SigV4
  Servers that ask you to sign in (MCP authorization, OAuth): run "agentcore-mcp login" with the same options first
    --client-id <id>            a client registered with the authorization server (default: register on the fly)
    --client-secret-env <VAR>   that client's secret, from environment variable VAR
    --scope "<scopes>"          scopes to ask for when the server names none
    --username <user> --password-env <VAR>  an Amazon Cognito development pool's user (USER_PASSWORD_AUTH): no browser
  --runtime <name>              a runtime this folder deployed (agentcore/deployed-state.json of the AgentCore
                                CLI, or .bedrock_agentcore.yaml): its ARN, region and auth come from the file
    --workspace <dir>  --qualifier <q>  --profile <aws profile>  --endpoint <base url>  --bearer-token-env <VAR>
  --config <file> --server <name>  a server of another client's file: VS Code's mcp.json, or the "mcpServers"
                                of Claude Desktop, Claude Code (.mcp.json) or Cursor (--secret-env for ${'$'}{input:…} headers)
  --connection <name>           a connection from .vscode/settings.json ("agentcoreMcp.connections")
    --workspace <dir>           where .vscode/ is (default: the nearest one above the current folder)
    --secret-env "Header=VAR"   the value of a secret header of that connection (repeatable)
  --protocol <p>                auto (default: ask the server with server/discover, fall back to 2025-11-25),
                                2026-07-28 (no session; questions come back as input_required) or 2025-11-25
  --max-rounds <n>              input_required rounds one call may take (default 10)`;

const output = `Output:
  --json            machine-readable output on stdout
  --timeout <s>     seconds to wait for the request (tool calls: restarted by each progress notification)
  -v, --verbose     also the client's own log on stderr;  -q, --quiet  errors only
  --traffic         every JSON-RPC message and HTTP exchange on stderr as JSON lines (secrets redacted)`;

const answers = `Answers (--answers <file>): the server's questions, answered without a person:
  { "elicitation": [ { "match": "Where would you like to go", "action": "accept", "content": { "value": "Tokyo" } },
                     { "match": "Confirm", "action": "decline" } ],
    "sampling":    [ { "match": "tips", "reply": "1. Go early. 2. Eat well." } ] }
  Each request takes the first unused entry whose "match" (a regular expression) fits its message (sampling: the
  last user message). Without an answer the request is refused and the command fails saying which one.`;

const bedrock = `Sampling with Amazon Bedrock (--sampling bedrock:<model id>): the server's sampling requests that no scripted
reply matches (and "sampling": "live") are answered by that model through ConverseStream, e.g.
  --sampling bedrock:anthropic.claude-3-haiku-20240307-v1:0   or an inference profile: bedrock:us.anthropic.claude-sonnet-4-20250514-v1:0
  --profile <aws profile>  --region <r>   sign the Bedrock calls (default: your AWS credentials, and the region from
                           AWS_REGION, the profile's config, or the AgentCore connection's region)
  AGENTCORE_MCP_BEDROCK_ENDPOINT=<url>  sends them elsewhere (the local emulator's Bedrock stand-in)
  The model must be enabled for the account and region (Bedrock console, Model access).`;

export const topics: Record<string, string> = {
  main: `agentcore-mcp: an MCP client for the command line (the engine of the AgentCore MCP VS Code extension)

Usage: agentcore-mcp <command> [options]

Commands:
  tools | resources | prompts      list what the server offers
  call <tool> [--args <json>]      call a tool; progress and log messages on stderr, the result on stdout
  read <uri>                       read a resource
  prompt <name> [--args <json>]    get a prompt
  test <files or globs>            run scenario files (*.mcp-scenario.json)
  tasks list | get <id> | cancel <id>   the MCP tasks the server keeps (tool calls that ran as tasks)
  runtimes                         the AgentCore runtimes of an AWS account, or that a folder deployed
  login | logout                   sign in to a server that asks for it (OAuth), or forget its tokens
  proxy                            the server as a stdio MCP server, for Claude Desktop, Claude Code, Cursor…
  conformance <server-url>         act as the client under test for the MCP conformance suite

Exit status: 0 success, 1 the tool reported an error or a request failed, 2 bad usage.
"agentcore-mcp <command> --help" explains a command.

${connection}`,
  tools: `Usage: agentcore-mcp tools|resources|prompts <connection options> [--json]

Lists the server's tools, resources (and resource templates) or prompts, following every page.

${connection}

${output}`,
  call: `Usage: agentcore-mcp call <tool> <connection options> [--args <json>] [--task] [--answers <file>] [--sampling bedrock:<model id>] [--save <file>] [--json] [--timeout <s>]

Calls a tool. Progress, log messages and the answers given go to stderr; the result to stdout.
  --args <json>       the arguments, a JSON object: --args '{"message": "hi"}'
  --task              run it as an MCP task (tools whose taskSupport is "optional"; "required" ones always do):
                      the task's status and messages go to stderr, Ctrl+C cancels the task on the server
  --answers <file>    scripted answers to elicitation and sampling requests (below)
  --sampling bedrock:<model id>  answer sampling with an Amazon Bedrock model (below); scripted replies still win
  --save <file>       also write the call, with the answers given, as a scenario file
Exit status: 0 success; 1 the tool returned isError, the request failed or a question went unanswered; 2 bad usage.

${answers}

${bedrock}

${connection}

${output}`,
  runtimes: `Usage: agentcore-mcp runtimes [--profile <p>] [--region <r>] [--endpoint <url>] [--json]
       agentcore-mcp runtimes --workspace <dir> [--json]

The AgentCore runtimes of an AWS account in a region, through the control plane (ListAgentRuntimes, every
page; GetAgentRuntime and ListAgentRuntimeEndpoints for each): name, status, protocol, auth, qualifiers.
Signed with --profile, or your default credentials; the region from --region or AWS_REGION.
With --workspace, the MCP runtimes that folder's AgentCore CLI or starter toolkit files say were deployed
(use one with "--runtime <name>"). Exit 1 when a call fails or a file cannot be read.`,
  tasks: `Usage: agentcore-mcp tasks list | get <id> | cancel <id> <connection options> [--json]

The MCP tasks the server keeps: tool calls that ran as tasks (see "call --task"), looked up outside the call
that started them.
  list          every task the server lists (2025-11-25 tasks/list; 2026-07-28 has no list: use get)
  get <id>      the task's status; once it completed, its result on stdout (exit 1 if it failed)
  cancel <id>   asks the server to cancel it (tasks/cancel)
A 2025-11-25 server usually keeps a task only for the session that started it: with a stateful server a
new command sees none of another command's tasks.

${connection}

${output}`,
  read: `Usage: agentcore-mcp read <uri> <connection options> [--json]

Reads a resource; text contents go to stdout as they are, binary contents are summarised (--json shows all).

${connection}

${output}`,
  prompt: `Usage: agentcore-mcp prompt <name> <connection options> [--args <json>] [--json]

Gets a prompt with its arguments (a JSON object of strings) and prints its messages.

${connection}

${output}`,
  test: `Usage: agentcore-mcp test <files or globs>... [--reporter spec|tap|junit] [--output <file>] [--sampling bedrock:<model id>]

Runs scenario files: each connects, runs its steps with their scripted answers and checks the expectations.
Globs: * and ? within a name, ** across folders, e.g. "test/scenarios/**/*.mcp-scenario.json" (quote them).
A folder means every *.mcp-scenario.json below it.
  --reporter <name>   spec (default), tap or junit
  --output <file>     write the report there instead of stdout
  --protocol <p>      run in this protocol era whatever the connection says: auto, 2026-07-28, 2025-11-25, or
                      both (each file in 2025-11-25 and in 2026-07-28, named "<scenario> [<version>]" in the
                      report, JUnit included, and a scenario × era matrix on stderr)
  --workspace <dir>   what \${workspaceFolder} and connection names refer to (default: the nearest folder
                      above each file with .vscode/, .git or package.json)
  --traffic, -v       as for the other commands
  --sampling bedrock:<model id> [--profile <p>] [--region <r>]
                      scenarios whose answers say "sampling": "live" are answered by that Amazon Bedrock model
Secrets of connections from settings come from environment variables: AGENTCORE_MCP_HEADER_<CONNECTION>_<HEADER>
and AGENTCORE_MCP_BEARER_<CONNECTION> (upper case, other characters as _).
Exit status: 0 every step passed, 1 any failure, 2 bad usage.`,
  login: `Usage: agentcore-mcp login <connection options> [--client-id <id>] [--client-secret-env <VAR>] [--scope "<scopes>"]

Signs in to a server that uses MCP authorization (OAuth 2.1: the authorization code flow with PKCE, or
client credentials for a machine client): discovery from the server's 401, dynamic registration when no
--client-id is given, then the sign-in page in your browser, which comes back to this command on
http://127.0.0.1. The tokens are kept in ~/.config/agentcore-mcp/oauth.json (mode 0600; AGENTCORE_MCP_OAUTH_FILE
names another file) and refreshed when they expire; every other command against the same server uses them.
With AGENTCORE_MCP_NO_BROWSER=1 (or over SSH) the page is only printed.

${connection}`,
  logout: `Usage: agentcore-mcp logout <connection options>

Deletes the tokens kept for the server (its client registration stays, so the next login does not register
again).

${connection}`,
  proxy: `Usage: agentcore-mcp proxy <connection options> [--verbose] [--traffic]

Serves MCP on stdin/stdout and forwards every message to the server: AgentCore runtimes signed with SigV4
(each request afresh) or given a bearer token, OAuth tokens from "agentcore-mcp login" (refreshed; a sign-in
opens the browser), AgentCore's throttling retried, and an expired session renewed without the client
noticing. Requests, notifications, elicitation and sampling pass both ways, with progress and cancellation,
in either protocol era. stdout carries only MCP; the proxy's own lines go to stderr.

For Claude Desktop (claude_desktop_config.json), Cursor (.cursor/mcp.json) or Claude Code (.mcp.json):
  { "mcpServers": { "travel": { "command": "node", "args": ["/path/to/agentcore-mcp-client/dist/cli.js", "proxy",
      "--agentcore-arn", "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/travel-AbCdEfGhIj", "--profile", "dev"] } } }
  (or "command": "agentcore-mcp" once the package is installed with npm install -g)

${connection}`,
  conformance: `Usage: agentcore-mcp conformance <server-url>

The client under test for the official MCP conformance suite (@modelcontextprotocol/conformance):
  npx @modelcontextprotocol/conformance client --command "agentcore-mcp conformance" --scenario initialize
Reads MCP_CONFORMANCE_SCENARIO (and MCP_CONFORMANCE_CONTEXT), connects through the same engine, lists the
tools and calls each with arguments built from its input schema, accepting elicitations with their
defaults and answering sampling with a fixed reply. The auth/* scenarios sign in with OAuth as "login" does,
following the suite's authorization redirect instead of opening a browser.`,
};
topics.resources = topics.tools;
topics.prompts = topics.tools;

export const usageLine = (command?: string): string => {
  const text = topics[command ?? 'main'] ?? topics.main;
  return text.split('\n').find(l => l.startsWith('Usage:')) ?? '';
};
