// 2026-07-28 has no unsolicited notifications and no resources/subscribe: list changes and resource
// updates arrive only on a subscriptions/listen stream the client opens, with the filter it asks for.
// The SDK hands what arrives there to the same notification handlers a 2025 connection uses, so the
// engine's handlers stay as they are; this keeps one stream open with the right filter, and opens it
// again (with the new filter) when the set of watched resources changes.
import type { Client, McpSubscription, ServerCapabilities, SubscriptionFilter } from '@modelcontextprotocol/client';

export class Listener {
  private current?: McpSubscription;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly client: Client, private readonly caps: ServerCapabilities | undefined, private readonly log: (message: string) => void) {}

  /** What this server can tell us about, for the resources watched now. */
  private filter(uris: readonly string[]): SubscriptionFilter | undefined {
    const c = this.caps;
    const f: SubscriptionFilter = {
      ...(c?.tools?.listChanged ? { toolsListChanged: true } : {}),
      ...(c?.prompts?.listChanged ? { promptsListChanged: true } : {}),
      ...(c?.resources?.listChanged ? { resourcesListChanged: true } : {}),
      ...(c?.resources?.subscribe && uris.length ? { resourceSubscriptions: [...uris] } : {}),
    };
    return Object.keys(f).length ? f : undefined;
  }

  /** Opens (or reopens) the stream for these watched resources; one change at a time, in order. */
  update(uris: readonly string[]): Promise<void> {
    this.chain = this.chain.then(async () => {
      if (this.closed) return;
      const previous = this.current;
      this.current = undefined;
      await previous?.close().catch(() => undefined);
      const filter = this.filter(uris);
      if (!filter) return;
      try {
        this.current = await this.client.listen(filter);
      } catch (e) {
        this.log(`subscriptions/listen failed, so list changes and resource updates will not show until you refresh: ${(e as Error).message}`);
      }
    });
    return this.chain;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.chain.catch(() => undefined);
    await this.current?.close().catch(() => undefined);
    this.current = undefined;
  }
}
