// The scripted-answers engine as the ConnectionHost's elicit/sample pair, against real servers: the
// travel planner over loopback HTTP (form elicitation, sampling) and server-everything over stdio
// (URL-mode elicitation, both the request and the -32042 error path).
import * as assert from 'node:assert';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { McpConnection } from '../../src/core/connections/connection';
import { callTool } from '../../src/core/operations';
import { ScriptedAnswers } from '../../src/core/scenario/answers';
import type { ElicitationAnswer, ScriptedAnswerSet } from '../../src/core/scenario/format';
import { callScripted } from '../../src/core/scenario/steps';
import { serveHttp, type HttpFixture } from '../fixtures/servers/run';
import { BOOKING_CANCELLED, PLAN_TRIP_QUESTIONS, TRIP_CANCELLED, createTravelServer } from '../fixtures/servers/travel';
import { stdioEverything } from './helpers';

const text = (r: CallToolResult) => r.content.map(c => (c.type === 'text' ? c.text : '')).join('\n');
const accept = (match: string, value: unknown, repeat = false): ElicitationAnswer => ({ match, action: 'accept', content: { value }, ...(repeat ? { repeat } : {}) });
/** Answers for the questions after the destination, usable any number of times. */
const rest: ElicitationAnswer[] = [accept('^What type', 'leisure', true), accept('^How many nights', 2, true), accept('^Number of travelers', 1, true), accept('Confirm booking', 'Yes', true)];
const tips = { sampling: [{ match: 'tips', reply: 'Scripted tips.', repeat: true }] };

describe('scenario: scripted answers (travel planner over HTTP)', function () {
  this.timeout(30_000);
  let travel: HttpFixture;
  const open: McpConnection[] = [];
  before(async () => { travel = await serveHttp(() => createTravelServer({ delayMs: 0 })); });
  after(() => travel.close());
  afterEach(async () => { await Promise.all(open.splice(0).map(c => c.disconnect())); });

  async function connect(answers: ScriptedAnswers): Promise<McpConnection> {
    const c = new McpConnection({ name: 'travel', type: 'http', url: travel.url, headers: {}, secretHeaders: [] },
      { log: () => undefined, elicit: answers.elicit, elicitationModes: answers.elicitationModes, sample: answers.sample });
    open.push(c);
    assert.strictEqual((await c.connect()).kind, 'running');
    return c;
  }
  const planTrip = async (c: McpConnection) => text((await callTool(c, 'plan_trip', {})).result);

  it('answers each request with the first unused entry whose match fits, in list order', async () => {
    const answers = new ScriptedAnswers({ answers: {
      elicitation: [accept('^Confirm', 'No'), accept('^Where', 'Paris'), accept('^Where', 'Tokyo'), ...rest],
      ...tips,
    } });
    const conn = await connect(answers);
    assert.match(await planTrip(conn), /Destination: Paris, France/);
    assert.match(await planTrip(conn), /Destination: Tokyo, Japan/);
    const where = answers.elicitations.filter(e => e.message === PLAN_TRIP_QUESTIONS.destination).map(e => e.answeredBy);
    assert.deepStrictEqual(where, ['answers.elicitation[1]', 'answers.elicitation[2]'], 'the entry that does not match ("^Confirm") is skipped, used ones are not reused');
    assert.deepStrictEqual(answers.samplings.map(s => s.reply), ['Scripted tips.', 'Scripted tips.']);
    assert.deepStrictEqual(answers.problems, []);
    // The dialogue is recorded in the order it happened.
    const seqs = [...answers.elicitations, ...answers.samplings].map(s => s.seq).sort((a, b) => a - b);
    assert.deepStrictEqual(seqs, seqs.map((_, i) => i + 1));
  });

  it('tries the step\'s answers before the scenario\'s, and leaves the scenario\'s for later', async () => {
    const answers = new ScriptedAnswers({ answers: { elicitation: [accept('^Where', 'Bali'), ...rest], ...tips } });
    const conn = await connect(answers);
    answers.beginStep('first', { elicitation: [accept('^Where', 'New York')] }, 'steps[0].answers');
    assert.match(await planTrip(conn), /Destination: New York, USA/);
    answers.endStep();
    assert.match(await planTrip(conn), /Destination: Bali, Indonesia/);
    assert.deepStrictEqual(answers.elicitations.filter(e => /^Where/.test(e.message)).map(e => [e.answeredBy, e.step]), [['steps[0].answers.elicitation[0]', 'first'], ['answers.elicitation[0]', undefined]]);
  });

  it('checks accept content against the requested schema and fails naming the field', async () => {
    const answers = new ScriptedAnswers({ answers: { elicitation: [accept('^Where', 'Tokyo'), accept('^What type', 'leisure'), accept('^How many nights', 9)], ...tips } });
    const conn = await connect(answers);
    const r = await callTool(conn, 'plan_trip', {});
    assert.strictEqual(r.result.isError, true, 'the server was refused an answer, so the tool failed');
    assert.strictEqual(answers.problems.length, 1);
    const [problem] = answers.problems;
    assert.match(problem, /answers\.elicitation\[2\] for "How many nights\? \(1-7 nights\)" does not fit the requested schema: "value": Must be at most 7\./);
    assert.strictEqual(answers.elicitations[2].result, undefined, 'nothing invalid was sent');
  });

  it('refuses content for fields the schema does not have, and values of the wrong type', async () => {
    const answers = new ScriptedAnswers({ answers: { elicitation: [{ match: '^Where', action: 'accept', content: { value: 'Tokyo', city: 'Kyoto' } }, { match: 'type', action: 'accept', content: { value: 3 } }] } });
    const conn = await connect(answers);
    await callTool(conn, 'plan_trip', {});
    assert.match(answers.problems[0], /"city" is not in the requested schema/);
    const second = new ScriptedAnswers({ answers: { elicitation: [accept('^Where', 'Tokyo'), { match: 'type', action: 'accept', content: { value: 3 } }] } });
    await callTool(await connect(second), 'plan_trip', {});
    assert.match(second.problems[0], /"value": Must be one of "business", "leisure", "family", "adventure" \(got 3\)/);
  });

  it('fills fields left out of accept content from their defaults (applyDefaults)', async () => {
    const answers = new ScriptedAnswers({ answers: { elicitation: [{ match: '^Where', action: 'accept' }] } });
    const conn = await connect(answers);
    await callTool(conn, 'plan_trip', {});
    // The destination question has no default and "value" is required: leaving it out is a problem too.
    assert.match(answers.problems[0], /"value" is required/);
  });

  it('declines and cancels', async () => {
    const decline = new ScriptedAnswers({ answers: { elicitation: [{ match: '^Where', action: 'decline' }] } });
    assert.strictEqual(await planTrip(await connect(decline)), TRIP_CANCELLED);
    assert.deepStrictEqual(decline.elicitations.map(e => e.result), [{ action: 'decline' }]);
    const cancel = new ScriptedAnswers({ answers: { elicitation: [accept('^Where', 'Paris'), ...rest.slice(0, 3), { match: 'Confirm', action: 'cancel' }], ...tips } });
    assert.strictEqual(await planTrip(await connect(cancel)), BOOKING_CANCELLED);
    assert.deepStrictEqual(cancel.elicitations.at(-1)?.result, { action: 'cancel' });
    assert.deepStrictEqual([...decline.problems, ...cancel.problems], []);
  });

  it('fails an unanswered elicitation naming its message and the step, with an answer to copy', async () => {
    const answers = new ScriptedAnswers({ answers: { elicitation: [accept('^Where', 'Paris'), accept('^What type', 'family')] }, missingAdvice: 'Add an answer to travel.answers.json' });
    const conn = await connect(answers);
    answers.beginStep('plan the trip');
    const r = await callTool(conn, 'plan_trip', {});
    assert.strictEqual(r.result.isError, true);
    assert.strictEqual(answers.problems.length, 1);
    assert.match(answers.problems[0], /^Nothing answers the elicitation "How many nights\? \(1-7 nights\)" during step "plan the trip"\. Add an answer to travel\.answers\.json, e\.g\. \{"match":"How many nights\\\\\? \\\\\(1-7 nights\\\\\)","action":"accept","content":\{"value":1\}\}\.$/);
  });

  it('fails an unanswered sampling request naming its prompt, even when the server carries on without it', async () => {
    const answers = new ScriptedAnswers({ answers: { elicitation: [accept('^Where', 'Tokyo'), ...rest] } });
    const conn = await connect(answers);
    const out = await planTrip(conn);
    assert.match(out, /BOOKING CONFIRMED/, 'the travel planner falls back to its own tips');
    assert.deepStrictEqual(answers.problems, [`Nothing answers the sampling request "Give 3 brief tips for a leisure trip to Tokyo, Japan.". Add a reply to "answers.sampling", e.g. {"match":"Give 3 brief tips for a leisure trip to Tokyo, Japan\\\\.","reply":"…"}.`]);
  });

  it('answers "live" sampling with the host\'s sampler, and refuses it when there is none', async () => {
    const set: ScriptedAnswerSet = { elicitation: [accept('^Where', 'Tokyo'), ...rest], sampling: 'live' };
    const live = new ScriptedAnswers({ answers: set, liveSampler: async p => ({ role: 'assistant', model: 'copilot/test', content: { type: 'text', text: `live: ${p.maxTokens}` } }) });
    assert.match(await planTrip(await connect(live)), /AI tips: live: 150/);
    assert.deepStrictEqual(live.samplings.map(s => [s.reply, s.answeredBy]), [['live: 150', 'a language model (live)']]);
    const none = new ScriptedAnswers({ answers: set });
    await planTrip(await connect(none));
    assert.match(none.problems[0], /is to be answered live, by a language model, and only VS Code has one/);
  });
});

describe('scenario: scripted URL-mode answers (server-everything over stdio)', function () {
  this.timeout(30_000);
  let conn: McpConnection;
  const answers = new ScriptedAnswers();
  before(async () => {
    conn = new McpConnection(stdioEverything(), { log: () => undefined, elicit: answers.elicit, elicitationModes: answers.elicitationModes, sample: answers.sample });
    assert.strictEqual((await conn.connect()).kind, 'running');
  });
  after(() => conn.disconnect());

  it('accepts a URL elicitation with consent only (no content; nothing is opened) and declines another', async () => {
    answers.beginStep('url', { elicitation: [{ match: '^Open the docs$', action: 'accept' }, { match: 'docs', action: 'decline' }] });
    const ok = await callTool(conn, 'trigger-url-elicitation', { url: 'https://example.com/docs', message: 'Open the docs', elicitationId: 'e-1' });
    assert.match(text(ok.result), /User completed the URL elicitation flow/);
    const no = await callTool(conn, 'trigger-url-elicitation', { url: 'https://example.com/docs', message: 'Open the docs?' });
    assert.match(text(no.result), /User declined to open the URL/);
    answers.endStep();
    const [first, second] = answers.elicitations.slice(-2);
    assert.deepStrictEqual([first.mode, first.url, first.elicitationId, first.result], ['url', 'https://example.com/docs', 'e-1', { action: 'accept' }]);
    assert.deepStrictEqual(second.result, { action: 'decline' });
  });

  it('refuses content in an answer to a URL elicitation', async () => {
    answers.beginStep('bad', { elicitation: [{ action: 'accept', content: { value: 'x' } }] });
    await callTool(conn, 'trigger-url-elicitation', { url: 'https://example.com/x', message: 'Go there' });
    answers.endStep();
    assert.match(answers.problems.at(-1) ?? '', /gives "content" for the URL elicitation "Go there", but URL-mode answers carry none/);
  });

  it('answers the URL elicitations of a -32042 error from the script and retries the call once', async () => {
    answers.beginStep('error path', { elicitation: [{ match: 'prerequisite', action: 'accept' }, { match: '^Sign in$', action: 'accept' }] });
    const r = await callScripted(conn, answers, 'trigger-url-elicitation', { url: 'https://example.com/signin', message: 'Sign in', errorPath: true }, {});
    answers.endStep();
    assert.match(text(r.result), /User completed the URL elicitation flow/);
    assert.deepStrictEqual(answers.elicitations.slice(-2).map(e => [e.message.slice(0, 20), e.result?.action]), [['Open this link to sa', 'accept'], ['Sign in', 'accept']]);
  });
});
