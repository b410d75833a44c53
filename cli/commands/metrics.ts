/**
 * `mlops metrics [--since 30d] [--model M] [--repo O/R] [--format text|json|markdown]`: the ML factory's flow metrics
 * (cycle time, throughput, scrap rate by reason, change-failure rate, drift time to resolve, GPU cost per production
 * version), computed from GitHub alone: GITHUB_API_URL and GITHUB_TOKEN (read access to contents, pull requests,
 * actions, deployments and issues).
 */
import type { Command } from 'commander';
import { parseDuration } from '../../lib/config/duration.js';
import { BadInputError } from '../../lib/errors.js';
import { flowMetrics } from '../../lib/metrics/flow-metrics.js';
import { metricsMarkdown, metricsText } from '../../lib/metrics/format-metrics.js';
import { addFormatOptions, resolveFormat } from '../output.js';
import type { CommandContext, CommandModule } from '../program.js';

interface MetricsOptions {
  since: string;
  until?: string;
  model?: string;
  repo?: string;
  stage: string;
  staleAfter: string;
  artifacts: boolean;
  format?: string;
  json?: boolean;
}

const at = (path: string) => ({ file: 'mlops metrics', path });

function duration(text: string, flag: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms === 0) throw new BadInputError('bad-duration', `--${flag} must be a duration like 30d or 12h, got ${JSON.stringify(text)}`, { location: at(flag), hint: 'whole numbers with units d, h, m, s: 30d, 7d12h' });
  return ms;
}

async function metrics(options: MetricsOptions, ctx: CommandContext): Promise<number> {
  const repoText = options.repo ?? ctx.env.GITHUB_REPOSITORY ?? '';
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repoText);
  if (!m) throw new BadInputError('bad-repo', `--repo must be owner/name, got ${JSON.stringify(repoText)}`, { location: at('repo'), hint: 'pass --repo acme/churn-model (defaults to GITHUB_REPOSITORY)' });
  const untilMs = options.until === undefined ? Date.now() : Date.parse(options.until);
  if (!Number.isFinite(untilMs)) throw new BadInputError('bad-until', `--until must be an ISO 8601 time, got ${JSON.stringify(options.until)}`, { location: at('until') });
  const since = new Date(untilMs - duration(options.since, 'since')).toISOString();
  const until = new Date(untilMs).toISOString();
  const staleAfterMs = duration(options.staleAfter, 'stale-after');
  const token = ctx.env.GITHUB_TOKEN;
  if (!token) throw new BadInputError('missing-token', 'GITHUB_TOKEN is not set', { location: at('GITHUB_TOKEN'), hint: 'a token that can read the repository (in a workflow: env: GITHUB_TOKEN: ${{ github.token }})' });
  const { Octokit } = await import('@octokit/rest'); // loaded only when metrics run: keeps other commands' start-up lean
  const { readFlowInput } = await import('../../app/github/flow-input.js');
  const octokit = new Octokit({ auth: token, baseUrl: ctx.env.GITHUB_API_URL ?? 'https://api.github.com', log: { debug() {}, info() {}, warn() {}, error() {} } });
  const read = await readFlowInput(octokit, { owner: m[1]!, repo: m[2]!, since, until, productionStage: options.stage, artifacts: options.artifacts });
  const result = flowMetrics(read.input, { since, until, model: options.model ?? null, productionStage: options.stage, staleAfterMs });
  const format = resolveFormat(options);
  if (format === 'json') ctx.io.stdout(JSON.stringify({ repository: `${m[1]}/${m[2]}`, models: read.models, requests: read.requests, ...result }, null, 2));
  else if (format === 'markdown') ctx.io.stdout(metricsMarkdown(result));
  else ctx.io.stdout(metricsText(result));
  if (ctx.io.verbose) ctx.io.stderr(`mlops metrics: ${read.requests} GitHub requests`);
  return 0;
}

/** `mlops metrics`: flow metrics of the repository's models from GitHub data. */
export const metricsCommand: CommandModule = {
  register(program: Command, run) {
    const cmd = program
      .command('metrics')
      .description('flow metrics from GitHub data: cycle time, throughput, scrap rate, change-failure rate, drift time to resolve, GPU cost per production version')
      .option('--since <duration>', 'window length, ending at --until', '30d')
      .option('--until <time>', 'end of the window (ISO 8601; default now)')
      .option('--model <name>', 'only this model')
      .option('--repo <owner/name>', 'repository (default GITHUB_REPOSITORY)')
      .option('--stage <name>', 'the stage that counts as production (environment <model>-<stage>)', 'production')
      .option('--stale-after <duration>', 'an open candidate untouched this long counts as abandoned', '14d')
      .option('--no-artifacts', 'read training reports from releases only, not from run artifacts');
    addFormatOptions(cmd, ['text', 'json', 'markdown']).action(run(metrics));
  },
};
