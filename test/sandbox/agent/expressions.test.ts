/** The agent's expression layer over @actions/expressions: contexts, status functions, implicit success(), interpolation. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateCondition, evaluateToString, interpolate, type ExpressionContexts } from '../../../sandbox/agent/expressions.js';
import { parseKeyValueFile, parsePathFile } from '../../../sandbox/agent/file-commands.js';
import { shellCommand } from '../../../sandbox/agent/shell.js';

const contexts: ExpressionContexts = {
  github: { ref: 'refs/heads/main', repository: 'acme/churn-model', event: { inputs: { model: 'churn' } } },
  inputs: { model: 'churn', epochs: 3, dry: false },
  env: { STAGE: 'ci' },
  steps: { meta: { outputs: { version: '1.2.3' }, outcome: 'success', conclusion: 'success' } },
  runner: { os: 'Linux' },
  needs: { build: { result: 'success', outputs: { uri: 's3://m/1' } } },
};
const ok = { failed: false, cancelled: false };
const failed = { failed: true, cancelled: false };

test('expressions evaluate to the runner\'s string forms', () => {
  assert.equal(evaluateToString("inputs.model == 'churn'", contexts), 'true');
  assert.equal(evaluateToString("inputs.model != 'churn' || inputs.epochs == 3", contexts), 'true');
  assert.equal(evaluateToString('!inputs.dry && steps.meta.outputs.version', contexts), '1.2.3');
  assert.equal(evaluateToString("format('{0}@{1}', github.repository, steps.meta.outputs.version)", contexts), 'acme/churn-model@1.2.3');
  assert.equal(evaluateToString("contains('Hello World', 'world')", contexts), 'true');
  assert.equal(evaluateToString("startsWith(github.ref, 'refs/heads/')", contexts), 'true');
  assert.equal(evaluateToString('steps.missing.outputs.x', contexts), '');
  assert.equal(evaluateToString('secrets.NOPE', contexts), '');
  assert.equal(evaluateToString('needs.build.outputs.uri', contexts), 's3://m/1');
  assert.equal(evaluateToString('inputs.epochs', contexts), '3');
  assert.equal(evaluateToString('github.event.inputs', contexts), '{\n  "model": "churn"\n}');
  assert.throws(() => evaluateToString('nosuch.context', contexts), /Unrecognized named-value: 'nosuch'/);
});

test('interpolation replaces every ${{ }} and honours }} inside string literals', () => {
  assert.equal(interpolate('model=${{ inputs.model }} stage=${{env.STAGE}}', contexts), 'model=churn stage=ci');
  assert.equal(interpolate("${{ format('{0}}}', inputs.model) }}!", contexts), 'churn}!');
  assert.equal(interpolate('no expressions', contexts), 'no expressions');
});

test('if: defaults to success(); status functions see the job state; bare conditions get success() &&', () => {
  assert.equal(evaluateCondition(undefined, contexts, ok), true);
  assert.equal(evaluateCondition(undefined, contexts, failed), false);
  assert.equal(evaluateCondition('always()', contexts, failed), true);
  assert.equal(evaluateCondition('${{ failure() }}', contexts, failed), true);
  assert.equal(evaluateCondition('failure()', contexts, ok), false);
  assert.equal(evaluateCondition('cancelled()', contexts, { failed: false, cancelled: true }), true);
  assert.equal(evaluateCondition('success()', contexts, { failed: false, cancelled: true }), false);
  assert.equal(evaluateCondition("inputs.model == 'churn'", contexts, ok), true);
  assert.equal(evaluateCondition("inputs.model == 'churn'", contexts, failed), false, 'implicit success()');
  assert.equal(evaluateCondition("always() && steps.meta.outputs.version == '1.2.3'", contexts, failed), true);
  assert.equal(evaluateCondition("steps.meta.outputs.version == '2'", contexts, ok), false);
  assert.equal(evaluateCondition(false, contexts, ok), false);
});

test('file commands: name=value, heredoc blocks, later entries win; PATH lines', () => {
  assert.deepEqual(parseKeyValueFile('a=1\nb=x=y\n\nnotes<<EOF\nline 1\nline 2\nEOF\na=2\n'), { a: '2', b: 'x=y', notes: 'line 1\nline 2' });
  assert.throws(() => parseKeyValueFile('x<<END\nno end\n'), /Matching delimiter not found 'END'/);
  assert.throws(() => parseKeyValueFile('garbage\n'), /Invalid format 'garbage'/);
  assert.deepEqual(parsePathFile('/opt/a\n\n /opt/b \n'), ['/opt/a', '/opt/b']);
});

test('shell templates follow the runner', () => {
  assert.deepEqual(shellCommand(undefined, '/t/s.sh'), ['bash', '-e', '/t/s.sh']);
  assert.deepEqual(shellCommand('bash', '/t/s.sh'), ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '/t/s.sh']);
  assert.deepEqual(shellCommand('sh', '/t/s.sh'), ['sh', '-e', '/t/s.sh']);
  assert.deepEqual(shellCommand('bash -x {0}', '/t/s.sh'), ['bash', '-x', '/t/s.sh']);
});
