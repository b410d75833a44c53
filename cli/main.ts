import { runCli } from './program.js';

/** Entry of the `mlops` bin (dist/cli.js): argv as Node gives it. */
export async function main(argv: string[]): Promise<number> {
  return runCli(argv.slice(2));
}
