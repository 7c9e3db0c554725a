// A local OIDC issuer for runtimes with a customJWTAuthorizer: an RSA key made at start, a discovery document
// and JWKS served by the emulator, RS256 tokens minted on demand, and the checks AgentCore makes
// (docs/agentcore-runtime.md, "OAuth / JWT"). Node crypto only, so the emulator does not share a JWT library
// with the client under test.
import { KeyObject, generateKeyPair, generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';
import { promisify } from 'node:util';

export const DEFAULT_CLIENT_ID = 'agentcore-emulator-client';

export interface TokenClaims {
  sub?: string;
  iss?: string;
  aud?: string | string[];
  client_id?: string;
  exp?: number;
  iat?: number;
  scope?: string;
  token_use?: string;
  [claim: string]: unknown;
}

export interface JwtRules {
  readonly allowedAudience?: readonly string[];
  readonly allowedClients?: readonly string[];
}

/** Why a token was refused; goes to the request log, never to the client (AgentCore says only −32001). */
export type JwtCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: string };

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

export class LocalIssuer {
  readonly kid = randomUUID();

  private keys?: { privateKey: KeyObject; publicKey: KeyObject };

  private constructor(readonly issuer: string) {}

  /**
   * With `eager`, the RSA key is made now without blocking; otherwise on first use (an emulator with only
   * SigV4 runtimes then never pays the ~100 ms it takes).
   */
  static async create(issuer: string, eager: boolean): Promise<LocalIssuer> {
    const i = new LocalIssuer(issuer);
    if (eager) i.keys = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
    return i;
  }

  private get privateKey(): KeyObject { return this.keyPair().privateKey; }
  private get publicKey(): KeyObject { return this.keyPair().publicKey; }

  private keyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
    this.keys ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
    return this.keys;
  }

  get jwksUri(): string { return `${this.issuer}/.well-known/jwks.json`; }

  /**
   * Shaped like a Cognito user pool's openid-configuration: no registration_endpoint (Cognito has no
   * dynamic client registration). `code_challenge_methods_supported` and `grant_types_supported` are
   * ours: they say what the emulated endpoints accept (PKCE is S256 only and required).
   */
  discovery(): Record<string, unknown> {
    return {
      issuer: this.issuer,
      jwks_uri: this.jwksUri,
      authorization_endpoint: `${this.issuer}/oauth2/authorize`,
      token_endpoint: `${this.issuer}/oauth2/token`,
      revocation_endpoint: `${this.issuer}/oauth2/revoke`,
      userinfo_endpoint: `${this.issuer}/oauth2/userInfo`,
      response_types_supported: ['code', 'token'],
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    };
  }

  jwks(): { keys: Record<string, unknown>[] } {
    return { keys: [{ ...this.publicKey.export({ format: 'jwk' }), kid: this.kid, alg: 'RS256', use: 'sig' }] };
  }

  /** Mints an RS256 token. Defaults: our issuer, a test subject, a Cognito-style client_id, 1 hour. */
  mint(claims: TokenClaims = {}, nowMs = Date.now()): string {
    const iat = Math.floor(nowMs / 1000);
    const body: TokenClaims = { sub: 'emulator-user', iss: this.issuer, iat, exp: iat + 3600, token_use: 'access', ...claims };
    if (claims.aud === undefined && claims.client_id === undefined) body.client_id = DEFAULT_CLIENT_ID;
    const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.kid }));
    const input = `${head}.${b64url(JSON.stringify(body))}`;
    return `${input}.${b64url(sign('RSA-SHA256', Buffer.from(input), this.privateKey))}`;
  }

  /** Signature against our JWKS, then exp, iss, and allowedAudience (aud) / allowedClients (client_id). */
  check(token: string, rules: JwtRules, nowMs = Date.now()): JwtCheck {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'not a JWT' };
    let header: { alg?: string; kid?: string };
    let claims: TokenClaims;
    try {
      header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as typeof header;
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as TokenClaims;
    } catch { return { ok: false, reason: 'token is not base64url JSON' }; }
    if (header.alg !== 'RS256') return { ok: false, reason: `alg ${String(header.alg)} is not RS256` };
    const key = this.keyFor(header.kid);
    if (!key) return { ok: false, reason: `unknown kid ${String(header.kid)}` };
    if (!verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), key, Buffer.from(parts[2], 'base64url'))) {
      return { ok: false, reason: 'bad signature' };
    }
    const now = Math.floor(nowMs / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= now) return { ok: false, reason: 'Token has expired' };
    if (typeof claims.nbf === 'number' && claims.nbf > now) return { ok: false, reason: 'token not yet valid (nbf)' };
    if (claims.iss !== this.issuer) return { ok: false, reason: `iss ${String(claims.iss)} is not ${this.issuer}` };
    // Each configured list must be satisfied (unverified: AgentCore's rule when both are set is undocumented).
    if (rules.allowedAudience?.length) {
      const aud = Array.isArray(claims.aud) ? claims.aud : claims.aud === undefined ? [] : [claims.aud];
      if (!aud.some(a => rules.allowedAudience!.includes(a))) return { ok: false, reason: "Claim 'aud' value mismatch with configuration." };
    }
    if (rules.allowedClients?.length && !rules.allowedClients.includes(String(claims.client_id))) {
      return { ok: false, reason: "Claim 'client_id' value mismatch with configuration." };
    }
    return { ok: true, claims };
  }

  private keyFor(kid: string | undefined): KeyObject | undefined {
    return kid === undefined || kid === this.kid ? this.publicKey : undefined;
  }
}
