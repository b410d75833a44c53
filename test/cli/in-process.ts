import { runCli } from '../../cli/program.js';

/** What one in-process `mlops` run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `mlops argv…` in this process (no spawn) with the given working directory and environment, capturing output. */
export async function runInProcess(argv: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), verbose: false };
  const code = await runCli(argv, { io, cwd: options.cwd, env: options.env });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
