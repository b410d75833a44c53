import { appendFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createReport, readReport, writeReport, type ValidationReport } from '../../lib/contracts/index.js';
import { createTemplateRegistry } from '../../lib/templates/index.js';
import { loadDataSchema } from '../../lib/validation/load-schema.js';
import { formatText, schemaPathOf, selectAnnotations, toJobSummaryView } from '../../lib/validation/present.js';
import { validateDataset } from '../../lib/validation/validate.js';
import { collect, openDataInput, runUrl, subjectFromEnv } from '../data-input.js';
import { addFormatOptions, escapeWorkflowData, resolveFormat } from '../output.js';
import type { CommandContext, CommandModule } from '../program.js';

interface ValidateOptions {
  data?: string[];
  split?: string[];
  schema: string;
  baseline?: string;
  report?: string;
  summary?: string;
  delimiter?: string;
  maxMalformed?: string;
  format?: string;
  json?: boolean;
}

/** `mlops validate`: check a dataset against a data schema. */
export const validateCommand: CommandModule = {
  register(program, run) {
    const cmd = program
      .command('validate')
      .description('check a dataset against a data schema; exit 0 when every expectation passes, 1 when one fails, 2 on bad input')
      .option('--data <path>', 'data file, directory or glob (.csv, .tsv, .jsonl, .parquet, optionally .gz); repeatable', collect)
      .option('--split <name=path>', 'a named split (e.g. train=data/train.csv); repeatable; two or more check leakage between them', collect)
      .requiredOption('--schema <file>', 'data schema (YAML), see docs/validation.md')
      .option('--baseline <profile.json>', 'mlops/profile report to compare with (baseline expectations)')
      .option('--report <file>', 'write the mlops/validation report here')
      .option('--summary <file>', 'also append the Markdown summary to this file (e.g. "$GITHUB_STEP_SUMMARY")')
      .option('--delimiter <char>', 'CSV field delimiter (default , and tab for .tsv; \\t for tab)')
      .option('--max-malformed <n>', 'skip up to n malformed records (each is reported) before failing', '0');
    addFormatOptions(cmd, ['text', 'json', 'github', 'markdown']);
    cmd.action(run(validate));
  },
};

/** The job-summary Markdown of a validation report (the `job-summary-validation` template). */
async function renderSummary(report: ValidationReport, input: ReturnType<typeof openDataInput>, ctx: CommandContext): Promise<string> {
  const url = runUrl(ctx.env);
  const view = toJobSummaryView(report, {
    dataset: input.splits.map((s) => (s.name === '(data)' ? s.paths.join(', ') : `${s.name}=${s.paths.join(', ')}`)).join(' · '),
    commitSha: report.subject.commit?.sha ?? 'local',
    ...(ctx.env.GITHUB_REF ? { ref: ctx.env.GITHUB_REF } : {}),
    ...(url ? { runUrl: url } : {}),
  });
  return createTemplateRegistry().render('job-summary-validation', view);
}

async function validate(options: ValidateOptions, ctx: CommandContext): Promise<number> {
  const format = resolveFormat(options);
  const input = openDataInput(ctx, options);
  const schemaFile = options.schema;
  const loaded = await loadDataSchema(resolve(ctx.cwd, schemaFile), schemaFile);
  const baseline = options.baseline ? await readReport(resolve(ctx.cwd, options.baseline), 'mlops/profile') : undefined;
  const body = await validateDataset(input.batches, loaded, {
    malformed: input.malformed,
    ...(baseline ? { baseline } : {}),
    ...(input.splits.length >= 2 ? { splits: { names: input.splits.map((s) => s.name), of: () => input.current.split } } : {}),
  });
  const report = createReport('mlops/validation', body, { subject: subjectFromEnv(ctx.env, input.files, body.summary.rows) }) as ValidationReport;
  if (options.report) await writeReport(resolve(ctx.cwd, options.report), report);
  // One pass over the data serves both the annotations (--format github) and the job summary (--summary).
  if (options.summary) await appendFile(resolve(ctx.cwd, options.summary), `${await renderSummary(report, input, ctx)}\n`);

  if (format === 'json') {
    ctx.io.stdout(JSON.stringify(report, null, 2));
  } else if (format === 'markdown') {
    ctx.io.stdout(await renderSummary(report, input, ctx));
  } else if (format === 'github') {
    const { annotations, omitted } = selectAnnotations(body, {
      schemaFile,
      locateSchema: (r) => loaded.locate?.(schemaPathOf(r, loaded.schema)).line,
    });
    for (const a of annotations) {
      const props = [`file=${escapeWorkflowData(a.file, true)}`, ...(a.line === undefined ? [] : [`line=${a.line}`]), `title=${escapeWorkflowData(a.title, true)}`];
      ctx.io.stdout(`::error ${props.join(',')}::${escapeWorkflowData(a.message)}`);
    }
    if (omitted > 0) {
      const where = options.report ? ` in ${options.report}` : ' in the report (--report FILE)';
      ctx.io.stdout(`::notice title=More validation failures::${escapeWorkflowData(`${omitted} more failing rows or expectations are not annotated (GitHub shows 10 error annotations per step); see them${where}`)}`);
    }
    for (const line of formatText(body).slice(-1)) ctx.io.stdout(line);
  } else {
    for (const line of formatText(body)) ctx.io.stdout(line);
  }
  return body.passed ? 0 : 1;
}
