// Runs the actions' real `run:` steps with bash, as the runner would (see runStep), against the built CLI in dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandFolders, loadAction, repoRoot, runStep, stepById } from './action-files.js';

const umbrella = loadAction('action.yml');
const configCheck = loadAction('actions/config-check/action.yml');
const commandStep = umbrella.steps[0]!;
const cli = join(repoRoot, 'dist/cli.js');

/** The CLI run directly, for comparing what the action reports with what the CLI itself says. */
function runCli(args: string[], cwd = repoRoot) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout };
}

// Without the command, commander answers `config check --help` with the root help and exit 0: check the usage line.
const help = existsSync(cli) ? runCli(['config', 'check', '--help']) : { status: -1, stdout: '' };
const configCheckBuilt = help.status === 0 && help.stdout.startsWith('Usage: mlops config check');
const notBuilt = 'config check not built yet (dist/cli.js config check --help shows no config check usage)';

test('umbrella: an unknown command fails with the list of valid commands', () => {
  const r = runStep(umbrella, commandStep, { inputs: { command: 'nope' } });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, `::error::unknown command 'nope'; valid commands: ${commandFolders().join(', ')}\n`);
  assert.ok(commandFolders().includes('config-check'));
});

test('umbrella: an empty command fails the same way', () => {
  const r = runStep(umbrella, commandStep, { inputs: {} });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, `::error::unknown command ''; valid commands: ${commandFolders().join(', ')}\n`);
});

test('umbrella: every command folder is accepted, silently', () => {
  for (const command of commandFolders()) {
    const r = runStep(umbrella, commandStep, { inputs: { command } });
    assert.deepEqual([r.status, r.stdout, r.stderr], [0, '', ''], command);
  }
});

test('umbrella: `setup` (the installer folder) is not a command', () => {
  const r = runStep(umbrella, commandStep, { inputs: { command: 'setup' } });
  assert.equal(r.status, 1);
});

test('umbrella: a command value cannot inject a workflow command of its own', () => {
  const r = runStep(umbrella, commandStep, { inputs: { command: 'x\n::warning::owned 100%' } });
  assert.equal(r.status, 1);
  assert.equal(r.stdout.split('\n').length, 2, 'one line of output');
  assert.ok(r.stdout.startsWith("::error::unknown command 'x%0A::warning::owned 100%25';"), r.stdout);
});

// Both callers of actions/config-check/run.sh: the sub-action and the umbrella with command: config-check.
const configSteps: { caller: string; action: typeof umbrella; step: ReturnType<typeof stepById>; inputs: Record<string, string> }[] = [
  { caller: 'actions/config-check', action: configCheck, step: stepById(configCheck, 'config-check'), inputs: {} },
  { caller: 'umbrella', action: umbrella, step: stepById(umbrella, 'config-check'), inputs: { command: 'config-check' } },
];

for (const { caller, action, step, inputs } of configSteps) {
  test(`${caller}: a config that cannot be read → the CLI's own exit code and output, valid=false`, () => {
    const missing = 'test/actions/fixtures/does-not-exist.yml';
    const direct = runCli(['config', 'check', '--config', missing, '--format', 'github']);
    const r = runStep(action, step, { inputs: { ...inputs, config: missing } });
    assert.notEqual(direct.status, 0);
    assert.equal(r.status, direct.status);
    assert.equal(r.stdout, direct.stdout);
    assert.deepEqual(r.outputs, { valid: 'false' });
    assert.equal(r.summary, `mlops config check: \`${missing}\` has problems (exit ${direct.status}); see the annotations\n`);
  });

  test(`${caller}: a valid config (examples/.github/mlops.yml, as the default path in working-directory) → exit 0, valid=true`, (t) => {
    if (!configCheckBuilt) return t.skip(notBuilt);
    const workspace = mkdtempSync(join(tmpdir(), 'gh-mlops-ws-'));
    try {
      mkdirSync(join(workspace, 'ml/.github'), { recursive: true });
      cpSync(join(repoRoot, 'examples/.github/mlops.yml'), join(workspace, 'ml/.github/mlops.yml'));
      const r = runStep(action, step, { inputs: { ...inputs, 'working-directory': 'ml' }, workspace });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.ok(!r.stdout.includes('::error'), r.stdout);
      assert.deepEqual(r.outputs, { valid: 'true' });
      assert.equal(r.summary, 'mlops config check: `.github/mlops.yml` is valid\n');
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });

  test(`${caller}: an invalid config → non-zero exit as the CLI's, an ::error annotation on the file, valid=false`, (t) => {
    if (!configCheckBuilt) return t.skip(notBuilt);
    const invalid = 'test/actions/fixtures/not-a-mapping.mlops.yml';
    const direct = runCli(['config', 'check', '--config', invalid, '--format', 'github']);
    const r = runStep(action, step, { inputs: { ...inputs, config: invalid } });
    assert.notEqual(r.status, 0);
    assert.equal(r.status, direct.status);
    assert.equal(r.stdout, direct.stdout);
    assert.match(r.stdout, /^::error file=[^,:]*not-a-mapping\.mlops\.yml[,:]/m);
    assert.deepEqual(r.outputs, { valid: 'false' });
  });
}

// Both callers of actions/validate/run.sh: the sub-action and the umbrella with command: validate.
const validateAction = loadAction('actions/validate/action.yml');
const validateSteps: typeof configSteps = [
  { caller: 'actions/validate', action: validateAction, step: stepById(validateAction, 'validate'), inputs: {} },
  { caller: 'umbrella', action: umbrella, step: stepById(umbrella, 'validate'), inputs: { command: 'validate' } },
];

for (const { caller, action, step, inputs } of validateSteps) {
  const run = (extra: Record<string, string>) => {
    const workspace = mkdtempSync(join(tmpdir(), 'gh-mlops-ws-'));
    try {
      mkdirSync(join(workspace, 'data'));
      for (const f of ['churn-bad.csv', 'churn-train.csv']) cpSync(join(repoRoot, 'fixtures/datasets', f), join(workspace, 'data', f));
      cpSync(join(repoRoot, 'examples/data/churn.schema.yml'), join(workspace, 'churn.schema.yml'));
      const r = runStep(action, step, { inputs: { ...inputs, schema: 'churn.schema.yml', ...extra }, workspace });
      const reportFile = join(workspace, r.outputs['report-path'] ?? 'missing');
      return { ...r, report: existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as { kind: string; passed: boolean; summary: { failed: number } }) : undefined };
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  };

  test(`${caller}: failing rows → exit 1, annotations on the data file's lines, job summary, report, passed=false`, () => {
    const r = run({ data: 'data/churn-bad.csv' });
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(
      r.stdout.split('\n').filter((l) => l.startsWith('::error')).map((l) => /line=(\d+)/.exec(l)?.[1]).sort(),
      ['122', '152', '19', '205', '47', '91'],
    );
    assert.deepEqual(r.outputs, { passed: 'false', 'report-path': 'mlops-validation.json' });
    assert.ok(r.summary.includes('## ❌ Data validation failed: `data/churn-bad.csv`'), r.summary.slice(0, 200));
    assert.deepEqual([r.report?.kind, r.report?.passed, r.report?.summary.failed], ['mlops/validation', false, 4]);
  });

  test(`${caller}: several data paths (one per line), fail-on: never → exit 0 with passed=false`, () => {
    const r = run({ data: 'data/churn-train.csv\ndata/churn-bad.csv\n', 'fail-on': 'never', 'report-path': 'out.json' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.outputs, { passed: 'false', 'report-path': 'out.json' });
    assert.ok(r.summary.includes('2300 rows'), r.summary.slice(0, 300));
  });

  test(`${caller}: clean data → exit 0, passed=true; bad input (missing file) → exit 2 even with fail-on: never`, () => {
    const ok = run({ data: 'data/churn-train.csv' });
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.deepEqual(ok.outputs, { passed: 'true', 'report-path': 'mlops-validation.json' });
    const missing = run({ data: 'data/nope.csv', 'fail-on': 'never' });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nope\.csv/);
  });
}
