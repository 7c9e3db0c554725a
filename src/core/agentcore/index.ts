// AgentCore Runtime support in the vscode-free core: what the VS Code layer and the command line use.
// The AWS SDK is not reachable from here: it loads (dist/aws.js) when a SigV4 connection first connects.
export { ARN_EXAMPLE, ARN_SHAPE, checkEndpoint, defaultEndpoint, invocationsUrl, parseArn, signingRegion } from './arn';
export type { ParsedArn } from './arn';
export { jwtSummary, missingBearerToken } from './bearer';
export { SET_TOKEN_STEP } from '../connections/errors';
export type { JwtSummary } from './bearer';
export { awsLoaded, forgetCredentials } from './credentials';
export { checkAgentCoreConfig, createAgentCoreResolver, resolveAgentCorePlan } from './plan';
export type { AgentCoreOptions } from './plan';
export { awsConfigFiles, listAwsProfiles } from './profiles';
export type { AwsConfigFiles } from './profiles';
export { retryPolicy } from './retry';
export type { RetryOptions } from './retry';
export { bearerSecretKey } from '../connections/secretKeys';
export { connectionFor, describeAuth, discoverIn } from './deployed';
export type { DeployedRuntime, Discovered, RuntimeAuth } from './deployedFiles';
export { accountConnection, describeAccountRuntime, listAccountRuntimes } from './browse';
export type { AccountRuntime, BrowseOptions, RuntimeDetails } from './browse';
