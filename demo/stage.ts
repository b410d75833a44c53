import { spawn } from 'node:child_process';

/** Output of one `mlops` invocation. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `mlops` bin (dist/cli.js) as a user would, failing when the exit code is not the expected one. */
export function runMlops(cliPath: string, args: string[], options: { expectExit?: number; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: options.cwd ?? process.cwd(), env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
