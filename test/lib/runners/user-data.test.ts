import { test } from 'node:test';
import assert from 'node:assert/strict';
import { longLivedSecrets, renderUserData } from '../../../lib/runners/user-data.js';

const expiresAt = Date.parse('2026-03-02T16:00:00Z');

test('JIT user data: hard stop at expires-at, run.sh --jitconfig, power off after the job', () => {
  const text = renderUserData({ registration: { kind: 'jit', encodedJitConfig: 'eyJhIjoiYiJ9+/=' }, label: 'gpu-1', expiresAt, runnerDir: '/opt/runner' });
  assert.deepEqual(text.split('\n'), [
    '#!/bin/bash',
    '# gh-mlops ephemeral GPU runner: one job, then power off (shutdown behaviour: terminate).',
    'set -uo pipefail',
    'EXPIRES_AT=1772467200 # 2026-03-02T16:00:00.000Z, mlops:expires-at',
    'RUNNER_LABEL=gpu-1',
    '# Hard stop at expires-at even if the runner hangs or never gets a job.',
    'remaining=$(( (EXPIRES_AT - $(date +%s)) / 60 )); [ "$remaining" -lt 1 ] && remaining=1',
    'shutdown -h "+$remaining" "mlops: runner expired" || true',
    'id runner >/dev/null 2>&1 || useradd --create-home --shell /bin/bash runner',
    'RUNNER_DIR=/opt/runner',
    'chown -R runner:runner "$RUNNER_DIR"',
    'cd "$RUNNER_DIR"',
    'runuser -u runner -- ./run.sh --jitconfig eyJhIjoiYiJ9+/=',
    '# The job is done (or the runner failed): power off now; the instance terminates.',
    'shutdown -h now',
    '',
  ]);
  assert.deepEqual(longLivedSecrets(text), []);
});

test('registration-token fallback downloads the runner (checksum checked) and configures it ephemeral', () => {
  const text = renderUserData({ registration: { kind: 'registration-token', token: 'ABCDEF', url: 'https://github.com/acme/churn-model', name: 'mlops-1-1-abcd' }, label: 'gpu-1', expiresAt, runnerVersion: '2.321.0', runnerSha256: 'a'.repeat(64) });
  assert.match(text, /curl -fsSL -o runner\.tgz https:\/\/github\.com\/actions\/runner\/releases\/download\/v2\.321\.0\/actions-runner-linux-x64-2\.321\.0\.tar\.gz\n/);
  assert.match(text, /echo "a{64}  runner\.tgz" \| sha256sum -c - \|\| shutdown -h now/);
  assert.match(text, /\.\/config\.sh --unattended --ephemeral --disableupdate --url https:\/\/github\.com\/acme\/churn-model --token ABCDEF --name mlops-1-1-abcd --labels "\$RUNNER_LABEL"/);
});

test('values a shell would interpret are refused (exit 2)', () => {
  assert.throws(() => renderUserData({ registration: { kind: 'jit', encodedJitConfig: 'x' }, label: 'gpu; rm -rf /', expiresAt }), (e: any) => e.exitCode === 2 && e.code === 'unsafe-user-data-value');
  assert.throws(() => renderUserData({ registration: { kind: 'jit', encodedJitConfig: '$(curl evil)' }, label: 'gpu', expiresAt }), (e: any) => e.exitCode === 2);
});

test('long-lived secrets are found', () => {
  assert.deepEqual(longLivedSecrets(`export TOKEN=ghp_${'a'.repeat(36)}`), ['GitHub personal access token']);
  assert.deepEqual(longLivedSecrets('AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE'), ['AWS access key id']);
  assert.deepEqual(longLivedSecrets(`ghs_${'c'.repeat(36)}`), ['GitHub OAuth/user/server token']);
  assert.deepEqual(longLivedSecrets(`github_pat_${'b'.repeat(40)}`), ['GitHub fine-grained token']);
  assert.deepEqual(longLivedSecrets('-----BEGIN RSA PRIVATE KEY-----'), ['private key']);
  assert.deepEqual(longLivedSecrets('./run.sh --jitconfig eyJhIjoiYiJ9'), []);
});
