/**
 * The GitHub client every adapter takes: an `@octokit/rest` Octokit (Probot's context.octokit has the same REST
 * surface, plus its retry and throttling plugins). Adapters take it as an argument, never build their own.
 */
import type { Octokit } from '@octokit/rest';

/** The client adapters call. */
export type GitHub = Octokit;

/** Which repository. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** The HTTP status of an Octokit RequestError, or undefined for anything else. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** True when `error` is an HTTP error with one of `statuses`. */
export function isHttpStatus(error: unknown, ...statuses: number[]): boolean {
  const status = httpStatus(error);
  return status !== undefined && statuses.includes(status);
}

/**
 * Runs `read` again when it answers 404, up to `attempts` times with a growing pause: for reads of something an event
 * just announced (GitHub's replicas can lag the write that sent the webhook). Other 404s are answers, not retried.
 */
export async function retryNotFound<T>(read: () => Promise<T>, attempts = 3, pauseMs = 250): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await read();
    } catch (error) {
      if (!isHttpStatus(error, 404) || i >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs * i));
    }
  }
}
