// agentcore-mcp: the command line on the extension's vscode-free engine. Dispatches to a command,
// maps outcomes to exit statuses (0 success, 1 failure, 2 bad usage) and never leaves a stack trace
// where a sentence will do.
import { UsageError } from './args';
import { callCommand } from './commands/call';
import { conformanceCommand } from './commands/conformance';
import { listCommand } from './commands/list';
import { loginCommand, logoutCommand } from './commands/login';
import { proxyCommand } from './commands/proxy';
import { promptCommand, readCommand } from './commands/read';
import { runtimesCommand } from './commands/runtimes';
import { tasksCommand } from './commands/tasks';
import { testCommand } from './commands/test';
import { topics, usageLine } from './help';
import { PRODUCT } from '../core/util/product';


const commands: Record<string, (argv: string[]) => Promise<number>> = {
  tools: argv => listCommand('tools', argv),
  resources: argv => listCommand('resources', argv),
  prompts: argv => listCommand('prompts', argv),
  call: callCommand,
  read: readCommand,
  prompt: promptCommand,
  test: testCommand,
  tasks: tasksCommand,
  runtimes: runtimesCommand,
  login: loginCommand,
  logout: logoutCommand,
  proxy: proxyCommand,
  conformance: argv => conformanceCommand(argv),
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' && rest[0] ? rest[0] : 'main';
    process.stdout.write(`${topics[topic] ?? topics.main}\n`);
    return topics[topic] || !rest[0] ? 0 : 2;
  }
  if (command === '--version' || command === '-V') { process.stdout.write(`${PRODUCT.version}\n`); return 0; }
  const run = commands[command];
  if (!run) {
    process.stderr.write(`agentcore-mcp: unknown command "${command}". Commands: ${Object.keys(commands).join(', ')}. Try agentcore-mcp --help.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) { process.stdout.write(`${topics[command]}\n`); return 0; }
  try {
    return await run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`agentcore-mcp ${e.command ?? command}: ${e.message}\n${usageLine(e.command ?? command)}\nRun "agentcore-mcp ${e.command ?? command} --help" for more.\n`);
      return 2;
    }
    const x = e as { message?: string; nextStep?: string };
    process.stderr.write(`agentcore-mcp ${command}: error: ${x.message ?? String(e)}${x.nextStep ? ` ${x.nextStep}` : ''}\n`);
    return 1;
  }
}

if (require.main === module) {
  // `agentcore-mcp tools | head`: a closed pipe ends the command quietly.
  process.stdout.on('error', e => { if ((e as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0); throw e; });
  void main(process.argv.slice(2)).then(code => {
    // Exit once stdout has drained: open sockets (HTTP keep-alive) would otherwise keep the process alive.
    process.stdout.write('', () => process.exit(code));
  });
}
