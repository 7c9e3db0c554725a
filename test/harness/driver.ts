// The UI driver: a small HTTP endpoint on 127.0.0.1 that tests running inside the extension host call to
// press keys, type, click and take screenshots in the workbench page, as a person would. Text cannot be
// typed into an input box from inside the extension host, hence this.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { Page } from 'playwright-core';

export type DriverStep =
  | { op: 'press'; key: string }
  | { op: 'type'; text: string; delay?: number }
  | { op: 'click'; selector: string; timeout?: number }
  | { op: 'waitFor'; selector: string; state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }
  | { op: 'count'; selector: string }
  /** How many of the images matching `selector` finished loading with pixels. */
  | { op: 'loadedImages'; selector: string }
  | { op: 'text'; selector: string }
  | { op: 'screenshot'; name: string; selector?: string }
  | { op: 'sleep'; ms: number }
  /** The URLs of every page open in the browser (openExternal opens a new one). */
  | { op: 'pages' }
  /** Closes the page the step names (never the workbench unless asked). */
  | { op: 'closePage' }
  | { op: 'attribute'; selector: string; name: string }
  | { op: 'value'; selector: string }
  /** Moves the mouse to the window's corner, so no hover card covers what is clicked next. */
  | { op: 'mouseAway' }
  | { op: 'hover'; selector: string }
  /** A right click: opens a tree row's context menu. */
  | { op: 'rightClick'; selector: string };

/** Any step may name the frames its selector lives in, outermost first (a webview's page is two iframes down),
 *  and the page it acts on by a part of its URL (a page openExternal opened, such as a sign-in page). */
export type FramedStep = DriverStep & { frames?: string[]; optional?: boolean; page?: string };

export type DriverResult = true | number | string | string[] | { path: string } | { error: string };

export interface Driver {
  readonly url: string;
  close(): Promise<void>;
}

export async function startDriver(page: () => Page | undefined, screenshotDir: string, log: (s: string) => void): Promise<Driver> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const run = async (steps: FramedStep[]): Promise<DriverResult[]> => {
    const workbench = page();
    if (!workbench) return [{ error: 'the workbench page is not open yet' }];
    const results: DriverResult[] = [];
    for (const st of steps) {
      const p = st.page === undefined ? workbench : workbench.context().pages().find(x => x.url().includes(st.page!));
      if (!p) {
        results.push({ error: `no open page's URL contains ${st.page}` });
        if (!st.optional) break;
        continue;
      }
      const frames = st.frames ?? [];
      const at = (selector: string) => (frames.length
        ? frames.slice(1).reduce((f, s) => f.frameLocator(s), p.frameLocator(frames[0])).locator(selector)
        : p.locator(selector));
      try {
        switch (st.op) {
          case 'press': await p.keyboard.press(st.key); results.push(true); break;
          case 'type': await p.keyboard.type(st.text, { delay: st.delay ?? 10 }); results.push(true); break;
          case 'click':
            if (frames.length) await at(st.selector).first().click({ timeout: st.timeout ?? 10_000 });
            else await p.click(st.selector, { timeout: st.timeout ?? 10_000 });
            results.push(true); break;
          case 'waitFor':
            if (frames.length) await at(st.selector).first().waitFor({ state: st.state ?? 'visible', timeout: st.timeout ?? 10_000 });
            else await p.waitForSelector(st.selector, { state: st.state ?? 'visible', timeout: st.timeout ?? 10_000 });
            results.push(true); break;
          case 'count': results.push(await at(st.selector).count()); break;
          case 'text': results.push(await at(st.selector).allInnerTexts()); break;
          case 'loadedImages':
            await p.waitForTimeout(300);
            results.push(await at(st.selector).evaluateAll(els => els.filter(e => { const img = e as unknown as { complete: boolean; naturalWidth: number }; return img.complete && img.naturalWidth > 0; }).length));
            break;
          case 'screenshot': {
            const file = path.join(screenshotDir, `${st.name.replace(/[^\w.-]+/g, '-')}.png`);
            if (st.selector) await p.locator(st.selector).first().screenshot({ path: file });
            else await p.screenshot({ path: file });
            results.push({ path: file });
            break;
          }
          case 'sleep': await p.waitForTimeout(st.ms); results.push(true); break;
          case 'attribute': results.push((await at(st.selector).first().getAttribute(st.name, { timeout: 5000 })) ?? ''); break;
          case 'value': results.push(await p.locator(st.selector).first().inputValue({ timeout: 5000 })); break;
          case 'hover': await p.hover(st.selector, { timeout: 10_000 }); results.push(true); break;
          case 'rightClick': await p.click(st.selector, { button: 'right', timeout: 10_000 }); results.push(true); break;
          case 'mouseAway': await p.mouse.move(1, 1); results.push(true); break;
          case 'pages': results.push(p.context().pages().map(x => x.url())); break;
          case 'closePage': await p.close(); results.push(true); break;
          default: throw new Error(`unknown op ${(st as { op: string }).op}`);
        }
      } catch (e) {
        results.push({ error: String((e as Error).message ?? e).split('\n')[0] });
        if (!st.optional) break;
      }
    }
    return results;
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', d => { body += d; }).on('end', () => {
      void (async () => {
        let results: DriverResult[];
        try { results = await run(JSON.parse(body || '[]')); } catch (e) { results = [{ error: String(e) }]; }
        if (process.env.AGENTCORE_MCP_DRIVER_LOG) log(`drive ${body} -> ${JSON.stringify(results)}`);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(results));
      })();
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  server.unref();
  const { port } = server.address() as import('node:net').AddressInfo;
  return { url: `http://127.0.0.1:${port}/drive`, close: () => new Promise(r => server.close(() => r())) };
}
