// Bedrock failures in the words an AWS user acts on: model access to request, the quota that throttles,
// a model id Bedrock does not know, a model offered only through inference profiles, expired credentials.
// The AWS message stays in the text: it is what people search for.
import { CancelledError, ExplainedError } from '../connections/errors';

export interface BedrockErrorContext {
  readonly op: 'ConverseStream' | 'ListFoundationModels' | 'ListInferenceProfiles';
  readonly region: string;
  readonly profile?: string;
  readonly modelId?: string;
  readonly endpoint?: string;
}

/** The IAM action behind each call. */
const actions: Record<BedrockErrorContext['op'], string> = {
  ConverseStream: 'bedrock:InvokeModelWithResponseStream',
  ListFoundationModels: 'bedrock:ListFoundationModels',
  ListInferenceProfiles: 'bedrock:ListInferenceProfiles',
};

/** The geography prefix of the region's system-defined inference profiles (us., eu., apac.). */
export function profilePrefix(region: string): string {
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('ap-')) return 'apac';
  if (region.startsWith('us-gov-')) return 'us-gov';
  return 'us';
}

const who = (c: BedrockErrorContext) => (c.profile ? `the profile "${c.profile}"` : 'your default AWS credentials');

/** Turns an SDK, credential or network failure of a Bedrock call into what to do about it. */
export function bedrockError(e: unknown, c: BedrockErrorContext): Error {
  if (e instanceof ExplainedError || e instanceof CancelledError) return e;
  const err = (e ?? {}) as { name?: string; message?: string; code?: string; cause?: { code?: string } };
  const name = err.name ?? '';
  const text = (err.message ?? String(e)).trim();
  const said = `(AWS said: ${text})`;
  const model = c.modelId ? `"${c.modelId}"` : 'the model';
  const cause = { cause: e };
  if (name === 'AbortError') return new CancelledError('The request to Amazon Bedrock was cancelled.');
  if (name === 'ThrottlingException' || name === 'ServiceQuotaExceededException') {
    return new ExplainedError(`Amazon Bedrock is throttling requests to ${model} in ${c.region}: too many requests or tokens for your account's quota ${said}.`,
      `Wait a minute and try again. For steady use, ask for a higher quota in Service Quotas (Amazon Bedrock, the model's on-demand requests and tokens per minute) or use a cross-region inference profile (e.g. ${profilePrefix(c.region)}.${c.modelId ?? '<model id>'}).`, undefined, cause);
  }
  if (name === 'AccessDeniedException') {
    if (/not authorized to perform/i.test(text)) {
      return new ExplainedError(`${who(c)[0].toUpperCase()}${who(c).slice(1)} may not call ${actions[c.op]} in ${c.region} ${said}.`,
        `Ask for that permission on your role or user${c.modelId ? ` for ${model}` : ''}.`, undefined, cause);
    }
    return new ExplainedError(`Your AWS account has no access to the Bedrock model ${model} in ${c.region} ${said}.`,
      `Request model access in the Bedrock console for ${model} in ${c.region} (Amazon Bedrock → Model access), then try again.`, undefined, cause);
  }
  if (name === 'ValidationException') {
    if (/model identifier is invalid/i.test(text)) {
      return new ExplainedError(`Amazon Bedrock knows no model ${model} in ${c.region} ${said}.`,
        `Check the model id: a foundation model such as anthropic.claude-3-haiku-20240307-v1:0 or an inference profile such as ${profilePrefix(c.region)}.anthropic.claude-3-5-haiku-20241022-v1:0; "aws bedrock list-foundation-models --region ${c.region}" lists them.`, undefined, cause);
    }
    if (/on-demand throughput/i.test(text)) {
      return new ExplainedError(`${model} cannot be called by its model id in ${c.region}: Bedrock serves it through inference profiles only ${said}.`,
        `Use an inference profile that contains it, e.g. ${profilePrefix(c.region)}.${c.modelId ?? '<model id>'} ("aws bedrock list-inference-profiles --region ${c.region}" lists them).`, undefined, cause);
    }
    return new ExplainedError(`Amazon Bedrock refused the request to ${model}: ${text}`, undefined, undefined, cause);
  }
  if (name === 'ResourceNotFoundException') {
    return new ExplainedError(`The Bedrock model ${model} is not available in ${c.region} ${said}.`,
      `It may be retired or not offered in ${c.region}: choose another model or region.`, undefined, cause);
  }
  if (/ExpiredToken|TokenRefreshRequired|security token included in the request is expired/i.test(`${name} ${text}`)) {
    return new ExplainedError(`The AWS credentials of ${who(c)} have expired.`,
      `Run "aws sso login${c.profile ? ` --profile ${c.profile}` : ''}" (or renew them), then try again.`, undefined, cause);
  }
  if (name === 'UnrecognizedClientException' || name === 'InvalidSignatureException') {
    return new ExplainedError(`AWS does not accept the credentials of ${who(c)} (${name}): ${text}`, 'Check the access key and secret of that profile.', undefined, cause);
  }
  const code = err.code ?? err.cause?.code;
  if (code === 'ENOTFOUND' || /getaddrinfo|ENOTFOUND/.test(text)) {
    return new ExplainedError(`No Amazon Bedrock endpoint answers in ${c.region}${c.endpoint ? ` at ${c.endpoint}` : ''} (${text}).`,
      c.endpoint ? 'Check the endpoint override.' : 'Check the region: Amazon Bedrock is offered in some regions only, e.g. us-east-1, us-west-2, eu-central-1, ap-northeast-1.', undefined, cause);
  }
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(text)) {
    return new ExplainedError(`Nothing answers at ${c.endpoint ?? `Amazon Bedrock in ${c.region}`} (${text}).`,
      c.endpoint ? 'Start the emulator, or remove the endpoint override.' : 'Check your network and proxy settings.', undefined, cause);
  }
  if (/^(ModelNotReady|ServiceUnavailable|ModelTimeout|InternalServer|ModelStreamError|ModelError)Exception$/.test(name)) {
    return new ExplainedError(`Amazon Bedrock could not answer with ${model} (${name}): ${text}`, 'Try again in a moment.', undefined, cause);
  }
  return new ExplainedError(`${c.op}${c.modelId ? ` with ${model}` : ''} in ${c.region} failed: ${name ? `${name}: ` : ''}${text}`, undefined, undefined, cause);
}
