// Command, view and setting ids in one place, so package.json and the code cannot drift silently
// (test/integration/activation.test.ts checks every contributed command is registered).
export const enum Cmd {
  AddConnection = 'agentcoreMcp.addConnection',
  AddDeployedRuntime = 'agentcoreMcp.addDeployedRuntime',
  BrowseRuntimes = 'agentcoreMcp.browseRuntimes',
  AddFoundServer = 'agentcoreMcp.addFoundServer',
  EditConnection = 'agentcoreMcp.editConnection',
  RemoveConnection = 'agentcoreMcp.removeConnection',
  Connect = 'agentcoreMcp.connect',
  Disconnect = 'agentcoreMcp.disconnect',
  Restart = 'agentcoreMcp.restart',
  ShowLog = 'agentcoreMcp.showLog',
  Refresh = 'agentcoreMcp.refresh',
  InvokeTool = 'agentcoreMcp.invokeTool',
  InvokeToolAsTask = 'agentcoreMcp.invokeToolAsTask',
  CancelTask = 'agentcoreMcp.cancelTask',
  CopyToolName = 'agentcoreMcp.copyToolName',
  ShowToolSchema = 'agentcoreMcp.showToolSchema',
  OpenTaskResult = 'agentcoreMcp.openTaskResult',
  ReadResource = 'agentcoreMcp.readResource',
  GetPrompt = 'agentcoreMcp.getPrompt',
  CopyValue = 'agentcoreMcp.copyValue',
  ResetSamplingPermissions = 'agentcoreMcp.resetSamplingPermissions',
  ForgetTrustedConnections = 'agentcoreMcp.forgetTrustedConnections',
  SetBearerToken = 'agentcoreMcp.setBearerToken',
  SignIn = 'agentcoreMcp.signIn',
  SignOut = 'agentcoreMcp.signOut',
  SetOAuthClientSecret = 'agentcoreMcp.setOAuthClientSecret',
  ShowTraffic = 'agentcoreMcp.showTraffic',
  ExportTraffic = 'agentcoreMcp.exportTraffic',
  RunScenario = 'agentcoreMcp.runScenario',
  SaveLastCall = 'agentcoreMcp.saveLastCallAsScenario',
  SaveToolCall = 'agentcoreMcp.saveToolCallAsScenario',
  KeepResult = 'agentcoreMcp.keepResult',
  ShowResultMarkdown = 'agentcoreMcp.showResultMarkdown',
}

export const enum View {
  Container = 'agentcoreMcp',
  Connections = 'agentcoreMcp.connections',
}

export const Setting = {
  section: 'agentcoreMcp',
  connections: 'connections',
  serverLogLevel: 'serverLogLevel',
  connectTimeout: 'timeouts.connectSeconds',
  requestTimeout: 'timeouts.requestSeconds',
  toolCallTimeout: 'timeouts.toolCallSeconds',
  samplingModel: 'sampling.model',
  maxInputRounds: 'inputRequired.maxRounds',
  elicitationReview: 'elicitation.review',
} as const;
