/**
 * The instance's user data: a shell script that starts one ephemeral actions runner and powers the machine off when
 * that job is done or when `expires-at` comes, whichever is first (the instance is launched with
 * InstanceInitiatedShutdownBehavior=terminate, so power-off means terminate). It carries only a one-job JIT runner
 * config (or, where JIT is unavailable, a registration token that expires within the hour): never a PAT, never AWS keys.
 */
import { BadInputError } from '../errors.js';

/** How the runner registers: a JIT config (preferred) or a short-lived registration token. */
export type RunnerRegistration =
  | { kind: 'jit'; encodedJitConfig: string }
  | { kind: 'registration-token'; token: string; url: string; name: string };

export interface UserDataInput {
  registration: RunnerRegistration;
  label: string;
  /** Epoch milliseconds after which the instance powers itself off. */
  expiresAt: number;
  /** A folder holding an installed actions/runner (pre-baked image): nothing is downloaded. */
  runnerDir?: string;
  /** actions/runner version to download when there is no pre-baked runner. */
  runnerVersion?: string;
  /** Expected sha256 of the runner tarball; checked when given. */
  runnerSha256?: string;
}

/** Default actions/runner release downloaded when the image has none. */
export const defaultRunnerVersion = '2.321.0';

const safeWord = /^[A-Za-z0-9._:/@+=-]+$/;

function word(value: string, field: string): string {
  if (!safeWord.test(value)) {
    throw new BadInputError('unsafe-user-data-value', `${field} ${JSON.stringify(value)} has characters a shell script would interpret`, {
      location: { file: 'mlops runner launch', path: field },
      hint: 'use letters, digits and . _ : / @ + = - only',
    });
  }
  return value;
}

/** Renders the user-data script (plain text; the launcher base64-encodes it). */
export function renderUserData(input: UserDataInput): string {
  const expiresSeconds = Math.floor(input.expiresAt / 1000);
  const version = word(input.runnerVersion ?? defaultRunnerVersion, 'runnerVersion');
  const label = word(input.label, 'label');
  const lines = [
    '#!/bin/bash',
    '# gh-mlops ephemeral GPU runner: one job, then power off (shutdown behaviour: terminate).',
    'set -uo pipefail',
    `EXPIRES_AT=${expiresSeconds} # ${new Date(expiresSeconds * 1000).toISOString()}, mlops:expires-at`,
    `RUNNER_LABEL=${label}`,
    '# Hard stop at expires-at even if the runner hangs or never gets a job.',
    'remaining=$(( (EXPIRES_AT - $(date +%s)) / 60 )); [ "$remaining" -lt 1 ] && remaining=1',
    'shutdown -h "+$remaining" "mlops: runner expired" || true',
    'id runner >/dev/null 2>&1 || useradd --create-home --shell /bin/bash runner',
  ];
  if (input.runnerDir) {
    lines.push(`RUNNER_DIR=${word(input.runnerDir, 'runnerDir')}`);
  } else {
    const tarball = `actions-runner-linux-x64-${version}.tar.gz`;
    lines.push(
      'RUNNER_DIR=/opt/actions-runner',
      'mkdir -p "$RUNNER_DIR" && cd "$RUNNER_DIR"',
      `curl -fsSL -o runner.tgz https://github.com/actions/runner/releases/download/v${version}/${tarball}`,
      ...(input.runnerSha256 ? [`echo "${word(input.runnerSha256, 'runnerSha256')}  runner.tgz" | sha256sum -c - || shutdown -h now`] : []),
      'tar xzf runner.tgz && rm runner.tgz && ./bin/installdependencies.sh >/dev/null 2>&1 || true',
    );
  }
  lines.push('chown -R runner:runner "$RUNNER_DIR"', 'cd "$RUNNER_DIR"');
  const registration = input.registration;
  if (registration.kind === 'jit') {
    // The JIT config registers exactly one ephemeral runner for one job; GitHub refuses it once used.
    lines.push(`runuser -u runner -- ./run.sh --jitconfig ${word(registration.encodedJitConfig, 'encodedJitConfig')}`);
  } else {
    lines.push(
      `runuser -u runner -- ./config.sh --unattended --ephemeral --disableupdate --url ${word(registration.url, 'url')} --token ${word(registration.token, 'token')} --name ${word(registration.name, 'name')} --labels "$RUNNER_LABEL"`,
      'runuser -u runner -- ./run.sh',
    );
  }
  lines.push('# The job is done (or the runner failed): power off now; the instance terminates.', 'shutdown -h now', '');
  return lines.join('\n');
}

/** Patterns of credentials that outlive one job and must never reach user data (readable from the instance's IMDS). */
const longLivedPatterns: Array<[string, RegExp]> = [
  ['GitHub personal access token', /\bghp_[A-Za-z0-9]{20,}/],
  ['GitHub fine-grained token', /\bgithub_pat_[A-Za-z0-9_]{20,}/],
  ['GitHub OAuth/user/server token', /\bgh[ousr]_[A-Za-z0-9]{20,}/],
  ['AWS access key id', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['AWS secret key assignment', /aws_secret_access_key|AWS_SECRET_ACCESS_KEY/],
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
];

/** The kinds of long-lived secret found in a text (empty when none): the launcher refuses user data with any. */
export function longLivedSecrets(text: string): string[] {
  return longLivedPatterns.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}
