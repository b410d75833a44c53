import { spawn } from 'node:child_process';

/** One event of the lifecycle, as written to demo-out/lifecycle.json. */
export interface LifecycleEvent {
  at: string;
  stage: string;
  step: string;
  detail?: unknown;
}

/** What a stage gets: a place to record events and a way to run the real CLI. */
export interface StageContext {
  outDir: string;
  record(step: string, detail?: unknown): void;
  mlops(args: string[], options?: { expectExit?: number; cwd?: string }): Promise<CliResult>;
}

/** A stage of the walking skeleton; each later issue adds one. It throws when it did not do what it should. */
export interface Stage {
  name: string;
  run(ctx: StageContext): Promise<void>;
}

/** Output of one `mlops` invocation. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `mlops` bin (dist/cli.js) as a user would, failing when the exit code is not the expected one. */
export function runMlops(cliPath: string, args: string[], options: { expectExit?: number; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: options.cwd ?? process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const result = { code: code ?? -1, stdout, stderr };
      const expected = options.expectExit ?? 0;
      if (result.code !== expected) {
        reject(new Error(`mlops ${args.join(' ')} exited ${result.code}, expected ${expected}\n${stderr || stdout}`));
      } else resolve(result);
    });
  });
}
