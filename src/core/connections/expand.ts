// ${...} variables in one place: which fields of a stdio connection take them (our own stdio transport and
// the definitions offered to VS Code's own MCP client expand the same ones), and what each means, for the
// editor, the command line and scenario runs alike. Node built-ins and type imports only, so the editor's
// always-loaded bundle can use it without the engine.
import * as os from 'node:os';
import * as path from 'node:path';
import type { StdioConfig } from './config';

/** A workspace folder as the variables see it: its name (for ${workspaceFolder:name}) and its path. */
export interface FolderRef { readonly name: string; readonly path: string }

/** A folder known only by its path (the command line's workspace, a scenario file's folder). */
export const folderAt = (p: string): FolderRef => ({ name: path.basename(p), path: p });

/**
 * ${workspaceFolder} (the first folder), ${workspaceFolder:name}, ${workspaceFolderBasename}, ${userHome},
 * ${pathSeparator} and ${env:NAME}, as VS Code's own MCP configurations know them. A folder variable with
 * no such folder stays as written, so the server's error names it.
 */
export function expandVariables(value: string, folders: readonly FolderRef[], env: NodeJS.ProcessEnv = process.env): string {
  return value.replace(/\$\{(workspaceFolder(?::([^}]+))?|workspaceFolderBasename|userHome|env:([^}]+)|pathSeparator)\}/g,
    (whole, _v: string, folderName?: string, envName?: string) => {
      if (envName) return env[envName] ?? '';
      if (whole === '${userHome}') return os.homedir();
      if (whole === '${pathSeparator}') return path.sep;
      const folder = folderName ? folders.find(f => f.name === folderName) : folders[0];
      if (!folder) return whole;
      return whole === '${workspaceFolderBasename}' ? folder.name : folder.path;
    });
}

/** The command, args, env values and cwd with `expand` applied (the host says what the variables mean). */
export function expandStdio(config: StdioConfig, expand: (value: string) => string): StdioConfig {
  return {
    ...config, command: expand(config.command), args: config.args.map(expand),
    env: Object.fromEntries(Object.entries(config.env).map(([k, v]) => [k, expand(v)])),
    ...(config.cwd ? { cwd: expand(config.cwd) } : {}),
  };
}
