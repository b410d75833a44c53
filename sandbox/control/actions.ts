/**
 * Control routes for Actions, served before the generic control API because they take raw bodies:
 * - `POST /_sandbox/jobs/{job_id}/complete` `{ conclusion, outputs? }`: finishes a job as its runner would. Stand-in
 *   until a job agent runs the steps (runner-bridge `executeJob`).
 * - `POST /_sandbox/runs/{run_id}/artifacts?name=X`: uploads an artifact: a raw zip (`content-type: application/zip`)
 *   or JSON `{ "files": { "path": "text" } }` zipped here. Target of the product's `mlops artifact upload` later.
 * - `GET /_sandbox/artifact-blobs/{id}?expires&sig`: the signed URL `actions/download-artifact` redirects to.
 * - `GET /_sandbox/job-logs/{id}?expires&sig`: the signed plain-text URL `actions/download-job-logs-for-workflow-run`
 *   redirects to.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { completeJob, settle } from '../github/actions-engine.js';
import { CONCLUSIONS, type Conclusion } from '../github/model-actions.js';
import { addArtifact, artifactForDownload } from '../github/routes/actions-artifacts.js';
import { jobForLogDownload, jobLogText } from '../github/job-logs.js';
import type { GithubEmulator } from '../github/server.js';
import { artifactJson } from '../github/serialize-actions.js';

/** The Actions control routes. */
export interface ActionsControl {
  /** True when this handler serves the path (checked before the body is read). */
  serves(url: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

type Reply = { status: number; body: unknown; type?: string };
const json = (status: number, body: unknown): Reply => ({ status, body });

/** Creates the Actions control routes over the GitHub emulator. */
export function createActionsControl(github: GithubEmulator): ActionsControl {
  const route = (method: string, url: URL, raw: Buffer, contentType: string): Reply => {
    const world = github.world();
    const now = github.env.clock.now();
    const complete = /^\/_sandbox\/jobs\/(\d+)\/complete$/.exec(url.pathname);
    if (complete && method === 'POST') {
      const body = JSON.parse(raw.toString('utf8') || '{}') as { conclusion?: unknown; outputs?: unknown };
      const job = world.actions.jobs.find((j) => j.id === Number(complete[1]));
      if (!job) return json(404, { message: `no job ${complete[1]}` });
      if (!CONCLUSIONS.includes(body.conclusion as Conclusion)) return json(422, { message: `conclusion must be one of ${CONCLUSIONS.join(', ')}` });
      const outputs = body.outputs ?? {};
      if (typeof outputs !== 'object' || outputs === null || Object.values(outputs).some((v) => typeof v !== 'string')) return json(422, { message: 'outputs must map names to strings' });
      settle(github.env);
      if (job.status !== 'in_progress') return json(409, { message: `job ${job.id} is ${job.status}, not in_progress (no runner has picked it up)` });
      completeJob(github.env, job, body.conclusion as Conclusion, outputs as Record<string, string>);
      const run = world.actions.runs.find((r) => r.id === job.run_id)!;
      return json(200, { job_id: job.id, status: job.status, conclusion: job.conclusion, run: { id: run.id, status: run.status, conclusion: run.conclusion } });
    }
    const upload = /^\/_sandbox\/runs\/(\d+)\/artifacts$/.exec(url.pathname);
    if (upload && method === 'POST') {
      const run = world.actions.runs.find((r) => r.id === Number(upload[1]));
      if (!run) return json(404, { message: `no workflow run ${upload[1]}` });
      const name = url.searchParams.get('name');
      if (!name) return json(422, { message: 'name query parameter is required' });
      let zip: Buffer;
      if (contentType.startsWith('application/json')) {
        const files = (JSON.parse(raw.toString('utf8')) as { files?: unknown }).files;
        if (!files || typeof files !== 'object' || Object.values(files).some((v) => typeof v !== 'string')) return json(422, { message: 'files must map paths to text' });
        zip = Buffer.from(zipSync(Object.fromEntries(Object.entries(files as Record<string, string>).map(([p, t]) => [p, strToU8(t)]))));
      } else {
        try {
          unzipSync(raw);
        } catch {
          return json(422, { message: 'body is not a zip archive (send application/zip, or JSON {"files": {...}})' });
        }
        zip = raw;
      }
      const repo = world.repos.find((r) => r.id === run.repo_id)!;
      const artifact = addArtifact(world, run, name, zip, now);
      return json(201, artifactJson(world, github.env.baseUrl(), repo, artifact, now));
    }
    const blob = /^\/_sandbox\/artifact-blobs\/(\d+)$/.exec(url.pathname);
    if (blob && method === 'GET') {
      const artifact = artifactForDownload(world, Number(blob[1]), Number(url.searchParams.get('expires')), url.searchParams.get('sig') ?? '', now);
      if (!artifact) return { status: 403, body: Buffer.from('<Error><Code>AuthenticationFailed</Code><Message>Signature not valid or expired</Message></Error>'), type: 'application/xml' };
      return { status: 200, body: artifact.zip, type: 'application/zip' };
    }
    const jobLog = /^\/_sandbox\/job-logs\/(\d+)$/.exec(url.pathname);
    if (jobLog && method === 'GET') {
      const job = jobForLogDownload(world, Number(jobLog[1]), Number(url.searchParams.get('expires')), url.searchParams.get('sig') ?? '', now);
      if (!job) return { status: 403, body: Buffer.from('<Error><Code>AuthenticationFailed</Code><Message>Signature not valid or expired</Message></Error>'), type: 'application/xml' };
      return { status: 200, body: Buffer.from(jobLogText(job)), type: 'text/plain; charset=utf-8' };
    }
    return json(404, { message: `no control endpoint ${method} ${url.pathname}` });
  };

  return {
    serves: (url) => /^\/_sandbox\/(jobs\/\d+\/complete|runs\/\d+\/artifacts|artifact-blobs\/\d+|job-logs\/\d+)(\?|$)/.test(url),
    async handle(req, res) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      let reply: Reply;
      try {
        reply = route(req.method ?? 'GET', new URL(req.url ?? '/', 'http://sandbox'), Buffer.concat(chunks), String(req.headers['content-type'] ?? ''));
      } catch (error) {
        const status = error instanceof SyntaxError ? 400 : typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500;
        reply = json(status, { message: error instanceof Error ? error.message : String(error) });
      }
      const payload = Buffer.isBuffer(reply.body) ? reply.body : Buffer.from(JSON.stringify(reply.body));
      res.writeHead(reply.status, { 'content-type': reply.type ?? 'application/json; charset=utf-8', 'content-length': String(payload.length), date: github.env.clock.date().toUTCString() });
      res.end(payload);
    },
  };
}
