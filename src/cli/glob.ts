// File arguments of `agentcore-mcp test`: plain files, folders (every *.mcp-scenario.json below) and
// globs (* ? within a name, ** across folders), so quoted globs work the same in every shell and in CI.
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const SKIP = new Set(['node_modules', '.git']);
const isGlob = (s: string) => /[*?[]/.test(s);

function walk(dir: string, out: string[]): void {
  let entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) { if (!SKIP.has(e.name)) walk(full, out); } else out.push(full);
  }
}

/** A glob as a regular expression over '/'-separated paths. */
export function globRegex(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') { const end = glob.indexOf(']', i); if (end < 0) re += '\\['; else { re += glob.slice(i, end + 1); i = end; } }
    else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export interface Expanded { readonly files: string[]; readonly unmatched: string[] }

export function expandFiles(patterns: readonly string[], suffix: string, cwd = process.cwd()): Expanded {
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const pattern of patterns) {
    const found: string[] = [];
    const abs = path.resolve(cwd, pattern);
    if (!isGlob(pattern)) {
      let st;
      try { st = statSync(abs); } catch { unmatched.push(pattern); continue; }
      if (st.isDirectory()) { const all: string[] = []; walk(abs, all); found.push(...all.filter(f => f.endsWith(suffix))); } else found.push(abs);
    } else {
      const posix = abs.split(path.sep).join('/');
      const parts = posix.split('/');
      const firstGlob = parts.findIndex(isGlob);
      const base = parts.slice(0, firstGlob).join('/') || '/';
      const re = globRegex(posix);
      const all: string[] = [];
      walk(base, all);
      found.push(...all.filter(f => re.test(f.split(path.sep).join('/'))));
    }
    if (!found.length) unmatched.push(pattern);
    found.forEach(f => files.add(f));
  }
  return { files: [...files].sort(), unmatched };
}
