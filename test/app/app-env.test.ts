import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAppEnv } from '../../app/app-env.js';
import { BadInputError } from '../../lib/errors.js';

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const base = { APP_ID: '42', PRIVATE_KEY: pem, WEBHOOK_SECRET: 's3cret' };
const code = (env: NodeJS.ProcessEnv) => {
  try {
    readAppEnv(env);
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof BadInputError);
    return e.code;
  }
};

test('the app refuses to start without a webhook secret, an app id or a key; defaults are explicit', () => {
  assert.equal(code({ ...base, WEBHOOK_SECRET: '' }), 'missing-webhook-secret');
  assert.equal(code({ ...base, WEBHOOK_SECRET: undefined }), 'missing-webhook-secret');
  assert.equal(code({ ...base, APP_ID: 'abc' }), 'missing-app-id');
  assert.equal(code({ ...base, PRIVATE_KEY: 'nope' }), 'missing-private-key');
  assert.equal(code({ ...base, PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: '/does/not/exist' }), 'private-key-unreadable');
  assert.equal(code({ ...base, PORT: '70000' }), 'bad-port');
  assert.deepEqual(readAppEnv(base), { appId: 42, privateKey: pem, secret: 's3cret', port: 3000, baseUrl: 'https://api.github.com', webhookPath: '/api/github/webhooks', logLevel: 'info' });
});

test('PRIVATE_KEY_PATH, escaped newlines, GITHUB_API_URL for Enterprise and the sandbox', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'key-')), 'app.pem');
  writeFileSync(file, pem);
  const env = readAppEnv({ APP_ID: '7', PRIVATE_KEY_PATH: file, WEBHOOK_SECRET: 'x', PORT: '0', GITHUB_API_URL: 'https://ghe.example.com/api/v3/', LOG_LEVEL: 'warn', WEBHOOK_PATH: '/hooks' });
  assert.deepEqual([env.privateKey, env.port, env.baseUrl, env.logLevel, env.webhookPath], [pem, 0, 'https://ghe.example.com/api/v3', 'warn', '/hooks']);
  assert.equal(readAppEnv({ ...base, PRIVATE_KEY: pem.replace(/\n/g, '\\n') }).privateKey, pem);
});
