/**
 * `mlops app`: runs the gh-mlops GitHub App (Probot's server) from the standard variables APP_ID, PRIVATE_KEY or
 * PRIVATE_KEY_PATH, WEBHOOK_SECRET (required: no default secret), PORT, GITHUB_API_URL (GitHub Enterprise, the
 * sandbox), WEBHOOK_PATH, LOG_LEVEL. Serves until SIGINT/SIGTERM, then exits 0.
 */
import type { CommandContext, CommandModule } from '../program.js';

async function app(_options: object, ctx: CommandContext): Promise<number> {
  const { startApp } = await import('../../app/server.js'); // Probot loads only for `mlops app`
  const running = await startApp(ctx.env);
  ctx.io.stdout(JSON.stringify({ url: running.url, webhook: running.webhookUrl }));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  return 0;
}

/** `mlops app`: start the GitHub App server. */
export const appCommand: CommandModule = {
  register(program, run) {
    program
      .command('app')
      .description('run the gh-mlops GitHub App (Probot): registry, governance and stages; settings from APP_ID, PRIVATE_KEY(_PATH), WEBHOOK_SECRET, PORT, GITHUB_API_URL')
      .action(run(app));
  },
};
