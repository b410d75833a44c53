import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { createReport, parseReport, writeReport, type GateInput, type GateReport, type Report, type ReportKind } from '../../lib/contracts/index.js';
import { BadInputError } from '../../lib/errors.js';
import { decideGate, gatePassed } from '../../lib/gate/decide-gate.js';
import { gateCheckSummaryView } from '../../lib/gate/check-summary-view.js';
import { loadPolicy, repoPolicyDir, type LoadedPolicy } from '../../lib/policies/index.js';
import { toolVersion } from '../../lib/package-root.js';
import { createTemplateRegistry } from '../../lib/templates/index.js';
import { runUrl, subjectFromEnv } from '../data-input.js';
import { addFormatOptions, resolveFormat, usageError } from '../output.js';
import type { CommandContext, CommandModule } from '../program.js';

interface GateOptions {
  policy: string;
  evaluation?: string;
  validation?: string;
  drift?: string;
  primaryMetric?: string;
  model?: string;
  report?: string;
  format?: string;
  json?: boolean;
}

/** `mlops gate`: a policy's rules over evaluation, validation and drift reports into an mlops/gate report. */
export const gateCommand: CommandModule = {
  register(program, run) {
    const cmd = program
      .command('gate')
      .description('decide a policy (policies/risk-*.yml or your own) over the evaluation, validation and drift reports; exit 0 all rules pass, 1 refused, 2 bad input')
      .requiredOption('--policy <name|file>', 'a policy name (risk-low, risk-medium, risk-high, or .github/mlops/policies/NAME.yml) or a policy file path')
      .option('--evaluation <file>', 'the mlops/evaluation report')
      .option('--validation <file>', 'the mlops/validation report (for validation_passed)')
      .option('--drift <file>', 'the mlops/drift report (for no_open_drift)')
      .option('--primary-metric <name>', "what `metric: primary` means (default: the evaluation's first metric)")
      .option('--model <name>', 'model name for the summary')
      .option('--report <file>', 'write the mlops/gate report here');
    addFormatOptions(cmd, ['text', 'json', 'markdown']);
    cmd.action(run(gate));
  },
};

async function readInput<K extends ReportKind>(ctx: CommandContext, file: string, kind: K): Promise<{ report: Report<K>; input: GateInput }> {
  const path = resolve(ctx.cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new BadInputError('unreadable-report', `${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { location: { file }, hint: 'check the report path', cause: error });
  }
  const report = parseReport(text, file, kind);
  return { report, input: { kind, version: report.version, path: file, sha256: createHash('sha256').update(text).digest('hex') } };
}

/** A policy named by tier, by repository file, or by a path to any policy file. */
async function openPolicy(ctx: CommandContext, policy: string): Promise<LoadedPolicy> {
  if (!/\.ya?ml$/i.test(policy) && !policy.includes('/')) return loadPolicy(policy, { repoRoot: '.', cwd: ctx.cwd });
  const absolute = resolve(ctx.cwd, policy);
  const name = basename(absolute).replace(/\.ya?ml$/i, '');
  const repoDir = resolve(ctx.cwd, repoPolicyDir);
  if (dirname(absolute) === repoDir) return loadPolicy(name, { repoRoot: '.', cwd: ctx.cwd });
  // Any other file: its folder acts as the tier folder, so `extends` finds its siblings.
  return loadPolicy(name, { shippedDir: dirname(absolute) });
}

async function gate(options: GateOptions, ctx: CommandContext): Promise<number> {
  if (!options.evaluation && !options.validation && !options.drift) throw usageError('give at least one report: --evaluation, --validation or --drift');
  const loaded = await openPolicy(ctx, options.policy);
  for (const w of loaded.warnings) ctx.io.stderr(`warning: ${w.location.file}: ${w.message}`);
  const evaluation = options.evaluation ? await readInput(ctx, options.evaluation, 'mlops/evaluation') : undefined;
  const validation = options.validation ? await readInput(ctx, options.validation, 'mlops/validation') : undefined;
  const drift = options.drift ? await readInput(ctx, options.drift, 'mlops/drift') : undefined;
  const rules = decideGate(loaded.policy, {
    ...(evaluation ? { evaluation: evaluation.report } : {}),
    ...(validation ? { validation: validation.report } : {}),
    ...(drift ? { drift: drift.report } : {}),
    ...(options.primaryMetric ? { primaryMetric: options.primaryMetric } : {}),
  });
  const sources = [];
  for (const source of loaded.sources) {
    const path = resolve(ctx.cwd, source.file);
    const shown = path.startsWith(ctx.cwd + sep) ? relative(ctx.cwd, path) : source.file;
    sources.push({ path: shown, sha256: createHash('sha256').update(await readFile(path)).digest('hex') });
  }
  const passed = gatePassed(rules);
  const { dataset: _dataset, ...context } = subjectFromEnv(ctx.env, [], 0);
  const evaluated = evaluation?.report.subject;
  const subject = { ...context, ...(evaluated?.model ? { model: evaluated.model } : {}), ...(evaluated?.dataset ? { dataset: evaluated.dataset } : {}) };
  if (Object.keys(subject).length === 0) subject.model = { sha256: sources[0]!.sha256, name: `policy ${loaded.name}` };
  const report: GateReport = createReport('mlops/gate', {
    passed,
    policy: { tier: loaded.name, sources },
    rules,
    inputs: [evaluation, validation, drift].filter((x) => x !== undefined).map((x) => x!.input),
  }, { subject });
  if (options.report) await writeReport(resolve(ctx.cwd, options.report), report);
  const format = resolveFormat(options);
  if (format === 'json') ctx.io.stdout(JSON.stringify(report, null, 2));
  else if (format === 'markdown') {
    const url = runUrl(ctx.env);
    const view = gateCheckSummaryView(report, evaluation?.report, {
      model: options.model ?? evaluated?.model?.name ?? 'model',
      commitSha: ctx.env.GITHUB_SHA ?? 'local',
      toolVersion: toolVersion(),
      generatedAt: report.createdAt,
      ...(url ? { runUrl: url } : {}),
    });
    ctx.io.stdout(await createTemplateRegistry().render('check-summary', view));
  } else {
    ctx.io.stdout(`gate ${passed ? 'passed' : 'refused'}: policy ${loaded.name}, ${rules.filter((r) => r.passed).length} of ${rules.length} rules pass`);
    for (const r of rules) ctx.io.stdout(`  ${r.passed ? 'pass' : 'FAIL'} ${r.id}: ${r.reason}`);
  }
  return passed ? 0 : 1;
}
