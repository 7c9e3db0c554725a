// Everything the VS Code layer needs from the core at run time, in one bundle (dist/engine.js) that is
// loaded on first use, not at activation: the MCP SDK and its validators are most of the code.
export { McpConnection } from './connections/connection';
export type { CallOptions, ListKind } from './connections/connection';
export { CancelledError, ExplainedError } from './connections/errors';
export * as ops from './operations';
export { Redactor } from './connections/traffic';
export * as elicitation from './elicitation';
export * as agentcore from './agentcore';
export * as gateway from './gateway';
export * as bedrock from './bedrock';
export * as args from './arguments/schema';
export * as render from './results/markdown';
export { resultHtml } from './results/html';
export { UriTemplate } from '@modelcontextprotocol/client';
export { ProgressThrottle } from './progress/throttle';
export { ProtocolError as McpError } from '@modelcontextprotocol/client';
export * as sampling from './sampling';
export { diffCatalogs } from './connections/diff';
export * as scenario from './scenario';
export * as tasks from './tasks';
