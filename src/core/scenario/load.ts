// Reading scenario and answers files: JSON with comments, checked, every problem reported at its
// line and column ("travel.mcp-scenario.json:12:7: steps[1].expect.isError must be true or false").
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LoadedScenario, ScriptedAnswerSet } from './format';
import { JsoncError, parseJsonc, ParsedJsonc } from '../util/jsonc';
import { checkAnswers, checkScenario, Problem } from './validate';
import { findWorkspaceFolder } from './workspace';

export const SCENARIO_SUFFIX = '.mcp-scenario.json';

export interface LocatedProblem { readonly file?: string; readonly line?: number; readonly column?: number; readonly message: string }

/** A file that cannot be used, with every problem found in it. */
export class ScenarioFileError extends Error {
  constructor(readonly problems: readonly LocatedProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ScenarioFileError';
  }
}

export function formatProblem(p: LocatedProblem): string {
  const where = [p.file, p.line, p.column].filter(x => x !== undefined).join(':');
  return where ? `${where}: ${p.message}` : p.message;
}

function parse(text: string, file: string | undefined): ParsedJsonc {
  try {
    return parseJsonc(text);
  } catch (e) {
    if (e instanceof JsoncError) throw new ScenarioFileError([{ file, ...e.position, message: e.message.replace(/^\d+:\d+: /, '') }]);
    throw e;
  }
}

const locate = (doc: ParsedJsonc, file: string | undefined, problems: readonly Problem[]): LocatedProblem[] =>
  problems.map(p => ({ file, ...doc.locate(p.pointer), message: p.message }));

/** Checks scenario text. `file` is used in messages and to find the workspace folder. Throws ScenarioFileError. */
export function loadScenarioText(text: string, file?: string, workspaceFolder?: string): LoadedScenario {
  const doc = parse(text, file);
  const checked = checkScenario(doc.value);
  if (!checked.ok) throw new ScenarioFileError(locate(doc, file, checked.problems));
  const at = (pointer: string) => { const pos = doc.locate(pointer); return pos ? { ...(file ? { file } : {}), ...pos } : undefined; };
  const folder = workspaceFolder ?? (file ? findWorkspaceFolder(path.dirname(file)) : undefined);
  return {
    scenario: checked.scenario,
    ...(file ? { file } : {}),
    ...(folder ? { workspaceFolder: folder } : {}),
    ...(at('') ? { location: at('')! } : {}),
    stepLocations: checked.scenario.steps.map((_, i) => at(`/steps/${i}`)),
  };
}

export function loadScenarioFile(file: string, workspaceFolder?: string): LoadedScenario {
  const abs = path.resolve(file);
  return loadScenarioText(readText(abs), abs, workspaceFolder);
}

/** An answers file for `agentcore-mcp call --answers`: `{ "elicitation": [...], "sampling": [...] }`. */
export function loadAnswersText(text: string, file?: string): ScriptedAnswerSet {
  const doc = parse(text, file);
  const checked = checkAnswers(doc.value);
  if (!checked.ok) throw new ScenarioFileError(locate(doc, file, checked.problems));
  return checked.answers;
}

export function loadAnswersFile(file: string): ScriptedAnswerSet {
  return loadAnswersText(readText(path.resolve(file)), file);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ScenarioFileError([{ file, message: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : (e as Error).message }]);
  }
}
