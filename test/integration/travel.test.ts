// The seeds' travel planner end to end in the real VS Code: every elicitation answered in the quick
// inputs, progress in a notification, the sampling reply from a test model through vscode.lm, and
// decline and cancel at each step.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { serveHttp, type HttpFixture } from '../fixtures/servers/run';
import { createTravelServer, PLAN_TRIP_QUESTIONS } from '../fixtures/servers/travel';
import { api, shownResult, run, setConnections } from './helpers';
import { requireDriver, notificationShown, quickInput, screenshot, useCommands } from './ui';

useCommands(id => vscode.commands.executeCommand(id));

const TIPS = '1. Go early to beat the crowds. 2. Eat where the locals eat. 3. Learn a few words of the language.';

type Step = { title: string; answer: () => Promise<void> };
const steps: Step[] = [
  { title: 'travel asks: Where would you like to go?', answer: () => quickInput.enter('Tokyo') },
  { title: 'travel asks: What type of trip?', answer: () => quickInput.pick('leisure') },
  { title: 'travel asks: How many nights?', answer: () => quickInput.enter('3') },
  { title: 'travel asks: Number of travelers?', answer: () => quickInput.enter('2') },
];
const confirmTitle = 'travel asks: TOTAL:';


/** The answers our client sent to elicitation/create, in order. */
async function elicitationAnswers(): Promise<string[]> {
  const events = (await api()).traffic('travel');
  const asked = new Set(events.filter(e => e.kind === 'message' && e.direction === 'in' && 'method' in e.message && e.message.method === 'elicitation/create')
    .map(e => e.kind === 'message' && 'id' in e.message ? e.message.id : undefined));
  return events.filter(e => e.kind === 'message' && e.direction === 'out' && 'result' in e.message && asked.has((e.message as { id: string | number }).id))
    .map(e => (e.kind === 'message' && 'result' in e.message ? (e.message.result as { action: string }).action : ''));
}

describe('travel planner (stateful Streamable HTTP): elicitation, progress and sampling in the UI', function () {
  this.timeout(180_000);
  let fixture: HttpFixture;
  before(async function () {
    requireDriver(this);
    fixture = await serveHttp(() => createTravelServer({ delayMs: 250 }));
    await setConnections([{ name: 'travel', type: 'http', url: fixture.url }]);
    await vscode.workspace.getConfiguration('agentcoreMcp').update('sampling.model', 'fake-lm/fake-1', vscode.ConfigurationTarget.Workspace);
    await run('agentcoreMcp.resetSamplingPermissions');
    await run('agentcoreMcp.connect', { kind: 'connection', connection: 'travel' });
  });
  after(async () => {
    await setConnections(undefined);
    await vscode.workspace.getConfiguration('agentcoreMcp').update('sampling.model', undefined, vscode.ConfigurationTarget.Workspace);
    await fixture?.close();
  });
  // Before, not after, each test: a failing test's screenshot must show the state it failed in.
  // A fresh session per test, so a question left open by a failed test cannot queue before the next one's.
  beforeEach(async () => {
    await run('workbench.action.closeQuickOpen');
    await run('agentcoreMcp.restart', { kind: 'connection', connection: 'travel' });
  });

  it('plan_trip: every answer typed in the quick inputs, progress seen, the test model\'s tips in the result', async () => {
    const done = run('agentcoreMcp.invokeTool', { connection: 'travel', tool: 'plan_trip', args: {} });
    quickInput.actions(true);
    for (const [i, s] of steps.entries()) {
      await quickInput.waitForTitle(s.title);
      if (i === 0) {
        assert.match(await quickInput.texts(), /travel asks: Where would you like to go\?/);
        await screenshot('elicitation-question');
      }
      await s.answer();
    }
    const answering = quickInput.actions(true);
    // Progress runs now; the sampling consent comes next (first time only), then the confirmation.
    await quickInput.waitForTitle('travel asks to use Fake Model 1');
    await screenshot('sampling-consent');
    await quickInput.pick('Always allow for travel');
    quickInput.actions(true); // the consent is not an answer
    await quickInput.waitForTitle(confirmTitle, 20_000);
    await quickInput.pick('Yes');
    // Five one-field questions: one action each (Enter or a pick), no review step; consent not counted.
    assert.strictEqual(answering + quickInput.actions(), 5, 'actions to answer plan_trip\'s five questions');
    await done;
    const text = await shownResult(t => t.includes('BOOKING CONFIRMED'));
    assert.match(text, /Destination: Tokyo/);
    assert.match(text, /Nights: 3/);
    assert.match(text, new RegExp(`AI tips: ${TIPS.replace(/[.]/g, '\\.')}`));
    const events = (await api()).traffic('travel');
    const progress = events.filter(e => e.kind === 'message' && e.direction === 'in' && 'method' in e.message && e.message.method === 'notifications/progress');
    assert.deepStrictEqual(progress.map(e => e.kind === 'message' && 'params' in e.message ? (e.message.params as { progress: number }).progress : 0), [1, 2, 3, 4, 5]);
    const provider = vscode.extensions.getExtension('agentcore-mcp-tests.fake-lm');
    const calls = (provider?.exports as { calls: Array<{ model: string; texts: string[]; modelOptions: Record<string, unknown> }> }).calls;
    assert.strictEqual(calls.at(-1)?.model, 'fake-1');
    assert.match(calls.at(-1)!.texts.join('\n'), /Give 3 brief tips for a leisure trip to Tokyo/);
    assert.deepStrictEqual(calls.at(-1)!.modelOptions, { max_tokens: 150 });
    assert.deepStrictEqual(await elicitationAnswers(), ['accept', 'accept', 'accept', 'accept', 'accept']);
  });

  for (let at = 0; at <= steps.length; at++) {
    for (const how of ['decline', 'cancel'] as const) {
      const what = at < steps.length ? Object.keys(PLAN_TRIP_QUESTIONS)[at] : 'confirmation';
      it(`plan_trip: ${how} at the ${what} question returns the cancelled result and the server saw "${how}"`, async () => {
        const before = (await elicitationAnswers()).length;
        const done = run('agentcoreMcp.invokeTool', { connection: 'travel', tool: 'plan_trip', args: {} });
        for (let i = 0; i < at; i++) {
          await quickInput.waitForTitle(steps[i].title);
          await steps[i].answer();
        }
        await quickInput.waitForTitle(at < steps.length ? steps[at].title : confirmTitle, 20_000);
        if (how === 'decline') await quickInput.decline(); else await quickInput.escape();
        await done;
        const text = await shownResult(t => /cancelled\./.test(t) && t.includes('plan_trip'));
        assert.match(text, at < steps.length ? /Trip planning cancelled\./ : /Booking cancelled\./);
        const answers = (await elicitationAnswers()).slice(before);
        assert.deepStrictEqual(answers, [...Array(at).fill('accept'), how]);
      });
    }
  }

  it('with agentcoreMcp.elicitation.review "always", a one-field question has its review step too', async () => {
    await vscode.workspace.getConfiguration('agentcoreMcp').update('elicitation.review', 'always', vscode.ConfigurationTarget.Workspace);
    try {
      const before = (await elicitationAnswers()).length;
      const done = run('agentcoreMcp.invokeTool', { connection: 'travel', tool: 'plan_trip', args: {} });
      await quickInput.waitForTitle(steps[0].title);
      await steps[0].answer();
      await quickInput.waitForTitle('Review');
      await quickInput.pick('Decline');
      await done;
      assert.deepStrictEqual((await elicitationAnswers()).slice(before), ['decline']);
    } finally {
      await vscode.workspace.getConfiguration('agentcoreMcp').update('elicitation.review', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('denying sampling sends the server an error and tells the person; the server falls back', async () => {
    await run('agentcoreMcp.resetSamplingPermissions');
    const done = run('agentcoreMcp.invokeTool', { connection: 'travel', tool: 'quick_recommend', args: {} });
    await quickInput.waitForTitle('travel asks to use Fake Model 1');
    await quickInput.pick('Deny');
    await done;
    const events = (await api()).traffic('travel');
    const refused = events.filter(e => e.kind === 'message' && e.direction === 'out' && 'error' in e.message).at(-1);
    assert.ok(refused && refused.kind === 'message' && 'error' in refused.message);
    assert.strictEqual(refused.message.error.code, -1);
    assert.match(refused.message.error.message, /User rejected sampling request/);
    assert.match(await notificationShown('You denied travel'), /Reset Sampling Permissions/);
    await shownResult(t => t.includes('quick_recommend'));
  });
});
