import { dirname, basename } from 'node:path';
import { checkConfig, defaultConfigPath, type ConfigCheckResult } from '../../lib/config/index.js';
import { formatDiagnostic } from '../../lib/errors.js';
import { addFormatOptions, diagnosticToWorkflowCommand, resolveFormat } from '../output.js';
import type { CommandContext, CommandModule } from '../program.js';

interface CheckOptions {
  config: string;
  repoRoot?: string;
  format?: string;
  json?: boolean;
}

/** `mlops config …`: work with the repository config, `.github/mlops.yml`. */
export const configCommand: CommandModule = {
  register(program, run) {
    const config = program.command('config').description('work with the repository config (.github/mlops.yml)');
    const check = config
      .command('check')
      .description('check the config and the policies its models use; exit 0 when valid, 2 otherwise')
      .option('--config <file>', 'config file', defaultConfigPath)
      .option('--repo-root <dir>', 'repository root holding .github/mlops/policies/ (default: the folder above the config\'s .github/, else the current directory)');
    addFormatOptions(check, ['text', 'json', 'github']);
    check.action(run(checkCommand));
  },
};

async function checkCommand(options: CheckOptions, ctx: CommandContext): Promise<number> {
  const file = options.config;
  const repoRoot = options.repoRoot ?? (basename(dirname(file)) === '.github' ? dirname(dirname(file)) : '.');
  const result = await checkConfig(file, { cwd: ctx.cwd, policies: { repoRoot, cwd: ctx.cwd } });
  const format = resolveFormat(options);
  if (format === 'json') ctx.io.stdout(JSON.stringify(jsonResult(result), null, 2));
  else {
    if (format === 'github') for (const d of result.diagnostics) ctx.io.stdout(diagnosticToWorkflowCommand(d));
    // A heading only where several findings share one cause (an invalid document); a single error is its diagnostic.
    if (result.error && ['invalid-document', 'invalid-policy'].includes(result.error.code)) ctx.io.stderr(`error: ${result.error.message}`);
    for (const d of result.diagnostics) ctx.io.stderr(formatDiagnostic(d));
    if (result.ok) for (const line of summary(result)) ctx.io.stdout(line);
  }
  return result.ok ? 0 : 2;
}

/** `--format json`: `{ok, file, models, diagnostics}` (+ `error` when invalid). */
function jsonResult(result: ConfigCheckResult): object {
  const { ok, file, models, diagnostics, error } = result;
  return { ok, file, models, diagnostics, ...(error ? { error } : {}) };
}

function summary(result: ConfigCheckResult): string[] {
  const n = result.models.length;
  const tiers = [...new Set(result.models.map((m) => m.policy))].join(', ');
  const lines = [`${result.file}: valid — ${n} model${n === 1 ? '' : 's'}, polic${tiers.includes(',') ? 'ies' : 'y'} ${tiers}`];
  for (const m of result.models) {
    const overridden = m.policySources.length > 1 || m.policySources.some((s) => s.includes('.github/mlops/policies'));
    lines.push(`  ${m.name}: owner ${m.owner}, risk ${m.risk}, policy ${m.policy}${overridden ? ' (repository override)' : ''}, stages ${m.stages.join(' → ')}`);
  }
  return lines;
}
