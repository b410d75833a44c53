/**
 * Runs the user's training command as a child process: its stdout and stderr pass through line by line (the job log
 * stays the command's own), each stdout line is offered to `onLine` (the tracking protocol), and `terminate()` sends
 * SIGTERM, then SIGKILL after a grace period, for a Spot interruption.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface SupervisedRun {
  /** Resolves with the exit code (128 + signal number when killed by a signal, as shells report it). */
  done: Promise<number>;
  /** SIGTERM now; SIGKILL if still running after `graceMs`. */
  terminate(graceMs: number): void;
  pid: number | undefined;
}

const signalNumbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** Starts `command` (argv, no shell: arguments reach it exactly as given). */
export function supervise(command: string[], options: { cwd: string; env: NodeJS.ProcessEnv; onLine(line: string): void; onStdout(line: string): void; onStderr(line: string): void }): SupervisedRun {
  const [file, ...args] = command;
  if (!file) throw new Error('no command');
  const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  createInterface({ input: child.stdout }).on('line', (line) => {
    options.onStdout(line);
    options.onLine(line);
  });
  createInterface({ input: child.stderr }).on('line', options.onStderr);
  let killTimer: NodeJS.Timeout | undefined;
  const done = new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (killTimer) clearTimeout(killTimer);
      resolve(code ?? 128 + (signal ? signalNumbers[signal] ?? 0 : 0));
    });
  });
  return {
    done,
    pid: child.pid,
    terminate(graceMs) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      killTimer.unref();
    },
  };
}
