// Signing in from the command line (agentcore-mcp login): the page to open is printed, and a browser is
// started when this machine has one (xdg-open, open, start; not with AGENTCORE_MCP_NO_BROWSER=1 or over
// SSH). The browser comes back to the engine's loopback listener, so nothing is pasted.
import { spawn } from 'node:child_process';
import type { SignInRequest } from '../core/auth/provider';

export function cliSignIn(err: (line: string) => void, env: NodeJS.ProcessEnv = process.env) {
  return async (r: SignInRequest): Promise<boolean> => {
    err(`Sign in to "${r.connection}" at ${new URL(r.authorizationServer).host}: open this page in your browser (it comes back here by itself):`);
    err(`  ${r.url.href}`);
    if (env.AGENTCORE_MCP_NO_BROWSER !== '1' && !env.SSH_CONNECTION) openBrowser(r.url.href);
    err('Waiting for the sign-in (Ctrl-C to give up)…');
    return true;
  };
}

function openBrowser(url: string): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined); // no browser here: the printed URL is enough
    child.unref();
  } catch { /* as above */ }
}
