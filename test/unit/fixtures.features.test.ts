import * as assert from 'node:assert';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  ElicitationCompleteNotificationSchema,
  LoggingMessageNotificationSchema,
  McpError,
  PromptListChangedNotificationSchema,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
  ToolListChangedNotificationSchema,
  type ElicitRequestURLParams,
  type Progress,
} from '@modelcontextprotocol/sdk/types.js';
import { BLOB_BASE64, COUNTER_URI, TINY_PNG_BASE64, createFeaturesServer, featuresHttpRoutes } from '../fixtures/servers/features';
import { serveHttp } from '../fixtures/servers/run';
import { connectInMemory, resourceText, resultText, scriptedClient, waitFor } from '../fixtures/servers/testkit';

function notifications(client: Client) {
  const seen: string[] = [];
  client.setNotificationHandler(ToolListChangedNotificationSchema, n => void seen.push(n.method));
  client.setNotificationHandler(ResourceListChangedNotificationSchema, n => void seen.push(n.method));
  client.setNotificationHandler(PromptListChangedNotificationSchema, n => void seen.push(n.method));
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, n => void seen.push(`${n.method} ${n.params.uri}`));
  client.setNotificationHandler(ElicitationCompleteNotificationSchema, n => void seen.push(`${n.method} ${n.params.elicitationId}`));
  return seen;
}

describe('fixture server: features', () => {
  let client: Client;
  let close: () => Promise<void>;
  let seen: string[];
  let urlElicitations: ElicitRequestURLParams[];
  let urlAnswer: 'accept' | 'decline';
  beforeEach(async () => {
    urlElicitations = [];
    urlAnswer = 'accept';
    const script = scriptedClient({
      elicit: params => {
        if (params.mode === 'url') {
          urlElicitations.push(params);
        }
        return { action: urlAnswer };
      },
    });
    client = script.client;
    seen = notifications(client);
    close = (await connectInMemory(client, createFeaturesServer())).close;
  });
  afterEach(() => close());

  it('adds tools, resources and prompts at run time and says so with list_changed', async () => {
    await client.callTool({ name: 'add_tool', arguments: { name: 'extra' } });
    await client.callTool({ name: 'add_resource', arguments: { name: 'note' } });
    await client.callTool({ name: 'add_prompt', arguments: { name: 'later' } });
    await waitFor(() => seen.length >= 3, 2_000, 'three list_changed notifications');
    assert.deepStrictEqual(seen, ['notifications/tools/list_changed', 'notifications/resources/list_changed', 'notifications/prompts/list_changed']);
    assert.ok((await client.listTools()).tools.some(t => t.name === 'extra'));
    assert.strictEqual(resultText(await client.callTool({ name: 'extra', arguments: {} })), 'Hello from extra');
    assert.strictEqual(resourceText(await client.readResource({ uri: 'features://dynamic/note' })), 'Resource note');
    assert.ok((await client.listPrompts()).prompts.some(p => p.name === 'later'));

    const again = await client.callTool({ name: 'add_tool', arguments: { name: 'extra' } });
    assert.strictEqual(again.isError, true);
    await client.callTool({ name: 'remove_tool', arguments: { name: 'extra' } });
    assert.ok(!(await client.listTools()).tools.some(t => t.name === 'extra'));
  });

  it('sends resources/updated for the counter to subscribers only', async () => {
    assert.strictEqual(client.getServerCapabilities()?.resources?.subscribe, true);
    await client.subscribeResource({ uri: COUNTER_URI });
    assert.strictEqual(resultText(await client.callTool({ name: 'bump', arguments: {} })), 'count: 1');
    assert.deepStrictEqual(seen, [`notifications/resources/updated ${COUNTER_URI}`]);
    assert.strictEqual(resourceText(await client.readResource({ uri: COUNTER_URI })), 'count: 1');
    await client.unsubscribeResource({ uri: COUNTER_URI });
    await client.callTool({ name: 'bump', arguments: {} });
    assert.strictEqual(seen.length, 1);
    assert.strictEqual(resourceText(await client.readResource({ uri: COUNTER_URI })), 'count: 2');
  });

  it('returns structured content that matches its outputSchema, and one that does not', async () => {
    const tools = (await client.listTools()).tools;
    const mismatch = tools.find(t => t.name === 'structured_mismatch');
    assert.deepStrictEqual(mismatch?.outputSchema?.properties, { sum: { type: 'number' } });
    const ok = await client.callTool({ name: 'structured_ok', arguments: { a: 2, b: 3 } });
    assert.deepStrictEqual(ok.structuredContent, { sum: 5, product: 6 });
    // The SDK client validates against the advertised schema: the fixture really sends a mismatch.
    await assert.rejects(client.callTool({ name: 'structured_mismatch', arguments: {} }), /does not match the tool's output schema/);
  });

  it('returns every content kind, isError results, annotations and every argument kind', async () => {
    const all = await client.callTool({ name: 'all_content', arguments: {} });
    const blocks = all.content as Array<Record<string, unknown>>;
    assert.deepStrictEqual(blocks.map(b => b.type), ['text', 'image', 'audio', 'resource', 'resource', 'resource_link']);
    assert.strictEqual(blocks[1].data, TINY_PNG_BASE64);
    assert.strictEqual(Buffer.from(String(blocks[2].data), 'base64').subarray(0, 4).toString(), 'RIFF');
    assert.deepStrictEqual(blocks[4].resource, { uri: 'features://embedded/data.bin', mimeType: 'application/octet-stream', blob: BLOB_BASE64 });

    const failed = await client.callTool({ name: 'fail', arguments: {} });
    assert.deepStrictEqual([failed.isError, resultText(failed)], [true, 'This tool always fails.']);
    const thrown = await client.callTool({ name: 'throws', arguments: {} });
    assert.deepStrictEqual([thrown.isError, resultText(thrown)], [true, 'Thrown on purpose.']);

    const tools = (await client.listTools()).tools;
    const hints = Object.fromEntries(tools.filter(t => t.name.startsWith('annotated_')).map(t => [t.name, t.annotations]));
    assert.strictEqual(hints.annotated_read_only?.readOnlyHint, true);
    assert.strictEqual(hints.annotated_destructive?.destructiveHint, true);
    assert.strictEqual(hints.annotated_idempotent?.idempotentHint, true);
    assert.strictEqual(hints.annotated_open_world?.openWorldHint, true);

    const schema = tools.find(t => t.name === 'all_args')?.inputSchema as { properties: Record<string, Record<string, unknown>>; required: string[] };
    assert.deepStrictEqual(
      Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, v.format ?? v.type])),
      { name: 'string', code: 'string', email: 'email', website: 'uri', day: 'date', when: 'date-time', count: 'integer', ratio: 'number', enabled: 'boolean', color: 'string', tags: 'array', point: 'object', note: 'string', level: 'integer' },
    );
    assert.deepStrictEqual([schema.properties.name.minLength, schema.properties.name.maxLength, schema.properties.code.pattern], [2, 20, '^[A-Z]{3}-\\d{3}$']);
    assert.deepStrictEqual([schema.properties.count.minimum, schema.properties.count.maximum, schema.properties.color.enum], [1, 10, ['red', 'green', 'blue']]);
    assert.ok(!schema.required.includes('note') && !schema.required.includes('level') && schema.required.includes('email'));
    const args = { name: 'Ada', code: 'ABC-123', email: 'ada@example.com', website: 'https://example.com', day: '2026-03-10', when: '2026-03-10T12:00:00Z', count: 3, ratio: 0.5, enabled: true, color: 'green', tags: ['a'], point: { x: 1, y: 2 } };
    assert.deepStrictEqual(JSON.parse(resultText(await client.callTool({ name: 'all_args', arguments: args }))), args);
    const invalid = await client.callTool({ name: 'all_args', arguments: { ...args, email: 'nope' } });
    assert.strictEqual(invalid.isError, true);
  });

  it('stops a slow tool when cancelled and remembers it; sends a storm of 10,000 progress notifications', async () => {
    const controller = new AbortController();
    const progress: Progress[] = [];
    const call = client.callTool({ name: 'slow', arguments: { steps: 50, stepMs: 20 } }, undefined, {
      signal: controller.signal,
      onprogress: p => {
        progress.push(p);
        if (p.progress === 2) {
          controller.abort('enough');
        }
      },
    });
    await assert.rejects(call);
    await waitFor(async () => JSON.parse(resultText(await client.callTool({ name: 'last_cancelled', arguments: {} }))).cancelled === true, 2_000, 'last_cancelled');
    const record = (await client.callTool({ name: 'last_cancelled', arguments: {} })).structuredContent as Record<string, unknown>;
    assert.strictEqual(record.steps, 50);
    assert.ok(Number(record.step) >= 2 && Number(record.step) < 50, JSON.stringify(record));
    assert.strictEqual(record.reason, 'enough');

    let count = 0;
    const storm = await client.callTool({ name: 'progress_storm', arguments: {} }, undefined, { onprogress: () => void count++ });
    assert.strictEqual(count, 10_000);
    assert.strictEqual(resultText(storm), 'Sent 10000 progress notifications (n=10000).');
  });

  it('asks a URL-mode elicitation, waits for completion, and says so with elicitation/complete', async () => {
    const done = await client.callTool({ name: 'url_elicitation', arguments: { autoCompleteMs: 10 } });
    const [asked] = urlElicitations;
    assert.strictEqual(asked.mode, 'url');
    assert.match(asked.url, /^https:\/\/auth\.example\.com\/authorize\?elicitationId=/);
    assert.strictEqual(resultText(done), `URL elicitation ${asked.elicitationId} completed.`);
    assert.deepStrictEqual(seen, [`notifications/elicitation/complete ${asked.elicitationId}`]);

    urlAnswer = 'decline';
    assert.strictEqual(resultText(await client.callTool({ name: 'url_elicitation', arguments: {} })), 'The user declined the URL elicitation.');
  });

  it('fails with -32042 until the URL elicitation is completed, then succeeds', async () => {
    const error = await client.callTool({ name: 'url_required', arguments: {} }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof McpError, String(error));
    assert.strictEqual(error.code, -32042);
    const [elicitation] = (error.data as { elicitations: ElicitRequestURLParams[] }).elicitations;
    assert.strictEqual(elicitation.mode, 'url');
    await assert.rejects(client.callTool({ name: 'url_required', arguments: {} }), (e: unknown) => e instanceof McpError && e.code === -32042);

    assert.strictEqual(resultText(await client.callTool({ name: 'complete_url_elicitation', arguments: { elicitationId: elicitation.elicitationId } })), `Completed ${elicitation.elicitationId}.`);
    await waitFor(() => seen.includes(`notifications/elicitation/complete ${elicitation.elicitationId}`), 2_000, 'elicitation/complete');
    assert.match(resultText(await client.callTool({ name: 'url_required', arguments: {} })), /^Authorized/);
  });

  it('logs at every level, honouring logging/setLevel', async () => {
    const levels: string[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, n => void levels.push(n.params.level));
    await client.callTool({ name: 'log_all_levels', arguments: {} });
    assert.deepStrictEqual(levels, ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency']);
    levels.length = 0;
    await client.setLoggingLevel('error');
    await client.callTool({ name: 'log_all_levels', arguments: {} });
    assert.deepStrictEqual(levels, ['error', 'critical', 'alert', 'emergency']);
  });
});

describe('fixture server: features over Streamable HTTP', () => {
  it('hands out a URL on its own server (opening it completes the elicitation), sends list_changed and progress storms', async () => {
    const http = await serveHttp(createFeaturesServer, { routes: featuresHttpRoutes });
    const opened: number[] = [];
    const script = scriptedClient({
      elicit: params => {
        if (params.mode === 'url') {
          // Like a browser, a moment after the user consents.
          setTimeout(() => void fetch(params.url).then(r => opened.push(r.status)), 20);
        }
        return { action: 'accept' };
      },
    });
    const seen = notifications(script.client);
    try {
      await script.client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
      const result = await script.client.callTool({ name: 'url_elicitation', arguments: {} });
      const asked = script.elicitations[0] as ElicitRequestURLParams;
      assert.ok(asked.url.startsWith(`${http.origin}/elicitation/complete?id=`), asked.url);
      assert.deepStrictEqual(opened, [200]);
      assert.strictEqual(resultText(result), `URL elicitation ${asked.elicitationId} completed.`);
      assert.ok(seen.includes(`notifications/elicitation/complete ${asked.elicitationId}`));

      // list_changed is not tied to a request: it travels on the session's GET stream.
      await script.client.callTool({ name: 'add_tool', arguments: { name: 'late' } });
      await waitFor(() => seen.includes('notifications/tools/list_changed'), 5_000, 'tools/list_changed over HTTP');

      let count = 0;
      const storm = await script.client.callTool({ name: 'progress_storm', arguments: { n: 2_000 } }, undefined, { onprogress: () => void count++ });
      assert.deepStrictEqual([count, resultText(storm)], [2_000, 'Sent 2000 progress notifications (n=2000).']);
    } finally {
      await script.client.close();
      await http.close();
    }
  });
});
