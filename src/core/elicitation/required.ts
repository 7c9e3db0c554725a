// The -32042 "URL elicitation required" error (MCP 2025-11-25, client/elicitation, URL mode): a tool
// call that cannot run until the person completes an out-of-band step. The error's data lists the URL
// elicitations; the client offers them and, once they are complete, retries the call.
export interface RequiredUrlElicitation { readonly message: string; readonly url: string; readonly elicitationId: string }

export const URL_ELICITATION_REQUIRED = -32042;

/**
 * The URL elicitations an error asks for, following the cause chain (our explained errors wrap the SDK's
 * McpError, which carries the data); undefined when the error is not -32042.
 */
export function requiredUrlElicitations(error: unknown): RequiredUrlElicitation[] | undefined {
  let matched = false;
  for (let e: unknown = error, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const { code, data } = e as { code?: unknown; data?: unknown };
    if (code !== URL_ELICITATION_REQUIRED) continue;
    matched = true;
    const list = (data as { elicitations?: unknown } | undefined)?.elicitations;
    if (!Array.isArray(list)) continue;
    return list.filter((x): x is RequiredUrlElicitation => !!x && typeof x === 'object'
      && typeof (x as RequiredUrlElicitation).url === 'string' && typeof (x as RequiredUrlElicitation).elicitationId === 'string')
      .map(x => ({ message: typeof x.message === 'string' ? x.message : '', url: x.url, elicitationId: x.elicitationId }));
  }
  return matched ? [] : undefined;
}
