/** The tags gh-mlops puts on runner instances, and reading them back: they are the reaper's only source of truth. */

export const tagKeys = {
  repo: 'mlops:repo',
  runId: 'mlops:run-id',
  label: 'mlops:label',
  expiresAt: 'mlops:expires-at',
  runnerName: 'mlops:runner-name',
  /** Set by the reaper's first pass; the second pass terminates. */
  reapMarkedAt: 'mlops:reap-marked-at',
  reapReason: 'mlops:reap-reason',
} as const;

export interface RunnerTagInput {
  repo: string;
  runId: string;
  label: string;
  runnerName: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** The instance and volume tags of a runner launch (`Name` too, for the console). */
export function runnerTags(input: RunnerTagInput): Array<{ Key: string; Value: string }> {
  return [
    { Key: 'Name', Value: `mlops-runner ${input.label}` },
    { Key: tagKeys.repo, Value: input.repo },
    { Key: tagKeys.runId, Value: input.runId },
    { Key: tagKeys.label, Value: input.label },
    { Key: tagKeys.runnerName, Value: input.runnerName },
    { Key: tagKeys.expiresAt, Value: new Date(input.expiresAt).toISOString() },
  ];
}

/** A runner instance as the tags and DescribeInstances describe it. */
export interface RunnerInstance {
  instanceId: string;
  instanceType: string;
  state: string;
  market: 'spot' | 'on-demand';
  /** Epoch milliseconds. */
  launchedAt: number;
  repo: string | undefined;
  runId: string | undefined;
  label: string | undefined;
  runnerName: string | undefined;
  /** Epoch milliseconds; undefined when the tag is missing or unreadable (the reaper then uses launch time + grace). */
  expiresAt: number | undefined;
  reapMarkedAt: number | undefined;
  /** EC2's state reason code, e.g. `Server.SpotInstanceTermination`. */
  stateReason: string | undefined;
}

/** Reads the gh-mlops tags (and the facts the reaper needs) from an EC2 instance description. */
export function readRunnerInstance(instance: {
  InstanceId?: string;
  InstanceType?: string;
  State?: { Name?: string };
  InstanceLifecycle?: string;
  LaunchTime?: Date;
  Tags?: Array<{ Key?: string; Value?: string }>;
  StateReason?: { Code?: string };
}): RunnerInstance {
  const tag = (key: string) => instance.Tags?.find((t) => t.Key === key)?.Value;
  const time = (value: string | undefined) => {
    const ms = value === undefined ? Number.NaN : Date.parse(value);
    return Number.isFinite(ms) ? ms : undefined;
  };
  return {
    instanceId: instance.InstanceId ?? '',
    instanceType: instance.InstanceType ?? '',
    state: instance.State?.Name ?? 'unknown',
    market: instance.InstanceLifecycle === 'spot' ? 'spot' : 'on-demand',
    launchedAt: instance.LaunchTime?.getTime() ?? 0,
    repo: tag(tagKeys.repo),
    runId: tag(tagKeys.runId),
    label: tag(tagKeys.label),
    runnerName: tag(tagKeys.runnerName),
    expiresAt: time(tag(tagKeys.expiresAt)),
    reapMarkedAt: time(tag(tagKeys.reapMarkedAt)),
    stateReason: instance.StateReason?.Code,
  };
}

/** A runner label: what `runs-on` names and what a runner name is built from. */
export const labelPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The label of a launch when none is given: unique per run and attempt, so a job can only land on this runner. */
export function defaultLabel(runId: string, attempt: number): string {
  return `mlops-${runId.replace(/[^A-Za-z0-9]/g, '')}-${attempt}`;
}
