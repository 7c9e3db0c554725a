// Which fields of a stdio connection take ${...} variables, in one place: our own stdio transport and the
// definitions offered to VS Code's own MCP client expand the same ones. Type imports only, so the
// editor's always-loaded bundle can use it without the engine.
import type { StdioConfig } from './config';

/** The command, args, env values and cwd with `expand` applied (the host says what the variables mean). */
export function expandStdio(config: StdioConfig, expand: (value: string) => string): StdioConfig {
  return {
    ...config, command: expand(config.command), args: config.args.map(expand),
    env: Object.fromEntries(Object.entries(config.env).map(([k, v]) => [k, expand(v)])),
    ...(config.cwd ? { cwd: expand(config.cwd) } : {}),
  };
}
