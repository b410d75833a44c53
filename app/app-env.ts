/**
 * The app's settings from the standard Probot variables. No silent defaults for secrets: without WEBHOOK_SECRET the app
 * refuses to start (Probot alone would accept deliveries signed with "development").
 */
import { readFileSync } from 'node:fs';
import { BadInputError } from '../lib/errors.js';

/** Parsed settings. */
export interface AppEnv {
  appId: number;
  privateKey: string;
  secret: string;
  port: number;
  /** Where GitHub's API is: api.github.com, GitHub Enterprise's `/api/v3`, or the sandbox. */
  baseUrl: string;
  webhookPath: string;
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
}

const where = { file: 'environment' };

/** Reads and checks APP_ID, PRIVATE_KEY / PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, GITHUB_API_URL, WEBHOOK_PATH, LOG_LEVEL. */
export function readAppEnv(env: NodeJS.ProcessEnv): AppEnv {
  const secret = env.WEBHOOK_SECRET;
  if (!secret) throw new BadInputError('missing-webhook-secret', 'WEBHOOK_SECRET is not set: the app will not accept unsigned or default-signed deliveries', { hint: 'set WEBHOOK_SECRET to the secret of the GitHub App\'s webhook', location: { ...where, path: 'WEBHOOK_SECRET' } });
  const appId = Number(env.APP_ID);
  if (!Number.isInteger(appId) || appId <= 0) throw new BadInputError('missing-app-id', `APP_ID must be the GitHub App's numeric id, got '${env.APP_ID ?? ''}'`, { hint: 'find it on the app\'s settings page', location: { ...where, path: 'APP_ID' } });
  let privateKey = env.PRIVATE_KEY?.replace(/\\n/g, '\n');
  if (!privateKey && env.PRIVATE_KEY_PATH) {
    try {
      privateKey = readFileSync(env.PRIVATE_KEY_PATH, 'utf8');
    } catch (error) {
      throw new BadInputError('private-key-unreadable', `cannot read PRIVATE_KEY_PATH ${env.PRIVATE_KEY_PATH}: ${(error as Error).message}`, { location: { ...where, path: 'PRIVATE_KEY_PATH' } });
    }
  }
  if (!privateKey?.includes('PRIVATE KEY')) throw new BadInputError('missing-private-key', 'PRIVATE_KEY or PRIVATE_KEY_PATH must give the app\'s PEM private key', { hint: 'download a private key from the app\'s settings page', location: { ...where, path: 'PRIVATE_KEY' } });
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new BadInputError('bad-port', `PORT must be 0–65535, got '${env.PORT}'`, { location: { ...where, path: 'PORT' } });
  const levels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
  const logLevel = (levels as readonly string[]).includes(env.LOG_LEVEL ?? '') ? (env.LOG_LEVEL as AppEnv['logLevel']) : 'info';
  return { appId, privateKey, secret, port, baseUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, ''), webhookPath: env.WEBHOOK_PATH || '/api/github/webhooks', logLevel };
}
