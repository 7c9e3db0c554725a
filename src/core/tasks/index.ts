// Tool calls as MCP tasks: whether a tool runs as one, and running it.
export { taskSupport, type TaskSupport } from './support';
export { callToolAsTask, serverMayAnswerWithTask, serverRunsToolTasks, type TaskCallOptions, type TaskCallResult, type TaskInfo } from './run';
export { isRunning, TaskRegistry, type TaskEntry } from './registry';
export { cancelTask, getTask, listTasks } from './manage';
