/**
 * `mlops runner launch|stop|reap|list`: ephemeral EC2 GPU runners (runners/). Credentials come from the environment:
 * AWS through the SDK's own variables, GitHub from GITHUB_API_URL and GITHUB_TOKEN (a token that may administer the
 * repository's runners). In GitHub Actions every credential is masked before anything can print it.
 */
import type { Command } from 'commander';
import { parseDuration } from '../../lib/config/duration.js';
import { BadInputError } from '../../lib/errors.js';
import { marketChoices, type MarketChoice } from '../../lib/runners/launch-plan.js';
import { defaultLabel, labelPattern } from '../../lib/runners/tags.js';
import type { ResumeDecision } from '../../runners/resume.js';
import { addFormatOptions, resolveFormat } from '../output.js';
import type { CommandContext, CommandModule } from '../program.js';

type Opts = Record<string, string | boolean | undefined>;
const at = (sub: string, path: string) => ({ file: `mlops runner ${sub}`, path });

function repoOf(options: Opts, ctx: CommandContext, sub: string) {
  const text = (options.repo as string | undefined) ?? ctx.env.GITHUB_REPOSITORY;
  const m = text ? /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(text) : null;
  if (!m) throw new BadInputError('bad-repo', `--repo must be owner/name, got ${JSON.stringify(text ?? '')}`, { location: at(sub, 'repo'), hint: 'pass --repo acme/churn-model (defaults to GITHUB_REPOSITORY)' });
  return { owner: m[1]!, repo: m[2]! };
}

function duration(text: string, sub: string, flag: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new BadInputError('bad-duration', `--${flag} must be a duration like 10m or 6h, got ${JSON.stringify(text)}`, { location: at(sub, flag) });
  return ms;
}

const list = (text: string | undefined) => (text ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');

async function deps(ctx: CommandContext) {
  // The AWS SDK and Octokit load only when a runner command runs: they would double every other command's start-up.
  const { createEc2, createGithub } = await import('../../runners/clients.js');
  const ec2 = createEc2(ctx.env);
  const github = createGithub(ctx.env, ctx.env.MLOPS_RUNNER_TOKEN ?? ctx.env.GITHUB_TOKEN);
  // core.setSecret's wire form: the runner masks the value in every later log line.
  const inActions = ctx.env.GITHUB_ACTIONS === 'true';
  return {
    ec2: ec2.client, octokit: github.octokit, serverTime: () => ec2.seen.serverTime,
    onSecret: (value: string) => void (inActions && ctx.io.stdout(`::add-mask::${value}`)),
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    random: Math.random, clock: () => performance.now(), log: (line: string) => ctx.io.stderr(line),
    close: () => ec2.client.destroy(),
  };
}

function print(ctx: CommandContext, options: Opts, value: unknown, text: string[]): void {
  if (resolveFormat(options) === 'json') ctx.io.stdout(JSON.stringify(value, null, 2));
  else for (const line of text) ctx.io.stdout(line);
}

async function launch(options: Opts, ctx: CommandContext): Promise<number> {
  const repo = repoOf(options, ctx, 'launch');
  const runId = (options.runId as string | undefined) ?? ctx.env.GITHUB_RUN_ID ?? '';
  if (!/^[A-Za-z0-9-]{1,40}$/.test(runId)) throw new BadInputError('bad-run-id', `--run-id must be set (GITHUB_RUN_ID in a workflow), got ${JSON.stringify(runId)}`, { location: at('launch', 'run-id'), hint: 'the ClientToken is derived from it, so a retried step never launches twice' });
  const attempt = Number((options.attempt as string | undefined) ?? ctx.env.GITHUB_RUN_ATTEMPT ?? '1');
  const label = (options.label as string | undefined) ?? defaultLabel(runId, attempt);
  if (!labelPattern.test(label)) throw new BadInputError('bad-label', `--label ${JSON.stringify(label)} is not a runner label`, { location: at('launch', 'label'), hint: 'letters, digits, . _ -, at most 64 characters' });
  const market = options.market as MarketChoice;
  if (!marketChoices.includes(market)) throw new BadInputError('bad-market', `--market must be one of ${marketChoices.join(', ')}`, { location: at('launch', 'market') });
  const diskGb = Number(options.diskGb);
  if (!Number.isInteger(diskGb) || diskGb < 8) throw new BadInputError('bad-disk', '--disk-gb must be a whole number ≥ 8', { location: at('launch', 'disk-gb') });
  const d = await deps(ctx);
  try {
    const { startRunner } = await import('../../runners/start.js');
    const result = await startRunner({
      repo, label, runId, attempt, instanceTypes: list(options.instanceTypes as string), subnets: list(options.subnets as string), market,
      ...(options.maxPrice ? { maxPrice: String(options.maxPrice) } : {}), ...(options.imageId ? { imageId: String(options.imageId) } : {}),
      ...(options.imageSsmParam ? { imageSsmParam: String(options.imageSsmParam) } : {}), diskGb, ttlMs: duration(String(options.ttl), 'launch', 'ttl'),
      publicIp: Boolean(options.publicIp), securityGroupIds: list(options.securityGroups as string | undefined),
      ...(options.runnerDir ? { runnerDir: String(options.runnerDir) } : {}), ...(options.instanceProfile ? { instanceProfile: String(options.instanceProfile) } : {}),
      waitOnlineMs: options.waitOnline === '0' ? 0 : duration(String(options.waitOnline), 'launch', 'wait-online'), pollMs: duration(String(options.poll), 'launch', 'poll'),
    }, d, ctx.env);
    print(ctx, options, result, [`runner ${result.runnerName} (label ${result.label}) on ${result.market} ${result.instanceType} ${result.instanceId}${result.onlineAfterMs === null ? '' : `, online after ${(result.onlineAfterMs / 1000).toFixed(1)} s`}; expires ${result.expiresAt}`]);
    return 0;
  } finally {
    d.close();
  }
}

async function stop(options: Opts, ctx: CommandContext): Promise<number> {
  const repo = repoOf(options, ctx, 'stop');
  if (!options.label) throw new BadInputError('missing-label', '--label is required', { location: at('stop', 'label') });
  const d = await deps(ctx);
  try {
    const { stopRunner } = await import('../../runners/stop.js');
    const result = await stopRunner({ repo, label: String(options.label) }, d);
    const interrupted = result.spotInterrupted || options.interrupted === 'true';
    let resume: ResumeDecision | undefined;
    if (interrupted && options.resumeWorkflow) {
      const fromRunId = ctx.env.GITHUB_RUN_ID;
      const ref = (options.ref as string | undefined) ?? ctx.env.GITHUB_REF_NAME ?? ctx.env.GITHUB_REF;
      if (!fromRunId || !ref) throw new BadInputError('missing-env', 'resuming needs GITHUB_RUN_ID and --ref (or GITHUB_REF_NAME)', { location: at('stop', 'resume-workflow') });
      const { dispatchResume } = await import('../../runners/resume.js');
      resume = await dispatchResume(d.octokit, { repo, workflow: String(options.resumeWorkflow), ref, fromRunId, resumeCount: Number(options.resumeCount ?? 0), maxResumes: Number(options.maxResumes) });
    }
    const out = { ...result, interrupted, resume: resume ?? null };
    print(ctx, options, out, [
      `stopped ${result.label}: terminated ${result.terminated.join(', ') || 'nothing'}; runners removed ${result.removedRunners.join(', ') || 'none'}`,
      ...(interrupted ? [`interrupted: ${resume ? (resume.dispatched ? `resume #${resume.resumeCount} dispatched` : `not resumed (${resume.reason})`) : 'no --resume-workflow'}`] : []),
    ]);
    return 0;
  } finally {
    d.close();
  }
}

async function reap(options: Opts, ctx: CommandContext): Promise<number> {
  const repo = repoOf(options, ctx, 'reap');
  let now: number | undefined;
  if (options.now) {
    now = Date.parse(String(options.now));
    if (!Number.isFinite(now)) throw new BadInputError('bad-now', `--now must be an ISO 8601 time, got ${JSON.stringify(options.now)}`, { location: at('reap', 'now') });
  }
  const d = await deps(ctx);
  try {
    const { reapRunners } = await import('../../runners/reap.js');
    const result = await reapRunners({ repo, ...(now !== undefined ? { now } : {}), graceMs: duration(String(options.grace), 'reap', 'grace'), markAgeMs: duration(String(options.markAge), 'reap', 'mark-age'), dryRun: Boolean(options.dryRun) }, d);
    const p = result.plan;
    print(ctx, options, result, [
      `reap${result.dryRun ? ' (dry run)' : ''} at ${result.now} (${result.nowSource}): ${result.scanned} instances`,
      ...p.terminate.map((t) => `  terminate ${t.instanceId} (${t.reason})`),
      ...p.mark.map((m) => `  mark ${m.instanceId} (${m.reason}; terminated on a later pass if still so)`),
      ...p.removeRunners.map((r) => `  remove runner ${r.name}`),
    ]);
    return 0;
  } finally {
    d.close();
  }
}

async function listCommand(options: Opts, ctx: CommandContext): Promise<number> {
  const repo = repoOf(options, ctx, 'list');
  const d = await deps(ctx);
  try {
    const { findRunnerInstances, listRunners } = await import('../../runners/find.js');
    const instances = await findRunnerInstances(d.ec2, d, { repo });
    const runners = (await listRunners(d.octokit, repo)).filter((r) => r.name.startsWith('mlops-'));
    print(ctx, options, { instances, runners }, [
      ...instances.map((i) => `${i.instanceId}  ${i.state.padEnd(13)} ${i.market.padEnd(9)} ${i.instanceType.padEnd(12)} ${i.label ?? '-'}  expires ${i.expiresAt ? new Date(i.expiresAt).toISOString() : '-'}`),
      ...runners.map((r) => `runner ${r.name}  ${r.status}${r.busy ? ' busy' : ''}`),
      ...(instances.length + runners.length === 0 ? ['no gh-mlops runners'] : []),
    ]);
    return 0;
  } finally {
    d.close();
  }
}

/** `mlops runner`. */
export const runnerCommand: CommandModule = {
  register(program, run) {
    const runner = program.command('runner').description('ephemeral EC2 GPU runners: launch, stop, reap, list (see docs/runners.md)');
    const sub = (name: string, description: string): Command => runner.command(name).description(description).option('--repo <owner/name>', 'repository (default GITHUB_REPOSITORY)');
    const launchCmd = sub('launch', 'register a one-job runner and start its instance; exit 0 online, 1 no capacity / not online / refused, 2 bad input')
      .option('--label <label>', 'runner label for runs-on (default mlops-<run id>-<attempt>)')
      .option('--run-id <id>', 'workflow run id (default GITHUB_RUN_ID)')
      .option('--attempt <n>', 'run attempt (default GITHUB_RUN_ATTEMPT)')
      .requiredOption('--instance-types <list>', 'instance types in order of preference, e.g. g5.xlarge,g4dn.xlarge')
      .option('--subnets <list>', 'subnet ids to try in order (default: the default subnet)')
      .option('--market <market>', `${marketChoices.join(' | ')}`, 'spot-then-on-demand')
      .option('--max-price <usd>', 'Spot price cap per hour')
      .option('--image-id <ami>', 'machine image')
      .option('--image-ssm-param <name>', 'SSM parameter holding the image id (resolved by EC2)')
      .option('--disk-gb <n>', 'encrypted gp3 root volume size', '100')
      .option('--ttl <duration>', 'the instance powers off at launch + ttl at the latest', '6h')
      .option('--wait-online <duration>', 'wait until the runner is online (0: do not wait)', '10m')
      .option('--poll <duration>', 'runner poll interval while waiting', '2s')
      .option('--security-groups <list>', 'security group ids')
      .option('--public-ip', 'give the instance a public IP (default: none)')
      .option('--instance-profile <name>', 'IAM instance profile (e.g. read access to training data)')
      .option('--runner-dir <dir>', 'pre-baked image: the installed actions/runner folder (no download at boot)');
    addFormatOptions(launchCmd, ['text', 'json']).action(run(launch));
    const stopCmd = sub('stop', 'terminate the label\'s instances and remove its runner; with --resume-workflow, resume interrupted training')
      .option('--label <label>', 'the runner label launched')
      .option('--interrupted <bool>', 'the training job reported a Spot interruption (besides EC2\'s own marker)')
      .option('--resume-workflow <file>', 'on interruption, dispatch this workflow to resume from the checkpoint')
      .option('--ref <ref>', 'ref to dispatch it on (default GITHUB_REF_NAME)')
      .option('--resume-count <n>', 'resumes so far', '0')
      .option('--max-resumes <n>', 'most resumes of one training', '2');
    addFormatOptions(stopCmd, ['text', 'json']).action(run(stop));
    const reapCmd = sub('reap', 'terminate expired or abandoned runner instances (two-phase) and remove offline runners')
      .option('--dry-run', 'only print what would be done')
      .option('--now <iso>', 'the time to judge expiry by (default: the EC2 endpoint\'s Date header)')
      .option('--grace <duration>', 'how long a runner may take to come online', '15m')
      .option('--mark-age <duration>', 'how old a mark must be before the instance is terminated', '5m');
    addFormatOptions(reapCmd, ['text', 'json']).action(run(reap));
    addFormatOptions(sub('list', 'list gh-mlops runner instances and runners'), ['text', 'json']).action(run(listCommand));
  },
};
