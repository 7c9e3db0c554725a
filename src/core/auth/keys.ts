// Keys in secret storage for signing in; no imports, so the editor's always-loaded bundle can use them
// without pulling in the OAuth code (which loads with the engine).

/** What signing in to a connection left (tokens, client registration), as JSON. */
export const oauthRecordKey = (connection: string) => `oauth/${connection}`;
/** The OAuth client secret of a connection with a pre-registered confidential client. */
export const oauthClientSecretKey = (connection: string) => `oauth-client-secret/${connection}`;
/** A private key (PEM) for private_key_jwt client authentication. */
export const oauthPrivateKeyKey = (connection: string) => `oauth-private-key/${connection}`;
/** A Cognito pool user's username and password ("grant": "password"), as JSON. */
export const oauthPasswordKey = (connection: string) => `oauth-password/${connection}`;
