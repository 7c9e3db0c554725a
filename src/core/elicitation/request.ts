// One entry point for the params of an `elicitation/create` request, both modes.
// Spec: 2025-11-25 client/elicitation, Elicitation Requests: "Clients MUST treat requests without a mode field
// as form mode"; URL mode has `url` and `elicitationId` and no schema.
import { BuildResult, Form } from './model';
import { buildForm } from './schema';
import { describeUrl, UrlDescription } from './url';
import { show } from './validate';

export type ParsedRequest =
  | { readonly ok: true; readonly mode: 'form'; readonly form: Form }
  | { readonly ok: true; readonly mode: 'url'; readonly message: string; readonly elicitationId: string; readonly link: UrlDescription }
  | { readonly ok: false; readonly mode: 'form' | 'url' | 'unknown'; readonly reason: string };

/**
 * Reads `params` of `elicitation/create`. A refusal says why, for the person and the traffic log; what to answer
 * the server then is the caller's decision (an unknown mode is a JSON-RPC -32602 per the spec's Error Handling;
 * an unusable form or an unsafe link is best shown and declined). Never throws.
 */
export function parseElicitRequest(params: unknown): ParsedRequest {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return { ok: false, mode: 'unknown', reason: 'the request has no params object' };
  const p = params as Record<string, unknown>;
  const mode = p.mode ?? 'form';
  if (mode === 'form') {
    const built: BuildResult = buildForm(p as { message: string; requestedSchema: unknown });
    return built.ok ? { ok: true, mode: 'form', form: built.form } : { ok: false, mode: 'form', reason: built.reason };
  }
  if (mode !== 'url') return { ok: false, mode: 'unknown', reason: `unknown elicitation mode ${show(mode)} (expected "form" or "url")` };
  if (typeof p.message !== 'string') return { ok: false, mode: 'url', reason: `"message" must be a string, got ${show(p.message)}` };
  if (typeof p.elicitationId !== 'string' || p.elicitationId === '') return { ok: false, mode: 'url', reason: `"elicitationId" must be a non-empty string, got ${show(p.elicitationId)}` };
  if (typeof p.url !== 'string') return { ok: false, mode: 'url', reason: `"url" must be a string, got ${show(p.url)}` };
  const link = describeUrl(p.url);
  if (!link.ok) return { ok: false, mode: 'url', reason: link.reason };
  return { ok: true, mode: 'url', message: p.message, elicitationId: p.elicitationId, link };
}
