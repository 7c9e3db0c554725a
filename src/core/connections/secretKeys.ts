// Keys in secret storage: every secret a connection can have, in one place. No imports, so the editor's
// always-loaded bundle can use them without pulling in the engine (the MCP SDK loads with it, lazily).

/** A secret header's value of a connection. */
export const headerSecretKey = (connection: string, header: string) => `header/${connection}/${header.toLowerCase()}`;
/** The bearer token of an AgentCore connection with a JWT authorizer. */
export const bearerSecretKey = (connection: string) => `bearer/${connection}`;

/** What signing in to a connection left (tokens, client registration), as JSON. */
export const oauthRecordKey = (connection: string) => `oauth/${connection}`;
/** The OAuth client secret of a connection with a pre-registered confidential client. */
export const oauthClientSecretKey = (connection: string) => `oauth-client-secret/${connection}`;
/** A private key (PEM) for private_key_jwt client authentication. */
export const oauthPrivateKeyKey = (connection: string) => `oauth-private-key/${connection}`;
/** A Cognito pool user's username and password ("grant": "password"), as JSON. */
export const oauthPasswordKey = (connection: string) => `oauth-password/${connection}`;
