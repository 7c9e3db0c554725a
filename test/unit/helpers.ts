// Shared bits for plain-Node unit tests: a host that records what the engine tells it, and the path of
// the real @modelcontextprotocol/server-everything.
import * as path from 'node:path';
import type { ConnectionHost, HostLogLevel } from '../../src/core/connections/host';
import type { TrafficEvent } from '../../src/core/connections/traffic';
import { resolveAgentCorePlan } from '../../src/core/agentcore/plan';

export const everythingPath = path.resolve(__dirname, '..', '..', '..', 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');

export interface RecordingHost extends ConnectionHost {
  readonly logs: Array<{ level: HostLogLevel; message: string }>;
  readonly notes: Array<{ level: string; message: string }>;
  readonly traffic: (e: TrafficEvent) => void;
  readonly events: TrafficEvent[];
}

export function recordingHost(extra: Partial<ConnectionHost> = {}): RecordingHost {
  const logs: RecordingHost['logs'] = [];
  const notes: RecordingHost['notes'] = [];
  const events: TrafficEvent[] = [];
  return {
    logs, notes, events, agentcorePlan: resolveAgentCorePlan,
    log: (level, message) => { logs.push({ level, message }); },
    notify: (level, message) => { notes.push({ level, message }); },
    traffic: e => { events.push(e); },
    ...extra,
  };
}

export const stdioEverything = (name = 'everything') => ({ name, type: 'stdio' as const, command: process.execPath, args: [everythingPath, 'stdio'], env: {} });
