// AWS profiles for the tests that sign requests to the local AgentCore emulator: temporary files only
// (the harness removed the person's AWS_* variables), with a good key, a wrong secret and an expired
// temporary key.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const KEYS = { accessKeyId: 'AKIDVSCODETEST000001', secretAccessKey: 'vscode/test/secret/key/0001abcdefghij' };
export const TEMP = { accessKeyId: 'ASIAVSCODETEST000002', secretAccessKey: 'vscode/test/secret/key/0002klmnopqrst', sessionToken: 'IQoJb3JpZ2luVSCODETESTSESSIONTOKEN0002' };

function writeAwsFiles(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'config'), ['[profile agentcore-test]', 'region = us-east-1', '', '[profile wrong-secret]', 'region = us-east-1', '', '[profile expired]', 'region = us-east-1', ''].join('\n'));
  fs.writeFileSync(path.join(dir, 'credentials'), [
    '[agentcore-test]', `aws_access_key_id = ${KEYS.accessKeyId}`, `aws_secret_access_key = ${KEYS.secretAccessKey}`, '',
    '[wrong-secret]', `aws_access_key_id = ${KEYS.accessKeyId}`, 'aws_secret_access_key = not/the/right/secret/key/at/all/000000', '',
    '[expired]', `aws_access_key_id = ${TEMP.accessKeyId}`, `aws_secret_access_key = ${TEMP.secretAccessKey}`, `aws_session_token = ${TEMP.sessionToken}`, '',
  ].join('\n'));
}

/** Writes the profiles under the run directory and points the AWS SDK at them; returns what it replaced. */
export function useAwsProfiles(): Record<string, string | undefined> {
  const dir = path.join(process.env.AGENTCORE_MCP_RUN_DIR ?? '/tmp', 'aws');
  writeAwsFiles(dir);
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries({ AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true' })) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  return saved;
}
