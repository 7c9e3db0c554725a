// Requests of a sign-in (metadata, registration, token, Cognito) follow redirects only within the origin
// they were sent to. A redirect to another host could carry an authorization code, a PKCE verifier, a
// client secret or a password (307 and 308 resend the body) somewhere the server's metadata never named:
// it is refused, with both hosts in the message.
import type { FetchLike } from '../connections/fetch';
import { SignInError } from './provider';

const MAX_REDIRECTS = 5;

export function withinOrigin(next: FetchLike): FetchLike {
  return async (url, init) => {
    let current = new URL(String(url));
    const method = (init?.method ?? 'GET').toUpperCase();
    for (let followed = 0; ; followed++) {
      const response = await next(current, { ...init, redirect: 'manual' });
      const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
      if (!location) return response;
      const target = new URL(location, current);
      await response.body?.cancel().catch(() => undefined);
      if (target.origin !== current.origin) {
        throw new SignInError(`${current.origin} redirected a sign-in request to ${target.origin}; refused, because a sign-in goes only where the server's metadata says.`,
          'Check the server\'s OAuth metadata (its authorization server and endpoints), or ask its owner.');
      }
      if (followed === MAX_REDIRECTS) throw new SignInError(`${current.origin} redirected a sign-in request more than ${MAX_REDIRECTS} times.`);
      if (method !== 'GET' && response.status !== 307 && response.status !== 308) {
        throw new SignInError(`${current.origin} answered a ${method} of the sign-in with a ${response.status} redirect, which would drop what was sent.`);
      }
      current = target;
    }
  };
}
