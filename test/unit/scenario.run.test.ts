// The scenario runner against real servers (travel planner and features fixture over loopback HTTP):
// every expectation kind passing, then failing with expected vs actual; connections that cannot open,
// connections by name from .vscode/settings.json, live sampling without a model. It never throws.
import * as assert from 'node:assert';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadScenarioText } from '../../src/core/scenario/load';
import { runScenario, StepResult } from '../../src/core/scenario/run';
import { createFeaturesServer } from '../fixtures/servers/features';
import { serveHttp, type HttpFixture } from '../fixtures/servers/run';
import { createTravelServer } from '../fixtures/servers/travel';

const travelAnswers = {
  elicitation: [
    { match: '^Where', action: 'accept', content: { value: 'Tokyo' } },
    { match: '^What type', action: 'accept', content: { value: 'leisure' } },
    { match: '^How many nights', action: 'accept', content: { value: 3 } },
    { match: '^Number of travelers', action: 'accept', content: { value: 2 } },
    { match: 'Confirm booking', action: 'accept', content: { value: 'Yes' } },
  ],
  sampling: [{ match: 'tips', reply: 'Ride the trains.' }],
};
const QUESTIONS = ['^Where', '^What type', 'nights', 'travelers', 'Confirm booking\\?$'];

const failuresOf = (s: StepResult) => Object.fromEntries(s.failures.map(f => [f.expectation, f]));

describe('scenario: running scenarios', function () {
  this.timeout(30_000);
  let travel: HttpFixture;
  let features: HttpFixture;
  const http = (url: string) => ({ type: 'http', url });
  const run = (s: Record<string, unknown>, o = {}) => runScenario(loadScenarioText(JSON.stringify(s, null, 2), undefined, process.cwd()), o);
  before(async () => {
    travel = await serveHttp(() => createTravelServer({ delayMs: 0 }));
    features = await serveHttp(createFeaturesServer);
  });
  after(async () => { await travel.close(); await features.close(); });

  it('passes every expectation kind, and records the dialogue and progress per step', async () => {
    const seen: number[] = [];
    const r = await run({
      name: 'all kinds', connection: http(travel.url), answers: travelAnswers,
      steps: [
        { call: 'plan_trip', expect: {
          isError: false, contains: ['BOOKING CONFIRMED', 'AI tips: Ride the trains.'], matches: ['Total: \\$2250', '^BOOKING'],
          structured: { '/status': 'confirmed', '/nights': 3, '/aiTips': 'Ride the trains.' }, progress: 5, elicitations: QUESTIONS, sampling: ['tips for a leisure trip to Tokyo'],
        } },
        { call: 'search_flights', arguments: { origin: 'Paris', destination: 'Tokyo' }, expect: { progress: { atLeast: 4, atMost: 4 }, contains: 'AirExample' } },
        { read: 'travel://destinations', expect: { contains: 'Bali', matches: 'Tokyo' } },
        { prompt: 'local_phrases', arguments: { destination: 'Tokyo' }, expect: { contains: 'Konnichiwa' } },
        { read: 'travel://nowhere', expect: { error: 'nowhere|not found' } },
      ],
    }, { onStep: (s: StepResult) => seen.push(s.index) });
    assert.ok(r.passed, JSON.stringify(r.steps.map(s => s.failures), null, 2));
    assert.deepStrictEqual(seen, [0, 1, 2, 3, 4]);
    const [plan] = r.steps;
    assert.strictEqual(plan.elicitations.length, 5);
    assert.deepStrictEqual(plan.samplings.map(s => s.reply), ['Ride the trains.']);
    assert.deepStrictEqual(plan.progress.map(p => p.progress), [1, 2, 3, 4, 5]);
    assert.strictEqual(r.steps[1].elicitations.length, 0, 'each step has its own records');
    assert.deepStrictEqual(r.steps.map(s => s.name), ['1. call plan_trip', '2. call search_flights', '3. read travel://destinations', '4. prompt local_phrases', '5. read travel://nowhere']);
  });

  it('fails each expectation kind, saying what was expected and what was seen', async () => {
    const r = await run({
      connection: http(travel.url), answers: travelAnswers,
      steps: [
        { name: 'everything wrong', call: 'plan_trip', expect: {
          isError: true, contains: 'Kyoto', matches: 'Total: \\$9', structured: { '/nights': 4, '/missing': 1 },
          progress: 2, elicitations: ['^Where'], sampling: ['haiku'], error: 'boom',
        } },
        { call: 'search_flights', arguments: { origin: 'A', destination: 'B' }, expect: { progress: { atLeast: 9 } } },
        { read: 'travel://nowhere' },
      ],
    });
    assert.strictEqual(r.passed, false);
    const f = failuresOf(r.steps[0]);
    assert.deepStrictEqual(Object.keys(f).sort(), ['contains', 'elicitations', 'error', 'isError', 'matches', 'progress', 'sampling requests', 'structured /missing', 'structured /nights'].sort());
    assert.deepStrictEqual([f.isError.expected, f.isError.actual], [true, false]);
    assert.strictEqual(f.contains.expected, 'Kyoto');
    assert.match(String(f.contains.actual), /^BOOKING CONFIRMED/);
    assert.deepStrictEqual([f['structured /nights'].expected, f['structured /nights'].actual], [4, 3]);
    assert.match(f['structured /missing'].message, /nothing at \/missing/);
    assert.deepStrictEqual([f.progress.expected, f.progress.actual], [2, 5]);
    assert.deepStrictEqual(f.elicitations.expected, ['^Where']);
    assert.strictEqual((f.elicitations.actual as string[]).length, 5);
    assert.deepStrictEqual(f['sampling requests'].actual, ['Give 3 brief tips for a leisure trip to Tokyo, Japan.']);
    assert.match(f.error.message, /expected the request to fail, but it succeeded/);
    assert.match(failuresOf(r.steps[1]).progress.message, /expected at least 9 progress notifications, saw 4/);
    const read = failuresOf(r.steps[2]);
    assert.match(read.request.message, /^the request failed: .*travel:\/\/nowhere/);
  });

  it('fails a tool that reports isError unless expected, and structuredContent that breaks the outputSchema', async () => {
    const r = await run({
      connection: http(features.url),
      steps: [{ call: 'fail' }, { call: 'fail', expect: { isError: true, contains: 'always fails' } }, { call: 'structured_mismatch' }, { call: 'structured_ok', arguments: { a: 2, b: 3 }, expect: { structured: { '': { sum: 5, product: 6 } } } }, { call: 'no_such_tool' }],
    });
    assert.deepStrictEqual(r.steps.map(s => s.passed), [false, true, false, true, false]);
    assert.match(r.steps[0].failures[0].message, /the tool reported an error \(isError\): This tool always fails\./);
    assert.strictEqual(r.steps[2].failures[0].expectation, 'outputSchema');
    assert.match(r.steps[4].failures[0].message, /no tool named "no_such_tool" \(it has .*structured_ok/);
  });

  it('fails a step whose request nothing answers, naming the request and the step', async () => {
    const r = await run({ connection: http(travel.url), answers: { elicitation: travelAnswers.elicitation.slice(0, 2) }, steps: [{ name: 'plan', call: 'plan_trip', expect: { isError: true } }] });
    const answers = r.steps[0].failures.filter(f => f.expectation === 'answers');
    assert.strictEqual(answers.length, 1);
    assert.match(answers[0].message, /Nothing answers the elicitation "How many nights\? \(1-7 nights\)" during step "plan"/);
  });

  it('fails every step with the reason when the connection cannot open, without throwing', async () => {
    const closed = await serveHttp(() => createTravelServer());
    await closed.close();
    const r = await run({ connection: { type: 'http', url: closed.url }, steps: [{ call: 'a' }, { read: 'b://c' }] });
    assert.strictEqual(r.passed, false);
    assert.match(r.error ?? '', /^Could not connect to "scenario": Nothing is listening at 127\.0\.0\.1:\d+ \(connection refused\)/);
    assert.deepStrictEqual(r.steps.map(s => [s.passed, s.failures[0].expectation]), [[false, 'connection'], [false, 'connection']]);
  });

  it('refuses live sampling when the host has no language model, before connecting', async () => {
    const r = await run({ connection: http(travel.url), answers: { sampling: 'live' }, steps: [{ call: 'quick_recommend' }] });
    assert.match(r.error ?? '', /answers sampling "live".*none was given/);
    const ok = await run({ connection: http(travel.url), answers: { sampling: 'live' }, steps: [{ call: 'quick_recommend', expect: { contains: 'Recommendation: Bali' } }] },
      { liveSampler: async () => ({ role: 'assistant', model: 'test/model', content: { type: 'text', text: 'Bali' } }) });
    assert.ok(ok.passed, JSON.stringify(ok.steps[0].failures));
  });

  it('finds a connection by name in the workspace\'s .vscode/settings.json (JSON with comments), and says which names exist', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'scenario-ws-'));
    try {
      mkdirSync(path.join(dir, '.vscode'));
      writeFileSync(path.join(dir, '.vscode', 'settings.json'), `{
        // connections for the scenarios
        "agentcoreMcp.connections": [
          { "name": "travel", "type": "http", "url": "${travel.url}", },
        ],
      }`);
      const file = path.join(dir, 'trip.mcp-scenario.json');
      const text = JSON.stringify({ connection: 'travel', steps: [{ read: 'travel://destinations', expect: { contains: 'Paris' } }] });
      const r = await runScenario(loadScenarioText(text, file));
      assert.ok(r.passed, JSON.stringify(r));
      assert.strictEqual(r.name, 'trip');
      const missing = await runScenario(loadScenarioText(text.replace('"travel"', '"hotel"'), file));
      assert.match(missing.error ?? '', /There is no connection named "hotel" in .*settings\.json \(it has "travel"\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs only the chosen steps (one test of the Test Explorer); the others are skipped, not failed', async () => {
    const started: number[] = [];
    const r = await run({ connection: http(travel.url), steps: [{ read: 'travel://nowhere' }, { read: 'travel://destinations' }] },
      { only: new Set([1]), onStepStart: (i: number) => started.push(i) });
    assert.deepStrictEqual([r.passed, started, r.steps.map(s => [s.passed, !!s.skipped])], [true, [1], [[false, true], [true, false]]]);
  });

  it('stops at a cancelled signal: the steps not run are skipped', async () => {
    const abort = new AbortController();
    const r = await run({ connection: http(travel.url), steps: [{ read: 'travel://destinations' }, { read: 'travel://destinations' }] },
      { signal: abort.signal, onStep: () => abort.abort() });
    assert.deepStrictEqual(r.steps.map(s => [s.passed, !!s.skipped]), [[true, false], [false, true]]);
    assert.strictEqual(r.error, 'cancelled');
  });
});
