// Shared bits for plain-Node unit tests: a host that records what the engine tells it, and the path of
// the real @modelcontextprotocol/server-everything.
import * as path from 'node:path';
import type { ConnectionHost, HostLogLevel } from '../../src/core/connections/host';
import type { TrafficEvent, TrafficFrame } from '../../src/core/connections/traffic';
import { resolveAgentCorePlan } from '../../src/core/agentcore/plan';

export const everythingPath = path.resolve(__dirname, '..', '..', '..', 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');

export interface RecordingHost extends ConnectionHost {
  readonly logs: Array<{ level: HostLogLevel; message: string }>;
  readonly notes: Array<{ level: string; message: string }>;
  readonly traffic: (f: TrafficFrame) => void;
  /** The frames as the engine gave them. */
  readonly frames: TrafficFrame[];
  /** The frames read now (redacted with what the connection knows now), as the traffic view reads them. */
  readonly events: readonly TrafficEvent[];
}

export function recordingHost(extra: Partial<ConnectionHost> = {}): RecordingHost {
  const logs: RecordingHost['logs'] = [];
  const notes: RecordingHost['notes'] = [];
  const frames: TrafficFrame[] = [];
  return {
    logs, notes, frames, agentcorePlan: resolveAgentCorePlan,
    get events() { return frames.map(f => f.read()); },
    log: (level, message) => { logs.push({ level, message }); },
    notify: (level, message) => { notes.push({ level, message }); },
    traffic: f => { frames.push(f); },
    ...extra,
  };
}

export const stdioEverything = (name = 'everything') => ({ name, type: 'stdio' as const, command: process.execPath, args: [everythingPath, 'stdio'], env: {} });
