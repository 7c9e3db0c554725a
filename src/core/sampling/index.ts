// Sampling (MCP 2025-11-25 client/sampling) without VS Code: choose a model, check and map the request,
// post-process the streamed answer, build the result, and summarise the request for consent.
// The VS Code layer answers through vscode.lm with these; scripted answers and the command line use
// checkParams, describeRequest and toResult.
export { chooseModel, findSettingModel, modelClass, modelSettingName } from './choose';
export type { ModelChoice, ModelClass, ModelInfo } from './choose';
export { carriesImages, checkParams, imageMimeTypes, SamplingErrorCode, systemPromptText, toChatRequest } from './request';
export type { ChatMessage, ChatPart, ChatRequest, Invalid, SamplingParams } from './request';
export { estimateTokensByChars, resultModelName, SamplingStream, toResult } from './stream';
export type { SamplingOutcome, SamplingStreamOptions, StopReason, StreamStep, TokenEstimator } from './stream';
export { describeRequest, excerpt, wholeRequest } from './describe';
export type { RequestSummary } from './describe';
