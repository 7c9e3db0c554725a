// "AgentCore MCP: Browse AgentCore Runtimes…": the runtimes of an AWS profile and region, listed through the
// control plane (every page), with status and last update; the one picked is checked (an MCP runtime, its
// authorizer, its qualifiers) and becomes a connection signed with that profile. No ARN typed.
import * as vscode from 'vscode';
import type { AccountRuntime } from '../../core/agentcore/browse';
import { parseConnections } from '../../core/connections/config';
import { askMfaCode } from '../connections/host';
import { engine } from '../engine';
import { input, pick, runSteps, type StepInfo } from '../quickInput';
import { addConnectionSetting, unusedName } from '../settings';
import { pickAwsProfile } from './addAgentCore';
import { runWithProgress } from './progress';

/** Answers a caller may give (tests, other extensions); each one given skips its question. `endpoint` points
 *  at another control plane (the emulator) and is kept on the connection for its data plane too. */
export interface BrowseRequest { readonly profile?: string | null; readonly region?: string; readonly endpoint?: string; readonly pageSize?: number }

const title = 'Browse AgentCore Runtimes';
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-central-1', 'eu-west-1', 'ap-northeast-1', 'ap-southeast-2', 'ap-south-1'];

export async function browseRuntimes(req: BrowseRequest = {}): Promise<string | undefined> {
  let profile = req.profile === null ? undefined : req.profile;
  let region = req.region;
  const steps: Array<(info: StepInfo) => Promise<void>> = [];
  if (req.profile === undefined) {
    steps.push(async info => { profile = await pickAwsProfile(info, 'Which AWS profile lists the runtimes?', profile); });
  }
  if (!region) {
    steps.push(async info => {
      region = (await input({
        ...info, value: region ?? process.env.AWS_REGION ?? 'us-east-1', prompt: `The region to list (AgentCore Runtime is in ${REGIONS.join(', ')}, …)`,
        validate: v => (/^[a-z]{2}(-[a-z]+)+-\d+$/.test(v.trim()) ? undefined : 'A region looks like us-east-1.'),
      })).trim();
    });
  }
  const done = await runSteps(steps.map((s, i) => () => s({ title, step: i + 1, totalSteps: steps.length + 1, back: i > 0 })));
  if (!done || !region) return undefined;
  const o = { region, ...(profile ? { profile } : {}), ...(req.endpoint ? { endpoint: req.endpoint } : {}), mfaCode: (serial: string) => askMfaCode(title, serial) };
  const ac = engine().agentcore;
  const runtimes = await runWithProgress(`Listing AgentCore runtimes in ${region}…`, () => ac.listAccountRuntimes(o, req.pageSize), true);
  if (!runtimes.length) {
    void vscode.window.showInformationMessage(`${profile ? `The profile "${profile}"` : 'Your AWS account'} has no AgentCore runtimes in ${region}.`);
    return undefined;
  }
  const chosen = await pickRuntime(runtimes, region, steps.length + 1);
  if (!chosen) return undefined;
  const details = await runWithProgress(`Reading ${chosen.name}…`, () => ac.describeAccountRuntime(o, chosen.id), true);
  if (details.protocol !== 'MCP') throw new (engine().ExplainedError)(`${chosen.name} is an ${details.protocol} runtime, not MCP: this client talks to MCP servers.`);
  if (chosen.status !== 'READY') {
    void vscode.window.showWarningMessage(`${chosen.name} is ${chosen.status}, not READY${details.failureReason ? ` (${details.failureReason})` : ''}: calls may fail until it is.`);
  }
  let qualifier = 'DEFAULT';
  if (details.qualifiers.length > 1) {
    const q = await pick({ title: `${title}: ${chosen.name}`, items: details.qualifiers.map(label => ({ label, description: label === 'DEFAULT' ? 'the latest version' : 'endpoint' })), placeholder: 'Which endpoint (qualifier)?' }).catch(() => undefined);
    if (!q) return undefined;
    qualifier = q.label;
  }
  const name = unusedName(qualifier === 'DEFAULT' ? chosen.name : `${chosen.name} (${qualifier})`);
  const entry = { ...ac.accountConnection(name, chosen, details, qualifier, o) } as Record<string, unknown>;
  if (qualifier === 'DEFAULT') delete entry.qualifier;
  if (!parseConnections([entry]).connections.length) throw new (engine().ExplainedError)(`${chosen.name} could not be made a connection (its ARN: ${chosen.arn}).`);
  await addConnectionSetting(entry, vscode.ConfigurationTarget.Global);
  return name;
}

async function pickRuntime(runtimes: AccountRuntime[], region: string, step: number): Promise<AccountRuntime | undefined> {
  const items = runtimes.map(r => ({
    label: `${r.status === 'READY' ? '$(cloud)' : '$(warning)'} ${r.name}`,
    description: `${r.status}${r.lastUpdatedAt ? ` · updated ${r.lastUpdatedAt.toLocaleString()}` : ''}`,
    detail: r.arn, r,
  }));
  const chosen = await pick({ title, step, totalSteps: step, items, placeholder: `${runtimes.length} runtime${runtimes.length === 1 ? '' : 's'} in ${region}: which one?` }).catch(() => undefined);
  return chosen?.r;
}
