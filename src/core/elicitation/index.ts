// Elicitation, plain Node: the form model behind `elicitation/create` (form and URL mode), shared by the VS Code
// quick inputs, the scripted-answers engine and the command line.
// Spec: https://modelcontextprotocol.io/specification/2025-11-25/client/elicitation
export * from './model';
export { buildForm } from './schema';
export { checkInput, checkValue, checkContent, isTextual, isPick } from './validate';
export type { Checked } from './validate';
export { applyDefaults, defaultedKeys, initialText, initialChoice, initialSelection } from './defaults';
export { summarize, displayValue, hint } from './review';
export type { ReviewLine } from './review';
export { acceptResult, acceptUrlResult, declineResult, cancelResult } from './result';
export type { AcceptResult, ElicitAnswer, ElicitContent } from './result';
export { describeUrl, PendingUrlElicitations } from './url';
export type { UrlCheck, UrlDescription } from './url';
export { parseElicitRequest } from './request';
export type { ParsedRequest } from './request';
export { codePointLength } from './formats';
export { requiredUrlElicitations, URL_ELICITATION_REQUIRED } from './required';
