/** Resource ids that look like EC2's (prefix + 17 hex digits), deterministic per emulator and never reused by it. */
import { createHash } from 'node:crypto';

/** Creates an id source: `next('i')` → `i-0…` (17 hex digits), distinct for every call. */
export function createIdSource(seed = 'gh-mlops-sandbox'): { next(prefix: string, digits?: number): string } {
  let counter = 0;
  return {
    next(prefix, digits = 17) {
      counter += 1;
      const hex = createHash('sha256').update(`${seed}:${prefix}:${counter}`).digest('hex');
      return `${prefix}-${hex.slice(0, digits)}`;
    },
  };
}
