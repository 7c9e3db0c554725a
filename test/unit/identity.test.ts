import * as assert from 'node:assert';
import { readBearerToken } from '../../src/core/agentcore/bearer';
import { McpConnection } from '../../src/core/connections/connection';
import { ExplainedError } from '../../src/core/connections/errors';
import { parseConnections, type ConnectionConfig } from '../../src/core/connections/config';
import type { ConnectionHost } from '../../src/core/connections/host';
import { definitionId, targetId, targetOf } from '../../src/core/connections/identity';
import { planHttp } from '../../src/core/connections/plan';
import { recordingHost, stdioEverything } from './helpers';

const one = (entry: Record<string, unknown>): ConnectionConfig => {
  const { connections, problems } = parseConnections([entry]);
  assert.deepStrictEqual(problems, []);
  return connections[0];
};
const arn = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/travel-AbCdEfGhIj';

describe('connection identity: what a connection reaches, apart from its name', () => {
  it('gives the same target id to the same URL under another name or headers, and a new one to another URL', () => {
    const a = one({ name: 'prod', type: 'http', url: 'https://api.example.com/mcp', secretHeaders: ['X-Api-Key'] });
    const renamed = one({ name: 'other', type: 'http', url: 'https://API.example.com/mcp', headers: { 'X-Team': 'a' } });
    const moved = one({ name: 'prod', type: 'http', url: 'https://evil.example.net/mcp', secretHeaders: ['X-Api-Key'] });
    assert.strictEqual(targetId(a), targetId(renamed), 'host names differ only in case: one target');
    assert.notStrictEqual(targetId(a), targetId(moved));
    assert.strictEqual(targetOf(moved), 'https://evil.example.net/mcp');
  });

  it('tells AgentCore targets apart by endpoint, qualifier and region, and names the endpoint', () => {
    const aws = one({ name: 'cloud', type: 'agentcore', arn, auth: 'bearer' });
    const local = one({ name: 'cloud', type: 'agentcore', arn, auth: 'bearer', endpoint: 'http://127.0.0.1:9000' });
    const staged = one({ name: 'cloud', type: 'agentcore', arn, auth: 'bearer', qualifier: 'staging' });
    const sigv4 = one({ name: 'cloud', type: 'agentcore', arn, auth: 'sigv4' });
    assert.strictEqual(new Set([aws, local, staged].map(targetId)).size, 3);
    assert.strictEqual(targetId(aws), targetId(sigv4), 'how it signs in is not where it goes');
    assert.match(targetOf(local), /through http:\/\/127\.0\.0\.1:9000$/);
    assert.match(targetOf(staged), /qualifier staging/);
  });

  it('changes the definition id with any field except the name and the protocol era', () => {
    const base = one({ name: 'local', type: 'stdio', command: 'node', args: ['server.js'], env: { A: '1' } });
    assert.strictEqual(definitionId(base), definitionId({ ...base }), 'a copy is the same definition');
    assert.strictEqual(definitionId(base), definitionId({ ...base, protocol: '2025-11-25' } as ConnectionConfig));
    assert.strictEqual(definitionId(base), definitionId({ ...base, name: 'renamed' }));
    for (const changed of [{ args: ['evil.js'] }, { env: { A: '2' } }, { cwd: '/tmp' }, { command: 'python' }, { watch: ['**/*.ts'] }]) {
      assert.notStrictEqual(definitionId(base), definitionId({ ...base, ...changed } as ConnectionConfig), JSON.stringify(changed));
    }
    // Key order as written does not matter.
    assert.strictEqual(definitionId(one({ type: 'stdio', name: 'local', args: ['server.js'], command: 'node', env: { A: '1' } })), definitionId(base));
  });

  it('hands the host the connection a secret is asked for (header values and bearer tokens)', async () => {
    const asked: Array<[string, string]> = [];
    const host: ConnectionHost = { log: () => undefined, secret: async (key, config) => { asked.push([key, targetOf(config)]); return 'v'; } };
    await planHttp(one({ name: 'prod', type: 'http', url: 'https://api.example.com/mcp', secretHeaders: ['X-Api-Key'] }) as Extract<ConnectionConfig, { type: 'http' }>, host);
    await readBearerToken(one({ name: 'cloud', type: 'agentcore', arn, auth: 'bearer', endpoint: 'http://127.0.0.1:9000' }) as Extract<ConnectionConfig, { type: 'agentcore' }>, host);
    assert.deepStrictEqual(asked, [['header/prod/x-api-key', 'https://api.example.com/mcp'], ['bearer/cloud', `${arn} through http://127.0.0.1:9000`]]);
  });
});

describe('a host that refuses to admit a connection', () => {
  it('keeps it closed with the host\'s reason, and admits it on the next connect once allowed', async () => {
    let allowed = false;
    const admitted: string[] = [];
    const host = {
      ...recordingHost(),
      admit: async (c: ConnectionConfig) => {
        admitted.push(definitionId(c));
        if (!allowed) throw new ExplainedError(`"${c.name}" is not trusted.`, 'Trust it.');
      },
    };
    const conn = new McpConnection(stdioEverything(), host);
    try {
      const refused = await conn.connect();
      assert.deepStrictEqual(refused, { kind: 'error', message: `"${stdioEverything().name}" is not trusted.`, nextStep: 'Trust it.' });
      assert.strictEqual(conn.client, undefined, 'no session was opened');
      allowed = true;
      assert.strictEqual((await conn.connect()).kind, 'running');
      assert.deepStrictEqual(new Set(admitted).size, 1, 'the same definition both times');
    } finally {
      await conn.disconnect();
    }
  });
});
