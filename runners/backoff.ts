/** Retries an EC2 call that was throttled (`RequestLimitExceeded`), waiting with full-jitter exponential backoff. */
import { backoffMs, isThrottle } from '../lib/runners/launch-plan.js';

export interface BackoffOptions {
  sleep(ms: number): Promise<void>;
  random(): number;
  /** Most retries after the first attempt (default 6). */
  maxRetries?: number;
  baseMs?: number;
  capMs?: number;
  /** Told about each wait (for logs). */
  onRetry?(code: string, retry: number, waitMs: number): void;
}

/** The EC2 error code of an SDK exception (its `name`), or undefined for other errors. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error && '$metadata' in error ? error.name : undefined;
}

/** Calls `fn`, retrying throttling errors with backoff; every other error is thrown at once. */
export async function withBackoff<T>(fn: () => Promise<T>, options: BackoffOptions): Promise<T> {
  const maxRetries = options.maxRetries ?? 6;
  for (let retry = 0; ; retry++) {
    try {
      return await fn();
    } catch (error) {
      const code = errorCode(error);
      if (code === undefined || !isThrottle(code) || retry >= maxRetries) throw error;
      const wait = backoffMs(retry, options.random, options.baseMs, options.capMs);
      options.onRetry?.(code, retry + 1, wait);
      await options.sleep(wait);
    }
  }
}
