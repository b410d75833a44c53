import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assetPath } from '../../lib/package-root.js';
import { CHURN_BAD_PROBLEMS, CHURN_CATEGORIES, CHURN_COLUMNS, CHURN_SPLITS, churnCsv, churnFileName } from '../../fixtures/datasets/churn.js';
import { churnPath, datasetPath } from '../../fixtures/datasets/paths.js';
import { createRng, mulberry32 } from '../../fixtures/datasets/prng.js';
import { parseCsv } from '../../fixtures/trainer/csv.js';

const column = (rows: string[][], name: (typeof CHURN_COLUMNS)[number]): string[] => rows.map((r) => r[CHURN_COLUMNS.indexOf(name)]!);
const mean = (values: string[]): number => values.reduce((a, v) => a + Number(v), 0) / values.length;

describe('churn dataset', () => {
  it('mulberry32 gives the reference sequence', () => {
    const next = mulberry32(42);
    // First outputs of the reference implementation for seed 42.
    assert.deepEqual([next(), next(), next()].map((v) => Math.round(v * 4294967296)), [2581720956, 1925393290, 3661312704]);
    assert.equal(createRng(1).int(1, 6), createRng(1).int(1, 6));
  });

  it('generating twice gives the same bytes, equal to the committed files', () => {
    for (const split of CHURN_SPLITS) {
      const text = churnCsv(split);
      assert.equal(churnCsv(split), text);
      assert.equal(readFileSync(churnPath(split), 'utf8'), text, `${churnFileName(split)} is stale: run fixtures/datasets/generate-churn.ts`);
    }
  });

  it('the generator CLI writes the same files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'churn-'));
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', assetPath('fixtures', 'datasets', 'generate-churn.ts'), '--out', dir], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      for (const split of CHURN_SPLITS) assert.ok(readFileSync(join(dir, churnFileName(split))).equals(readFileSync(churnPath(split))));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sizes, churn rates and the shift', () => {
    const rows = Object.fromEntries(CHURN_SPLITS.map((s) => [s, parseCsv(readFileSync(churnPath(s), 'utf8'), s).rows]));
    assert.deepEqual(CHURN_SPLITS.map((s) => rows[s]!.length), [2000, 1000, 1000, 300]);
    assert.equal(mean(column(rows.train!, 'churned')), 565 / 2000);
    assert.equal(mean(column(rows.test!, 'churned')), 269 / 1000);
    assert.equal(mean(column(rows.shifted!, 'churned')), 580 / 1000);
    // Shifted: shorter tenure, higher charges, more support calls, more customers in the south.
    assert.ok(mean(column(rows.shifted!, 'tenure_months')) < mean(column(rows.test!, 'tenure_months')) - 10);
    assert.ok(mean(column(rows.shifted!, 'monthly_charges')) > mean(column(rows.test!, 'monthly_charges')) + 8);
    assert.ok(mean(column(rows.shifted!, 'support_calls')) > mean(column(rows.test!, 'support_calls')) + 1);
    const south = (r: string[][]): number => column(r, 'region').filter((v) => v === 'south').length / r.length;
    assert.ok(south(rows.shifted!) > south(rows.test!) + 0.15);
  });

  it('churn-bad has exactly the planted problems, at the documented lines', () => {
    const table = parseCsv(readFileSync(churnPath('bad'), 'utf8'), 'churn-bad.csv');
    const found: { line: number; column: string; value: string }[] = [];
    table.rows.forEach((row, i) => {
      row.forEach((value, c) => {
        const name = CHURN_COLUMNS[c]!;
        const categories = (CHURN_CATEGORIES as Record<string, readonly string[]>)[name];
        const bad = categories
          ? !categories.includes(value)
          : name === 'customer_id'
            ? !/^C\d{6}$/.test(value)
            : value === '' || Number(value) < 0 || (name === 'satisfaction_score' && Number(value) > 5);
        if (bad) found.push({ line: table.lines[i]!, column: name, value });
      });
    });
    assert.deepEqual(found, CHURN_BAD_PROBLEMS.map(({ line, column, value }) => ({ line, column, value })));
    const readme = readFileSync(join(assetPath('fixtures', 'datasets'), 'README.md'), 'utf8');
    for (const p of CHURN_BAD_PROBLEMS) assert.ok(readme.includes(`| ${p.line} | \`${p.column}\``), `README lacks line ${p.line}`);
  });

  it('iris and breast-cancer have clean headers and their sizes', () => {
    const iris = parseCsv(readFileSync(datasetPath('iris'), 'utf8'), 'iris.csv');
    assert.deepEqual(iris.header, ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm', 'species']);
    assert.equal(iris.rows.length, 150);
    const bc = parseCsv(readFileSync(datasetPath('breast-cancer'), 'utf8'), 'breast-cancer.csv');
    assert.equal(bc.header.length, 31);
    assert.deepEqual([bc.header[0], bc.header[10], bc.header[29], bc.header[30]], ['mean_radius', 'radius_error', 'worst_fractal_dimension', 'diagnosis']);
    assert.equal(bc.rows.length, 569);
    assert.equal(bc.rows.filter((r) => r[30] === 'malignant').length, 212);
  });
});
