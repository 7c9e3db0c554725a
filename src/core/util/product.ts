// Who we are, in one place: the package's name and version (a unit test holds them to package.json) and
// the clientInfo servers see, where each host (VS Code, the command line) names itself.
export const PRODUCT = { name: 'agentcore-mcp-client', title: 'AgentCore MCP Client', version: '0.1.0' } as const;

export interface ClientInfo { readonly name: string; readonly title: string; readonly version: string }

/** MCP's clientInfo for a host: "AgentCore MCP Client (VS Code)", "AgentCore MCP Client (command line)". */
export function clientInfoOf(host?: string): ClientInfo {
  return { name: PRODUCT.name, title: host ? `${PRODUCT.title} (${host})` : PRODUCT.title, version: PRODUCT.version };
}
