import * as assert from 'node:assert';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LoggingMessageNotificationSchema, type LoggingMessageNotification, type Progress } from '@modelcontextprotocol/sdk/types.js';
import { serveHttp, type HttpFixture } from '../fixtures/servers/run';
import { acceptInOrder, connectInMemory, fixtureScript, resourceText, resultText, scriptedClient, spawnHttpFixture } from '../fixtures/servers/testkit';
import {
  BOOKING_CANCELLED,
  PLAN_TRIP_PROGRESS,
  PLAN_TRIP_QUESTIONS,
  SEARCH_FLIGHTS_STAGES,
  TRIP_CANCELLED,
  createTravelServer,
} from '../fixtures/servers/travel';

const TIPS = 'Visit Shibuya, try ramen, day trip to Fuji!';
const ANSWERS = ['tokyo', 'leisure', 5, 2, 'Yes'];
// Tokyo: flight 900 × 2 travelers + hotel 150 × 5 nights × 1 room
const TOTAL = 900 * 2 + 150 * 5 * 1;

describe('fixture server: travel planner (seed port)', () => {
  const fast = () => createTravelServer({ delayMs: 0 });

  it('plan_trip asks destination, trip type, nights, travelers, reports 1..5 of 5, samples tips, confirms and books', async () => {
    const script = scriptedClient({ elicit: acceptInOrder(ANSWERS), sample: () => TIPS });
    const session = await connectInMemory(script.client, fast());
    try {
      const progress: Progress[] = [];
      const result = await script.client.callTool({ name: 'plan_trip', arguments: {} }, undefined, { onprogress: p => progress.push(p) });
      const text = resultText(result);

      assert.deepStrictEqual(script.elicitations.map(e => e.message), [
        PLAN_TRIP_QUESTIONS.destination,
        PLAN_TRIP_QUESTIONS.tripType,
        PLAN_TRIP_QUESTIONS.nights,
        PLAN_TRIP_QUESTIONS.travelers,
        PLAN_TRIP_QUESTIONS.confirm(TOTAL),
      ]);
      const fields = script.elicitations.map(e => (e.mode === 'url' ? undefined : e.requestedSchema.properties.value));
      assert.deepStrictEqual(fields, [
        { title: 'Value', type: 'string' },
        { title: 'Value', type: 'string', enum: ['business', 'leisure', 'family', 'adventure'] },
        { title: 'Value', type: 'integer', minimum: 1, maximum: 7 },
        { title: 'Value', type: 'integer', minimum: 1, maximum: 20 },
        { title: 'Value', type: 'string', enum: ['Yes', 'No'] },
      ]);
      assert.deepStrictEqual(progress.map(p => [p.progress, p.total, p.message]), PLAN_TRIP_PROGRESS.map((m, i) => [i + 1, 5, m]));
      assert.strictEqual(script.samplings.length, 1);
      assert.deepStrictEqual(script.samplings[0].messages, [{ role: 'user', content: { type: 'text', text: 'Give 3 brief tips for a leisure trip to Tokyo, Japan.' } }]);
      assert.strictEqual(script.samplings[0].maxTokens, 150);

      assert.match(text, new RegExp(`^BOOKING CONFIRMED! Ref: TRV-LOCAL, Total: \\$${TOTAL}$`, 'm'));
      for (const line of ['Destination: Tokyo, Japan', 'Trip type: leisure', 'Nights: 5', 'Travelers: 2', `AI tips: ${TIPS}`]) {
        assert.ok(text.includes(line), `missing "${line}" in:\n${text}`);
      }
      assert.deepStrictEqual(result.structuredContent, {
        status: 'confirmed', ref: 'TRV-LOCAL', destination: 'Tokyo, Japan', tripType: 'leisure', nights: 5, travelers: 2,
        flightCost: 1800, hotelCost: 750, totalCost: TOTAL, aiTips: TIPS,
      });
    } finally {
      await session.close();
    }
  });

  it('plan_trip says "Trip planning cancelled." when the trip type is declined, and asks nothing more', async () => {
    const script = scriptedClient({
      elicit: (_p, i) => (i === 1 ? { action: 'decline' } : { action: 'accept', content: { value: 'paris' } }),
      sample: () => TIPS,
    });
    const session = await connectInMemory(script.client, fast());
    try {
      const result = await script.client.callTool({ name: 'plan_trip', arguments: {} });
      assert.strictEqual(resultText(result), TRIP_CANCELLED);
      assert.strictEqual(script.elicitations.length, 2);
      assert.strictEqual(script.samplings.length, 0);
    } finally {
      await session.close();
    }
  });

  it('plan_trip says "Booking cancelled." when the confirmation is cancelled or answered No', async () => {
    for (const last of [{ action: 'cancel' as const }, { action: 'accept' as const, content: { value: 'No' } }]) {
      const answer = acceptInOrder(ANSWERS);
      const script = scriptedClient({ elicit: (p, i) => (i === 4 ? last : answer(p, i)), sample: () => TIPS });
      const session = await connectInMemory(script.client, fast());
      try {
        const result = await script.client.callTool({ name: 'plan_trip', arguments: {} });
        assert.strictEqual(resultText(result), BOOKING_CANCELLED);
        assert.strictEqual(script.elicitations.length, 5);
        assert.strictEqual(script.samplings.length, 1);
      } finally {
        await session.close();
      }
    }
  });

  it('plan_trip falls back to the seed\'s tip when the client cannot sample; unknown destinations become Paris', async () => {
    const script = scriptedClient({ elicit: acceptInOrder(['Atlantis', 'family', 7, 3, 'Yes']) });
    const session = await connectInMemory(script.client, fast());
    try {
      const text = resultText(await script.client.callTool({ name: 'plan_trip', arguments: {} }));
      // Paris: 450 × 3 + 180 × 7 nights × 2 rooms
      assert.match(text, /^BOOKING CONFIRMED! Ref: TRV-LOCAL, Total: \$3870$/m);
      assert.ok(text.includes('AI tips: Visit Eiffel Tower, try local food!'), text);
    } finally {
      await session.close();
    }
  });

  it('search_flights reports 4 progress steps and info/debug log messages; quick_recommend samples', async () => {
    const script = scriptedClient({ sample: () => 'Tokyo, for the food.' });
    const logs: LoggingMessageNotification['params'][] = [];
    script.client.setNotificationHandler(LoggingMessageNotificationSchema, n => {
      logs.push(n.params);
    });
    const session = await connectInMemory(script.client, fast());
    try {
      const progress: Progress[] = [];
      const result = await script.client.callTool({ name: 'search_flights', arguments: { origin: 'SEA', destination: 'NRT' } }, undefined, { onprogress: p => progress.push(p) });
      assert.deepStrictEqual(progress.map(p => [p.progress, p.total, p.message]), SEARCH_FLIGHTS_STAGES.map((s, i) => [i + 1, 4, s]));
      assert.deepStrictEqual(logs.filter(l => l.level === 'info').map(l => l.data), SEARCH_FLIGHTS_STAGES);
      assert.strictEqual(logs.filter(l => l.level === 'debug').length, 4);
      assert.deepStrictEqual(JSON.parse(resultText(result)).flights.map((f: { airline: string }) => f.airline), ['AirExample', 'SkyDemo']);

      logs.length = 0;
      await script.client.setLoggingLevel('info');
      await script.client.callTool({ name: 'search_flights', arguments: { origin: 'SEA', destination: 'NRT' } });
      assert.deepStrictEqual(logs.map(l => l.level), ['info', 'info', 'info', 'info']);

      const recommendation = await script.client.callTool({ name: 'quick_recommend', arguments: {} });
      assert.strictEqual(resultText(recommendation), 'Recommendation: Tokyo, for the food.');
      assert.strictEqual(script.samplings[0].maxTokens, 100);
    } finally {
      await session.close();
    }
  });

  it('serves travel://destinations, the travel://destination/{city} template with completion, and two prompts', async () => {
    const client = new Client({ name: 't', version: '1' });
    const session = await connectInMemory(client, fast());
    try {
      assert.deepStrictEqual((await client.listResources()).resources.map(r => r.uri), ['travel://destinations']);
      const list = await client.readResource({ uri: 'travel://destinations' });
      assert.deepStrictEqual(Object.keys(JSON.parse(resourceText(list))), ['paris', 'tokyo', 'new york', 'bali']);
      assert.deepStrictEqual((await client.listResourceTemplates()).resourceTemplates.map(t => t.uriTemplate), ['travel://destination/{city}']);
      const tokyo = await client.readResource({ uri: 'travel://destination/tokyo' });
      assert.strictEqual(JSON.parse(resourceText(tokyo)).name, 'Tokyo, Japan');
      const newYork = await client.readResource({ uri: 'travel://destination/new%20york' });
      assert.strictEqual(JSON.parse(resourceText(newYork)).name, 'New York, USA');
      assert.strictEqual(resourceText(await client.readResource({ uri: 'travel://destination/oslo' })), 'Unknown: oslo');
      const cities = await client.complete({ ref: { type: 'ref/resource', uri: 'travel://destination/{city}' }, argument: { name: 'city', value: 'n' } });
      assert.deepStrictEqual(cities.completion.values, ['new york']);

      assert.deepStrictEqual((await client.listPrompts()).prompts.map(p => [p.name, p.arguments?.map(a => a.name)]), [
        ['packing_list', ['destination', 'days', 'trip_type']],
        ['local_phrases', ['destination']],
      ]);
      const packing = await client.getPrompt({ name: 'packing_list', arguments: { destination: 'Bali', days: '5', trip_type: 'leisure' } });
      assert.deepStrictEqual(packing.messages[0].content, { type: 'text', text: 'Create a 5-day packing list for a leisure trip to Bali.' });
      const phrases = await client.getPrompt({ name: 'local_phrases', arguments: { destination: 'Tokyo' } });
      assert.deepStrictEqual(phrases.messages[0].content, { type: 'text', text: 'Teach me essential phrases for Tokyo. Start with: Konnichiwa, Arigato, Sumimasen' });
      const types = await client.complete({ ref: { type: 'ref/prompt', name: 'packing_list' }, argument: { name: 'trip_type', value: 'b' } });
      assert.deepStrictEqual(types.completion.values, ['business']);
    } finally {
      await session.close();
    }
  });

  describe('over real transports', () => {
    let http: HttpFixture | undefined;
    afterEach(async () => {
      await http?.close();
      http = undefined;
    });

    it('runs plan_trip over stateful Streamable HTTP; the booking ref comes from the Mcp-Session-Id', async () => {
      http = await serveHttp(fast);
      const script = scriptedClient({ elicit: acceptInOrder(ANSWERS), sample: () => TIPS });
      const transport = new StreamableHTTPClientTransport(new URL(http.url));
      await script.client.connect(transport);
      try {
        const sessionId = transport.sessionId;
        assert.ok(sessionId);
        assert.deepStrictEqual(http.sessions(), [sessionId]);
        const progress: number[] = [];
        const text = resultText(await script.client.callTool({ name: 'plan_trip', arguments: {} }, undefined, { onprogress: p => progress.push(p.progress) }));
        assert.deepStrictEqual(progress, [1, 2, 3, 4, 5]);
        assert.match(text, new RegExp(`^BOOKING CONFIRMED! Ref: TRV-${sessionId.slice(0, 8).toUpperCase()}, Total: \\$${TOTAL}$`, 'm'));
        assert.ok(text.includes(`AI tips: ${TIPS}`));
        await transport.terminateSession();
        assert.deepStrictEqual(http.sessions(), []);
      } finally {
        await script.client.close();
      }
    });

    it('runs plan_trip over stdio by spawning the compiled CLI', async () => {
      const script = scriptedClient({ elicit: acceptInOrder(ANSWERS), sample: () => TIPS });
      const transport = new StdioClientTransport({ command: process.execPath, args: [fixtureScript('travel'), '--stdio', '--delay-ms', '0'], stderr: 'pipe' });
      await script.client.connect(transport);
      try {
        assert.strictEqual(script.client.getServerVersion()?.name, 'Travel-Booking-Agent');
        const progress: number[] = [];
        const text = resultText(await script.client.callTool({ name: 'plan_trip', arguments: {} }, undefined, { onprogress: p => progress.push(p.progress) }));
        assert.deepStrictEqual(progress, [1, 2, 3, 4, 5]);
        assert.match(text, /^BOOKING CONFIRMED! Ref: TRV-LOCAL/m);
      } finally {
        await script.client.close();
      }
    });

    it('the CLI prints "listening <url>" with --http and exits 0 on SIGTERM', async () => {
      const fixture = await spawnHttpFixture('travel', ['--http', '--delay-ms', '0']);
      try {
        assert.match(fixture.url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
        const client = new Client({ name: 't', version: '1' });
        await client.connect(new StreamableHTTPClientTransport(new URL(fixture.url)));
        assert.deepStrictEqual((await client.listTools()).tools.map(t => t.name), ['plan_trip', 'search_flights', 'quick_recommend']);
        await client.close();
        const ping = await fetch(new URL('/ping', fixture.url));
        assert.strictEqual(await ping.text(), 'OK');
      } finally {
        assert.strictEqual(await fixture.stop(), 0);
      }
    });
  });
});
