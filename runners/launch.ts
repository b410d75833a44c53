/**
 * `mlops runner launch`: registers a one-job runner and starts the EC2 instance that runs it, trying the candidate
 * pools (instance types × subnets, Spot then on-demand) in order until one has capacity. Every RunInstances carries a
 * deterministic ClientToken, and a launch first looks for an instance already started under one of its tokens, so a
 * retried step (or a retried call) never starts a second instance.
 */
import { DescribeInstancesCommand, RunInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { Octokit } from '@octokit/rest';
import { BadInputError, CheckFailedError } from '../lib/errors.js';
import { capacityErrorCodes, clientToken, launchCandidates, runnerNameFor, type LaunchCandidate, type MarketChoice } from '../lib/runners/launch-plan.js';
import { readRunnerInstance, runnerTags } from '../lib/runners/tags.js';
import { longLivedSecrets, renderUserData } from '../lib/runners/user-data.js';
import { errorCode, withBackoff, type BackoffOptions } from './backoff.js';
import { deregister, registerRunner, type RepoRef } from './registration.js';
import { instanceSpec } from './instance-spec.js';

export interface LaunchRequest {
  repo: RepoRef;
  label: string;
  runId: string;
  attempt: number;
  instanceTypes: string[];
  subnets: string[];
  market: MarketChoice;
  maxPrice?: string;
  imageId?: string;
  imageSsmParam?: string;
  diskGb: number;
  ttlMs: number;
  rootDevice?: string;
  publicIp?: boolean;
  securityGroupIds?: string[];
  instanceProfile?: string;
  /** Pre-baked image: the installed runner's folder (nothing is downloaded at boot). */
  runnerDir?: string;
  runnerVersion?: string;
  runnerSha256?: string;
}

export interface LaunchDeps extends BackoffOptions {
  ec2: EC2Client;
  octokit: Octokit;
  /** Server time (epoch ms) as last seen by the EC2 client; expires-at is counted from it. */
  serverTime(): number | undefined;
  /** Receives every credential (JIT config, registration token, encoded user data) first: mask it. */
  onSecret(value: string): void;
  log?(line: string): void;
}

/** One pool tried. */
export interface LaunchAttempt {
  instanceType: string;
  subnetId: string | null;
  market: 'spot' | 'on-demand';
  clientToken: string;
  /** EC2 error code, or null for the pool that launched. */
  error: string | null;
}

export interface LaunchResult {
  instanceId: string;
  instanceType: string;
  subnetId: string | null;
  market: 'spot' | 'on-demand';
  label: string;
  runnerName: string;
  runnerId: number | null;
  registration: 'jit' | 'registration-token';
  /** ISO time. */
  expiresAt: string;
  /** True when the instance already existed (a retried step). */
  reused: boolean;
  attempts: LaunchAttempt[];
}

function imageOf(request: LaunchRequest): string {
  if (request.imageId) return request.imageId;
  if (request.imageSsmParam) return `resolve:ssm:${request.imageSsmParam}`;
  throw new BadInputError('missing-image', 'no machine image: pass --image-id or --image-ssm-param', {
    location: { file: 'mlops runner launch', path: 'image-id' },
    hint: 'a GPU AMI with the NVIDIA driver, e.g. --image-ssm-param /aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-ubuntu-22.04/latest/ami-id',
  });
}

/** Finds an instance a previous try of this same launch started (any candidate's token, not terminated). */
async function existing(ec2: EC2Client, tokens: string[], retry: BackoffOptions) {
  const out = await withBackoff(
    () => ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'client-token', Values: tokens }, { Name: 'instance-state-name', Values: ['pending', 'running'] }] })),
    retry,
  );
  return out.Reservations?.flatMap((r) => r.Instances ?? [])[0];
}

/** Launches the runner's instance; throws CheckFailedError when no pool has capacity (nothing is left behind). */
export async function launchRunner(request: LaunchRequest, deps: LaunchDeps): Promise<LaunchResult> {
  const imageId = imageOf(request);
  const candidates = launchCandidates(request.instanceTypes, request.subnets, request.market);
  if (candidates.length === 0) throw new BadInputError('no-instance-types', 'no instance types to try', { location: { file: 'mlops runner launch', path: 'instance-types' }, hint: '--instance-types g5.xlarge,g4dn.xlarge' });
  const identity = { runId: request.runId, attempt: request.attempt, label: request.label };
  const tokens = candidates.map((c) => clientToken(identity, c.index));
  const runnerName = runnerNameFor(identity);

  const found = await existing(deps.ec2, tokens, deps);
  if (found) {
    const instance = readRunnerInstance(found);
    deps.log?.(`instance ${instance.instanceId} was already launched for this run attempt (ClientToken ${found.ClientToken}); reusing it`);
    return {
      instanceId: instance.instanceId, instanceType: instance.instanceType, subnetId: found.SubnetId ?? null, market: instance.market,
      label: request.label, runnerName, runnerId: null, registration: 'jit', expiresAt: new Date(instance.expiresAt ?? 0).toISOString(), reused: true, attempts: [],
    };
  }

  const now = deps.serverTime() ?? Date.now();
  const expiresAt = now + request.ttlMs;
  const registered = await registerRunner(deps.octokit, request.repo, runnerName, request.label, deps.onSecret);
  const script = renderUserData({
    registration: registered.registration, label: request.label, expiresAt,
    ...(request.runnerDir ? { runnerDir: request.runnerDir } : {}),
    ...(request.runnerVersion ? { runnerVersion: request.runnerVersion } : {}),
    ...(request.runnerSha256 ? { runnerSha256: request.runnerSha256 } : {}),
  });
  const leaked = longLivedSecrets(script);
  if (leaked.length > 0) throw new BadInputError('secret-in-user-data', `refusing to launch: the user data would contain a long-lived secret (${leaked.join(', ')})`, { location: { file: 'mlops runner launch' } });
  const userData = Buffer.from(script).toString('base64');
  deps.onSecret(userData);
  const tags = runnerTags({ repo: `${request.repo.owner}/${request.repo.repo}`, runId: request.runId, label: request.label, runnerName, expiresAt });

  const attempts: LaunchAttempt[] = [];
  for (const candidate of candidates) {
    const token = tokens[candidate.index]!;
    const attempt: LaunchAttempt = { instanceType: candidate.instanceType, subnetId: candidate.subnetId ?? null, market: candidate.market, clientToken: token, error: null };
    attempts.push(attempt);
    try {
      const spec = instanceSpec({
        candidate, clientToken: token, imageId, userDataBase64: userData, tags, diskGb: request.diskGb, rootDevice: request.rootDevice ?? '/dev/sda1',
        publicIp: request.publicIp ?? false, securityGroupIds: request.securityGroupIds ?? [],
        ...(request.maxPrice ? { maxPrice: request.maxPrice } : {}), ...(request.instanceProfile ? { instanceProfile: request.instanceProfile } : {}),
      });
      const out = await withBackoff(() => deps.ec2.send(new RunInstancesCommand(spec)), deps);
      const instanceId = out.Instances?.[0]?.InstanceId;
      if (!instanceId) throw new Error('RunInstances returned no instance');
      deps.log?.(`launched ${instanceId}: ${describe(candidate)}`);
      return {
        instanceId, instanceType: candidate.instanceType, subnetId: candidate.subnetId ?? null, market: candidate.market, label: request.label, runnerName,
        runnerId: registered.runnerId ?? null, registration: registered.registration.kind === 'jit' ? 'jit' : 'registration-token',
        expiresAt: new Date(expiresAt).toISOString(), reused: false, attempts,
      };
    } catch (error) {
      const code = errorCode(error);
      attempt.error = code ?? 'Error';
      if (code !== undefined && capacityErrorCodes.has(code)) {
        deps.log?.(`${describe(candidate)}: ${code}; trying the next pool`);
        continue;
      }
      await cleanup(deps, request.repo, registered.runnerId);
      throw error;
    }
  }
  await cleanup(deps, request.repo, registered.runnerId);
  throw new CheckFailedError('no-capacity', `no capacity in any of ${attempts.length} pools: ${attempts.map((a) => `${a.market} ${a.instanceType}${a.subnetId ? ` in ${a.subnetId}` : ''} (${a.error})`).join('; ')}`, {
    location: { file: 'mlops runner launch' },
    hint: 'add instance types or subnets (other zones), allow on-demand with --market spot-then-on-demand, or retry later',
  });
}

function describe(candidate: LaunchCandidate): string {
  return `${candidate.market} ${candidate.instanceType}${candidate.subnetId ? ` in ${candidate.subnetId}` : ''}`;
}

async function cleanup(deps: LaunchDeps, repo: RepoRef, runnerId: number | undefined): Promise<void> {
  if (runnerId !== undefined) await deregister(deps.octokit, repo, runnerId).catch(() => undefined);
}
