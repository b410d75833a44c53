import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { configReferencePath, readmePath, renderConfigReference, renderReadme } from '../../../scripts/gen-config-reference.js';

test('docs/config-reference.md is what scripts/gen-config-reference.ts generates from the schemas', () => {
  const committed = readFileSync(configReferencePath, 'utf8');
  assert.ok(committed === renderConfigReference(), 'docs/config-reference.md is stale: run `npx tsx scripts/gen-config-reference.ts`');
});

test('the reference lists every config key path with its default', () => {
  const text = renderConfigReference();
  for (const row of [
    '| `models[].training.runner.market` | `spot` \\| `on-demand` \\| `spot-then-on-demand` |  | `"spot-then-on-demand"` |',
    '| `models[].monitoring.schedule` | string |  | `"0 6 * * *"` |',
    '| `models[].promotion.stages[].name` | string | yes |  |',
    '| `gates[].max_slice_gap` | number |  |  |',
    '| `promotion.stages.<name>.min_role` | `read` \\| `triage` \\| `write` \\| `maintain` \\| `admin` |  | `"write"` |',
  ]) {
    assert.ok(text.includes(row), `missing row starting ${row}`);
  }
});

test("README.md's configuration reference section is the fresh generation", () => {
  const readme = readFileSync(readmePath, 'utf8');
  assert.ok(readme === renderReadme(readme), 'the config reference in README.md is stale: run `npx tsx scripts/gen-config-reference.ts`');
  assert.ok(readme.includes('### `.github/mlops.yml`'), 'the section carries the generated headings');
});
