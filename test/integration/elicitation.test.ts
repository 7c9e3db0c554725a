// Every elicitation field type of server-everything's trigger-elicitation-request answered through
// the quick inputs (invalid entries refused with a message), URL elicitation by both paths, sampling
// through vscode.lm, and a progress storm.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { serveEverythingHttp } from '../fixtures/everything';
import { createFeaturesServer, featuresHttpRoutes, TINY_PNG_BASE64 } from '../fixtures/servers/features';
import { serveHttp, type HttpFixture } from '../fixtures/servers/run';
import { api, shownResult, run, setConnections, waitFor } from './helpers';
import { requireDriver, must, openPages, QUICK_INPUT, quickInput, screenshot, useCommands } from './ui';

useCommands(id => vscode.commands.executeCommand(id));
const title = 'everything asks';
const sent = async (connection: string, method: string) => {
  const events = (await api()).traffic(connection);
  const ids = new Set(events.filter(e => e.kind === 'message' && e.direction === 'in' && 'method' in e.message && e.message.method === method)
    .map(e => (e.kind === 'message' && 'id' in e.message ? e.message.id : undefined)));
  return events.filter(e => e.kind === 'message' && e.direction === 'out' && 'id' in e.message && ids.has(e.message.id) && !('method' in e.message))
    .map(e => (e.kind === 'message' ? e.message : undefined)) as Array<{ result?: Record<string, unknown>; error?: { code: number; message: string } }>;
};

describe('stateful features with server-everything and the features fixture', function () {
  this.timeout(180_000);
  let everything: HttpFixture;
  let features: HttpFixture;
  before(async function () {
    requireDriver(this);
    everything = await serveEverythingHttp();
    features = await serveHttp(() => createFeaturesServer(), { routes: featuresHttpRoutes });
    await setConnections([{ name: 'everything', type: 'http', url: everything.url }, { name: 'features', type: 'http', url: features.url }]);
    await vscode.workspace.getConfiguration('agentcoreMcp').update('sampling.model', 'fake-lm/fake-1', vscode.ConfigurationTarget.Workspace);
    await run('agentcoreMcp.connect', { kind: 'connection', connection: 'everything' });
    await run('agentcoreMcp.connect', { kind: 'connection', connection: 'features' });
  });
  after(async () => {
    await setConnections(undefined);
    await vscode.workspace.getConfiguration('agentcoreMcp').update('sampling.model', undefined, vscode.ConfigurationTarget.Workspace);
    await everything?.close();
    await features?.close();
  });
  // Before, not after, each test: a failing test's screenshot must show the state it failed in.
  beforeEach(async () => {
    await run('workbench.action.closeQuickOpen');
    for (const connection of ['everything', 'features']) await run('agentcoreMcp.restart', { kind: 'connection', connection });
  });

  it('trigger-elicitation-request: every field type, invalid entries refused with a message, then the review', async () => {
    const done = run('agentcoreMcp.invokeTool', { connection: 'everything', tool: 'trigger-elicitation-request', args: {} });
    const field = (t: string) => quickInput.waitForTitle(`${title} · ${t}`);
    await field('String');
    // The title names the field; the server's message leads the prompt, in full.
    assert.match(await quickInput.texts(), /Please provide inputs for the following fields:/);
    await quickInput.enter('Ada Lovelace');
    await field('Boolean');
    await quickInput.pick('Yes');
    await field('String with default');
    assert.match(await quickInput.texts(), /It was a dark and stormy night\./);
    await quickInput.accept();
    await field('String with email format');
    await quickInput.type('not-an-email');
    assert.strictEqual(await quickInput.validationMessage(), 'Enter an email address like name@example.com.');
    await quickInput.accept();
    assert.strictEqual(await quickInput.validationMessage(), 'Enter an email address like name@example.com.', 'Enter does not move on');
    await quickInput.enter('ada@example.com');
    await field('String with uri format');
    await quickInput.type('example');
    assert.strictEqual(await quickInput.validationMessage(), 'Enter an absolute URI like https://example.com.');
    await quickInput.enter('https://ada.example/');
    await field('String with date format');
    await quickInput.type('2026-02-30');
    assert.strictEqual(await quickInput.validationMessage(), '2026-02-30 is not a real date.');
    await quickInput.enter('1815-12-10');
    await field('Integer');
    await quickInput.type('101');
    assert.strictEqual(await quickInput.validationMessage(), 'Must be at most 100.');
    await quickInput.type('7.5');
    assert.strictEqual(await quickInput.validationMessage(), 'Enter a whole number.');
    await quickInput.enter('7');
    await field('Number in range 1-1000');
    await quickInput.type('lots');
    assert.strictEqual(await quickInput.validationMessage(), 'Enter a number, like 3.14.');
    await quickInput.enter('2.5');
    await field('Untitled Single Select Enum');
    await quickInput.pick('Joey');
    await field('Untitled Multiple Select Enum');
    for (const i of ['Piano', 'Violin', 'Drums']) await quickInput.pick(i); // Guitar is pre-selected (the default)
    await quickInput.accept();
    assert.match(await quickInput.placeholder(), /^Choose at most 3\./);
    for (const i of ['Violin', 'Drums']) await quickInput.pick(i);
    await quickInput.accept();
    await field('Titled Single Select Enum');
    await quickInput.pick('Wonder Woman');
    await field('Titled Multiple Select Enum');
    await quickInput.pick('Tuna'); // un-select the default
    await quickInput.pick('Salmon');
    await quickInput.accept();
    await field('Legacy Titled Single Select Enum');
    await quickInput.pick('Dogs');
    await quickInput.waitForTitle('Review');
    await screenshot('elicitation-review-all-fields');
    await quickInput.pick('Accept and send');
    await done;
    const text = await shownResult(t => t.includes('User inputs:'));
    for (const line of ['- Name: Ada Lovelace', '- Agreed to terms: true', '- Email: ada@example.com', '- Homepage: https://ada.example/', '- Birthdate: 1815-12-10', '- Favorite Integer: 7', '- Favorite Number: 2.5']) {
      assert.ok(text.includes(line), `${line} in\n${text}`);
    }
    const [answer] = (await sent('everything', 'elicitation/create')).slice(-1);
    assert.deepStrictEqual(answer.result, {
      action: 'accept',
      content: {
        name: 'Ada Lovelace', check: true, firstLine: 'It was a dark and stormy night.', email: 'ada@example.com', homepage: 'https://ada.example/',
        birthdate: '1815-12-10', integer: 7, number: 2.5, untitledSingleSelectEnum: 'Joey', untitledMultipleSelectEnum: ['Guitar', 'Piano'],
        titledSingleSelectEnum: 'hero-3', titledMultipleSelectEnum: ['fish-2'], legacyTitledEnum: 'pet-2',
      },
    });
  });

  it('trigger-elicitation-request: the name, then "Accept remaining defaults", then send: three actions', async () => {
    const done = run('agentcoreMcp.invokeTool', { connection: 'everything', tool: 'trigger-elicitation-request', args: {} });
    await quickInput.waitForTitle(`${title} · String`);
    quickInput.actions(true);
    await quickInput.enter('Grace Hopper');
    await quickInput.waitForTitle(`${title} · Boolean`);
    await quickInput.button('Accept remaining defaults');
    await quickInput.waitForTitle('Review');
    await quickInput.pick('Accept and send');
    assert.strictEqual(quickInput.actions(), 3);
    await done;
    const [answer] = (await sent('everything', 'elicitation/create')).slice(-1);
    const content = answer.result?.content as Record<string, unknown>;
    assert.strictEqual(answer.result?.action, 'accept');
    assert.strictEqual(content.name, 'Grace Hopper');
    assert.strictEqual(content.firstLine, 'It was a dark and stormy night.', 'a default was sent');
  });

  it('trigger-elicitation-request: decline from the review and cancel by Escape stay distinct', async () => {
    for (const how of ['decline', 'cancel'] as const) {
      const done = run('agentcoreMcp.invokeTool', { connection: 'everything', tool: 'trigger-elicitation-request', args: {} });
      await quickInput.waitForTitle(`${title} · String`);
      if (how === 'decline') {
        await quickInput.enter('Grace');
        for (let step = 2; step <= 13; step++) { // keep every default
          await quickInput.waitForTitle(`(${step}/14)`);
          await quickInput.accept();
        }
        await quickInput.waitForTitle('Review');
        await quickInput.pick('Decline');
      } else {
        await quickInput.escape();
      }
      await done;
      const [answer] = (await sent('everything', 'elicitation/create')).slice(-1);
      assert.deepStrictEqual(answer.result, { action: how });
      await shownResult(t => t.includes(how === 'decline' ? 'User declined' : 'User cancelled'));
    }
  });

  it('URL elicitation, request path: the URL opens only with consent, and completion is awaited', async () => {
    const before = (await openPages()).length;
    const done = run('agentcoreMcp.invokeTool', { connection: 'features', tool: 'url_elicitation', args: {} });
    await quickInput.waitForTitle('features asks you to open a page on 127.0.0.1');
    const shown = await must([{ op: 'text', selector: `${QUICK_INPUT} .quick-input-list` }]);
    assert.match(JSON.stringify(shown), /127\.0\.0\.1:\d+\/elicitation\/complete\?id=/);
    assert.strictEqual((await openPages()).length, before, 'nothing opened before consent');
    await screenshot('url-elicitation-consent');
    await quickInput.pick('Open 127.0.0.1');
    await done; // the fixture completes when the page is fetched, then the tool returns
    // The browser may fetch the page a moment before it lists the new tab.
    await waitFor('the page open in the browser', async () => (await openPages()).some(u => u.includes('/elicitation/complete?id=')) || undefined, 5_000);
    await shownResult(t => /URL elicitation .* completed\./.test(t));
    const complete = (await api()).traffic('features').filter(e => e.kind === 'message' && e.direction === 'in' && 'method' in e.message && e.message.method === 'notifications/elicitation/complete');
    assert.strictEqual(complete.length, 1);
  });

  it('URL elicitation, error path (-32042): the URL is offered, then the call is retried', async () => {
    const done = run('agentcoreMcp.invokeTool', { connection: 'everything', tool: 'trigger-url-elicitation', args: { url: 'https://example.com/authorize', errorPath: true } });
    await quickInput.waitForTitle('everything asks you to open a page on modelcontextprotocol.io');
    await quickInput.pick('Copy the URL');
    await waitFor('the URL on the clipboard', async () => (await vscode.env.clipboard.readText()) === 'https://modelcontextprotocol.io/' ? true : undefined);
    await quickInput.waitForTitle('Waiting for modelcontextprotocol.io');
    await quickInput.pick('I have finished: retry now');
    // The retry takes the request path: the server now asks for its own URL.
    await quickInput.waitForTitle('everything asks you to open a page on example.com');
    await quickInput.pick('Decline');
    await done;
    await shownResult(t => /User declined to open the URL/.test(t));
  });

  it('trigger-sampling-request: answered by the test model through vscode.lm, with maxTokens passed on', async () => {
    await run('agentcoreMcp.resetSamplingPermissions');
    for (const maxTokens of [400, 20]) {
      const done = run('agentcoreMcp.invokeTool', { connection: 'everything', tool: 'trigger-sampling-request', args: { prompt: `Say hello ${maxTokens}`, maxTokens } });
      await quickInput.waitForTitle('everything asks to use Fake Model 1');
      if (maxTokens === 400) {
        // The first row sums the request up in a line; the whole of it opens beside, and the question stays.
        await quickInput.pick('Show the whole request');
        const whole = await waitFor('the whole request as JSON', () => vscode.window.visibleTextEditors.map(e => e.document)
          .find(d => d.uri.scheme === 'agentcore-mcp-result' && d.languageId === 'json' && d.getText().includes('Say hello 400')));
        const request = JSON.parse(whole.getText()) as { maxTokens: number; systemPrompt: string };
        assert.deepStrictEqual([request.maxTokens, request.systemPrompt], [400, 'You are a helpful test server.']);
        await quickInput.waitForTitle('everything asks to use Fake Model 1');
      }
      await quickInput.pick('Allow once');
      await done;
      const [answer] = (await sent('everything', 'sampling/createMessage')).slice(-1);
      const result = answer.result as { model: string; stopReason: string; content: { text: string } };
      assert.strictEqual(result.model, 'fake-lm/fake-1');
      if (maxTokens === 400) {
        // The test model echoes what reached it: the system prompt leads the first user message.
        assert.match(result.content.text, /^echo: .*<system_prompt>\nYou are a helpful test server\.\n<\/system_prompt>\n\nResource trigger-sampling-request context: Say hello 400$/s);
        assert.strictEqual(result.stopReason, 'endTurn');
      } else {
        assert.strictEqual(result.stopReason, 'maxTokens');
        assert.ok(result.content.text.length <= 20 * 4, `cut at about 20 tokens: ${result.content.text.length} characters`);
      }
      await shownResult(t => t.includes('LLM sampling result') && t.includes(`Say hello ${maxTokens}`));
    }
  });

  it('sampling with an image: a model that takes images gets the PNG bytes, one that does not gets a placeholder and the log says why', async () => {
    await run('agentcoreMcp.resetSamplingPermissions');
    const png = Buffer.from(TINY_PNG_BASE64, 'base64');
    const done = run('agentcoreMcp.invokeTool', { connection: 'features', tool: 'describe_image', args: { hint: 'fake-vision' } });
    await quickInput.waitForTitle('features asks to use Fake Model Vision');
    await quickInput.pick('Allow once');
    await done;
    // The model saw the image itself, byte for byte (length and PNG signature), after the text.
    await shownResult(t => t.includes(`fake-lm/fake-vision: echo: Describe this image. [saw image/png, ${png.length} bytes, ${png.subarray(0, 8).toString('hex')}]`));

    const textOnly = run('agentcoreMcp.invokeTool', { connection: 'features', tool: 'describe_image', args: { hint: 'fake-1' } });
    await quickInput.waitForTitle('features asks to use Fake Model 1');
    await quickInput.pick('Allow once');
    await textOnly;
    const text = await shownResult(t => t.includes('fake-lm/fake-1: echo: Describe this image.'));
    assert.match(text, /fake-lm\/fake-1: echo: Describe this image\.\[image \(image\/png, [^)]*\) left out\]/);
    assert.doesNotMatch(text, /\[saw /);
    const log = (await api()).log('features').join('\n');
    assert.match(log, /1 image replaced by a placeholder: Fake Model 1 does not take images\./);
  });

  it('a progress storm of 10,000 notifications leaves the UI responsive and the final state exact', async () => {
    const started = Date.now();
    const done = run('agentcoreMcp.invokeTool', { connection: 'features', tool: 'progress_storm', args: { n: 10_000 } });
    // The workbench keeps answering commands while the storm runs.
    await run('workbench.action.quickOpen');
    await run('workbench.action.closeQuickOpen');
    await done;
    const text = await shownResult(t => t.includes('Sent 10000 progress notifications'));
    assert.ok(text);
    const progress = (await api()).traffic('features').filter(e => e.kind === 'message' && e.direction === 'in' && 'method' in e.message && e.message.method === 'notifications/progress');
    assert.strictEqual((progress.at(-1) as unknown as { message: { params: { progress: number } } }).message.params.progress, 10_000);
    console.log(`      10,000 progress notifications handled in ${Date.now() - started} ms`);
  });
});
