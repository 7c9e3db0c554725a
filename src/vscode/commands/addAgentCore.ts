// The AgentCore part of "Add Connection": runtime ARN (checked as typed, with what is wrong), qualifier,
// SigV4 with a profile from the AWS config files or a bearer token (to secret storage), and an optional
// endpoint override (VPC endpoints, the local emulator).
import * as vscode from 'vscode';
import { ARN_EXAMPLE, checkEndpoint, parseArn } from '../../core/agentcore/arn';
import { listAwsProfiles } from '../../core/agentcore/profiles';
import { input, pick, StepInfo } from '../quickInput';

export interface AgentCoreAnswers {
  arn?: string;
  qualifier?: string;
  auth?: 'sigv4' | 'bearer';
  profile?: string;
  token?: string;
  endpoint?: string;
}

type Step = (info: StepInfo) => Promise<void | 'skip'>;

export function agentCoreSteps(a: AgentCoreAnswers): Step[] {
  return [
    async info => {
      a.arn = (await input({
        ...info, value: a.arn, prompt: 'The runtime ARN (AgentCore console → Runtime → ARN)', placeholder: ARN_EXAMPLE,
        validate: v => { const r = parseArn(v.trim()); return r.ok ? undefined : r.message; },
      })).trim();
      const parsed = parseArn(a.arn);
      if (parsed.ok) a.arn = parsed.arn; // a pasted console URL or encoded ARN is stored as the ARN itself
    },
    async info => {
      a.qualifier = (await input({
        ...info, value: a.qualifier ?? 'DEFAULT', prompt: 'The endpoint qualifier',
        validate: v => (/^[A-Za-z][A-Za-z0-9_]{0,47}$/.test(v.trim()) ? undefined : 'Letters, digits and _ (e.g. DEFAULT, PROD).'),
      })).trim();
    },
    async info => {
      const items: Array<vscode.QuickPickItem & { auth: 'sigv4' | 'bearer' }> = [
        { label: 'SigV4 (IAM)', auth: 'sigv4', description: 'sign with AWS credentials: a profile, SSO, env, process' },
        { label: 'Bearer token (OAuth)', auth: 'bearer', description: 'the runtime has a JWT authorizer (e.g. Cognito)' },
      ];
      a.auth = (await pick({ ...info, items, placeholder: 'How does the runtime authenticate callers?', active: items.find(i => i.auth === a.auth) })).auth;
    },
    async info => {
      if (a.auth === 'bearer') {
        a.profile = undefined;
        a.token = (await input({
          ...info, password: true, value: a.token, prompt: 'The bearer token (a JWT). It is kept in secret storage, not in settings; leave empty to set it later.',
          validate: v => (/\s/.test(v.trim()) ? 'A token has no spaces: paste only the token, without "Bearer".' : undefined),
        })).trim() || undefined;
        return undefined;
      }
      a.token = undefined;
      a.profile = await pickAwsProfile(info, 'Which AWS profile signs the requests?', a.profile);
      return undefined;
    },
    async info => {
      const v = (await input({
        ...info, value: a.endpoint ?? '', prompt: 'Endpoint override (leave empty for AWS): a VPC endpoint or the local emulator, e.g. http://127.0.0.1:8787',
        validate: x => (x.trim() ? checkEndpoint(x.trim()) : undefined),
      })).trim();
      a.endpoint = v || undefined;
    },
  ];
}

export function agentCoreEntry(a: AgentCoreAnswers): Record<string, unknown> {
  return {
    arn: a.arn, ...(a.qualifier && a.qualifier !== 'DEFAULT' ? { qualifier: a.qualifier } : {}), auth: a.auth,
    ...(a.profile ? { profile: a.profile } : {}), ...(a.endpoint ? { endpoint: a.endpoint } : {}),
  };
}

/** An AWS profile from the config files, or undefined for the default credential chain. */
export async function pickAwsProfile(info: StepInfo, question: string, current?: string): Promise<string | undefined> {
  const profiles = await listAwsProfiles().catch(() => [] as string[]);
  const items: Array<vscode.QuickPickItem & { profile?: string }> = [
    { label: '$(key) Default credential chain', description: 'AWS_PROFILE, environment variables, default profile, SSO, …' },
    ...profiles.map(p => ({ label: p, description: 'profile from your AWS config files', profile: p })),
  ];
  return (await pick({ ...info, items, placeholder: profiles.length ? question : 'No profiles found in your AWS config files', active: items.find(i => i.profile === current) })).profile;
}
