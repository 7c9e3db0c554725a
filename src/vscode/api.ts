// What tests (and only tests) get from activate(): read-only views of the extension's state. In normal
// use activate() returns nothing, or any other extension could read tool arguments, results and logs.
import type { SignedIn } from '../core/auth/middleware';
import type { ConnectionConfig } from '../core/connections/config';
import type { TrafficEvent } from '../core/connections/traffic';
import type { ScenarioResult } from '../core/scenario/run';
import type { LastCall } from './commands/invokeTool';
import type { ConnectionManager } from './connections/manager';
import type { Services } from './services';

export interface Api {
  /** The state of a connection, for other extensions and tests. */
  state(connection: string): ReturnType<ConnectionManager['state']>;
  /** The last tool call made from the UI, per connection. */
  lastCall(connection: string): LastCall | undefined;
  /** Recent JSON-RPC messages and HTTP exchanges of a connection, redacted. */
  traffic(connection: string): readonly TrafficEvent[];
  /** The last lines of a connection's log. */
  log(connection: string): readonly string[];
  /** The Markdown of the results shown in the result tab, newest first. */
  results(): readonly string[];
  /** The last result of running a scenario file (by its file system path). */
  scenarioResult(file: string): ScenarioResult | undefined;
  /** Who is signed in to a running connection's server (MCP authorization), if anyone. */
  signedIn(connection: string): SignedIn | undefined;
  /** A connection's definition as used (from settings, or from the file a linked server comes from). */
  config(connection: string): ConnectionConfig | undefined;
}
export function testApi(s: Services): Api {
  const { mgr } = s;
  return {
    state: name => mgr.state(name),
    lastCall: name => s.lastCalls.get(name),
    traffic: name => s.traffic.of(name),
    log: name => s.logs.lines(name),
    scenarioResult: file => s.scenarios.results.get(file),
    results: () => s.results.view.history.map(r => r.markdown),
    signedIn: name => mgr.get(name)?.conn?.signedIn(),
    config: name => mgr.get(name)?.config,
  };
}
