/** An installation token of the sandbox's app, through Probot's app authentication (check runs need a GitHub App). */
import { Probot } from 'probot';
import type { Sandbox } from '../../../sandbox/index.js';

/** A fresh installation access token with the app's full permissions. */
export async function installationToken(s: Sandbox): Promise<string> {
  const probot = new Probot({ appId: s.appId, privateKey: s.appPrivateKeyPem, secret: s.webhookSecret, baseUrl: s.github, logLevel: 'fatal' });
  const app = await probot.auth();
  return (await app.rest.apps.createInstallationAccessToken({ installation_id: s.installationId })).data.token;
}
