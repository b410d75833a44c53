/**
 * Starts the app: a Probot instance pointed at GITHUB_API_URL (the constructor needs `baseUrl` explicitly), its
 * Octokit with retry (5xx, 404-after-create races) and throttling (primary and secondary rate limits, bounded), the
 * webhook middleware (signature checked), a `/healthz`, and the HTTP server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, Probot, ProbotOctokit } from 'probot';
import { readAppEnv, type AppEnv } from './app-env.js';
import { createMlopsApp, type AppOptions } from './index.js';

/** Knobs of the GitHub client (tests shorten the waits; production keeps Octokit's defaults). */
export interface ClientTuning {
  /** Base of the retry backoff in ms (Octokit default 1000). */
  retryBaseMs?: number;
  /** Turn the throttling queues off (tests); production keeps them on. */
  throttle?: boolean;
}

/** A running app. */
export interface RunningApp {
  url: string;
  webhookUrl: string;
  probot: Probot;
  close(): Promise<void>;
}

/**
 * The Octokit class the app uses: 5xx and network errors retried up to 3 times with backoff, rate-limit waits honoured
 * at most twice. 404 is not retried here (most 404s are answers: no config, no such release); the few reads that can
 * race a create retry it themselves (retryNotFound in app/github/client.ts).
 */
export function appOctokit(tuning: ClientTuning = {}): typeof ProbotOctokit {
  const retryOnLimit = (_after: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < 2;
  // A function, not an object: Probot layers its own throttle options over the instance options, and only a function
  // sees them to merge ours on top.
  return ProbotOctokit.defaults((options: Record<string, unknown>) => ({
    ...options,
    retry: { retries: 3, ...(tuning.retryBaseMs !== undefined ? { retryAfterBaseValue: tuning.retryBaseMs } : {}), doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451] },
    throttle: { ...(options.throttle as object | undefined), enabled: tuning.throttle !== false, onRateLimit: retryOnLimit, onSecondaryRateLimit: retryOnLimit },
  })) as typeof ProbotOctokit;
}

/** Builds the Probot instance for `settings`. */
export function createProbotFor(settings: AppEnv, tuning: ClientTuning = {}): Probot {
  return new Probot({ appId: settings.appId, privateKey: settings.privateKey, secret: settings.secret, baseUrl: settings.baseUrl, logLevel: settings.logLevel, Octokit: appOctokit(tuning) });
}

/** Starts the app from environment variables (`mlops app`); throws BadInputError for missing settings. */
export async function startApp(env: NodeJS.ProcessEnv, options: AppOptions & ClientTuning & { host?: string } = {}): Promise<RunningApp> {
  const settings = readAppEnv(env);
  const probot = createProbotFor(settings, options);
  const middleware = await createNodeMiddleware(createMlopsApp(settings.appId, options), { probot, webhooksPath: settings.webhookPath });
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    void middleware(req, res, () => res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    webhookUrl: `${url}${settings.webhookPath}`,
    probot,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
