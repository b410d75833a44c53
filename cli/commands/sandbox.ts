import { renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { usageError } from '../output.js';
import type { CommandContext, CommandModule } from '../program.js';

interface SandboxOptions {
  port: string;
  state?: string;
  app?: boolean;
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      done(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** Writes a file atomically: a temp file beside it, then rename, so readers never see half a state. */
function writeAtomically(file: string, text: string): void {
  const temp = resolve(dirname(file), `.${Date.now()}-${process.pid}.tmp`);
  writeFileSync(temp, text);
  renameSync(temp, file);
}

async function runSandbox(options: SandboxOptions, ctx: CommandContext): Promise<number> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`--port must be an integer from 0 to 65535, got "${options.port}"`);
  const stateFile = options.state ? resolve(ctx.cwd, options.state) : undefined;
  // The job agent runs dispatched jobs (hosted labels, and self-hosted runners started on the EC2 emulator).
  // Loaded here, not at the top: the sandbox and the app (Probot) would slow every other command's start-up.
  const { startSandbox } = await import('../../sandbox/index.js');
  const { startApp } = await import('../../app/server.js');
  const sandbox = await startSandbox({ port, agent: true });
  // --app: the gh-mlops app on a free port, its webhook URL registered with the emulator (signed deliveries).
  const app = options.app
    ? await startApp({ APP_ID: String(sandbox.appId), PRIVATE_KEY: sandbox.appPrivateKeyPem, WEBHOOK_SECRET: sandbox.webhookSecret, PORT: '0', GITHUB_API_URL: sandbox.github, LOG_LEVEL: 'warn' }, { host: '127.0.0.1', now: () => sandbox.clock.now() })
    : undefined;
  if (app) sandbox.setAppWebhook(app.webhookUrl, sandbox.webhookSecret);
  ctx.io.stdout(
    JSON.stringify({ github: sandbox.github, ec2: sandbox.ec2, control: sandbox.control, tokens: sandbox.tokens, appId: sandbox.appId, installationId: sandbox.installationId, ...(app ? { app: app.webhookUrl } : {}) }),
  );
  await untilSignal();
  await app?.close();
  if (stateFile) writeAtomically(stateFile, `${JSON.stringify(sandbox.state(), null, 2)}\n`);
  await sandbox.close();
  return 0;
}

/** `mlops sandbox`: the GitHub + EC2 emulators on loopback until interrupted. */
export const sandboxCommand: CommandModule = {
  register(program, run) {
    program
      .command('sandbox')
      .description('run the GitHub and EC2 emulators on 127.0.0.1; prints one JSON line with URLs and tokens, serves until Ctrl-C')
      .option('--port <port>', 'port of the GitHub emulator (0 = any free port)', '0')
      .option('--state <file>', 'write the final sandbox state as JSON to this file on exit')
      .option('--app', 'also run the gh-mlops GitHub App against the emulator (its webhooks signed and delivered)')
      .action(run(runSandbox));
  },
};
