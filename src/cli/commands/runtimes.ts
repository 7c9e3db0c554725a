// agentcore-mcp runtimes: the AgentCore runtimes of an AWS account (a profile and a region, through the
// control plane), or, with --workspace, the ones a folder's AWS tooling files say were deployed there.
import { describeAccountRuntime, listAccountRuntimes, type RuntimeDetails } from '../../core/agentcore/browse';
import { describeAuth, discoverIn } from '../../core/agentcore/deployed';
import { runtimeLabel } from '../../core/agentcore/deployedFiles';
import { flag, outputOptions, parse, positionals, str, UsageError } from '../args';
import { json, table } from '../output';

const options = { ...outputOptions, profile: { type: 'string' as const }, region: { type: 'string' as const }, endpoint: { type: 'string' as const }, workspace: { type: 'string' as const } };

export async function runtimesCommand(argv: string[]): Promise<number> {
  const p = parse('runtimes', argv, options);
  positionals(p, [], 'runtimes');
  const asJson = flag(p, 'json');
  const workspace = str(p, 'workspace');
  if (workspace !== undefined) {
    if (str(p, 'profile') || str(p, 'region') || str(p, 'endpoint')) throw new UsageError('--workspace lists what a folder deployed; --profile, --region and --endpoint list an account: give one or the other.', 'runtimes');
    const found = discoverIn(workspace);
    if (asJson) process.stdout.write(json(found));
    else {
      process.stdout.write(table(['NAME', 'REGION', 'AUTH', 'ARN', 'FROM'], found.runtimes.map(r => [runtimeLabel(r), r.region, describeAuth(r.auth), r.arn, r.source])) || `No deployed MCP runtime in ${workspace}.\n`);
      for (const s of found.skipped) process.stderr.write(`left out ${s.name}: ${s.reason}\n`);
      for (const x of found.problems) process.stderr.write(`problem: ${x.source} ${x.message}\n`);
    }
    return found.problems.length ? 1 : 0;
  }
  const region = str(p, 'region') ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) throw new UsageError('say which region: --region us-east-1 (or set AWS_REGION); or --workspace <dir> for what a folder deployed.', 'runtimes');
  const profile = str(p, 'profile');
  const endpoint = str(p, 'endpoint');
  const o = { region, ...(profile ? { profile } : {}), ...(endpoint ? { endpoint } : {}) };
  const runtimes = await listAccountRuntimes(o);
  // The protocol and authorizer are per runtime (GetAgentRuntime): asked for each, a few at a time.
  const details: Array<RuntimeDetails | Error> = [];
  for (let i = 0; i < runtimes.length; i += 5) {
    details.push(...await Promise.all(runtimes.slice(i, i + 5).map(r => describeAccountRuntime(o, r.id).catch((e: Error) => e))));
  }
  if (asJson) {
    process.stdout.write(json({ region, runtimes: runtimes.map((r, i) => ({ ...r, ...(details[i] instanceof Error ? { problem: (details[i] as Error).message } : details[i]) })) }));
    return 0;
  }
  const rows = runtimes.map((r, i) => {
    const d = details[i];
    return [r.name, r.status, d instanceof Error ? '?' : d.protocol, d instanceof Error ? d.message : describeAuth(d.auth), d instanceof Error ? '' : d.qualifiers.join(', '), r.lastUpdatedAt?.toLocaleString() ?? '', r.arn];
  });
  process.stdout.write(table(['NAME', 'STATUS', 'PROTOCOL', 'AUTH', 'QUALIFIERS', 'UPDATED', 'ARN'], rows) || `No AgentCore runtimes in ${region}.\n`);
  return 0;
}
