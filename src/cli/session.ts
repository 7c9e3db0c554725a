// One connection for one command: options → config → host with scripted answers → connect → run →
// disconnect (also on Ctrl-C, so a stdio server never outlives the command).
import { McpConnection } from '../core/connections/connection';
import { AnswerEvent, ScriptedAnswers } from '../core/scenario/answers';
import type { ScriptedAnswerSet } from '../core/scenario/format';
import { flag, Parsed, str, UsageError } from './args';
import { checkSecrets, CliConnection, connectionFromOptions } from './connection';
import type { OAuthStore } from '../core/auth/record';
import type { ConnectionHost } from '../core/connections/host';
import { cliHost, Printer, printer, secretLookup, Verbosity } from './host';
import { FileOAuthStore } from './oauthStore';
import { samplerFromOptions } from './sampling';
import { cliSignIn } from './signIn';

export interface Session {
  readonly connection: McpConnection;
  readonly answers: ScriptedAnswers;
  readonly print: Printer;
  readonly cli: CliConnection;
  readonly verbosity: Verbosity;
  /** Aborted by the first Ctrl-C when the command is `cancellable` (the request is cancelled on the server). */
  readonly signal: AbortSignal;
}

export interface SessionOptions {
  readonly answers?: ScriptedAnswerSet;
  readonly answersFile?: string;
  readonly timeoutMs?: number;
  /** The first Ctrl-C cancels the request in flight (the server is told) instead of quitting at once. */
  readonly cancellable?: boolean;
  /** A server that asks for a sign-in gets one (agentcore-mcp login); otherwise only stored tokens are used. */
  readonly signIn?: boolean;
  /** Where tokens are kept (default: the user's file; tests give their own). */
  readonly oauthStore?: OAuthStore;
  /** The command takes --sampling bedrock:<model id>: sampling requests no scripted reply matches go to Bedrock. */
  readonly sampling?: boolean;
}

export const verbosityOf = (p: Parsed): Verbosity => ({ verbose: flag(p, 'verbose'), quiet: flag(p, 'quiet'), traffic: flag(p, 'traffic') });

/** How an answer is shown on stderr: `elicitation "Where would you like to go?" → accept {"value":"Tokyo"}`. */
export function describeAnswer(e: AnswerEvent): string {
  const first = (s: string) => JSON.stringify(s.trim().split('\n', 1)[0].slice(0, 80));
  if (e.kind === 'elicitation') {
    const s = e.seen;
    if (s.problem) return `error: ${s.problem}`;
    const r = s.result;
    return `elicitation ${first(s.message)}${s.url ? ` (${s.url}, not opened)` : ''} → ${r?.action ?? '?'}${r?.content ? ` ${JSON.stringify(r.content)}` : ''}`;
  }
  const s = e.seen;
  return s.problem ? `error: ${s.problem}` : `sampling ${first(s.prompt)} → ${JSON.stringify((s.reply ?? '').slice(0, 80))}`;
}

/**
 * The command line's host for one connection: log and notices on stderr, secrets from the environment,
 * OAuth tokens from the user's file (a sign-in only where the command allows one).
 */
export function baseHost(cli: CliConnection, print: Printer, verbosity: Verbosity, secret: (key: string) => Promise<string | undefined>, command: string, o: Pick<SessionOptions, 'timeoutMs' | 'signIn' | 'oauthStore'>): ConnectionHost {
  const timeouts = o.timeoutMs ? { toolCallMs: o.timeoutMs, requestMs: o.timeoutMs } : undefined;
  return {
    ...cliHost({ print, verbosity, secret, workspaceFolder: cli.workspaceFolder, ...(timeouts ? { timeouts } : {}) }),
    oauth: {
      store: o.oauthStore ?? new FileOAuthStore(), ...(o.signIn ? { signIn: cliSignIn(line => print.err(line)) } : {}),
      credentials: async ({ username }: { username?: string }) => {
        const password = cli.secrets.passwordEnv ? process.env[cli.secrets.passwordEnv] : undefined;
        if (!username || !password) throw new UsageError(`a Cognito password sign-in needs --username and --password-env <VAR>${cli.secrets.passwordEnv ? ` (${cli.secrets.passwordEnv} is not set)` : ''}.`, command);
        print.redactor.addSecret(password);
        return { username, password };
      },
    },
  };
}

/** Runs `run` on a connected session; returns the exit status. Usage errors propagate (exit 2). */
export async function withSession(p: Parsed, command: string, o: SessionOptions, run: (s: Session) => Promise<number>): Promise<number> {
  const cli = connectionFromOptions(p, command);
  const verbosity = verbosityOf(p);
  const print = printer();
  const secret = secretLookup(cli.secrets, print.redactor);
  await checkSecrets(cli.config, secret, command, { bearer: !cli.secrets.bearerEnv });
  const live = o.sampling ? await samplerFromOptions(p, command, cli.config, print, verbosity.verbose) : undefined;
  const answers = new ScriptedAnswers({
    ...(o.answers ? { answers: o.answers } : {}),
    ...(live ? { liveSampler: live.sample, liveByDefault: true, liveName: live.name } : {}),
    missingAdvice: o.answersFile ? `Add an answer to ${o.answersFile}` : 'Pass --answers <file> with an answer',
    onEvent: e => { if (!verbosity.quiet || e.seen.problem) print.err(describeAnswer(e)); },
  });
  const rounds = str(p, 'max-rounds');
  const maxInputRounds = rounds === undefined ? undefined : Number(rounds);
  if (maxInputRounds !== undefined && !(Number.isInteger(maxInputRounds) && maxInputRounds >= 1)) throw new UsageError(`--max-rounds takes a whole number of rounds from 1, got "${rounds}".`, command);
  const host = {
    ...baseHost(cli, print, verbosity, secret, command, o),
    ...(maxInputRounds ? { maxInputRounds } : {}),
    elicit: answers.elicit, elicitationModes: answers.elicitationModes, sample: answers.sample,
  };
  const connection = new McpConnection(cli.config, host);
  const quit = () => { void connection.disconnect().finally(() => process.exit(130)); };
  const interrupt = new AbortController();
  const stop = () => {
    if (!o.cancellable || interrupt.signal.aborted) return quit();
    print.err('cancelling: the server is being told (Ctrl-C again to quit at once)');
    interrupt.abort();
    process.once('SIGINT', stop);
    setTimeout(quit, 10_000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', quit);
  try {
    const state = await connection.connect();
    if (state.kind === 'error') {
      print.err(`error: Could not connect: ${state.message}${state.nextStep ? ` ${state.nextStep}` : ''}`);
      return 1;
    }
    return await run({ connection, answers, print, cli, verbosity, signal: interrupt.signal });
  } catch (e) {
    if (interrupt.signal.aborted) { print.err('cancelled'); return 130; }
    const x = e as { message?: string; nextStep?: string };
    print.err(`error: ${x.message ?? String(e)}${x.nextStep ? ` ${x.nextStep}` : ''}`);
    return 1;
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', quit);
    await connection.disconnect().catch(() => undefined);
    connection.dispose();
  }
}
