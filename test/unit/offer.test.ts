// Connections offered to another MCP client (VS Code's own, in chat): the `exposeToChat` setting, what each
// kind of connection is offered as, and a version that changes with the settings.
import * as assert from 'node:assert';
import { connectionPart, parseConnections, type ConnectionConfig } from '../../src/core/connections/config';
import { definitionId } from '../../src/core/connections/identity';
import { offerOf, offerVersion } from '../../src/core/connections/offer';

const one = (entry: Record<string, unknown>): ConnectionConfig => {
  const { connections, problems } = parseConnections([entry]);
  assert.deepStrictEqual(problems, []);
  return connections[0];
};
const arn = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/travel-AbCdEfGhIj';
const upper = (v: string) => v.replace(/\$\{(\w+)\}/g, (_, n: string) => n.toUpperCase());

describe('connections offered to chat', () => {
  it('reads exposeToChat: true is kept, false and absent mean not offered, anything else is a problem naming the entry', () => {
    const { connections, problems } = parseConnections([
      { name: 'on', type: 'stdio', command: 'x', exposeToChat: true },
      { name: 'off', type: 'stdio', command: 'x', exposeToChat: false },
      { name: 'bad', type: 'stdio', command: 'x', exposeToChat: 'yes' },
    ]);
    assert.deepStrictEqual(connections, [
      { name: 'on', type: 'stdio', command: 'x', args: [], env: {}, exposeToChat: true },
      { name: 'off', type: 'stdio', command: 'x', args: [], env: {} },
    ]);
    assert.deepStrictEqual(problems, ['connection "bad": "exposeToChat" must be true or false, got "yes"']);
  });

  it('offers stdio with its variables expanded, plain HTTP directly, and AgentCore or signed-in HTTP through the gateway', () => {
    const stdio = one({ name: 's', type: 'stdio', command: '${cmd}', args: ['${a}', 'b'], env: { K: '${v}' }, cwd: '${dir}' });
    assert.deepStrictEqual(offerOf(stdio, upper), { kind: 'stdio', command: 'CMD', args: ['A', 'b'], env: { K: 'V' }, cwd: 'DIR' });
    const http = one({ name: 'h', type: 'http', url: 'http://127.0.0.1:3001/mcp', headers: { 'X-Team': 'a' }, secretHeaders: ['X-Api-Key'] });
    assert.deepStrictEqual(offerOf(http, upper), { kind: 'http', url: 'http://127.0.0.1:3001/mcp', headers: { 'X-Team': 'a' }, secretHeaders: ['X-Api-Key'] });
    const oauth = one({ name: 'o', type: 'http', url: 'https://api.example.com/mcp', oauth: { clientId: 'c' } });
    assert.strictEqual(offerOf(oauth, upper).kind, 'gateway');
    const sigv4 = offerOf(one({ name: 'a', type: 'agentcore', arn }), upper);
    assert.deepStrictEqual(sigv4, { kind: 'gateway', why: 'its requests are signed with your AWS credentials (SigV4)' });
    assert.strictEqual(offerOf(one({ name: 'b', type: 'agentcore', arn, auth: 'bearer' }), upper).kind, 'gateway');
  });

  it('gives a version that changes with any setting but exposeToChat, whatever order the keys were written in', () => {
    const a = one({ name: 's', type: 'stdio', command: 'node', args: ['a.js'], env: { A: '1', B: '2' }, exposeToChat: true });
    const reordered = one({ env: { B: '2', A: '1' }, args: ['a.js'], command: 'node', type: 'stdio', name: 's' });
    assert.strictEqual(offerVersion(a), offerVersion(reordered));
    assert.notStrictEqual(offerVersion(a), offerVersion(one({ name: 's', type: 'stdio', command: 'node', args: ['b.js'], env: { A: '1', B: '2' } })));
    assert.notStrictEqual(offerVersion(a), offerVersion(one({ name: 's', type: 'stdio', command: 'node', args: ['a.js'], env: { A: '1', B: '2' }, protocol: '2025-11-25' })));
  });

  it('leaves trust and our own session alone: exposeToChat is not part of the definition or the connection part', () => {
    const off = one({ name: 's', type: 'stdio', command: 'node', args: ['a.js'] });
    const on = one({ name: 's', type: 'stdio', command: 'node', args: ['a.js'], exposeToChat: true });
    assert.strictEqual(definitionId(on), definitionId(off));
    assert.deepStrictEqual(connectionPart(on), off);
  });
});
