import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { inferSchema, formatSchemaYaml } from '../../lib/validation/infer-schema.js';
import { dataSchemaSchemaPath, loadDataSchema } from '../../lib/validation/load-schema.js';
import { usageError } from '../output.js';
import type { CommandContext, CommandModule } from '../program.js';
import { collect, openDataInput } from '../data-input.js';

interface InferOptions {
  data?: string[];
  out?: string;
  target?: string;
  name?: string;
  maxCategories?: string;
  delimiter?: string;
  maxMalformed?: string;
}


/** `mlops schema …`: write and check data schemas. */
export const schemaCommand: CommandModule = {
  register(program, run) {
    const schema = program.command('schema').description('write and check data schemas (the contracts `mlops validate` checks)');
    schema
      .command('infer')
      .description('infer a data schema from a dataset, such that the same data passes it')
      .requiredOption('--data <path>', 'data file, directory or glob; repeatable', collect)
      .option('--out <file>', 'write the schema here (default: stdout)')
      .option('--target <column>', 'the label column')
      .option('--name <name>', 'dataset name to record')
      .option('--max-categories <n>', 'most distinct values for a categorical column with an allowed list', '50')
      .option('--delimiter <char>', 'CSV field delimiter')
      .option('--max-malformed <n>', 'skip up to n malformed records before failing', '0')
      .action(run(infer));
    schema
      .command('check')
      .description('check data schema files; exit 0 when all are valid, 2 otherwise')
      .argument('<files...>', 'data schema files (YAML)')
      .action(run(check));
  },
};

async function infer(options: InferOptions, ctx: CommandContext): Promise<number> {
  if (options.maxCategories !== undefined && !/^\d+$/.test(options.maxCategories)) throw usageError(`--max-categories must be a non-negative integer, got '${options.maxCategories}'`);
  const input = openDataInput(ctx, options);
  const schema = await inferSchema(input.batches, {
    ...(options.target ? { target: options.target } : {}),
    ...(options.name ? { name: options.name } : {}),
    ...(options.maxCategories ? { maxCategories: Number(options.maxCategories) } : {}),
  });
  if (options.target && !schema.columns.some((c) => c.name === options.target)) {
    throw usageError(`--target ${options.target} is not a column of the data; its columns are: ${schema.columns.map((c) => c.name).join(', ')}`);
  }
  if (!options.out) {
    ctx.io.stdout(formatSchemaYaml(schema, dataSchemaSchemaPath()));
    return 0;
  }
  const out = resolve(ctx.cwd, options.out);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, formatSchemaYaml(schema, relative(dirname(out), dataSchemaSchemaPath())), 'utf8');
  const rows = input.files.reduce((n, f) => n + f.rows, 0);
  ctx.io.stderr(`wrote ${options.out}: ${schema.columns.length} columns inferred from ${rows} rows; review it before relying on it`);
  return 0;
}

async function check(_options: object, ctx: CommandContext, ...files: string[]): Promise<number> {
  for (const file of files) {
    const { schema } = await loadDataSchema(resolve(ctx.cwd, file), file);
    ctx.io.stdout(`${file}: ok — ${schema.columns.length} columns`);
  }
  return 0;
}
