import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot, stringsIn } from '../actions/action-files.js';
import { actionFiles, actionParserErrors, ownAction, ownActionProblems, workflowFiles, workflowParserErrors, workflowProblems } from './workflow-checks.js';

const read = (file: string) => readFileSync(join(repoRoot, file), 'utf8');

test('the files are found: every shipped workflow and every action', () => {
  assert.ok(workflowFiles().includes('docs/workflows/validate.yml'));
  assert.ok(workflowFiles().includes('docs/workflows/profile-matrix.yml'));
  assert.deepEqual(actionFiles().slice(0, 2), ['action.yml', actionFiles()[1]]);
  assert.ok(actionFiles().includes('actions/setup/action.yml'));
});

for (const file of workflowFiles()) {
  test(`${file}: GitHub's workflow parser accepts it`, async () => {
    assert.deepEqual(await workflowParserErrors(file, read(file)), []);
  });

  test(`${file}: jobs, steps, inputs, our actions and repository files it names all exist`, () => {
    assert.deepEqual(workflowProblems(file, read(file)), []);
  });
}

for (const file of actionFiles()) {
  test(`${file}: GitHub's action parser accepts it`, async () => {
    assert.deepEqual(await actionParserErrors(file, read(file)), []);
  });

  test(`${file}: every uses: of our own actions points at a real folder with those inputs`, () => {
    const steps = ((parse(read(file)) as { runs?: { steps?: Array<{ uses?: string; with?: Record<string, unknown> }> } }).runs?.steps ?? []);
    for (const step of steps) {
      const own = step.uses ? ownAction(step.uses) : undefined;
      if (own) assert.deepEqual(ownActionProblems(file, step.uses!, own.folder, step.with ?? {}), []);
    }
  });
}

test('docs/actions.md and the workflows name only actions that exist', () => {
  const text = [read('docs/actions.md'), ...workflowFiles().map(read)].join('\n');
  const named = [...text.matchAll(/gh-mlops\/(actions\/[a-z0-9-]+)@/g)].map((m) => m[1]!);
  assert.ok(named.length > 0);
  const folders = new Set(actionFiles().map((f) => f.replace(/\/action\.yml$/, '')));
  assert.deepEqual([...new Set(named)].filter((n) => !folders.has(n)), []);
});

test('control: each check reports what it is there to catch', async () => {
  const bad = [
    'on:',
    '  workflow_dispatch:',
    '    inputs:',
    '      known: { type: string }',
    'jobs:',
    '  a:',
    '    runs-on: ubuntu-latest',
    '    needs: ghost',
    '    outputs:',
    '      x: ${{ steps.nope.outputs.x }}',
    '    steps:',
    '      - id: v',
    '        uses: acme/gh-mlops/actions/validate@v1',
    '        with: { bogus-input: 1 }',
    '      - run: echo ${{ inputs.unknown }} ${{ inputs.known }} ${{ steps.v.outputs.not-an-output }}',
    '      - run: node scripts/no-such-script.mjs',
    '      - uses: ./actions/no-such-action',
    '  b:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - run: echo ${{ needs.a.outputs.x }}',
  ].join('\n');
  const problems = workflowProblems('bad.yml', bad);
  for (const expected of [
    'bad.yml: inputs.unknown is used but not declared under on.workflow_dispatch/workflow_call',
    'bad.yml: job a needs unknown job ghost',
    'bad.yml: job a reads steps.nope but no step has that id',
    'bad.yml: acme/gh-mlops/actions/validate@v1 has no output not-an-output',
    'bad.yml: job a: acme/gh-mlops/actions/validate@v1 has no input bogus-input',
    'bad.yml: job a runs scripts/no-such-script.mjs, which does not exist',
    'bad.yml: job a: ./actions/no-such-action names actions/no-such-action/action.yml, which does not exist',
    'bad.yml: job b reads needs.a but does not need it',
  ]) assert.ok(problems.includes(expected), `${expected}\n  in ${JSON.stringify(problems, null, 2)}`);
  assert.ok(!problems.some((p) => p.includes('inputs.known')));
  assert.match((await workflowParserErrors('bad2.yml', 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - bogus: 1\n')).join('\n'), /Unexpected value 'bogus'/);
  assert.match((await actionParserErrors('x/action.yml', 'name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - run: echo\n')).join('\n'), /Required property is missing: shell/);
  assert.deepEqual([ownAction('./actions/validate'), ownAction('me/gh-mlops@v1'), ownAction('actions/checkout@v4')], [{ folder: 'actions/validate' }, { folder: '.' }, undefined]);
  assert.ok(stringsIn({ a: ['x'] }).includes('x'));
});
