import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  actionExpressions,
  commandFolders,
  expressionsIn,
  inputsReadBy,
  loadAction,
  loadAllActions,
  normalizeStep,
  repoRoot,
  rootPrefix,
  scriptsCalledBy,
  setupFolder,
  stringsIn,
  type LoadedAction,
} from './action-files.js';

const actions = loadAllActions();
const umbrella = loadAction('action.yml');
const setup = loadAction(`actions/${setupFolder}/action.yml`);
const commands = commandFolders();

test('the actions found are the umbrella, the installer and one folder per command', () => {
  assert.ok(commands.includes('config-check'), 'actions/config-check is a command folder');
  assert.deepEqual(
    actions.map((a) => a.file),
    ['action.yml', ...[setupFolder, ...commands].sort().map((c) => `actions/${c}/action.yml`)],
  );
});

for (const action of actions) {
  const { file, definition, steps } = action;

  test(`${file}: has a name, a description and composite steps`, () => {
    assert.equal(typeof definition.name, 'string');
    assert.ok(definition.name!.length > 0);
    assert.equal(typeof definition.description, 'string');
    assert.ok(definition.description!.length > 0);
    assert.equal(definition.runs?.using, 'composite');
    assert.ok(steps.length > 0);
  });

  test(`${file}: every input read is declared, and every declared input is read`, () => {
    const read = new Set(actionExpressions(action).flatMap(inputsReadBy));
    const declared = new Set(Object.keys(definition.inputs ?? {}));
    assert.deepEqual([...read].filter((n) => !declared.has(n)).sort(), [], 'read but not declared');
    assert.deepEqual([...declared].filter((n) => !read.has(n)).sort(), [], 'declared but never read');
  });

  test(`${file}: no \${{ }} expression inside a run: script (inputs reach scripts through env: only)`, () => {
    const offenders = steps.filter((s) => typeof s.run === 'string' && s.run.includes('${{')).map((s) => s.name);
    assert.deepEqual(offenders, []);
  });

  test(`${file}: each step either runs with shell: bash or uses an action, never both`, () => {
    for (const step of steps) {
      const runs = typeof step.run === 'string';
      const uses = typeof step.uses === 'string';
      assert.ok(runs !== uses, `step ${step.name}: exactly one of run/uses`);
      if (runs) assert.equal(step.shell, 'bash', `step ${step.name}: shell`);
      else assert.equal(step.shell, undefined, `step ${step.name}: a uses: step takes no shell`);
    }
  });

  test(`${file}: env: values are only \${{ inputs.x }} or literals`, () => {
    for (const step of steps) {
      for (const [name, value] of Object.entries(step.env ?? {})) {
        const text = String(value);
        assert.ok(!text.includes('${{') || /^\$\{\{\s*inputs\.[A-Za-z_][A-Za-z0-9_-]*\s*\}\}$/.test(text), `${step.name}: ${name}=${text}`);
      }
    }
  });

  test(`${file}: every run: calls a script of this repository that exists and is executable`, () => {
    for (const step of steps) {
      if (typeof step.run !== 'string') continue;
      const scripts = scriptsCalledBy(action, step.run);
      assert.ok(scripts.length > 0, `step ${step.name} calls no "$GITHUB_ACTION_PATH/…" script`);
      for (const script of scripts) {
        const where = relative(repoRoot, script);
        assert.ok(!where.startsWith('..'), `${where} is outside the repository`);
        assert.ok(existsSync(script), `${where} exists`);
        assert.doesNotThrow(() => accessSync(script, constants.X_OK), `${where} is executable`);
      }
    }
  });

  test(`${file}: outputs come from steps that exist`, () => {
    const ids = new Set(steps.map((s) => s.id));
    for (const [name, output] of Object.entries(definition.outputs ?? {})) {
      const m = /^\$\{\{\s*steps\.([A-Za-z_][A-Za-z0-9_-]*)\.outputs\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}$/.exec(output.value ?? '');
      assert.ok(m, `output ${name} is \${{ steps.<id>.outputs.<name> }}`);
      assert.ok(ids.has(m[1]), `output ${name}: step ${m[1]} exists`);
    }
  });

  if (action !== setup) {
    test(`${file}: starts with the installer's steps, unchanged`, () => {
      const expected = setup.steps.map((s) => normalizeStep(s, rootPrefix(setup)));
      const first = steps.findIndex((s) => s.id === 'mlops-key');
      assert.ok(first >= 0, 'has the installer steps');
      const actual = steps.slice(first, first + setup.steps.length).map((s) => normalizeStep(s, rootPrefix(action)));
      assert.deepEqual(actual, expected);
    });
  }
}

test('umbrella: one step per command folder, each the sub-action\'s own step under `if: inputs.command == …`', () => {
  const switched = umbrella.steps.filter((s) => s.if !== undefined && s.id !== undefined && !s.id.startsWith('mlops-'));
  assert.deepEqual(switched.map((s) => s.id).sort(), commands);
  for (const command of commands) {
    const step = switched.find((s) => s.id === command)!;
    assert.equal(step.if, `inputs.command == '${command}'`);
    const sub = loadAction(`actions/${command}/action.yml`);
    const own = sub.steps.find((s) => s.id === command);
    assert.ok(own, `actions/${command} has a step with id ${command}`);
    const { if: _condition, ...rest } = step;
    assert.deepEqual(normalizeStep(rest, rootPrefix(umbrella)), normalizeStep(own, rootPrefix(sub)));
  }
});

test('umbrella: runs the command check first, before any install', () => {
  const first = umbrella.steps[0]!;
  assert.deepEqual(first.env, { INPUT_COMMAND: '${{ inputs.command }}' });
  assert.deepEqual(scriptsCalledBy(umbrella, first.run ?? ''), [join(repoRoot, 'actions/setup/check-command.sh')]);
});

test('umbrella: declares every sub-action input with the same default, and every sub-action output', () => {
  for (const command of commands) {
    const sub = loadAction(`actions/${command}/action.yml`);
    for (const [name, input] of Object.entries(sub.definition.inputs ?? {})) {
      assert.ok(umbrella.definition.inputs?.[name], `umbrella declares ${command}'s input ${name}`);
      assert.equal(umbrella.definition.inputs[name]!.default, input.default, `default of ${name}`);
    }
    for (const [name, output] of Object.entries(sub.definition.outputs ?? {})) {
      assert.equal(umbrella.definition.outputs?.[name]?.value, output.value, `umbrella output ${name}`);
    }
  }
});

test('docs/actions.md documents every command', () => {
  const docs = readFileSync(join(repoRoot, 'docs/actions.md'), 'utf8');
  for (const command of commands) assert.ok(docs.includes(`actions/${command}@`), `docs mention actions/${command}@…`);
});

test('the checks above can fail: the scanners find what they look for', () => {
  const sample: LoadedAction = {
    file: 'sample',
    dir: repoRoot,
    definition: { runs: { using: 'composite', steps: [{ if: "inputs.mode == 'x'", run: 'echo "${{ inputs.name }}"', shell: 'bash' }] } },
    steps: [{ if: "inputs.mode == 'x'", run: 'echo "${{ inputs.name }}"', shell: 'bash' }],
  };
  assert.deepEqual(actionExpressions(sample).flatMap(inputsReadBy).sort(), ['mode', 'name']);
  assert.deepEqual(expressionsIn('a ${{ inputs.a }} b ${{steps.x.outputs.y}}'), ['inputs.a', 'steps.x.outputs.y']);
  assert.deepEqual(stringsIn({ a: ['x', { b: 'y' }], c: 1 }), ['x', 'y']);
  assert.deepEqual(scriptsCalledBy(umbrella, '"$GITHUB_ACTION_PATH/actions/x/run.sh" arg'), [join(repoRoot, 'actions/x/run.sh')]);
});
