// The only module that touches the AWS SDK. It is bundled on its own (scripts/build.mjs: dist/aws.js) and
// loaded at run time by loadAws() when an AgentCore SigV4 connection first connects (or runtimes are
// browsed through the control plane, @aws-sdk/client-bedrock-agentcore-control), so activation and
// every other connection never pay for it (docs/house-style.md, "Activation is cheap").
// It must not import the rest of the core: the bundle would get its own copy of those classes.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { SignatureV4 } from '@smithy/signature-v4';
import { BedrockAgentCoreControlClient, GetAgentRuntimeCommand, ListAgentRuntimeEndpointsCommand, paginateListAgentRuntimes } from '@aws-sdk/client-bedrock-agentcore-control';

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

export interface ProviderOptions {
  /** A profile from the shared files; without one the default chain (env, AWS_PROFILE, files, SSO, process, IMDS). */
  readonly profile?: string;
  /** For STS (assume-role) calls the provider makes; the SSO portal keeps its own sso_region. */
  readonly region: string;
  /** Asked for a code when a profile has mfa_serial; omitted, the SDK says the profile needs MFA. */
  readonly mfaCodeProvider?: (serial: string) => Promise<string>;
}

/**
 * One fresh credential load. A named profile goes to fromIni directly: through the whole chain a missing
 * profile would fall through to instance metadata and end as "Could not load credentials from any
 * providers", losing the reason. ignoreCache re-reads the files, so edits and `aws sso login` are seen.
 */
export async function loadCredentials(o: ProviderOptions): Promise<AwsCredentials> {
  const init = {
    ignoreCache: true,
    parentClientConfig: { region: o.region },
    ...(o.mfaCodeProvider ? { mfaCodeProvider: o.mfaCodeProvider } : {}),
  };
  const provider = o.profile !== undefined ? fromIni({ ...init, profile: o.profile }) : fromNodeProviderChain(init);
  const c = await provider();
  return {
    accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey,
    ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}), ...(c.expiration ? { expiration: c.expiration } : {}),
  };
}

export interface RequestToSign {
  readonly method: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly port?: number;
  /** The path as sent on the wire (still percent-encoded); the signer encodes it once more. */
  readonly path: string;
  /** Decoded query parameters; they go to the canonical query string, not the path. */
  readonly query: Readonly<Record<string, string | string[]>>;
  /** Exactly the headers to sign, lower-case names, `host` included. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

export interface SigningScope {
  readonly region: string;
  readonly service: string;
  readonly signingDate: Date;
}

type Bytes = string | ArrayBuffer | ArrayBufferView;
const toBuffer = (d: Bytes): Buffer => (typeof d === 'string' ? Buffer.from(d, 'utf8')
  : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d));

/**
 * SHA-256 and HMAC-SHA256 on Node's crypto, as the AWS SDK itself hashes in Node (@smithy/hash-node):
 * about twice as fast per signature as the pure-JS @aws-crypto/sha256-js, on every request (bench/agentcore.ts).
 */
class NodeSha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: Bytes) { this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', typeof secret === 'string' ? secret : toBuffer(secret)); }
  // Strings go to node:crypto as they are (it encodes UTF-8 itself), and the digest is returned without a
  // copy (a Buffer is a Uint8Array): the signer hashes three or four times per request.
  update(data: Bytes): void { this.h.update(typeof data === 'string' ? data : toBuffer(data)); }
  digest(): Promise<Uint8Array> { return Promise.resolve(this.h.digest()); }
}

/** One signer per credentials object (a refresh brings a new object), region and service. */
const signers = new WeakMap<AwsCredentials, Map<string, SignatureV4>>();
function signerFor(credentials: AwsCredentials, region: string, service: string): SignatureV4 {
  let byScope = signers.get(credentials);
  if (!byScope) signers.set(credentials, byScope = new Map());
  const key = `${region}\n${service}`;
  let signer = byScope.get(key);
  if (!signer) {
    signer = new SignatureV4({ credentials, region, service, sha256: NodeSha256, applyChecksum: false, uriEscapePath: true });
    byScope.set(key, signer);
  }
  return signer;
}

/**
 * Signs one request and returns every header of the signed request (the given ones plus x-amz-date,
 * x-amz-security-token for session credentials, and authorization). applyChecksum is off: AWS's own MCP
 * proxy (botocore SigV4Auth) does not send x-amz-content-sha256, and the payload hash is in the signature
 * anyway. Signing keys are cached by the SDK per day, region, service and key.
 */
export async function signRequest(req: RequestToSign, credentials: AwsCredentials, scope: SigningScope): Promise<Record<string, string>> {
  const signer = signerFor(credentials, scope.region, scope.service);
  const signed = await signer.sign({
    method: req.method, protocol: req.protocol, hostname: req.hostname, ...(req.port ? { port: req.port } : {}),
    path: req.path, query: req.query, headers: req.headers, ...(req.body !== undefined ? { body: req.body } : {}),
  }, { signingDate: scope.signingDate });
  return signed.headers;
}

export interface ControlPlaneOptions {
  readonly region: string;
  /** Instead of https://bedrock-agentcore-control.{region}.amazonaws.com (the emulator). */
  readonly endpoint?: string;
  readonly credentials: () => Promise<AwsCredentials>;
}

export interface RuntimeSummary {
  readonly name: string; readonly id: string; readonly arn: string; readonly version: string; readonly status: string;
  readonly lastUpdatedAt?: Date; readonly description?: string;
}

/** The three control-plane calls that browsing needs, through @aws-sdk/client-bedrock-agentcore-control. */
export function controlPlane(o: ControlPlaneOptions) {
  const client = new BedrockAgentCoreControlClient({ region: o.region, credentials: o.credentials, maxAttempts: 2, ...(o.endpoint ? { endpoint: o.endpoint } : {}) });
  return {
    async listRuntimes(pageSize: number): Promise<RuntimeSummary[]> {
      const out: RuntimeSummary[] = [];
      for await (const page of paginateListAgentRuntimes({ client, pageSize }, {})) {
        for (const r of page.agentRuntimes ?? []) {
          out.push({
            name: r.agentRuntimeName ?? '', id: r.agentRuntimeId ?? '', arn: r.agentRuntimeArn ?? '', version: r.agentRuntimeVersion ?? '', status: r.status ?? 'UNKNOWN',
            ...(r.lastUpdatedAt ? { lastUpdatedAt: r.lastUpdatedAt } : {}), ...(r.description ? { description: r.description } : {}),
          });
        }
      }
      return out;
    },
    async getRuntime(id: string) {
      const r = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
      const jwt = r.authorizerConfiguration?.customJWTAuthorizer;
      return {
        protocol: r.protocolConfiguration?.serverProtocol as string | undefined,
        failureReason: r.failureReason,
        jwt: jwt?.discoveryUrl ? { discoveryUrl: jwt.discoveryUrl, allowedClients: jwt.allowedClients, allowedAudience: jwt.allowedAudience } : undefined,
      };
    },
    async listEndpoints(id: string): Promise<string[]> {
      const names: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(new ListAgentRuntimeEndpointsCommand({ agentRuntimeId: id, ...(nextToken ? { nextToken } : {}) }));
        for (const e of page.runtimeEndpoints ?? []) if (e.name) names.push(e.name);
        nextToken = page.nextToken;
      } while (nextToken);
      return names;
    },
  };
}
