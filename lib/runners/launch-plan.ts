/**
 * Which (instance type, subnet, market) pools a launch tries, in order, and the ClientToken of each try. Pure: the
 * EC2 calls live in runners/launch.ts.
 */
import { createHash } from 'node:crypto';

/** Purchase option asked for: `spot-then-on-demand` tries every Spot pool first, then every on-demand pool. */
export type MarketChoice = 'spot' | 'on-demand' | 'spot-then-on-demand';

/** The markets a choice allows, in the order they are tried. */
export const marketChoices: readonly MarketChoice[] = ['spot', 'on-demand', 'spot-then-on-demand'];

/** One pool to try. `index` is its position in the plan, part of its ClientToken. */
export interface LaunchCandidate {
  index: number;
  instanceType: string;
  subnetId: string | undefined;
  market: 'spot' | 'on-demand';
}

/**
 * Every pool in the order a launch tries them: market phase first (Spot before on-demand), then instance types in the
 * caller's order (their preference), then subnets (spreading over zones for the same type before settling for a
 * less preferred type). No subnets means the account's default subnet.
 */
export function launchCandidates(instanceTypes: readonly string[], subnets: readonly string[], market: MarketChoice): LaunchCandidate[] {
  const markets: Array<'spot' | 'on-demand'> = market === 'spot-then-on-demand' ? ['spot', 'on-demand'] : [market];
  const subnetList: Array<string | undefined> = subnets.length > 0 ? [...subnets] : [undefined];
  const out: LaunchCandidate[] = [];
  for (const m of markets) {
    for (const instanceType of instanceTypes) {
      for (const subnetId of subnetList) out.push({ index: out.length, instanceType, subnetId, market: m });
    }
  }
  return out;
}

/** What makes a launch unique: the workflow run, its attempt, and the runner label inside that run. */
export interface LaunchIdentity {
  runId: string;
  attempt: number;
  label: string;
}

/**
 * A deterministic ClientToken (EC2 allows 64 ASCII characters) for candidate `index` of a launch: the same run,
 * attempt, label and index always give the same token, so a retried step gets the instance it already launched back
 * instead of a second one. The label is hashed because labels may be long or hold characters tokens should not.
 */
export function clientToken(identity: LaunchIdentity, index: number): string {
  const label = createHash('sha256').update(identity.label).digest('hex').slice(0, 12);
  const run = identity.runId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 24);
  return `mlops-${run}-${identity.attempt}-${label}-${index}`;
}

/**
 * Backoff before retry `retry` (0-based) of a throttled call: "full jitter" (a uniform draw below an exponentially
 * growing cap), which spreads many throttled callers apart instead of having them retry in lockstep.
 */
export function backoffMs(retry: number, random: () => number, baseMs = 500, capMs = 20_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** The EC2 error codes that mean "this pool has no room now": try the next pool rather than fail. */
export const capacityErrorCodes: ReadonlySet<string> = new Set([
  'InsufficientInstanceCapacity',
  'InsufficientCapacity',
  'InsufficientHostCapacity',
  'SpotMaxPriceTooLow',
  'MaxSpotInstanceCountExceeded',
  'InsufficientFreeAddressesInSubnet',
  'Unsupported',
]);

/** Whether an EC2 error code is throttling, retried in place with backoff. */
export function isThrottle(code: string): boolean {
  return code === 'RequestLimitExceeded' || code === 'Throttling' || code === 'ThrottlingException';
}

/** The runner name of a launch: `mlops-<run>-<attempt>-<label hash>`, unique per launch, with the reaper's prefix. */
export function runnerNameFor(identity: LaunchIdentity): string {
  const hash = createHash('sha256').update(identity.label).digest('hex').slice(0, 8);
  return `mlops-${identity.runId.replace(/[^A-Za-z0-9]/g, '').slice(0, 32)}-${identity.attempt}-${hash}`;
}
