// The connections the demo workspace starts with. Servers come from this repository (node_modules and
// test/fixtures), so the demo needs nothing from the network.
import * as path from 'node:path';

export function demoSettings(repo: string): Record<string, unknown> {
  const everything = path.join(repo, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
  return {
    'agentcoreMcp.connections': [
      { name: 'everything (stdio)', type: 'stdio', command: process.execPath, args: [everything, 'stdio'] },
    ],
  };
}
