import type { ProfileBody } from '../contracts/profile.js';
import { allowedExpectation } from './expectations/allowed.js';
import { baselineMeanExpectation, baselineMissingExpectation, baselineNewCategoriesExpectation } from './expectations/baseline.js';
import { classBalanceExpectation } from './expectations/class-balance.js';
import { columnOrderExpectation, noExtraColumnsExpectation } from './expectations/columns.js';
import { compareExpectation } from './expectations/compare.js';
import { lengthExpectation } from './expectations/length.js';
import { splitOverlapExpectation, targetLeakageExpectation } from './expectations/leakage.js';
import { maxMissingExpectation, notNullExpectation } from './expectations/missing.js';
import { rangeExpectation } from './expectations/range.js';
import { regexExpectation } from './expectations/regex.js';
import { rowCountExpectation } from './expectations/row-count.js';
import { typeExpectation } from './expectations/type.js';
import { uniqueExpectation } from './expectations/unique.js';
import type { DataSchema, Evaluator } from './types.js';

/** Baseline defaults (docs/validation.md): k = 3 standard deviations, +5 points of missing values, 1 % new categories. */
export const baselineDefaults = { meanWithinStd: 3, maxMissingIncrease: 0.05, maxNewCategoryShare: 0.01 } as const;

/** What besides the schema decides which expectations run. */
export interface EvaluatorOptions {
  baseline?: ProfileBody;
  /** Names of the `--split`s, in order; `split_overlap` runs with two or more. */
  splits?: string[];
}

/** One evaluator per expectation the schema (and the options) ask for, in report order. Ids are unique. */
export function buildEvaluators(schema: DataSchema, options: EvaluatorOptions = {}): Evaluator[] {
  const out: Evaluator[] = [];
  const used = new Map<string, number>();
  // Two expectations of the same kind on the same column (rare, but legal with compare) get `#2`, `#3`…
  const uniqueId = (id: string) => {
    const n = (used.get(id) ?? 0) + 1;
    used.set(id, n);
    return n === 1 ? id : `${id}#${n}`;
  };
  const names = schema.columns.map((c) => c.name);

  if (schema.order === 'strict') out.push(columnOrderExpectation(uniqueId('column_order'), names));
  if (schema.extraColumns === 'forbid') out.push(noExtraColumnsExpectation(uniqueId('no_extra_columns'), names));
  if (schema.rows) out.push(rowCountExpectation(uniqueId(schema.rows.id ?? 'row_count'), schema.rows));

  for (const c of schema.columns) {
    const column = c.name;
    const mostly = c.mostly ?? schema.mostly ?? 1;
    const meta = (expectation: string, spec?: { id?: string; mostly?: number }) => ({
      id: uniqueId(spec?.id ?? `${column}.${expectation}`),
      column,
      expectation,
      mostly: spec?.mostly ?? mostly,
    });
    if (c.nullable === false) out.push(notNullExpectation(meta('not_null')));
    if (c.maxMissing !== undefined) out.push(maxMissingExpectation(meta('max_missing'), c.maxMissing));
    if (c.type) out.push(typeExpectation(meta('type'), c.type));
    if (c.range) out.push(rangeExpectation(meta('in_range', c.range), c.range));
    if (c.allowed) {
      const spec = Array.isArray(c.allowed) ? { values: c.allowed } : c.allowed;
      out.push(allowedExpectation(meta('in_set', spec), spec.values));
    }
    if (c.regex !== undefined) {
      const spec = typeof c.regex === 'string' ? { pattern: c.regex } : c.regex;
      out.push(regexExpectation(meta('regex', spec), spec.pattern, 'ignoreCase' in spec && spec.ignoreCase === true));
    }
    if (c.length) out.push(lengthExpectation(meta('length', c.length), c.length));
    if (c.unique !== undefined && c.unique !== false) out.push(uniqueExpectation(meta('unique', c.unique === true ? undefined : c.unique)));
  }

  for (const cmp of schema.compare ?? []) {
    const id = uniqueId(cmp.id ?? `${cmp.left}${cmp.op}${cmp.right}`);
    out.push(compareExpectation({ id, expectation: 'compare', mostly: cmp.mostly ?? schema.mostly ?? 1 }, cmp.left, cmp.op, cmp.right));
  }

  const balance = schema.classBalance;
  const balanceColumn = balance?.column ?? schema.target;
  if (balance && balanceColumn) out.push(classBalanceExpectation(uniqueId(balance.id ?? `${balanceColumn}.class_balance`), balanceColumn, balance));

  if (schema.target !== undefined && schema.leakage?.target !== false) out.push(targetLeakageExpectation(uniqueId('target_leakage'), schema.target));
  if ((options.splits?.length ?? 0) >= 2) {
    out.push(splitOverlapExpectation(uniqueId('split_overlap'), { maxOverlapRows: schema.leakage?.maxOverlapRows ?? 0, ignoreColumns: schema.leakage?.ignoreColumns ?? [] }));
  }

  if (options.baseline) {
    const settings = { ...baselineDefaults, ...schema.baseline };
    const wanted = new Set(schema.baseline?.columns ?? names);
    for (const profile of options.baseline.columns) {
      if (!wanted.has(profile.name) || !names.includes(profile.name)) continue;
      const column = profile.name;
      if (profile.mean !== undefined && profile.variance !== undefined) {
        out.push(baselineMeanExpectation(uniqueId(`${column}.baseline_mean`), column, profile, settings.meanWithinStd));
      }
      out.push(baselineMissingExpectation(uniqueId(`${column}.baseline_missing`), column, profile, settings.maxMissingIncrease));
      if (profile.topK && ['categorical', 'string', 'boolean'].includes(profile.type)) {
        out.push(baselineNewCategoriesExpectation(uniqueId(`${column}.baseline_new_categories`), column, profile, settings.maxNewCategoryShare));
      }
    }
  }
  return out;
}
