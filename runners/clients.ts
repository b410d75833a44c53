/**
 * The EC2 and GitHub clients the runner lifecycle uses, built from the standard environment. The EC2 client makes one
 * HTTP attempt per call (maxAttempts 1): capacity errors must move on to the next pool at once and throttling is
 * retried by `withBackoff` with jitter, so the SDK's own retries would only double-count. A middleware records every
 * attempt per command (the benchmark counts API calls) and the endpoint's `Date` header (the reaper's "now").
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { Octokit } from '@octokit/rest';
import { BadInputError } from '../lib/errors.js';

/** What the middleware saw: calls per EC2 action and the latest server time. */
export interface Ec2Observations {
  calls: Record<string, number>;
  /** Epoch ms of the most recent response's `Date` header, if any. */
  serverTime: number | undefined;
}

/** An EC2 client plus what its middleware observed. */
export interface ObservedEc2 {
  client: EC2Client;
  seen: Ec2Observations;
}

/** Builds an EC2 client (endpoint, region and credentials from the SDK's own environment variables unless given). */
export function createEc2(env: NodeJS.ProcessEnv, options: { endpoint?: string; region?: string } = {}): ObservedEc2 {
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) {
    throw new BadInputError('missing-env', 'AWS_REGION is not set', { location: { file: 'mlops runner' }, hint: 'set AWS_REGION (and credentials) for the account that runs the runners' });
  }
  // Read from the given env (not only process.env) so the CLI's injected environment is the one that counts.
  const endpoint = options.endpoint ?? env.AWS_ENDPOINT_URL_EC2 ?? env.AWS_ENDPOINT_URL;
  const credentials = env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
    ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) }
    : undefined;
  const client = new EC2Client({ region, maxAttempts: 1, ...(endpoint ? { endpoint } : {}), ...(credentials ? { credentials } : {}) });
  const seen: Ec2Observations = { calls: {}, serverTime: undefined };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      seen.calls[name] = (seen.calls[name] ?? 0) + 1;
      try {
        const result = await next(args);
        recordDate(seen, (result.response as { headers?: Record<string, string> }).headers);
        return result;
      } catch (error) {
        recordDate(seen, (error as { $response?: { headers?: Record<string, string> } }).$response?.headers);
        throw error;
      }
    },
    // Inside the deserializer: the raw response is seen for failed calls too (an HTTP error status does not throw here).
    { step: 'deserialize', name: 'mlopsObserve', priority: 'low' },
  );
  return { client, seen };
}

function recordDate(seen: Ec2Observations, headers: Record<string, string> | undefined): void {
  const ms = headers?.date ? Date.parse(headers.date) : Number.NaN;
  if (Number.isFinite(ms)) seen.serverTime = ms;
}

/** Counts GitHub API calls per route, for the benchmark. */
export interface GithubObservations {
  calls: Record<string, number>;
}

/** An Octokit for `GITHUB_API_URL` with `GITHUB_TOKEN` (which must be able to administer the repository's runners). */
export function createGithub(env: NodeJS.ProcessEnv, token = env.GITHUB_TOKEN): { octokit: Octokit; seen: GithubObservations } {
  if (!token) {
    throw new BadInputError('missing-env', 'GITHUB_TOKEN is not set', {
      location: { file: 'mlops runner' },
      hint: 'a token that may administer self-hosted runners of the repository (repo admin, or an app with administration: write); the job GITHUB_TOKEN cannot',
    });
  }
  const octokit = new Octokit({ auth: token, baseUrl: env.GITHUB_API_URL ?? 'https://api.github.com', userAgent: 'gh-mlops-runner' });
  const seen: GithubObservations = { calls: {} };
  octokit.hook.before('request', (options) => {
    const route = `${options.method} ${options.url}`;
    seen.calls[route] = (seen.calls[route] ?? 0) + 1;
  });
  return { octokit, seen };
}

/** Total of a calls record. */
export function totalCalls(calls: Record<string, number>): number {
  return Object.values(calls).reduce((a, b) => a + b, 0);
}
