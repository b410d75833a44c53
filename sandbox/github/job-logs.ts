/**
 * Job logs as GitHub serves them: `actions/download-job-logs-for-workflow-run` answers a 302 to a short-lived signed
 * URL of plain text (on GitHub, blob storage; here `/_sandbox/job-logs/{id}`, served by sandbox/control/actions.ts).
 * The text is what the job agent stored in `job.log`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { World } from './model.js';
import type { JobRecord } from './model-actions.js';

/** How long a log URL stays valid (GitHub: about a minute). */
const LOG_URL_MS = 60_000;

const signature = (world: World, id: number, expires: number) => createHmac('sha256', world.actions.secret).update(`job-log:${id}:${expires}`).digest('hex');

/** The signed path of a job's log (relative to the emulator's base URL). */
export function jobLogPath(world: World, job: JobRecord, now: number): string {
  const expires = now + LOG_URL_MS;
  return `/_sandbox/job-logs/${job.id}?expires=${expires}&sig=${signature(world, job.id, expires)}`;
}

/** The job a signed log URL names; undefined when the signature is wrong or has expired. */
export function jobForLogDownload(world: World, id: number, expires: number, sig: string, now: number): JobRecord | undefined {
  const expected = Buffer.from(signature(world, id, expires));
  const given = Buffer.from(sig);
  if (expires < now || expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  return world.actions.jobs.find((j) => j.id === id);
}

/** The log text of a job: the agent's log, or a line saying how the job ended when no agent ran it. */
export function jobLogText(job: JobRecord): string {
  return job.log ?? `${job.completed_at ?? job.started_at} Job ${job.name} ${job.status}${job.conclusion ? ` (${job.conclusion})` : ''}: no log was recorded (the job was not run by the sandbox agent)\n`;
}
