// The command line as a real child process: lists, calls with exit statuses 0/1/2, the travel planner
// completed unattended with an answers file over loopback HTTP, connections from a temporary
// .vscode/settings.json, and an Authorization header that never shows in any output.
import * as assert from 'node:assert';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { serveHttp, type HttpFixture } from '../fixtures/servers/run';
import { createFeaturesServer } from '../fixtures/servers/features';
import { createTravelServer } from '../fixtures/servers/travel';
import { ensureBuilt, everythingCommand, fixtureCommand, root, runCli } from './cli.harness.test';

const answersFile = path.join(root, 'test', 'scenarios', 'travel.answers.json');

describe('cli: commands', function () {
  this.timeout(60_000);
  let travel: HttpFixture;
  let dir: string;
  before(async () => {
    ensureBuilt();
    travel = await serveHttp(() => createTravelServer({ delayMs: 10 }));
    dir = mkdtempSync(path.join(os.tmpdir(), 'cli-test-'));
  });
  after(async () => {
    await travel.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tools --json lists server-everything\'s tools over stdio, including those for elicitation and sampling', async () => {
    const r = await runCli(['tools', '--stdio', everythingCommand, '--json']);
    assert.strictEqual(r.code, 0, r.stderr);
    const names = (JSON.parse(r.stdout) as { tools: Array<{ name: string }> }).tools.map(t => t.name);
    for (const t of ['echo', 'get-sum', 'trigger-elicitation-request', 'trigger-url-elicitation', 'trigger-sampling-request']) assert.ok(names.includes(t), t);
    const table = await runCli(['tools', '--stdio', everythingCommand]);
    assert.match(table.stdout, /^NAME +DESCRIPTION\necho +Echoes back the input string\n/);
  });

  it('call echo prints the result on stdout and exits 0; --json prints the whole result', async () => {
    const r = await runCli(['call', 'echo', '--stdio', everythingCommand, '--args', '{"message":"hi there"}']);
    assert.deepStrictEqual([r.code, r.stdout], [0, 'Echo: hi there\n']);
    const j = await runCli(['call', 'echo', '--stdio', everythingCommand, '--args', '{"message":"x"}', '--json']);
    assert.deepStrictEqual(JSON.parse(j.stdout), { content: [{ type: 'text', text: 'Echo: x' }] });
  });

  it('reads a resource and gets a prompt', async () => {
    const read = await runCli(['read', 'travel://destinations', '--url', travel.url]);
    assert.strictEqual(read.code, 0, read.stderr);
    assert.match(read.stdout, /Tokyo/);
    const prompt = await runCli(['prompt', 'local_phrases', '--url', travel.url, '--args', '{"destination":"Paris"}']);
    assert.match(prompt.stdout, /^user:\nTeach me essential phrases for Paris\. Start with: Bonjour/);
    const lists = await Promise.all(['resources', 'prompts'].map(k => runCli([k, '--url', travel.url])));
    assert.match(lists[0].stdout, /^URI +NAME +MIME TYPE +DESCRIPTION\ntravel:\/\/destinations/);
    assert.match(lists[0].stdout, /Templates:\nURI TEMPLATE +NAME +DESCRIPTION\ntravel:\/\/destination\/\{city\}/);
    assert.match(lists[1].stdout, /packing_list +destination, days, trip_type/);
  });

  it('exits 1 when the tool returns isError, when a request fails, or when a question goes unanswered', async () => {
    const fail = await runCli(['call', 'fail', '--stdio', fixtureCommand('features')]);
    assert.deepStrictEqual([fail.code, fail.stdout], [1, 'This tool always fails.\n']);
    assert.match(fail.stderr, /error: the tool "fail" reported an error \(isError\)\./);
    const read = await runCli(['read', 'travel://nowhere', '--url', travel.url]);
    assert.strictEqual(read.code, 1);
    assert.match(read.stderr, /^error: The server answered resources\/read with an error/m);
    const ask = await runCli(['call', 'trigger-elicitation-request', '--stdio', everythingCommand]);
    assert.strictEqual(ask.code, 1);
    assert.match(ask.stderr, /error: Nothing answers the elicitation "Please provide inputs for the following fields:"\. Pass --answers <file> with an answer, e\.g\. \{"match":/);
    const down = await runCli(['tools', '--url', 'http://127.0.0.1:1/mcp']);
    assert.strictEqual(down.code, 1);
    assert.match(down.stderr, /^error: Could not connect: /);
  });

  it('runs a "required" tool as a task: status lines on stderr, the question answered from --answers, the result on stdout', async () => {
    const file = path.join(dir, 'research.answers.json');
    writeFileSync(file, JSON.stringify({ elicitation: [{ match: 'multiple interpretations', action: 'accept', content: { interpretation: 'programming' } }] }));
    const r = await runCli(['call', 'simulate-research-query', '--stdio', everythingCommand, '--args', '{"topic": "python", "ambiguous": true}', '--answers', file]);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /Research Report: python \(programming\)/);
    assert.match(r.stderr, /^task [0-9a-f]+ created \(the server keeps it 300 s\)\ntask working: Gathering sources\.\.\.\n/);
    assert.match(r.stderr, /task input required: Found multiple interpretations for "python"/);
    assert.match(r.stderr, /elicitation "The research query .* → accept \{"interpretation":"programming"\}/);
    assert.match(r.stderr, /task completed/);
    assert.doesNotMatch(r.stderr, /progress Gathering sources/, 'a status is said once, not again as progress');
    const plain = await runCli(['call', 'echo', '--stdio', everythingCommand, '--args', '{"message": "x"}', '--task']);
    assert.strictEqual(plain.code, 1);
    assert.match(plain.stderr, /echo does not run as a task \(its taskSupport is "forbidden"\)\. Invoke it as a plain call\./);
  });

  it('Ctrl-C during a task cancels it on the server (tasks/cancel), then exits 130', async () => {
    let sent = false;
    const r = await runCli(['call', 'simulate-research-query', '--stdio', everythingCommand, '--args', '{"topic": "tides"}', '--traffic'], {
      onStderr: (text, child) => { if (!sent && text.includes('Analyzing content')) { sent = true; child.kill('SIGINT'); } },
    });
    assert.strictEqual(r.code, 130, r.stderr);
    assert.match(r.stderr, /cancelling: the server is being told/);
    const cancel = r.stderr.split('\n').filter(l => l.startsWith('traffic {')).map(l => JSON.parse(l.slice('traffic '.length)) as { direction?: string; message?: { method?: string; id?: number; result?: { status?: string } } });
    const req = cancel.find(e => e.direction === 'out' && e.message?.method === 'tasks/cancel');
    assert.ok(req, 'tasks/cancel sent');
    const answer = cancel.find(e => e.direction === 'in' && e.message?.id === req.message?.id);
    assert.strictEqual(answer?.message?.result?.status, 'cancelled', 'the server answered that the task is cancelled');
    assert.doesNotMatch(r.stderr, /Research Report/);
  });

  it('exits 2 on bad usage, saying what to fix', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['call', 'echo'], /say which server: --stdio "<command line>", --url <url>, --agentcore-arn <arn>, --runtime <name>, --config <file> --server <name> or --connection <name>\./],
      [['call', 'echo', '--urll', 'x'], /Unknown option '--urll'/],
      [['call', 'echo', '--stdio', 'node x', '--url', 'http://a/'], /give one server, not --stdio and --url\./],
      [['call', 'echo', '--stdio', everythingCommand, '--args', '{bad'], /--args is not valid JSON/],
      [['call', 'echo', '--stdio', everythingCommand, '--args', '[1]'], /--args must be a JSON object/],
      [['call', '--stdio', everythingCommand], /missing <tool>\./],
      [['call', 'echo', '--stdio', 'node x', '--header', 'A: b'], /--header does not apply to --stdio\./],
      [['tools', '--url', 'ftp://x'], /--url: the URL must start with http:\/\/ or https:\/\//],
      [['tools', '--agentcore-arn', 'arn:aws:nope'], /The runtime ARN is not valid/],
      [['tools', '--agentcore-arn', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/name-abcdefghij', '--bearer-token-env', 'eyJhbGciOi.x.y'], /--bearer-token-env takes the name of an environment variable \(not the token itself\)/],
      [['call', 'echo', '--stdio', everythingCommand, '--timeout', 'soon'], /--timeout takes a number of seconds above 0/],
      [['call', 'nope', '--stdio', everythingCommand], /the server has no tool named "nope"; it has echo, /],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      assert.strictEqual(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
    }
    const badAnswers = path.join(dir, 'bad.answers.json');
    writeFileSync(badAnswers, '{\n  "elicitation": [ { "action": "accpet" } ]\n}\n');
    const r = await runCli(['call', 'plan_trip', '--url', travel.url, '--answers', badAnswers]);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, new RegExp(`the answers file cannot be used:\\n${badAnswers.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:32: elicitation\\[0\\]\\.action must be "accept", "decline" or "cancel", got the string "accpet"`));
  });

  it('completes plan_trip unattended over loopback HTTP with --answers: progress, logs and answers on stderr', async () => {
    const r = await runCli(['call', 'plan_trip', '--url', travel.url, '--answers', answersFile]);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /^BOOKING CONFIRMED! Ref: TRV-[0-9A-F-]{8}, Total: \$2250\n/);
    assert.match(r.stdout, /AI tips: 1\. Go early\. 2\. Eat well\. 3\. Ride the trains\./);
    assert.match(r.stdout, /structuredContent:\n\{\n {2}"status": "confirmed"/);
    assert.match(r.stderr, /^elicitation "Where would you like to go\?" → accept \{"value":"Tokyo"\}$/m);
    assert.match(r.stderr, /^sampling "Give 3 brief tips for a leisure trip to Tokyo, Japan\." → "1\. Go early/m);
    assert.match(r.stderr, /^progress 100% Finalizing itinerary\.\.\.$/m);
    assert.match(r.stderr, /^log info: \[travel-planner\] \[Phase 4\] Reservation confirmed - TRV-/m);
  });

  it('says once, without -v, what a stateless server cannot do (and progress still arrives)', async () => {
    const stateless = await serveHttp(createFeaturesServer, { stateless: true });
    try {
      const r = await runCli(['call', 'slow', '--url', stateless.url, '--args', '{"steps":3,"stepMs":10}']);
      assert.strictEqual(r.code, 0, r.stderr);
      assert.strictEqual(r.stderr.split('runs stateless').length - 1, 1, r.stderr);
      assert.match(r.stderr, /^warn: "[^"]*" answered initialize without an Mcp-Session-Id: it runs stateless, so requests from the server to this client \(elicitation, sampling, roots\) cannot reach it; progress and log messages during a call still arrive\./m);
      assert.match(r.stderr, /FastMCP run the server with stateless_http=False; with the TypeScript SDK give StreamableHTTPServerTransport a sessionIdGenerator/);
      assert.match(r.stderr, /^progress .*Step 3 of 3$/m);
    } finally {
      await stateless.close();
    }
  });

  it('saves the call as a scenario that `test` runs again', async () => {
    const file = path.join(dir, 'saved.mcp-scenario.json');
    const r = await runCli(['call', 'plan_trip', '--url', travel.url, '--answers', answersFile, '--save', file, '-q']);
    assert.deepStrictEqual([r.code, r.stderr], [0, '']);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { connection: unknown; steps: Array<{ answers: { elicitation: unknown[] } }> };
    assert.deepStrictEqual(saved.connection, { type: 'http', url: travel.url });
    assert.strictEqual(saved.steps[0].answers.elicitation.length, 5);
    const again = await runCli(['test', file]);
    assert.strictEqual(again.code, 0, again.stdout);
  });

  it('never prints an Authorization header given with --header, even with --traffic and --verbose', async () => {
    const r = await runCli(['call', 'plan_trip', '--url', travel.url, '--header', 'Authorization: Bearer xyz', '--header', 'X-Request-Source: cli-test', '--answers', answersFile, '--traffic', '--verbose']);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stderr, /"authorization":"Bearer «redacted»"/, 'the header was sent, and shown redacted');
    assert.match(r.stderr, /"x-request-source":"cli-test"/, 'other headers are shown');
    for (const out of [r.stdout, r.stderr]) assert.ok(!out.includes('xyz'), 'the token leaked');
  });

  it('uses a connection from .vscode/settings.json (comments, trailing commas); secret headers come from environment variables or are refused', async () => {
    const ws = path.join(dir, 'ws');
    mkdirSync(path.join(ws, '.vscode'), { recursive: true });
    mkdirSync(path.join(ws, 'sub'));
    // ${workspaceFolder} is the folder that holds .vscode/: a script there starts server-everything.
    const everything = path.join(root, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
    writeFileSync(path.join(ws, 'everything.mjs'), `await import(${JSON.stringify(pathToFileURL(everything).href)});\n`);
    writeFileSync(path.join(ws, '.vscode', 'settings.json'), `{
      // MCP servers of this workspace
      "agentcoreMcp.connections": [
        { "name": "everything", "type": "stdio", "command": ${JSON.stringify(process.execPath)}, "args": ["\${workspaceFolder}/everything.mjs", "stdio"], },
        { "name": "travel", "type": "http", "url": "${travel.url}", "secretHeaders": ["Authorization"] },
      ],
    }`);
    const tools = await runCli(['tools', '--connection', 'everything', '--json'], { cwd: path.join(ws, 'sub') });
    assert.strictEqual(tools.code, 0, tools.stderr);
    assert.ok((JSON.parse(tools.stdout) as { tools: unknown[] }).tools.length > 5);

    const refused = await runCli(['read', 'travel://destinations', '--connection', 'travel'], { cwd: ws, env: { AGENTCORE_MCP_HEADER_TRAVEL_AUTHORIZATION: undefined } });
    assert.strictEqual(refused.code, 2);
    assert.match(refused.stderr, /The connection "travel" sends the secret header "Authorization", whose value lives in VS Code's secret storage; the command line cannot read that\. Put the value in an environment variable and pass --secret-env "Authorization=<VAR>" \(or set AGENTCORE_MCP_HEADER_TRAVEL_AUTHORIZATION\)\./);
    const viaFlag = await runCli(['read', 'travel://destinations', '--connection', 'travel', '--secret-env', 'Authorization=MY_TOKEN', '--traffic'], { cwd: ws, env: { MY_TOKEN: 'Bearer from-the-env-123' } });
    assert.strictEqual(viaFlag.code, 0, viaFlag.stderr);
    assert.match(viaFlag.stderr, /"authorization":"Bearer «redacted»"/);
    assert.ok(!(viaFlag.stdout + viaFlag.stderr).includes('from-the-env-123'));
    const viaConvention = await runCli(['read', 'travel://destinations', '--connection', 'travel'], { cwd: ws, env: { AGENTCORE_MCP_HEADER_TRAVEL_AUTHORIZATION: 'Bearer conventional-456' } });
    assert.strictEqual(viaConvention.code, 0, viaConvention.stderr);

    const unknown = await runCli(['tools', '--connection', 'hotel'], { cwd: ws });
    assert.strictEqual(unknown.code, 2);
    assert.match(unknown.stderr, /There is no connection named "hotel" in .*settings\.json \(it has "everything", "travel"\)/);
  });
});

describe('cli: conformance (the client under test for the MCP conformance suite)', function () {
  this.timeout(60_000);
  let server: HttpFixture;
  before(async () => {
    ensureBuilt();
    // Like the suite's tools_call and SEP-1034 scenarios: a tool with required numbers, one that elicits with defaults.
    server = await serveHttp(() => {
      const s = new McpServer({ name: 'conformance-like', version: '1.0.0' });
      s.registerTool('add_numbers', { inputSchema: { a: z.number(), b: z.number() } }, ({ a, b }) => ({ content: [{ type: 'text', text: `The sum of ${a} and ${b} is ${a + b}` }] }));
      s.registerTool('defaults', {}, async () => {
        const r = await s.server.elicitInput({ message: 'Accept the defaults', requestedSchema: { type: 'object', properties: { name: { type: 'string', default: 'John Doe' }, n: { type: 'integer', default: 30 } } } });
        return { content: [{ type: 'text', text: JSON.stringify(r) }] };
      });
      return s;
    });
  });
  after(() => server.close());

  it('connects, calls every tool with arguments from its schema, and accepts elicitations with their defaults', async () => {
    const r = await runCli(['conformance', server.url], { env: { MCP_CONFORMANCE_SCENARIO: 'tools_call' } });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /^add_numbers:\nThe sum of 1 and 1 is 2\n/m);
    assert.match(r.stdout, /^defaults:\n\{"action":"accept","content":\{"name":"John Doe","n":30\}\}\n/m);
    assert.match(r.stderr, /^conformance scenario tools_call\n/);
  });

  it('needs MCP_CONFORMANCE_SCENARIO and a URL (exit 2)', async () => {
    const r = await runCli(['conformance', server.url], { env: { MCP_CONFORMANCE_SCENARIO: undefined } });
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /MCP_CONFORMANCE_SCENARIO is not set: this command is run by the conformance suite, which sets it\./);
    assert.strictEqual((await runCli(['conformance'], { env: { MCP_CONFORMANCE_SCENARIO: 'initialize' } })).code, 2);
  });
});
