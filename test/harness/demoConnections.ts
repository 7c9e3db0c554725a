// What the demo starts with: server-everything over stdio, the seeds' travel planner over Streamable
// HTTP, and the same planner behind the local AgentCore emulator with SigV4 (demo credentials written
// to the demo's own AWS files). Everything runs on 127.0.0.1 from this repository.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator } from '../../src/emulator';
import { serveHttp } from '../fixtures/servers/run';
import { createTravelServer } from '../fixtures/servers/travel';

const DEMO_KEYS = { accessKeyId: 'AKIDAGENTCOREDEMO001', secretAccessKey: 'agentcore-demo/secret/key/not-a-real-one' };

export interface Demo {
  readonly settings: Record<string, unknown>;
  /** Environment for the VS Code that shows the demo (the demo's AWS files). */
  readonly env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startDemoServers(repo: string, runDir: string): Promise<Demo> {
  const everything = path.join(repo, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
  const travel = await serveHttp(() => createTravelServer());
  const emu = await startEmulator({ region: 'us-east-1', credentials: [DEMO_KEYS], runtimes: [{ name: 'travel_planner', upstream: travel.url }] });
  const aws = path.join(runDir, 'aws');
  fs.mkdirSync(aws, { recursive: true });
  fs.writeFileSync(path.join(aws, 'config'), '[profile agentcore-demo]\nregion = us-east-1\n');
  fs.writeFileSync(path.join(aws, 'credentials'), `[agentcore-demo]\naws_access_key_id = ${DEMO_KEYS.accessKeyId}\naws_secret_access_key = ${DEMO_KEYS.secretAccessKey}\n`);
  return {
    settings: {
      'agentcoreMcp.connections': [
        { name: 'everything (stdio)', type: 'stdio', command: process.execPath, args: [everything, 'stdio'] },
        { name: 'travel planner (HTTP)', type: 'http', url: travel.url },
        { name: 'travel planner (AgentCore emulator)', type: 'agentcore', arn: emu.arnOf('travel_planner'), endpoint: emu.url, auth: 'sigv4', profile: 'agentcore-demo' },
      ],
      // The demo's stand-in language model answers sampling requests (there is no model offline).
      'agentcoreMcp.sampling.model': 'fake-lm/fake-1',
    },
    env: { AWS_CONFIG_FILE: path.join(aws, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(aws, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true' },
    close: async () => { await emu.close(); await travel.close(); },
  };
}
