import { Command, CommanderError } from 'commander';
import { toolVersion } from '../lib/package-root.js';
import { processIo, reportError, resolveFormat, type Io } from './output.js';
import { commandModules } from './commands/index.js';

/** What every command handler receives besides its own options. */
export interface CommandContext {
  io: Io;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** A command handler returns its exit code (0 ok, 1 check failed, 2 bad input); thrown MlopsErrors map to theirs. */
export type Handler<O> = (options: O, ctx: CommandContext, ...args: string[]) => Promise<number>;

/** Shape of a command module under cli/commands/: one file per top-level command. */
export interface CommandModule {
  register(program: Command, run: <O>(handler: Handler<O>) => (...args: unknown[]) => Promise<void>): void;
}

/** Builds the `mlops` program. `io`/`env`/`cwd` are injectable so tests can run commands in-process. */
export function buildProgram(state: { exitCode: number }, ctxOverrides: Partial<CommandContext> = {}): Command {
  const program = new Command('mlops')
    .description('GitHub-native MLOps: validate data, detect drift, evaluate and govern models from pull requests.')
    .version(toolVersion(), '-V, --version')
    .option('-v, --verbose', 'print more detail (stack traces of internal errors, timings)')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => (ctxOverrides.io ?? processIo()).stdout(s.replace(/\n$/, '')),
      writeErr: (s) => (ctxOverrides.io ?? processIo()).stderr(s.replace(/\n$/, '')),
    })
    .exitOverride();
  program.enablePositionalOptions(false);

  const run = <O>(handler: Handler<O>) =>
    async (...args: unknown[]): Promise<void> => {
      // commander passes (...positionals, options, command)
      const command = args[args.length - 1] as Command;
      const options = command.opts() as O & { format?: string; json?: boolean };
      const positionals = args.slice(0, -2).flatMap((a) => (Array.isArray(a) ? a : [a])).filter((a) => a !== undefined) as string[];
      const verbose = Boolean(program.opts().verbose);
      const io = ctxOverrides.io ?? processIo(verbose);
      if (ctxOverrides.io) io.verbose = verbose;
      const ctx: CommandContext = { io, cwd: ctxOverrides.cwd ?? process.cwd(), env: ctxOverrides.env ?? process.env };
      try {
        state.exitCode = await handler(options, ctx, ...positionals);
      } catch (error) {
        state.exitCode = reportError(error, io, resolveFormat(options));
      }
    };

  for (const module of commandModules) module.register(program, run);
  for (const sub of program.commands) applyDefaults(sub);
  return program;
}

function applyDefaults(cmd: Command): void {
  cmd.showHelpAfterError('(run with --help for usage)').exitOverride();
  for (const sub of cmd.commands) applyDefaults(sub);
}

/** Runs the CLI and resolves to the process exit code. */
export async function runCli(argv: string[], ctxOverrides: Partial<CommandContext> = {}): Promise<number> {
  const state = { exitCode: 0 };
  const program = buildProgram(state, ctxOverrides);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; every other parse problem is a usage error (2).
      return error.exitCode === 0 ? 0 : 2;
    }
    throw error;
  }
  return state.exitCode;
}
