// Tool calls as MCP tasks: whether a tool runs as one, and running it.
export { isRunning, statusText, taskSupport, type TaskInfo, type TaskStatus, type TaskSupport } from '../connections/taskSupport';
export { callToolAsTask, serverMayAnswerWithTask, serverRunsToolTasks, type TaskCallOptions, type TaskCallResult } from './run';
export { TaskRegistry, type TaskEntry } from '../connections/taskRegistry';
export { cancelTask, getTask, listTasks } from './manage';
