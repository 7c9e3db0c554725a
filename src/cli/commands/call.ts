// agentcore-mcp call <tool>: progress, log messages and the answers given on stderr, the result on
// stdout. Exit 1 when the tool reports isError, the request fails or a question goes unanswered.
import { writeFileSync } from 'node:fs';
import type { Tool } from '@modelcontextprotocol/client';
import { listTools } from '../../core/operations';
import { ProgressThrottle } from '../../core/progress/throttle';
import type { ScriptedAnswerSet } from '../../core/scenario/format';
import { loadAnswersFile, ScenarioFileError } from '../../core/scenario/load';
import { scenarioFromCall, scenarioText } from '../../core/scenario/save';
import { callScripted } from '../../core/scenario/steps';
import type { TaskInfo } from '../../core/connections/taskSupport';
import { statusText } from '../../core/connections/taskSupport';
import { connectionOptions, flag, jsonObject, outputOptions, parse, positionals, str, timeoutMs, UsageError } from '../args';
import { json, toolResultText } from '../output';
import { withSession } from '../session';

export async function callCommand(argv: string[]): Promise<number> {
  const p = parse('call', argv, { ...connectionOptions, ...outputOptions, args: { type: 'string' }, answers: { type: 'string' }, save: { type: 'string' }, task: { type: 'boolean' }, sampling: { type: 'string' } });
  const [toolName] = positionals(p, ['tool'], 'call');
  const args = jsonObject(p, 'args', 'call');
  const ms = timeoutMs(p, 'call');
  const file = str(p, 'answers');
  let answers: ScriptedAnswerSet | undefined;
  if (file !== undefined) {
    try { answers = loadAnswersFile(file); } catch (e) {
      if (e instanceof ScenarioFileError) throw new UsageError(`the answers file cannot be used:\n${e.message}`, 'call');
      throw e;
    }
    if (answers.sampling === 'live' && str(p, 'sampling') === undefined) throw new UsageError(`${file} says "sampling": "live", which needs a language model: give one with --sampling bedrock:<model id>, or scripted replies: "sampling": [{"match": "…", "reply": "…"}].`, 'call');
  }
  return withSession(p, 'call', { cancellable: true, sampling: true, ...(answers ? { answers, answersFile: file } : {}), ...(ms ? { timeoutMs: ms } : {}) }, async s => {
    const { connection, print, verbosity } = s;
    const tools = await listTools(connection).catch(() => undefined);
    let tool: Tool | string = toolName;
    if (tools) {
      const found = tools.find(t => t.name === toolName);
      if (!found) {
        print.err(`error: the server has no tool named "${toolName}"${tools.length ? `; it has ${tools.map(t => t.name).join(', ')}` : ''}.`);
        return 2;
      }
      tool = found;
    }
    // A task's status lines say what its progress would (the engine reports each status as progress too).
    let task: TaskInfo | undefined;
    const throttle = new ProgressThrottle(u => { if (!verbosity.quiet && !(task && u.message === (task.statusMessage ?? task.status))) print.err(`progress ${throttle.last?.total ? `${Math.round(throttle.percent)}% ` : ''}${u.message}`); });
    let outcome;
    const onTask = (t: TaskInfo) => {
      const before = task;
      task = t;
      if (verbosity.quiet || (before?.status === t.status && before.statusMessage === t.statusMessage)) return;
      if (!before) print.err(`task ${t.taskId} created${t.ttlMs ? ` (the server keeps it ${Math.round(t.ttlMs / 1000)} s)` : ''}`);
      print.err(`task ${statusText(t.status)}${t.statusMessage ? `: ${t.statusMessage}` : ''}`);
    };
    try {
      outcome = await callScripted(connection, s.answers, tool, args, { onprogress: n => throttle.push(n), onTask, task: flag(p, 'task'), signal: s.signal, ...(ms ? { timeoutMs: ms } : {}) });
    } finally {
      throttle.flush();
      throttle.dispose();
    }
    const { result } = outcome;
    print.out(flag(p, 'json') ? json(result) : toolResultText(result));
    if (outcome.eraHint) print.err(`hint: ${outcome.eraHint}`);
    if (outcome.outputCheck && !outcome.outputCheck.valid) print.err(`warning: ${outcome.outputCheck.message ?? 'structuredContent does not match the outputSchema'}`);
    const save = str(p, 'save');
    if (save) {
      const scenario = scenarioFromCall({
        connection: str(p, 'connection') ?? s.cli.config, tool: toolName, args, result,
        elicitations: s.answers.elicitations.map(e => ({ message: e.message, mode: e.mode, ...(e.result ? { result: e.result } : {}) })),
        samplings: s.answers.samplings,
      });
      writeFileSync(save, scenarioText(scenario));
      if (!verbosity.quiet) print.err(`saved the call as a scenario: ${save}`);
    }
    if (result.isError) { print.err(`error: the tool "${toolName}" reported an error (isError).`); return 1; }
    return s.answers.problems.length ? 1 : 0;
  });
}
