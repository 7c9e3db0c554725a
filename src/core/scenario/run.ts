// Runs a scenario: connects, runs every step with its scripted answers, checks its expectations and
// disconnects. Never throws for a failing step or a connection that cannot open: everything ends up
// in the result (per step: pass/fail, expected vs actual, the elicitations, sampling and progress seen).
// The host (command line, VS Code Test Explorer) passes its logging, secrets, traffic and, in VS Code,
// a live sampler for scenarios that say "sampling": "live".
import type { ProtocolChoice } from '../connections/era';
import * as path from 'node:path';
import type { CallToolResult, GetPromptResult, ReadResourceResult } from '@modelcontextprotocol/client';
import type { ConnectionConfig } from '../connections/config';
import { ConnectionDeps, McpConnection } from '../connections/connection';
import type { ConnectionHost } from '../connections/host';
import type { ProgressNote } from '../progress/throttle';
import { AnswerEvent, ElicitationSeen, Sampler, SamplingSeen, ScriptedAnswers } from './answers';
import { evaluate, Failure } from './expect';
import { LoadedScenario, Location, Scenario, stepKind, StepKind, stepName, stepTarget } from './format';
import { SCENARIO_SUFFIX } from './load';
import { errorText, runStep, StepContext } from './steps';
import { expandVariables, folderAt } from '../connections/expand';
import { resolveConnectionRef } from './workspace';
import { resolveAgentCorePlan } from '../agentcore/plan';

export interface StepResult {
  readonly index: number;
  readonly name: string;
  readonly kind: StepKind;
  readonly target: string;
  readonly passed: boolean;
  /** Not run: the run was cancelled first. */
  readonly skipped?: boolean;
  readonly durationMs: number;
  readonly failures: readonly Failure[];
  readonly result?: CallToolResult | ReadResourceResult | GetPromptResult;
  readonly error?: string;
  readonly progress: readonly ProgressNote[];
  readonly elicitations: readonly ElicitationSeen[];
  readonly samplings: readonly SamplingSeen[];
  readonly location?: Location;
}

export interface ScenarioResult {
  readonly name: string;
  readonly file?: string;
  readonly passed: boolean;
  readonly durationMs: number;
  /** Why no step could run (the connection, live sampling without a model, cancellation). */
  readonly error?: string;
  readonly steps: readonly StepResult[];
  readonly location?: Location;
}

export interface RunOptions {
  /** Logging, secrets, traffic, timeouts, roots… of the host; elicit and sample are the script's. */
  readonly host?: Partial<ConnectionHost>;
  /** Answers sampling for scenarios that say "sampling": "live" (VS Code: vscode.lm). */
  readonly liveSampler?: Sampler;
  /** Finds a connection by name (VS Code: its settings); default: the workspace's .vscode/settings.json. */
  readonly resolveConnection?: (ref: Scenario['connection'], loaded: LoadedScenario) => ConnectionConfig;
  readonly deps?: ConnectionDeps;
  readonly signal?: AbortSignal;
  readonly onStepStart?: (index: number) => void;
  readonly onStep?: (result: StepResult) => void;
  readonly onAnswer?: (e: AnswerEvent) => void;
  /** Runs the scenario in this protocol era whatever its connection says (`agentcore-mcp test --protocol`). */
  readonly protocol?: ProtocolChoice;
  /** Run only these steps (by index; the Test Explorer running one test); the others are reported skipped. */
  readonly only?: ReadonlySet<number>;
}

export function scenarioName(loaded: LoadedScenario): string {
  return loaded.scenario.name ?? (loaded.file ? path.basename(loaded.file).replace(SCENARIO_SUFFIX, '').replace(/\.json$/, '') : 'scenario');
}

/** Whether anything in the scenario asks for live sampling. */
export const usesLiveSampling = (s: Scenario): boolean => s.answers?.sampling === 'live' || s.steps.some(st => st.answers?.sampling === 'live');

export async function runScenario(loaded: LoadedScenario, o: RunOptions = {}): Promise<ScenarioResult> {
  const started = performance.now();
  const { scenario } = loaded;
  const name = scenarioName(loaded);
  const steps: StepResult[] = [];
  const base = (i: number) => {
    const s = scenario.steps[i];
    const location = loaded.stepLocations[i];
    return { index: i, name: stepName(s, i), kind: stepKind(s), target: stepTarget(s), progress: [], elicitations: [], samplings: [], durationMs: 0, ...(location ? { location } : {}) };
  };
  const finish = (error?: string): ScenarioResult => ({
    name, passed: !error && steps.every(s => s.passed || s.skipped), durationMs: performance.now() - started, steps,
    ...(loaded.file ? { file: loaded.file } : {}), ...(loaded.location ? { location: loaded.location } : {}), ...(error ? { error } : {}),
  });
  // Every step fails (or is skipped) with the reason nothing could run.
  const abandon = (error: string, skipped = false): ScenarioResult => {
    for (let i = steps.length; i < scenario.steps.length; i++) {
      const r: StepResult = { ...base(i), passed: false, failures: skipped ? [] : [{ expectation: 'connection', message: error }], ...(skipped ? { skipped } : {}) };
      steps.push(r);
      o.onStep?.(r);
    }
    return finish(error);
  };

  if (usesLiveSampling(scenario) && !o.liveSampler) {
    return abandon('This scenario answers sampling "live", with a language model, and none was given. Run it from VS Code\'s Testing view or with agentcore-mcp test --sampling bedrock:<model id>, or give scripted replies: "sampling": [{"match": "…", "reply": "…"}].');
  }
  let config: ConnectionConfig;
  try {
    config = (o.resolveConnection ?? ((ref, l) => resolveConnectionRef(ref, l.workspaceFolder, name)))(scenario.connection, loaded);
    if (o.protocol) config = { ...config, protocol: o.protocol };
  } catch (e) {
    return abandon(errorText(e));
  }

  const answers = new ScriptedAnswers({ ...(scenario.answers ? { answers: scenario.answers } : {}), ...(o.liveSampler ? { liveSampler: o.liveSampler } : {}), ...(o.onAnswer ? { onEvent: o.onAnswer } : {}) });
  const host: ConnectionHost = {
    log: () => undefined, agentcorePlan: resolveAgentCorePlan,
    expand: v => expandVariables(v, loaded.workspaceFolder ? [folderAt(loaded.workspaceFolder)] : []),
    ...o.host,
    elicit: answers.elicit, elicitationModes: answers.elicitationModes, sample: answers.sample,
  };
  const connection = new McpConnection(config, host, o.deps);
  try {
    const state = await connection.connect();
    if (state.kind === 'error') return abandon(`Could not connect to "${config.name}": ${state.message}${state.nextStep ? ` ${state.nextStep}` : ''}`);
    const ctx: StepContext = { connection, answers, ...(o.signal ? { signal: o.signal } : {}) };
    for (const [i, step] of scenario.steps.entries()) {
      if (o.signal?.aborted) return abandon('cancelled', true);
      if (o.only && !o.only.has(i)) {
        const r: StepResult = { ...base(i), passed: false, skipped: true, failures: [] };
        steps.push(r);
        o.onStep?.(r);
        continue;
      }
      o.onStepStart?.(i);
      const t0 = performance.now();
      const b = base(i);
      const seconds = step.timeout ?? scenario.timeout;
      answers.beginStep(b.name, step.answers, `steps[${i}].answers`);
      const e0 = answers.elicitations.length, s0 = answers.samplings.length;
      const stepCtx: StepContext = { ...ctx, ...(seconds ? { timeoutMs: seconds * 1000 } : {}) };
      const run = await runStep(step, stepCtx);
      ctx.tools = stepCtx.tools; // listed once per run
      answers.endStep();
      const elicitations = answers.elicitations.slice(e0), samplings = answers.samplings.slice(s0);
      const failures = evaluate(step.expect, { ...run, progress: run.progress.length, elicitations, samplings });
      const r: StepResult = {
        ...b, passed: failures.length === 0, durationMs: performance.now() - t0, failures, progress: run.progress, elicitations, samplings,
        ...(run.result ? { result: run.result } : {}), ...(run.error !== undefined ? { error: run.error } : {}),
      };
      steps.push(r);
      o.onStep?.(r);
    }
    return finish();
  } catch (e) {
    // Only a bug gets here (a step's failure is a result): still a result, never a throw.
    return abandon(`The run stopped unexpectedly: ${errorText(e)}`);
  } finally {
    await connection.disconnect().catch(() => undefined);
    connection.dispose();
  }
}
