/**
 * One call starts the whole sandbox on loopback: the GitHub emulator with its control API under `/_sandbox`, and the
 * EC2 emulator on its own port when `sandbox/ec2` is present. Product code only ever sees the base URLs.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createClock, type SandboxClock } from './clock.js';
import { createControlApi, type Ec2Control } from './control/index.js';
import { actAs, type ActAsRequest } from './control/act-as.js';
import { createActionsControl } from './control/actions.js';
import { createFaultRegistry, type FaultRegistry } from './faults.js';
import { createGithubEmulator, type GithubEmulator } from './github/server.js';
import { createReleaseUploads } from './github/uploads.js';
import { createRunnerBridge, hasInstanceEvents, type RunnerBridgeOptions } from './github/runner-bridge.js';
import { createJobAgent, type JobAgent, type JobAgentOptions } from './agent/index.js';
import { createIdentities } from './world/identities.js';
import { seedWorld } from './world/seed.js';

export interface SandboxOptions {
  /** Port of the GitHub emulator (0 = any free port). The EC2 emulator always takes a free port. */
  port?: number;
  /** Virtual clock speed: 60 means one wall second is a virtual minute. */
  clockFactor?: number;
  /** false: users, app and installation only, no repositories. */
  seed?: boolean;
  /** Where the GitHub App's webhooks go (e.g. a Probot server); settable later with `setAppWebhook`. */
  appWebhookUrl?: string;
  /** Virtual seconds an EC2 instance takes from pending to running. */
  ec2BootSeconds?: number;
  /** Virtual seconds from an instance reaching `running` until its self-hosted runner is online (default 30). */
  runnerBootSeconds?: number;
  /** Runs jobs assigned to bridged runners (the job agent); omitted, jobs wait for `POST /_sandbox/jobs/{id}/complete`. */
  executeJob?: RunnerBridgeOptions['executeJob'];
  /**
   * Run jobs with the sandbox job agent (sandbox/agent): hosted labels (`ubuntu-latest`) on a built-in hosted runner,
   * bridged self-hosted runners' jobs as their `executeJob` (unless `executeJob` is given). Default false: jobs wait
   * for the control API. `mlops sandbox` turns it on.
   */
  agent?: boolean | Omit<JobAgentOptions, 'github'>;
}

export interface Sandbox {
  /** GitHub API base URL, e.g. `http://127.0.0.1:41234` (Octokit `baseUrl`, `GITHUB_API_URL`). */
  github: string;
  /** EC2 endpoint (`AWS_ENDPOINT_URL_EC2`), null until sandbox/ec2 exists. */
  ec2: string | null;
  /** Control API base, `<github>/_sandbox`. */
  control: string;
  /** Personal access token per seeded user (alice, bob, carol, dave, erin, mallory). */
  tokens: Record<string, string>;
  appId: number;
  installationId: number;
  appPrivateKeyPem: string;
  /** Secret the app's webhook deliveries are signed with. */
  webhookSecret: string;
  clock: SandboxClock;
  faults: FaultRegistry;
  /** The GitHub emulator itself, for in-process inspection. */
  githubEmulator: GithubEmulator;
  /** Everything as JSON (what `GET /_sandbox/state` returns). */
  state(): Record<string, unknown>;
  /** Re-seeds the world, clears faults and deliveries; tokens and keys stay valid. */
  reset(): void;
  setAppWebhook(url: string | null, secret?: string): void;
  /** Resolves when every queued webhook delivery has finished. */
  waitForDeliveries(): Promise<void>;
  /** The act-as helpers of `POST /_sandbox/act-as`. */
  actAs(request: ActAsRequest): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** What sandbox/ec2/index.ts exports (built in parallel; loaded only when present). */
interface Ec2Emulator extends Ec2Control {
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
  /** Stops its lifecycle timer (and a server of its own, which the sandbox does not start). */
  close?(): Promise<void>;
}
type Ec2Factory = (options: { clock: SandboxClock; faults: FaultRegistry; bootSeconds?: number }) => Ec2Emulator;

// INTEGRATION POINT (EC2): the emulator lives in sandbox/ec2/ and may not exist yet in this tree. It is imported by
// computed path so this module type-checks and runs without it; once it exists it is served on its own port.
async function loadEc2Factory(): Promise<Ec2Factory | undefined> {
  const here = fileURLToPath(new URL('.', import.meta.url));
  if (!existsSync(`${here}ec2/index.ts`) && !existsSync(`${here}ec2/index.js`)) return undefined;
  const specifier = './ec2/index.js';
  const mod = (await import(specifier)) as { createEc2Emulator?: Ec2Factory };
  return mod.createEc2Emulator;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts the sandbox on 127.0.0.1 and resolves once it is listening. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = createClock({ factor: options.clockFactor ?? 1 });
  const faults = createFaultRegistry();
  const identities = createIdentities();
  let webhook = { url: options.appWebhookUrl ?? null, secret: identities.webhookSecret };
  const seed = () => {
    const world = seedWorld(identities, clock.now());
    if (options.seed === false) world.repos = [];
    world.app.webhook = { ...webhook };
    return world;
  };
  const github = createGithubEmulator({ clock, faults, seed });
  const setAppWebhook = (url: string | null, secret?: string) => {
    webhook = { url, secret: secret ?? webhook.secret };
    github.world().app.webhook = { ...webhook };
  };

  const factory = await loadEc2Factory();
  const ec2 = factory?.({ clock, faults, bootSeconds: options.ec2BootSeconds ?? 20 });
  const control = createControlApi({ github, clock, faults, tokens: identities.tokens, ec2: () => ec2, setAppWebhook });
  const actionsControl = createActionsControl(github);
  // Release asset bytes (uploads host, octet-stream downloads) bypass the JSON pipeline's body handling.
  const releaseUploads = createReleaseUploads(github);
  const agent: JobAgent | undefined = options.agent ? createJobAgent({ ...(typeof options.agent === 'object' ? options.agent : {}), github }) : undefined;
  const executeJob = options.executeJob ?? agent?.executeJob;
  // EC2 instances whose user data starts an actions runner become self-hosted runners of the GitHub emulator.
  const bridge = hasInstanceEvents(ec2)
    ? createRunnerBridge({ github, ec2, bootSeconds: options.runnerBootSeconds ?? 30, ...(executeJob ? { executeJob } : {}) })
    : undefined;

  const githubServer = createServer((req, res) => {
    const url = req.url ?? '';
    const handler = releaseUploads.serves(req)
      ? releaseUploads.handle(req, res)
      : actionsControl.serves(url) ? actionsControl.handle(req, res) : url.startsWith('/_sandbox') ? control.handle(req, res) : github.handle(req, res);
    handler.catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: error instanceof Error ? error.message : String(error) }));
    });
  });
  keepIdleConnections(githubServer);
  const githubPort = await listen(githubServer, options.port ?? 0);
  const githubUrl = `http://127.0.0.1:${githubPort}`;
  github.setBaseUrl(githubUrl);

  let ec2Server: Server | undefined;
  let ec2Url: string | null = null;
  if (ec2) {
    ec2Server = createServer((req, res) => void ec2.handle(req, res));
    keepIdleConnections(ec2Server);
    ec2Url = `http://127.0.0.1:${await listen(ec2Server, 0)}`;
  }

  return {
    github: githubUrl,
    ec2: ec2Url,
    control: `${githubUrl}/_sandbox`,
    tokens: { ...identities.tokens },
    appId: identities.appId,
    installationId: identities.installationId,
    appPrivateKeyPem: identities.appPrivateKeyPem,
    webhookSecret: identities.webhookSecret,
    clock,
    faults,
    githubEmulator: github,
    state: () => control.state(),
    reset: () => control.reset(),
    setAppWebhook,
    waitForDeliveries: () => github.webhooks.idle(),
    actAs: (request) => actAs(github, identities.tokens, request),
    async close() {
      bridge?.close();
      await agent?.close();
      await github.webhooks.idle();
      await Promise.all([close(githubServer), ec2Server ? close(ec2Server) : Promise.resolve(), ec2?.close?.() ?? Promise.resolve()]);
    },
  };
}

/**
 * Lets clients, not the server, close idle keep-alive sockets. Node's 5 s server timeout races the 4 s idle timeout
 * of the clients (undici, Octokit): on a loaded machine a client sends on a socket the server is closing, and the
 * request fails with ECONNRESET. Real GitHub also keeps idle connections far longer than 5 s.
 */
function keepIdleConnections(server: Server): void {
  server.keepAliveTimeout = 60_000;
}

