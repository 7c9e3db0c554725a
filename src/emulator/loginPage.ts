// The HTML of the emulated Cognito hosted UI: the sign-in form a browser fills in during the authorization
// code flow, and the error page for a request that cannot be sent back to its client. Self-contained (no
// external scripts, styles or fonts): tests run offline.

const esc = (s: string): string => s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font-family:system-ui,sans-serif;background:#f2f3f3;margin:0}
main{max-width:22rem;margin:4rem auto;background:#fff;padding:1.5rem 2rem;border-radius:8px;box-shadow:0 1px 4px #0003}
label{display:block;margin-top:.8rem}input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.45rem}
button{margin-top:1.2rem;width:100%;padding:.55rem;background:#ec7211;color:#fff;border:0;border-radius:4px;font-size:1rem}
.error{color:#b0001e;background:#fde8e8;padding:.5rem;border-radius:4px}.client{color:#555;font-size:.85rem}`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>
`;
}

/**
 * The sign-in form. `request` holds the authorize parameters, carried in hidden fields so the POST can
 * be checked again as a whole; `error` is shown above the form after a failed attempt. The form posts to a
 * relative URL, so the page also works when a proxy serves it under a path (code-server's port forwarding).
 */
export function loginPage(clientId: string, request: ReadonlyMap<string, string>, error?: string, username = ''): string {
  const hidden = [...request].map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('\n');
  return page('Sign in', `<h1>Sign in</h1>
<p class="client">AgentCore emulator user pool. Signing in to app client <code id="client-id">${esc(clientId)}</code>.</p>
${error ? `<p class="error" id="error" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="authorize">
${hidden}
<label for="username">Username</label>
<input type="text" id="username" name="username" value="${esc(username)}" autocomplete="username" autocapitalize="none" required autofocus>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit" name="signInSubmitButton">Sign in</button>
</form>`);
}

/** A request the server cannot redirect back (unknown client, unregistered redirect_uri): shown, not sent. */
export function errorPage(error: string, description: string): string {
  return page('Error', `<h1>An error was encountered with the requested page.</h1>
<p class="error" id="error" role="alert"><code>${esc(error)}</code>: ${esc(description)}</p>`);
}
