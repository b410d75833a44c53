/** Primary rate limits, counted per token (or per IP when anonymous) in hourly windows of the virtual clock. */
import type { SandboxClock } from '../clock.js';

export interface RateWindow {
  limit: number;
  used: number;
  /** Epoch seconds when the window resets. */
  reset: number;
}

export interface RateLimiter {
  /** Counts one request; returns the window after counting (used may exceed limit: the caller answers 403). */
  hit(bucket: string): RateWindow;
  /** Current window without counting. */
  peek(bucket: string): RateWindow;
  reset(): void;
}

/** Limits: 60/h anonymous, 5000/h for tokens (GitHub's defaults for users and installations). */
export function createRateLimiter(clock: SandboxClock, limits: { anonymous?: number; authenticated?: number } = {}): RateLimiter {
  const windows = new Map<string, RateWindow>();
  const current = (bucket: string) => {
    const now = Math.floor(clock.now() / 1000);
    let w = windows.get(bucket);
    if (!w || w.reset <= now) {
      w = { limit: bucket.startsWith('ip:') ? limits.anonymous ?? 60 : limits.authenticated ?? 5000, used: 0, reset: now + 3600 };
      windows.set(bucket, w);
    }
    return w;
  };
  return {
    hit(bucket) {
      const w = current(bucket);
      w.used += 1;
      return { ...w };
    },
    peek: (bucket) => ({ ...current(bucket) }),
    reset: () => windows.clear(),
  };
}

/** The `x-ratelimit-*` headers for a window. */
export function rateHeaders(w: RateWindow): Record<string, string> {
  return {
    'x-ratelimit-limit': String(w.limit),
    'x-ratelimit-remaining': String(Math.max(0, w.limit - w.used)),
    'x-ratelimit-reset': String(w.reset),
    'x-ratelimit-used': String(Math.min(w.used, w.limit)),
    'x-ratelimit-resource': 'core',
  };
}
