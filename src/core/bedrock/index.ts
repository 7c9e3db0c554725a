// Amazon Bedrock models in the vscode-free core: answering sampling requests (the command line's
// --sampling bedrock:<model-id>) and serving VS Code's language model provider. The Bedrock SDK is not
// reachable from here: it loads (dist/bedrockSdk.js) on the first call.
export { BEDROCK_ENDPOINT_ENV, bedrockEndpoint, bedrockLoaded, bedrockRegion } from './client';
export type { BedrockOptions } from './client';
export { converse, toConverseInput, toMcpStopReason } from './converse';
export type { BedrockAnswer, BedrockRequest, ConverseOptions } from './converse';
export { bedrockError, profilePrefix } from './errors';
export { listBedrockModels, usableModels } from './models';
export type { BedrockModel } from './models';
export { bedrockSampler, samplingToBedrock } from './sampler';
export type { BedrockSamplerOptions } from './sampler';
