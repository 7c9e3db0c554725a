import * as assert from 'node:assert';
import * as path from 'node:path';
import * as z from 'zod';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ElicitRequestSchema, type CallToolResult, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { acceptResult, Answers, buildForm, checkInput, declineResult, Form, parseElicitRequest, summarize } from '../../src/core/elicitation';
import { serverEverythingSchema } from './elicitation-schema.test';

/** Answers a form the way the scripted-answers engine will: check each answer, fill defaults, check the whole. */
function answer(form: Form, answers: Answers): ElicitResult {
  const r = acceptResult(form, answers, { applyDefaults: true });
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.result;
}

describe('elicitation against @modelcontextprotocol/server-everything', function () {
  this.timeout(30_000);
  const everything = path.resolve(__dirname, '..', '..', '..', 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
  let client: Client;
  const seen: unknown[] = [];
  let reply: (form: Form) => ElicitResult = () => declineResult();

  before(async () => {
    client = new Client({ name: 'elicitation-test', version: '0.0.0' }, { capabilities: { elicitation: { form: { applyDefaults: true } } } });
    client.setRequestHandler(ElicitRequestSchema, async req => {
      seen.push(req.params);
      const parsed = parseElicitRequest(req.params);
      if (!parsed.ok || parsed.mode !== 'form') throw new Error(parsed.ok ? 'not a form' : parsed.reason);
      return reply(parsed.form);
    });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [everything, 'stdio'], stderr: 'ignore' }));
  });
  after(() => client.close());

  const rawResult = (res: CallToolResult): unknown => {
    const text = res.content.map(c => (c.type === 'text' ? c.text : '')).join('\n');
    return JSON.parse(text.slice(text.indexOf('Raw result: ') + 'Raw result: '.length));
  };

  it('sends the schema copied in elicitation-schema.test.ts, and gets back typed content with defaults filled', async () => {
    let review: string[] = [];
    reply = form => {
      const answers = { name: 'Ada Lovelace', check: true, integer: 7, untitledMultipleSelectEnum: ['Piano', 'Bass'], titledSingleSelectEnum: 'hero-3' };
      review = summarize(form, answers).map(l => `${l.title}: ${l.display}`);
      return answer(form, answers);
    };
    const res = await client.callTool({ name: 'trigger-elicitation-request', arguments: {} }) as CallToolResult;
    assert.deepStrictEqual((seen[0] as { requestedSchema: unknown }).requestedSchema, serverEverythingSchema, 'server-everything changed its schema: update the copy');
    assert.deepStrictEqual(rawResult(res), {
      action: 'accept',
      content: {
        name: 'Ada Lovelace', check: true, firstLine: 'It was a dark and stormy night.', integer: 7, number: 3.14,
        untitledSingleSelectEnum: 'Monica', untitledMultipleSelectEnum: ['Piano', 'Bass'], titledSingleSelectEnum: 'hero-3',
        titledMultipleSelectEnum: ['fish-1'], legacyTitledEnum: 'pet-1',
      },
    });
    assert.deepStrictEqual(review, [
      'String: Ada Lovelace', 'Boolean: Yes', 'String with default: It was a dark and stormy night. (default)', 'String with email format: (not given)',
      'String with uri format: (not given)', 'String with date format: (not given)', 'Integer: 7', 'Number in range 1-1000: 3.14 (default)',
      'Untitled Single Select Enum: Monica (default)', 'Untitled Multiple Select Enum: Piano, Bass', 'Titled Single Select Enum: Wonder Woman',
      'Titled Multiple Select Enum: Tuna (default)', 'Legacy Titled Single Select Enum: Cats (default)',
    ]);
  });

  it('passes decline through as its own answer', async () => {
    reply = () => declineResult();
    const res = await client.callTool({ name: 'trigger-elicitation-request', arguments: {} }) as CallToolResult;
    assert.deepStrictEqual(rawResult(res), { action: 'decline' });
  });
});

describe('elicitation pattern through the SDK', () => {
  // The spec's String Schema example has "pattern", but the SDK's zod StringSchemaSchema does not: a handler
  // registered with ElicitRequestSchema gets the schema with "pattern" stripped, while a TypeScript SDK server
  // still checks it with Ajv. These tests pin that down, and show a registration that keeps it.
  const requestedSchema = { type: 'object' as const, properties: { code: { type: 'string' as const, pattern: '^[A-Z]{3}$' } }, required: ['code'] };

  async function roundTrip(requestSchema: typeof ElicitRequestSchema | z.ZodType, typed: string) {
    const server = new Server({ name: 'pattern-server', version: '0.0.0' }, { capabilities: {} });
    const client = new Client({ name: 'pattern-client', version: '0.0.0' }, { capabilities: { elicitation: { form: {} } } });
    let form: Form | undefined;
    client.setRequestHandler(requestSchema as typeof ElicitRequestSchema, async req => {
      const built = buildForm(req.params as { message: string; requestedSchema: unknown });
      if (!built.ok) throw new Error(built.reason);
      form = built.form;
      const field = form.fields[0];
      const checked = field.kind === 'text' ? checkInput(field, typed) : assert.fail(field.kind);
      return checked.ok ? answer(form, { code: checked.value }) : { action: 'cancel' };
    });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    await client.connect(b);
    try {
      const result = await server.elicitInput({ message: 'Airport code?', requestedSchema }).catch((e: Error) => e.message);
      return { form, result };
    } finally {
      await client.close();
    }
  }

  it('is stripped by ElicitRequestSchema, so the client accepts what the server then refuses', async () => {
    const { form, result } = await roundTrip(ElicitRequestSchema, 'abc');
    assert.deepStrictEqual(form?.fields[0], { key: 'code', title: 'code', required: true, kind: 'text' });
    assert.strictEqual(result, 'MCP error -32602: Elicitation response content does not match requested schema: data/code must match pattern "^[A-Z]{3}$"');
  });

  it('reaches the form with a request schema that keeps params as sent, and is enforced before sending', async () => {
    const loose = z.object({ method: z.literal('elicitation/create'), params: z.record(z.string(), z.unknown()) });
    const refused = await roundTrip(loose, 'abc');
    assert.deepStrictEqual(refused.form?.fields[0], { key: 'code', title: 'code', required: true, kind: 'text', pattern: '^[A-Z]{3}$' });
    assert.deepStrictEqual(refused.result, { action: 'cancel' });
    const accepted = await roundTrip(loose, 'LHR');
    assert.deepStrictEqual(accepted.result, { action: 'accept', content: { code: 'LHR' } });
  });
});
