// Tool calls as MCP tasks: whether a tool runs as one, and running it.
export { isRunning, statusText, taskSupport, type TaskStatus, type TaskSupport } from './support';
export { callToolAsTask, serverMayAnswerWithTask, serverRunsToolTasks, type TaskCallOptions, type TaskCallResult, type TaskInfo } from './run';
export { TaskRegistry, type TaskEntry } from './registry';
export { cancelTask, getTask, listTasks } from './manage';
