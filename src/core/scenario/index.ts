// Scenario files and scripted answers, plain Node: what the command line and VS Code's Test Explorer
// and "Save Last Call as Scenario" use. See format.ts for the file format.
export * from './format';
export { ScriptedAnswers, lastUserText } from './answers';
export type { AnswerEvent, ElicitationSeen, Sampler, SamplingSeen, ScriptedAnswersOptions } from './answers';
export { evaluate, lookup, resultText } from './expect';
export type { Failure, StepOutcome } from './expect';
export { JsoncError, parseJsonc } from '../util/jsonc';
export type { ParsedJsonc, Position } from '../util/jsonc';
export { formatProblem, loadAnswersFile, loadAnswersText, loadScenarioFile, loadScenarioText, SCENARIO_SUFFIX, ScenarioFileError } from './load';
export type { LocatedProblem } from './load';
export { junitReport, report, reporterNames, specReport, tapReport } from './report';
export type { ReporterName, ReportOptions } from './report';
export { runScenario, scenarioName, usesLiveSampling } from './run';
export type { RunOptions, ScenarioResult, StepResult } from './run';
export { connectionToSettings, escapeRegex, messagePattern, containsCandidates, scenarioFromCall, scenarioPath, scenarioText } from './save';
export type { CallRecord } from './save';
export { checkAnswers, checkScenario, readablePath } from './validate';
export type { Problem } from './validate';
export { connectionFromSettings, findSettingsFolder, findWorkspaceFolder, readWorkspaceConnections, resolveConnectionRef } from './workspace';
export { callScripted, runStep } from './steps';
export type { StepContext, StepRun } from './steps';
