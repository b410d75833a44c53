/**
 * A token-authenticated client for entry points other than the app (the CLI, actions): `@octokit/rest` with the
 * retry (5xx) and throttling (rate limits, bounded) plugins the app's Probot client has, pointed at GITHUB_API_URL.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { GitHub } from './client.js';

const RetryingOctokit = Octokit.plugin(retry, throttling);

/** A client for `token` at `baseUrl` (default api.github.com). */
export function createRestClient(token: string, baseUrl = 'https://api.github.com'): GitHub {
  const retryOnLimit = (_after: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < 2;
  return new RetryingOctokit({
    auth: token,
    baseUrl,
    log: { debug() {}, info() {}, warn() {}, error() {} },
    retry: { retries: 3, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451] },
    throttle: { onRateLimit: retryOnLimit, onSecondaryRateLimit: retryOnLimit },
  }) as unknown as GitHub;
}
