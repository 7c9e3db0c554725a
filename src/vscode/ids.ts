// Command, view and setting ids in one place, so package.json and the code cannot drift silently
// (test/integration/manifest.test.ts checks that every id here is contributed).
export const enum Cmd {
  AddConnection = 'agentcoreMcp.addConnection',
  Refresh = 'agentcoreMcp.refresh',
}

export const enum View {
  Container = 'agentcoreMcp',
  Connections = 'agentcoreMcp.connections',
}

export const Setting = {
  section: 'agentcoreMcp',
  connections: 'connections',
} as const;
