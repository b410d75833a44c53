/**
 * The world the demo (and the app's tests) run in: the sandbox's GitHub and EC2 emulators on loopback with the real
 * gh-mlops Probot server behind them, receiving the emulator's signed webhook deliveries. Shared by `npm run demo`
 * and test/app, so the demo never imports test code.
 */
import { Octokit } from '@octokit/rest';
import { Probot } from 'probot';
import type { AppOptions } from '../app/index.js';
import { startApp, type RunningApp } from '../app/server.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/index.js';

export const owner = 'acme';
export const repo = 'churn-model';
export const where = { owner, repo };

/** A client acting as a seeded user (or as whoever holds `userOrToken` when it is a token). */
export function client(sandbox: Sandbox, userOrToken: string): Octokit {
  const auth = sandbox.tokens[userOrToken] ?? userOrToken;
  return new Octokit({ auth, baseUrl: sandbox.github, log: { debug() {}, info() {}, warn() {}, error() {} } });
}

/** A fresh installation access token of the sandbox's app (check runs and app-authored writes need one). */
export async function installationToken(sandbox: Sandbox): Promise<string> {
  const probot = new Probot({ appId: sandbox.appId, privateKey: sandbox.appPrivateKeyPem, secret: sandbox.webhookSecret, baseUrl: sandbox.github, logLevel: 'fatal' });
  const app = await probot.auth();
  return (await app.rest.apps.createInstallationAccessToken({ installation_id: sandbox.installationId })).data.token;
}

/** A sandbox with the gh-mlops app serving its webhooks. */
export interface AppWorld {
  sandbox: Sandbox;
  /** The running app (a new one after `restartApp`). */
  readonly app: RunningApp;
  /** Waits until the emulator has delivered everything (the app's own actions cause more deliveries). */
  settle(): Promise<void>;
  /**
   * Moves the app's clock ahead (soak times). Only the app's: advancing the sandbox clock by hours would expire the
   * installation token Probot cached by wall time, which cannot happen on GitHub.
   */
  skew(seconds: number): void;
  /**
   * Lets `seconds` of virtual time pass for everyone: the sandbox clock moves ahead, and the app is restarted (as by
   * a deploy), since a running Probot would keep an installation token that the jump expired. The app keeps no state
   * of its own, so nothing else changes.
   */
  passTime(seconds: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts the sandbox and the app (Probot server on a free port, signed deliveries), wired to each other. */
export async function startAppWorld(options: AppOptions = {}, sandboxOptions: SandboxOptions = {}): Promise<AppWorld> {
  const sandbox = await startSandbox(sandboxOptions);
  let skewMs = 0;
  const start = async () => {
    const running = await startApp(
      { APP_ID: String(sandbox.appId), PRIVATE_KEY: sandbox.appPrivateKeyPem, WEBHOOK_SECRET: sandbox.webhookSecret, PORT: '0', GITHUB_API_URL: sandbox.github, LOG_LEVEL: (process.env.APP_LOG_LEVEL ?? 'fatal') as 'fatal' },
      { now: () => sandbox.clock.now() + skewMs, retryBaseMs: 5, throttle: false, host: '127.0.0.1', lockWaitMs: 5000, ...options },
    );
    sandbox.setAppWebhook(running.webhookUrl, sandbox.webhookSecret);
    return running;
  };
  let app = await start();
  return {
    sandbox,
    get app() {
      return app;
    },
    settle: () => sandbox.waitForDeliveries(),
    skew: (seconds) => void (skewMs += seconds * 1000),
    async passTime(seconds) {
      await sandbox.waitForDeliveries();
      await app.close();
      sandbox.clock.advance(seconds);
      app = await start();
    },
    async close() {
      await sandbox.close();
      await app.close();
    },
  };
}
