import { runInProcess } from './in-process.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assetPath } from '../../lib/package-root.js';

const root = assetPath();

async function cli(...argv: string[]) {
  return runInProcess(argv, { cwd: root, env: {} });
}

const check = (file: string, ...more: string[]) => cli('config', 'check', '--config', `test/fixtures/configs/${file}`, ...more);

test('config check: the example config is valid (exit 0) and prints a summary of models and policies', async () => {
  const r = await cli('config', 'check', '--config', 'examples/.github/mlops.yml');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(
    r.stdout,
    [
      'examples/.github/mlops.yml: valid — 2 models, policies risk-medium, risk-high',
      '  churn: owner @acme/ml-team, risk medium, policy risk-medium, stages staging → production',
      '  retention-offer: owner @alice, risk high, policy risk-high (repository override), stages shadow → production',
    ].join('\n'),
  );
});

// Every broken fixture: exit 2, and exactly these `file:line:col: severity: message` lines on stderr.
const broken: Array<[string, string[]]> = [
  ['bad-yaml.yml', ['bad-yaml.yml:6:1: error: Missing closing "quote']],
  ['unknown-key.yml', ["unknown-key.yml:10:7: error: unknown key 'gaets' (at models[0].evaluation.gaets)", "  hint: did you mean 'gates'?"]],
  ['wrong-type.yml', ["wrong-type.yml:10:18: error: expected an integer, got '100' (at models[0].training.runner.disk_gb)"]],
  ['bad-cron.yml', ["bad-cron.yml:9:17: error: invalid cron expression '0 25 * * *': Constraint error, got value 25 expected range 0-23 (at models[0].monitoring.schedule)"]],
  ['cron-six-fields.yml', ["cron-six-fields.yml:7:17: error: cron expression '0 0 6 * * *' has 6 fields; expected 5 (minute hour day-of-month month day-of-week) (at models[0].monitoring.schedule)"]],
  ['unknown-risk.yml', ["unknown-risk.yml:5:11: error: 'hihg' is not one of: low, medium, high (at models[0].risk)", "  hint: did you mean 'high'?"]],
  ['alias-bomb.yml', ['alias-bomb.yml:3:8: error: YAML aliases expand past the limit of 50']],
  ['empty.yml', ['empty.yml:1:1: error: test/fixtures/configs/empty.yml is empty']],
  ['missing-name.yml', ["missing-name.yml:3:5: error: missing required key 'name' (at models[0])", '  hint: every model needs `name`, `owner` and `risk`']],
  ['duplicate-model.yml', ["duplicate-model.yml:9:11: error: duplicate model name 'churn' (first defined at line 3) (at models[2].name)"]],
  ['unknown-depends-on.yml', ["unknown-depends-on.yml:9:18: error: depends_on names unknown model 'featurse' (at models[1].depends_on[0])", "  hint: did you mean 'features'?"]],
  ['dependency-cycle.yml', ['dependency-cycle.yml:14:18: error: dependency cycle: a → b → c → a (at models[2].depends_on[0])']],
  [
    'duplicate-stage.yml',
    [
      "duplicate-stage.yml:10:17: error: duplicate stage name 'staging' (first defined at line 8) (at models[0].promotion.stages[2].name)",
      "duplicate-stage.yml:11:21: error: '6x' is not in the expected form (at models[0].promotion.stages[2].min_soak)",
      '  hint: a duration: whole numbers with units d, h, m, s, largest first, e.g. 30m, 6h, 7d or 1h30m',
    ],
  ],
  [
    'bad-gates.yml',
    [
      "bad-gates.yml:13:11: error: an absolute gate needs 'value' (the threshold) (at models[0].evaluation.gates[0].op)",
      "bad-gates.yml:14:19: warning: metric 'rocauc' is not one gh-mlops computes for task binary (at models[0].evaluation.gates[1].metric)",
      "  hint: did you mean 'roc_auc'?",
      'bad-gates.yml:17:11: error: the gate mixes the fields of absolute and relative gates (at models[0].evaluation.gates[2])',
    ],
  ],
  ['unknown-policy.yml', ["unknown-policy.yml:7:15: error: unknown policy 'risk-hgh' (at models[0].promotion.policy)", "  hint: did you mean 'risk-high'? (known policies: risk-high, risk-low, risk-medium)"]],
  ['not-a-mapping.yml', ['not-a-mapping.yml:1:1: error: expected a mapping, got a list (at (document root))']],
  [
    'bad-owner-and-version.yml',
    [
      'bad-owner-and-version.yml:1:10: error: expected 1, got 2 (at version)',
      "bad-owner-and-version.yml:3:11: error: 'Churn_Model' is not in the expected form (at models[0].name)",
      "bad-owner-and-version.yml:4:12: error: 'alice' is not in the expected form (at models[0].owner)",
      '  hint: a GitHub user `@alice` or a team `@org/team-slug`',
    ],
  ],
];

for (const [file, expected] of broken) {
  test(`config check: ${file} → exit 2 with file:line:col diagnostics`, async () => {
    const r = await check(file);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    const lines = r.stderr.split('\n').map((l) => l.replace('test/fixtures/configs/', ''));
    for (const line of expected) assert.ok(lines.some((l) => l.startsWith(line)), `expected a line starting with\n  ${line}\nin\n${r.stderr}`);
    const findings = lines.filter((l) => /^\S+:\d+:\d+: (error|warning): /.test(l));
    assert.equal(findings.length, expected.filter((l) => !l.startsWith('  hint:')).length, r.stderr);
  });
}

test('config check: the heading counts the errors of an invalid document', async () => {
  const r = await check('duplicate-stage.yml');
  assert.equal(r.stderr.split('\n')[0], 'error: test/fixtures/configs/duplicate-stage.yml: 2 errors in gh-mlops config');
});

test('config check: a file over 1 MiB is refused before parsing (exit 2)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-config-'));
  const file = join(dir, 'huge.yml');
  await writeFile(file, 'version: 1\n' + '# padding\n'.repeat(110_000));
  const r = await cli('config', 'check', '--config', file);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `${file}:1:1: error: ${file} is 1100011 bytes; the limit is 1048576 bytes\n  hint: split the file or remove generated content; documents this large are almost always a mistake`);
});

test('config check: a missing file exits 2 with a hint and no position', async () => {
  const r = await cli('config', 'check', '--config', 'nope/mlops.yml');
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'nope/mlops.yml: error: cannot read config file nope/mlops.yml: no such file\n  hint: check the path (it is relative to the current directory) or pass the right one');
});

test('config check --format github prints ::error workflow commands on stdout', async () => {
  const r = await check('unknown-key.yml', '--format', 'github');
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "::error file=test/fixtures/configs/unknown-key.yml,line=10,col=7::unknown key 'gaets' (at models[0].evaluation.gaets) — did you mean 'gates'?");
  const warn = await check('bad-gates.yml', '--format', 'github');
  assert.match(warn.stdout, /^::warning file=test\/fixtures\/configs\/bad-gates\.yml,line=14,col=19::metric 'rocauc' is not one/m);
});

test('config check --format json prints {ok, models, diagnostics}', async () => {
  const bad = await check('duplicate-model.yml', '--format', 'json');
  assert.equal(bad.code, 2);
  const parsed = JSON.parse(bad.stdout) as { ok: boolean; models: unknown[]; diagnostics: Array<{ location: unknown; message: string }> };
  assert.equal(parsed.ok, false);
  assert.deepEqual(parsed.models, []);
  assert.deepEqual(parsed.diagnostics.map((d) => [d.message, d.location]), [
    ["duplicate model name 'churn' (first defined at line 3)", { file: 'test/fixtures/configs/duplicate-model.yml', line: 9, col: 11, path: 'models[2].name' }],
  ]);
  const good = await cli('config', 'check', '--json', '--config', 'examples/.github/mlops.yml');
  assert.equal(good.code, 0);
  const ok = JSON.parse(good.stdout) as { ok: boolean; models: Array<Record<string, unknown>>; diagnostics: unknown[] };
  assert.equal(ok.ok, true);
  assert.deepEqual(ok.diagnostics, []);
  assert.deepEqual(ok.models[0], {
    name: 'churn',
    owner: '@acme/ml-team',
    risk: 'medium',
    policy: 'risk-medium',
    policySources: [assetPath('policies', 'risk-medium.yml')],
    stages: ['staging', 'production'],
  });
  assert.deepEqual(ok.models[1]!.policySources, [assetPath('policies', 'risk-high.yml'), 'examples/.github/mlops/policies/risk-high.yml']);
});

test('config check: a broken repository policy override is reported at its own file:line:col', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-config-'));
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(dir, '.github/mlops/policies'), { recursive: true });
  await writeFile(join(dir, '.github/mlops.yml'), 'version: 1\nmodels:\n  - name: churn\n    owner: "@alice"\n    risk: high\n');
  await writeFile(join(dir, '.github/mlops/policies/risk-high.yml'), 'extends: risk-high\napprovals:\n  requird: 3\n');
  const r = await cli('config', 'check', '--config', join(dir, '.github/mlops.yml'));
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    [
      `error: ${join(dir, '.github/mlops.yml')}: 1 error in the policies its models use`,
      `${join(dir, '.github/mlops/policies/risk-high.yml')}:3:3: error: unknown key 'requird' (at approvals.requird)`,
      "  hint: did you mean 'required'?",
    ].join('\n'),
  );
});

test('config check: no --config means .github/mlops.yml in the current directory', async () => {
  const r = await cli('config', 'check');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^\.github\/mlops\.yml: error: cannot read config file \.github\/mlops\.yml: no such file/);
});

test('config check through the built bin (dist/cli.js), when built', (t) => {
  const bin = join(root, 'dist/cli.js');
  const help = existsSync(bin) ? spawnSync(process.execPath, [bin, 'config', 'check', '--help'], { encoding: 'utf8' }) : undefined;
  if (!help || !help.stdout.startsWith('Usage: mlops config check')) return t.skip('dist/ has no config check yet: run npm run build');
  const ok = spawnSync(process.execPath, [bin, 'config', 'check', '--config', 'examples/.github/mlops.yml'], { cwd: root, encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  const bad = spawnSync(process.execPath, [bin, 'config', 'check', '--config', 'test/fixtures/configs/unknown-risk.yml', '--format', 'github'], { cwd: root, encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, "::error file=test/fixtures/configs/unknown-risk.yml,line=5,col=11::'hihg' is not one of: low, medium, high (at models[0].risk) — did you mean 'high'?\n");
});
