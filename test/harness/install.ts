// Finds the offline VS Code installed by scripts/setup-vscode.sh (code-server + Node 24, cached).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface VsCodeInstall {
  readonly root: string;
  readonly codeServer: string;
  readonly nodeBin: string;
  /** code-server's version line, e.g. "4.139.1 <commit> with Code 1.139.1". */
  readonly version: string;
}

export const cacheBase = (): string =>
  process.env.AGENTCORE_MCP_VSCODE_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'agentcore-mcp-client');

export function findInstall(): VsCodeInstall {
  const pointer = path.join(cacheBase(), 'current');
  const root = process.env.AGENTCORE_MCP_VSCODE_HOME ?? (fs.existsSync(pointer) ? fs.readFileSync(pointer, 'utf8').trim() : '');
  const stamp = root && path.join(root, '.ready');
  if (!stamp || !fs.existsSync(stamp)) {
    throw new Error(`No offline VS Code found${root ? ` in ${root}` : ''}. Run: bash scripts/setup-vscode.sh`);
  }
  const fields = Object.fromEntries(fs.readFileSync(stamp, 'utf8').split('\n').filter(Boolean).map(l => {
    const i = l.indexOf('=');
    return [l.slice(0, i), l.slice(i + 1)];
  }));
  return { root, codeServer: fields.CODE_SERVER, nodeBin: fields.NODE_BIN, version: fields.VERSION };
}
