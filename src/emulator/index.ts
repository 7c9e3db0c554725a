// Public entry of the local AgentCore Runtime emulator (plain Node; used by tests, the CLI and the demo).
export { startEmulator } from './server';
export type { Emulator, EmulatorOptions, RuntimeOptions, CredentialOptions, RequestLogEntry, RuntimeAuth, FaultSwitches,
  PoolUserOptions, AppClientOptions, OAuthFlow, BedrockCall } from './types';
export { DEFAULT_BEDROCK_MODELS } from './bedrockModels';
export type { BedrockModelOptions } from './bedrockModels';
export type { FaultPatch, FaultState } from './faults';
export type { TokenClaims } from './jwt';
export type { SessionInfo, SessionPhase, CloseReason } from './sessions';
export { DEFAULT_CLIENT_ID } from './jwt';
export { DEFAULT_USER, DEFAULT_APP_CLIENT, API_SCOPE } from './userPool';
export { RPC_ERRORS, SESSION_NOT_FOUND_BODY } from './errors';
export { MISMATCH_MESSAGE } from './sigv4Verify';
export { METHOD_MISMATCH } from './gate';
export { parseRuntimeArn } from './arn';
