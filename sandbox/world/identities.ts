/** Secrets of the seeded world, generated once per sandbox so that `reset` keeps tokens and the app key valid. */
import { generateKeyPairSync, randomBytes } from 'node:crypto';

export const SEED_USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'mallory'] as const;

export interface SandboxIdentities {
  /** Personal access token per seeded user. */
  tokens: Record<string, string>;
  appId: number;
  installationId: number;
  appPrivateKeyPem: string;
  appPublicKeyPem: string;
  webhookSecret: string;
}

/** Fresh tokens (`ghp_…`), an RSA-2048 app key pair and a webhook secret. */
export function createIdentities(): SandboxIdentities {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const tokens: Record<string, string> = {};
  for (const user of SEED_USERS) tokens[user] = `ghp_${randomBytes(18).toString('hex')}`;
  return {
    tokens,
    appId: 4242,
    installationId: 424201,
    appPrivateKeyPem: privateKey,
    appPublicKeyPem: publicKey,
    webhookSecret: randomBytes(16).toString('hex'),
  };
}
