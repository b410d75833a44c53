/**
 * Runs one `run:` script the way actions/runner does on Linux: the script is written to a file under RUNNER_TEMP and
 * handed to the shell template (`bash -e {0}` when no shell is named, `bash --noprofile --norc -eo pipefail {0}` for
 * `shell: bash`, `sh -e {0}`, `python {0}`, or a custom template with `{0}`). Output (stdout and stderr interleaved)
 * goes to the step log.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The argv for a `shell:` value with the script path filled in. */
export function shellCommand(shell: string | undefined, script: string): string[] {
  switch (shell) {
    case undefined:
    case '':
      return ['bash', '-e', script];
    case 'bash':
      return ['bash', '--noprofile', '--norc', '-eo', 'pipefail', script];
    case 'sh':
      return ['sh', '-e', script];
    case 'python':
      return ['python3', script];
    default: {
      const parts = shell.split(/\s+/).filter(Boolean);
      if (!parts.some((p) => p.includes('{0}'))) parts.push('{0}');
      return parts.map((p) => p.replace('{0}', script));
    }
  }
}

export interface ShellRun {
  script: string;
  shell?: string;
  cwd: string;
  env: Record<string, string>;
  tempDir: string;
  /** Appends output to the step log. */
  log: (text: string) => void;
  /** Polled while the script runs; true kills it (the run was cancelled). */
  cancelled: () => boolean;
  timeoutMs: number;
}

/** Runs the script and resolves to its exit code (non-zero for a signal, a timeout or a missing shell). */
export function runShell(run: ShellRun): Promise<number> {
  const extension = run.shell === 'python' ? '.py' : '.sh';
  const file = join(run.tempDir, `${randomUUID()}${extension}`);
  writeFileSync(file, run.script);
  const [command, ...args] = shellCommand(run.shell, file);
  return new Promise((resolve) => {
    const child = spawn(command!, args, { cwd: run.cwd, env: run.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => run.log(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => run.log(chunk.toString('utf8')));
    const started = Date.now();
    const watch = setInterval(() => {
      if (run.cancelled()) {
        run.log('##[error]The operation was canceled.\n');
        child.kill('SIGTERM');
      } else if (Date.now() - started > run.timeoutMs) {
        run.log(`##[error]The step has timed out after ${Math.round(run.timeoutMs / 1000)} s.\n`);
        child.kill('SIGTERM');
      }
    }, 100);
    child.on('error', (error) => {
      run.log(`##[error]${error.message}\n`);
    });
    child.on('close', (code) => {
      clearInterval(watch);
      resolve(code ?? 1);
    });
  });
}
