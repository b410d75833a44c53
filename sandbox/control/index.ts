/**
 * The control API under `/_sandbox`: state, reset, faults, the clock, spot interruptions, act-as helpers, scheduled
 * runs and app installations (triggers.ts), and the webhook delivery log. Loopback-only and unauthenticated: it is
 * the test harness's hand on the world.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxClock } from '../clock.js';
import type { FaultRegistry, FaultSpec } from '../faults.js';
import type { GithubEmulator } from '../github/server.js';
import { actAs, type ActAsRequest } from './act-as.js';
import { githubState } from './state.js';
import { changeInstallation, fireSchedule } from './triggers.js';

/** What the control API needs from the EC2 emulator (see sandbox/ec2). */
export interface Ec2Control {
  state(): { instances: Array<{ InstanceId: string }> };
  reset(): void;
  spotInterruption(instanceId: string): unknown;
}

export interface ControlApi {
  /** Serves a `/_sandbox/*` request. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The JSON of `GET /_sandbox/state`. */
  state(): Record<string, unknown>;
  reset(): void;
}

/** Creates the control API over the emulators. */
export function createControlApi(options: {
  github: GithubEmulator;
  clock: SandboxClock;
  faults: FaultRegistry;
  tokens: Record<string, string>;
  ec2?: () => Ec2Control | undefined;
  /** Changes the app's webhook URL/secret (kept across resets). */
  setAppWebhook(url: string | null, secret?: string): void;
}): ControlApi {
  const { github, clock, faults } = options;
  const state = () => {
    const ec2 = options.ec2?.();
    return {
      clock: { now: clock.date().toISOString() },
      github: githubState(github),
      ec2: ec2 ? ec2.state() : null,
      faults: faults.list(),
    };
  };
  const reset = () => {
    github.reset();
    faults.clear();
    options.ec2?.()?.reset();
  };

  const route = async (method: string, path: string, body: Record<string, unknown>): Promise<[number, unknown]> => {
    if (method === 'GET' && path === '/state') return [200, state()];
    if (method === 'POST' && path === '/reset') {
      reset();
      return [200, { reset: true }];
    }
    if (path === '/faults') {
      if (method === 'GET') return [200, faults.list()];
      if (method === 'DELETE') {
        faults.clear();
        return [204, undefined];
      }
      if (method === 'POST') {
        const problem = faultProblem(body);
        if (problem) return [422, { message: problem }];
        return [201, faults.add(body as unknown as FaultSpec)];
      }
    }
    if (method === 'POST' && path === '/clock') {
      const seconds = body.advanceSeconds;
      if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return [422, { message: 'advanceSeconds must be a number' }];
      clock.advance(seconds);
      return [200, { now: clock.date().toISOString() }];
    }
    if (method === 'POST' && path === '/spot-interruption') {
      const ec2 = options.ec2?.();
      if (!ec2) return [501, { message: 'the EC2 emulator is not part of this sandbox build yet' }];
      if (typeof body.instanceId !== 'string') return [422, { message: 'instanceId must be a string' }];
      const instanceId = body.instanceId;
      const known = ec2.state().instances.find((i) => i.InstanceId === instanceId);
      if (!known) return [404, { message: `no instance ${instanceId}` }];
      try {
        return [200, ec2.spotInterruption(instanceId) ?? { instanceId }];
      } catch (error) {
        // The emulator refuses notices for on-demand instances, as AWS never sends one to them.
        return [422, { message: error instanceof Error ? error.message : String(error) }];
      }
    }
    if (method === 'POST' && path === '/act-as') {
      const result = await actAs(github, options.tokens, body as unknown as ActAsRequest);
      return [result.status, result.body];
    }
    if (method === 'POST' && path === '/schedule') return fireSchedule(github, body);
    if (method === 'POST' && path === '/installations') return changeInstallation(github, body);
    if (method === 'POST' && path === '/app-webhook') {
      if (body.url !== null && typeof body.url !== 'string') return [422, { message: 'url must be a string or null' }];
      options.setAppWebhook(body.url as string | null, typeof body.secret === 'string' ? body.secret : undefined);
      return [200, { url: github.world().app.webhook.url }];
    }
    if (method === 'GET' && path === '/deliveries') {
      await github.webhooks.idle();
      return [200, github.webhooks.deliveries()];
    }
    const redeliver = /^\/deliveries\/(\d+)\/redeliver$/.exec(path);
    if (method === 'POST' && redeliver) {
      const d = github.webhooks.redeliver(Number(redeliver[1]));
      return d ? [202, d] : [404, { message: 'Not Found' }];
    }
    return [404, { message: `no control endpoint ${method} /_sandbox${path}` }];
  };

  return {
    async handle(req, res) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');
      let status: number;
      let payload: unknown;
      try {
        const body = raw.trim() === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
        const path = new URL(req.url ?? '/', 'http://sandbox').pathname.replace(/^\/_sandbox/, '') || '/';
        [status, payload] = await route(req.method ?? 'GET', path, body);
      } catch (error) {
        status = error instanceof SyntaxError ? 400 : 500;
        payload = { message: error instanceof Error ? error.message : String(error) };
      }
      const text = payload === undefined ? '' : JSON.stringify(payload);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', date: clock.date().toUTCString(), 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
    },
    state,
    reset,
  };
}

function faultProblem(body: Record<string, unknown>): string | undefined {
  if (body.service !== 'github' && body.service !== 'ec2') return 'service must be "github" or "ec2"';
  if (typeof body.operation !== 'string' || body.operation === '') return 'operation must be an operationId or EC2 Action';
  if (typeof body.status !== 'number' && typeof body.status !== 'string') return 'status must be an HTTP status, an EC2 error code or "secondary-rate-limit"';
  if (body.times !== undefined && (typeof body.times !== 'number' || body.times < 1)) return 'times must be a positive number';
  return undefined;
}
