import * as assert from 'node:assert';
import { McpError, UrlElicitationRequiredError } from '@modelcontextprotocol/sdk/types.js';
import { ExplainedError } from '../../src/core/connections/errors';
import { requiredUrlElicitations } from '../../src/core/elicitation/required';

describe('-32042 URL elicitation required', () => {
  const el = { mode: 'url' as const, url: 'https://auth.example.com/x', elicitationId: 'e1', message: 'Sign in' };
  it('finds the elicitations through our explained error and the SDK error it wraps', () => {
    const sdk = new UrlElicitationRequiredError([el], 'needs auth');
    const wrapped = new ExplainedError('The server answered tools/call with an error (-32042): needs auth', undefined, -32042, { cause: sdk });
    assert.deepStrictEqual(requiredUrlElicitations(wrapped), [{ message: 'Sign in', url: 'https://auth.example.com/x', elicitationId: 'e1' }]);
  });
  it('returns [] for a -32042 without usable data, and undefined for other errors', () => {
    assert.deepStrictEqual(requiredUrlElicitations(new McpError(-32042, 'x', { elicitations: [{ url: 5 }] })), []);
    assert.strictEqual(requiredUrlElicitations(new McpError(-32602, 'x')), undefined);
    assert.strictEqual(requiredUrlElicitations(new Error('x')), undefined);
  });
});
