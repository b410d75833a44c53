/** A step of the lifecycle: one progress line, its events, and a throw when it did not do what it should. */
import type { Demo } from './context.js';

export interface LifecycleStep {
  name: string;
  run(demo: Demo): Promise<void>;
}

/** Throws `message` unless `condition` holds (a step's assertion). */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
