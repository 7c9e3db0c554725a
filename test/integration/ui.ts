// Drives the workbench as a person does (keyboard, mouse, screenshots) through the harness's UI driver.
// Tests run in the extension host; the driver runs Playwright in the harness process.
import * as http from 'node:http';

type Step = Record<string, unknown> & { op: string; optional?: boolean };
type Result = true | number | string | string[] | { path: string } | { error: string };

const url = () => process.env.AGENTCORE_MCP_UI_DRIVER;
export const hasDriver = (): boolean => !!url();

/** Asked for by name: without it, a test that types through the UI fails rather than turning pending. */
export const ALLOW_NO_DRIVER = 'AGENTCORE_MCP_ALLOW_NO_UI_DRIVER';

/** Called first by tests that type through the UI: they fail without the driver, unless the person set
 *  AGENTCORE_MCP_ALLOW_NO_UI_DRIVER=1 (for example with AGENTCORE_MCP_VSCODE=download), when they skip. */
export function requireDriver(ctx: Mocha.Context): void {
  if (hasDriver()) return;
  if (process.env[ALLOW_NO_DRIVER] === '1') ctx.skip();
  throw new Error(`no UI driver (AGENTCORE_MCP_UI_DRIVER is not set): run the tests with npm test, or set ${ALLOW_NO_DRIVER}=1 to skip the tests that type through the UI`);
}

export function drive(steps: Step[]): Promise<Result[]> {
  const target = url();
  if (!target) return Promise.reject(new Error('no UI driver: run the tests through test/harness (npm test)'));
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method: 'POST', headers: { 'content-type': 'application/json' } }, res => {
      let body = '';
      res.on('data', d => { body += d; }).on('end', () => {
        try { resolve(JSON.parse(body)); } catch (e) { reject(e); }
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(steps));
  });
}

/** Runs steps and fails with the driver's message when a step that is not optional failed. */
export async function must(steps: Step[]): Promise<Result[]> {
  const results = await drive(steps);
  const failed = results.find((r): r is { error: string } => typeof r === 'object' && r !== null && 'error' in r);
  if (failed || results.length < steps.filter(s => !s.optional).length) {
    throw new Error(`UI step failed: ${failed?.error ?? 'not run'} (steps: ${JSON.stringify(steps)})`);
  }
  return results;
}

export const QUICK_INPUT = '.quick-input-widget';
const INPUT = `${QUICK_INPUT} .quick-input-box input`;
const row = (label: string) => `${QUICK_INPUT} .quick-input-list .monaco-list-row[aria-label*="${label.replace(/"/g, '\\"')}"]`;

/** Enter presses, picks and title-bar buttons: what answering cost a person (see quickInput.actions). */
let actions = 0;

export const quickInput = {
  /** Waits for the quick input whose title contains `title` to be shown. */
  async waitForTitle(title: string, timeout = 10_000): Promise<void> {
    await must([{ op: 'waitFor', selector: `${QUICK_INPUT} .quick-input-title:has-text("${title}")`, timeout }]);
  },
  /** Replaces the text of the open input box by typing, as a person would. */
  async type(text: string): Promise<void> {
    // Long values (tokens, URLs) are typed without the per-key pause short ones get.
    await must([{ op: 'waitFor', selector: INPUT }, { op: 'click', selector: INPUT }, { op: 'press', key: 'Control+A' }, { op: 'press', key: 'Backspace' }, { op: 'type', text, delay: text.length > 40 ? 0 : 10 }]);
  },
  async accept(): Promise<void> { actions++; await must([{ op: 'press', key: 'Enter' }]); },
  async enter(text: string): Promise<void> { await this.type(text); await this.accept(); },
  /** Picks the row whose label contains `label` by clicking it. */
  async pick(label: string): Promise<void> {
    actions++;
    // A hover card left by an earlier click (long item details show one) can cover the row.
    await must([{ op: 'mouseAway' }, { op: 'waitFor', selector: row(label) }, { op: 'click', selector: row(label) }]);
  },
  /** The validation error shown under the input box, or '' when the value is accepted (the prompt is not an error). */
  async validationMessage(): Promise<string> {
    const r = await must([
      { op: 'sleep', ms: 200 },
      { op: 'count', selector: `${QUICK_INPUT} .quick-input-box .monaco-inputbox.error` },
      { op: 'text', selector: `${QUICK_INPUT} .quick-input-message` },
    ]);
    return r[1] === 0 ? '' : (r[2] as string[]).join('\n');
  },
  /** Types into the quick pick's filter and presses Enter (the best match is highlighted first). */
  async filterAndAccept(text: string): Promise<void> {
    // Focus the box first: keys typed while the widget is still being shown would go elsewhere.
    for (let attempt = 0; ; attempt++) {
      await must([{ op: 'waitFor', selector: INPUT }, { op: 'click', selector: INPUT }, { op: 'press', key: 'Control+A' }, { op: 'press', key: 'Backspace' }, { op: 'type', text }, { op: 'sleep', ms: 150 }]);
      const [value] = await must([{ op: 'value', selector: INPUT }]);
      if (value === text) break;
      if (attempt === 2) throw new Error(`could not type "${text}" into the quick pick (it shows "${String(value)}")`);
    }
    await must([{ op: 'press', key: 'Enter' }]);
  },
  async back(): Promise<void> {
    await must([{ op: 'click', selector: `${QUICK_INPUT} .quick-input-titlebar .action-label.codicon-quick-input-back, ${QUICK_INPUT} .action-label[aria-label="Back"]` }]);
  },
  /** Escape, as a person dismisses the quick input (a hover left under the mouse would take the key first). */
  async escape(): Promise<void> { await must([{ op: 'mouseAway' }, { op: 'sleep', ms: 100 }, { op: 'press', key: 'Escape' }]); },
  /** Answers one elicitation: waits for its question and answers it (a one-field question is sent with
   *  that; with `review`, also accepts at the review step of a longer form). */
  async answerElicitation(title: string, answer: () => Promise<void>, o: { review?: boolean; timeout?: number } = {}): Promise<void> {
    await this.waitForTitle(title, o.timeout ?? 20_000);
    await answer();
    if (!o.review) return;
    await this.waitForTitle('Review');
    await this.pick('Accept and send');
  },
  /** Clicks a button of the quick input's title bar by its tooltip (e.g. "Accept remaining defaults"). */
  async button(tooltip: string): Promise<void> {
    actions++;
    await must([{ op: 'click', selector: `${QUICK_INPUT} .quick-input-titlebar .action-label[aria-label^="${tooltip}"]` }, { op: 'mouseAway' }]);
  },
  /** How many answering actions (Enter, a pick, a title-bar button) were taken since the last reset. */
  actions(reset = false): number { const n = actions; if (reset) actions = 0; return n; },
  /** Presses the Decline button in the quick input's title bar (elicitations). */
  async decline(): Promise<void> {
    await must([{ op: 'click', selector: `${QUICK_INPUT} .quick-input-titlebar .action-label[aria-label^="Decline"]` }, { op: 'mouseAway' }]);
  },
  /** The title, the value in the box and the prompt or message under it. */
  async texts(): Promise<string> {
    const r = await must([
      { op: 'text', selector: `${QUICK_INPUT} .quick-input-title` },
      { op: 'value', selector: `${QUICK_INPUT} .quick-input-box input` },
      { op: 'text', selector: `${QUICK_INPUT} .quick-input-message` },
    ]);
    return r.flat().join('\n');
  },
  /** The title, the placeholder and the text of every row (labels, descriptions, details). */
  async everything(): Promise<string> {
    const [title, rows] = await must([{ op: 'text', selector: `${QUICK_INPUT} .quick-input-title` }, { op: 'text', selector: `${QUICK_INPUT} .quick-input-list .monaco-list-row` }]);
    return [title, await this.placeholder(), rows].flat().join('\n');
  },
  /** The placeholder of the quick input's box (quick picks put hints and problems there). */
  async placeholder(): Promise<string> {
    const [, n] = await must([{ op: 'sleep', ms: 200 }, { op: 'attribute', selector: `${QUICK_INPUT} .quick-input-box input`, name: 'placeholder' }]);
    return typeof n === 'string' ? n : '';
  },
  async isVisible(): Promise<boolean> {
    const [n] = await must([{ op: 'count', selector: `${QUICK_INPUT}:visible` }]);
    return typeof n === 'number' && n > 0;
  },
};

export async function screenshot(name: string, selector?: string): Promise<string | undefined> {
  // After the workbench's fade-ins (a quick input shown a moment ago is still half transparent).
  const [, r] = await drive([{ op: 'sleep', ms: 400 }, { op: 'screenshot', name, ...(selector ? { selector } : {}) }]);
  return typeof r === 'object' && r !== null && 'path' in r ? r.path : undefined;
}

/** Rows of the AgentCore MCP tree whose label contains `text` (the sidebar must show the view). */
export const treeRow = (text: string) => `.part.sidebar .monaco-list-row[aria-label*="${text.replace(/"/g, '\\"')}"]`;

/** Clicks Cancel on a progress notification whose text contains `title` (in the notification center: headless toasts may not show). */
export async function cancelProgressNotification(title: string): Promise<void> {
  const item = `.notification-list-item:has-text("${title}")`;
  const [toast] = await drive([{ op: 'waitFor', selector: `.notifications-toasts ${item}`, timeout: 2000, optional: true }]);
  if (toast !== true) await vscodeCommand('notifications.showList');
  await must([{ op: 'waitFor', selector: item }, { op: 'click', selector: `${item} .monaco-button:has-text("Cancel")` }]);
}

let vscodeCommand: (id: string) => Thenable<unknown> = () => Promise.resolve();
export function useCommands(run: (id: string) => Thenable<unknown>): void { vscodeCommand = run; }

/** URLs of the pages open in the browser: `vscode.env.openExternal` opens a new one. */
export async function openPages(): Promise<string[]> {
  const [r] = await must([{ op: 'pages' }]);
  return Array.isArray(r) ? r : [];
}

/** Waits for a notification containing `text` (looked up in the notification center: headless toasts may not show). */
export async function notificationShown(text: string, timeout = 10_000): Promise<string> {
  await vscodeCommand('notifications.showList');
  try {
    const item = `.notification-list-item:has-text("${text.replace(/"/g, '\\"')}")`;
    const [, texts] = await must([{ op: 'waitFor', selector: item, timeout }, { op: 'text', selector: item }]);
    return Array.isArray(texts) ? texts.join('\n') : '';
  } finally {
    await vscodeCommand('notifications.hideList');
  }
}

/** A page other than the workbench (a sign-in page openExternal opened), named by a part of its URL. */
export function browserPage(urlPart: string) {
  const on = (steps: Array<Record<string, unknown> & { op: string }>) => must(steps.map(s => ({ ...s, page: urlPart })));
  return {
    /** Waits until a page whose URL contains `urlPart` is open, and shows `selector`. */
    async waitFor(selector: string, timeout = 15_000): Promise<void> {
      const until = Date.now() + timeout;
      while (!(await openPages()).some(u => u.includes(urlPart))) {
        if (Date.now() > until) throw new Error(`no page whose URL contains ${urlPart} opened within ${timeout} ms; open: ${(await openPages()).join(', ')}`);
        await new Promise(r => setTimeout(r, 200));
      }
      await on([{ op: 'waitFor', selector, timeout }]);
    },
    /** Clicks a field and types into it, as a person would. */
    async fill(selector: string, text: string): Promise<void> { await on([{ op: 'click', selector }, { op: 'type', text }]); },
    async click(selector: string): Promise<void> { await on([{ op: 'click', selector }]); },
    async text(selector: string): Promise<string> { const [, t] = await on([{ op: 'waitFor', selector }, { op: 'text', selector }]); return Array.isArray(t) ? t.join('\n') : ''; },
    async screenshot(name: string): Promise<void> { await on([{ op: 'screenshot', name }]); },
    async close(): Promise<void> { await on([{ op: 'closePage' }]); },
  };
}
