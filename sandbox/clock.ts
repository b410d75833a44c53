/**
 * The sandbox's virtual clock: wall time × factor + offset. Real waits still work (time keeps flowing), and tests
 * jump ahead with `advance()` (the control API's `POST /clock`). Product code never reads this clock: it learns
 * "now" from the emulators' `Date` headers, as it would on real AWS/GitHub.
 */
export interface SandboxClock {
  /** Current virtual time in epoch milliseconds. */
  now(): number;
  /** Moves the offset forward (or back, for negative values). */
  advance(seconds: number): void;
  /** Current virtual time as a Date. */
  date(): Date;
}

/** A clock running at `factor` × wall speed from `start`, shifted by an offset that `advance` moves. */
export function createClock(options: { factor?: number; start?: number; wall?: () => number } = {}): SandboxClock {
  const wall = options.wall ?? Date.now;
  const factor = options.factor ?? 1;
  const origin = wall();
  const start = options.start ?? origin;
  let offset = 0;
  const now = () => start + (wall() - origin) * factor + offset;
  return {
    now,
    advance(seconds) {
      offset += seconds * 1000;
    },
    date: () => new Date(now()),
  };
}
