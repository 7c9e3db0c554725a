// scripts/inner-npm-env.sh: an npm started from inside `npm run …` must describe the Node it runs on,
// not the outer npm. Checked with real npm: an outer `npm run` whose user agent names a Node that does
// not exist starts a script that calls inner_npm_env and then an inner `npm run`, which dumps its env.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const script = path.join(root, 'scripts', 'inner-npm-env.sh');

interface Dump { readonly env: Record<string, string | undefined>; readonly cwd: string }

function runNested(withFix: boolean): { inner: Dump; outerDir: string; innerDir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'inner-npm-env-'));
  try {
    const outerDir = path.join(dir, 'outer');
    const innerDir = path.join(dir, 'inner');
    mkdirSync(path.join(outerDir, 'node_modules', '.bin'), { recursive: true });
    mkdirSync(innerDir);
    const out = path.join(dir, 'inner.json');
    writeFileSync(path.join(innerDir, 'package.json'), JSON.stringify({
      name: 'inner-pkg', private: true,
      scripts: { dump: `node -e "require('fs').writeFileSync(process.argv[1], JSON.stringify({ env: process.env, cwd: process.cwd() }))" "${out}"` },
    }));
    writeFileSync(path.join(outerDir, 'outer.sh'), [
      'set -euo pipefail',
      withFix ? `. "${script}"; inner_npm_env` : ':',
      `cd "${innerDir}" && npm run --silent dump`,
    ].join('\n'));
    writeFileSync(path.join(outerDir, 'package.json'), JSON.stringify({
      name: 'outer-pkg', version: '9.9.9', private: true, scripts: { outer: 'bash ./outer.sh' },
    }));
    execFileSync('npm', ['run', '--silent', 'outer'], {
      cwd: outerDir, stdio: 'pipe', timeout: 60_000,
      env: { ...process.env, npm_config_user_agent: 'npm/0.0.0 node/v0.0.0 outer-agent' },
    });
    return { inner: JSON.parse(readFileSync(out, 'utf8')) as Dump, outerDir, innerDir };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('scripts/inner-npm-env.sh (an npm inside `npm run`)', function () {
  this.timeout(90_000);

  it('without it, the inner npm inherits the outer user agent (the code-server failure this guards)', () => {
    const { inner } = runNested(false);
    assert.match(inner.env.npm_config_user_agent ?? '', /node\/v0\.0\.0/);
  });

  it('with it, the inner npm describes its own Node and drops the outer project from PATH and env', () => {
    const { inner, outerDir, innerDir } = runNested(true);
    const agent = inner.env.npm_config_user_agent ?? '';
    assert.ok(agent.includes(`node/${process.version}`), `inner user agent: ${agent}`);
    assert.ok(!agent.includes('outer-agent'), agent);
    const pathEntries = (inner.env.PATH ?? '').split(path.delimiter);
    assert.ok(!pathEntries.some(p => p.startsWith(outerDir)), `outer project still on PATH: ${inner.env.PATH}`);
    assert.strictEqual(inner.env.npm_package_name, 'inner-pkg');
    assert.strictEqual(inner.env.npm_package_version, undefined, 'the outer package.json leaked npm_package_version');
    assert.strictEqual(inner.env.INIT_CWD, innerDir);
  });
});
