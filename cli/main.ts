import { runCli } from './program.js';

/** Entry of the `mlops` bin (dist/cli.js): argv as Node gives it. */
export async function main(argv: string[]): Promise<number> {
  // `mlops profile … | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return runCli(argv.slice(2));
}
