// Profile names from the AWS shared config and credentials files, without loading the AWS SDK: the Add
// Connection flow offers them, and error messages name them when a profile is missing.
// File locations follow the AWS CLI: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface AwsConfigFiles {
  readonly configFile: string;
  readonly credentialsFile: string;
}

/** The files the SDK reads, honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE. */
export function awsConfigFiles(env: NodeJS.ProcessEnv = process.env): AwsConfigFiles {
  const home = env.HOME || env.USERPROFILE || os.homedir();
  const expand = (p: string) => (p.startsWith('~/') || p === '~' ? path.join(home, p.slice(1)) : p);
  return {
    configFile: expand(env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config')),
    credentialsFile: expand(env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials')),
  };
}

/**
 * Section names that are profiles: in the config file `[default]` and `[profile name]` (not `[sso-session x]`
 * or `[services x]`); in the credentials file every `[name]`.
 */
export function profilesIn(text: string, kind: 'config' | 'credentials'): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*\[([^\]]*)\]\s*([#;].*)?$/.exec(raw);
    if (!m) continue;
    const section = m[1].trim();
    if (kind === 'credentials') {
      if (section) out.push(section);
    } else if (section === 'default') {
      out.push('default');
    } else {
      const p = /^profile\s+(.+)$/.exec(section);
      if (p) out.push(p[1].trim());
    }
  }
  return out;
}

async function readOrEmpty(file: string): Promise<string> {
  try { return await fs.readFile(file, 'utf8'); } catch { return ''; }
}

/** Every profile name in the config and credentials files, sorted, each once. Missing files count as empty. */
export async function listAwsProfiles(configFile?: string, credentialsFile?: string): Promise<string[]> {
  const files = awsConfigFiles();
  const [config, credentials] = await Promise.all([readOrEmpty(configFile ?? files.configFile), readOrEmpty(credentialsFile ?? files.credentialsFile)]);
  const names = new Set([...profilesIn(config, 'config'), ...profilesIn(credentials, 'credentials')]);
  return [...names].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}

/**
 * The `region` a profile names in the config file (`[default]` or `[profile name]`), as the SDK would use
 * it; undefined when the file or the key is missing. Keys may be indented and use `=` with spaces.
 */
export async function profileRegion(profile: string, configFile?: string): Promise<string | undefined> {
  const text = await readOrEmpty(configFile ?? awsConfigFiles().configFile);
  const want = profile === 'default' ? 'default' : `profile ${profile}`;
  let inside = false;
  for (const raw of text.split(/\r?\n/)) {
    const section = /^\s*\[([^\]]*)\]/.exec(raw);
    if (section) { inside = section[1].trim().replace(/\s+/g, ' ') === want; continue; }
    const kv = inside ? /^\s*region\s*=\s*([^\s#;]+)/.exec(raw) : null;
    if (kv) return kv[1];
  }
  return undefined;
}
