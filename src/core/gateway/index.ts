// The gateway: our client's way of reaching a server (signing, tokens, retries, session renewal) offered
// to MCP clients that have none of it, over loopback HTTP (server.ts) or stdio (stdio.ts).
export { Gateway, type GatewayOptions } from './server';
export { openUpstream, type RemoteConfig, type Upstream, type UpstreamOptions } from './upstream';
export { proxyStdio, type StdioProxyOptions } from './stdio';
