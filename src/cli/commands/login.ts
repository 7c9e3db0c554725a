// agentcore-mcp login | logout <connection options>: sign in to a server that uses MCP authorization, so
// later commands against it run without a browser (tokens are kept in the file `oauthFile()` names and
// refreshed when they expire); logout forgets them (the client registration stays).
import { connectionOptions, outputOptions, parse, positionals, UsageError } from '../args';
import { connectionFromOptions } from '../connection';
import { invocationsUrl } from '../../core/agentcore/arn';
import { withoutTokens } from '../../core/auth/record';
import { FileOAuthStore } from '../oauthStore';
import { withSession } from '../session';

export async function loginCommand(argv: string[]): Promise<number> {
  const p = parse('login', argv, { ...connectionOptions, ...outputOptions });
  positionals(p, [], 'login');
  const store = new FileOAuthStore();
  return withSession(p, 'login', { signIn: true, oauthStore: store }, async ({ connection, print }) => {
    const who = connection.signedIn();
    if (!who) {
      print.out('The server did not ask anyone to sign in: nothing was stored.\n');
      return 0;
    }
    const until = who.expiresAt ? `; the access token expires at ${new Date(who.expiresAt).toISOString()}${who.refreshable ? ' and is refreshed when needed' : ''}` : '';
    print.out(`Signed in${who.account ? ` as ${who.account}` : ''}${who.issuer ? ` at ${who.issuer}` : ''}${until}.\nTokens are kept in ${store.file} (readable only by you).\n`);
    return 0;
  });
}

export async function logoutCommand(argv: string[]): Promise<number> {
  const p = parse('logout', argv, { ...connectionOptions, help: { type: 'boolean', short: 'h' } });
  positionals(p, [], 'logout');
  const { config } = connectionFromOptions(p, 'logout');
  if (config.type === 'stdio') throw new UsageError('logout applies to HTTP servers and AgentCore JWT runtimes.', 'logout');
  const resource = config.type === 'http' ? new URL(config.url).href : invocationsUrl(config).href;
  const store = new FileOAuthStore();
  const record = await store.load(config.name, resource);
  if (!record?.tokens) {
    process.stdout.write(`Not signed in to ${resource}.\n`);
    return 0;
  }
  await store.save(config.name, resource, withoutTokens(record));
  process.stdout.write(`Signed out of ${resource}${record.account ? ` (${record.account})` : ''}: its tokens are deleted from ${store.file}.\n`);
  return 0;
}
