// agentcore-mcp proxy <connection options>: the server as a stdio MCP server, for clients that cannot
// sign AWS requests or keep an AgentCore session (Claude Desktop, Claude Code, Cursor). stdout carries
// only MCP messages; what the proxy has to say goes to stderr, which those clients keep in their logs.
import { openUpstream } from '../../core/gateway/upstream';
import { proxyStdio } from '../../core/gateway/stdio';
import { connectionOptions, outputOptions, parse, positionals, UsageError } from '../args';
import { checkSecrets, connectionFromOptions } from '../connection';
import { printer, secretLookup } from '../host';
import { baseHost, verbosityOf } from '../session';

export async function proxyCommand(argv: string[]): Promise<number> {
  const p = parse('proxy', argv, { ...connectionOptions, ...outputOptions });
  positionals(p, [], 'proxy');
  const cli = connectionFromOptions(p, 'proxy');
  if (cli.config.type === 'stdio') throw new UsageError('proxy forwards to an HTTP server or an AgentCore runtime (--url, --agentcore-arn, --runtime, or such a --connection); a stdio server needs no proxy: give your client its command.', 'proxy');
  const verbosity = verbosityOf(p);
  const print = printer();
  const secret = secretLookup(cli.secrets, print.redactor);
  await checkSecrets(cli.config, secret, 'proxy', { bearer: !cli.secrets.bearerEnv });
  // A sign-in the server asks for opens the browser (the client that started us has no terminal).
  const host = baseHost(cli, print, verbosity, secret, 'proxy', { signIn: true });
  const upstream = await openUpstream(cli.config, host);
  if (verbosity.verbose) print.err(`proxy: forwarding stdio to ${upstream.url.href} ("${upstream.name}")`);
  // The client ends us by closing stdin or with a signal; either way the 2025 session is ended upstream.
  const stop = () => { process.stdin.destroy(); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await proxyStdio({ upstream, input: process.stdin, output: process.stdout, log: line => print.err(`proxy: ${line}`) });
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
  return 0;
}
