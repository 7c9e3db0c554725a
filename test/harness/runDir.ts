import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..', '.vscode-test', 'runs');

/** A fresh directory for one run; keeps the five newest runs for looking at logs and screenshots. */
export function newRunDir(prefix = 'run'): string {
  fs.mkdirSync(root, { recursive: true });
  const old = fs.readdirSync(root).filter(d => d.startsWith(`${prefix}-`)).sort();
  for (const d of old.slice(0, Math.max(0, old.length - 4))) fs.rmSync(path.join(root, d), { recursive: true, force: true });
  const dir = path.join(root, `${prefix}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
