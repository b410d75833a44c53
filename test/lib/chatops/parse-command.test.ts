import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandLine, parseComment, tokenize, TokenizeError } from '../../../lib/chatops/index.js';

test('tokenize: spaces, double and single quotes, escapes, key="two words"', () => {
  assert.deepEqual(tokenize('  train  lr=0.1 note="two words" \'it\'"s" a\\ b'), ['train', 'lr=0.1', 'note=two words', 'its', 'a b']);
  assert.deepEqual(tokenize('path="C:\\data\\x" q="say \\"hi\\""'), ['path=C:\\data\\x', 'q=say "hi"']);
  assert.deepEqual(tokenize('""'), ['']);
  assert.throws(() => tokenize('train note="open'), (e: unknown) => e instanceof TokenizeError && e.column === 12 && /double quote at column 12 is never closed/.test(e.message));
  assert.throws(() => tokenize('train \\'), /backslash ends the line/);
});

test('commandLine: only the first non-blank line, only /mlops as a word', () => {
  assert.equal(commandLine('\n\n  /mlops help  \nthanks'), '/mlops help');
  assert.equal(commandLine('/mlops'), '/mlops');
  assert.equal(commandLine('/mlopsx help'), undefined);
  assert.equal(commandLine('please /mlops help'), undefined);
  assert.equal(commandLine('LGTM\n/mlops promote churn 1.0.0 to production'), undefined);
});

test('parse: every command with its arguments', () => {
  const cmd = (body: string) => {
    const p = parseComment(body);
    assert.equal(p.kind, 'command', JSON.stringify(p));
    return (p as { command: unknown }).command;
  };
  assert.deepEqual(cmd('/mlops'), { name: 'help' });
  assert.deepEqual(cmd('/mlops help promote'), { name: 'help', topic: 'promote' });
  assert.deepEqual(cmd('/mlops evaluate'), { name: 'evaluate' });
  assert.deepEqual(cmd('/mlops evaluate --champion v1.2.0'), { name: 'evaluate', champion: '1.2.0' });
  assert.deepEqual(cmd('/mlops evaluate --champion=1.2.0 --model churn'), { name: 'evaluate', champion: '1.2.0', model: 'churn' });
  assert.deepEqual(cmd('/mlops train'), { name: 'train', params: {} });
  assert.deepEqual(cmd('/mlops train epochs=10 lr=0.001 note="fresh data" --model churn'), { name: 'train', params: { epochs: '10', lr: '0.001', note: 'fresh data' }, model: 'churn' });
  assert.deepEqual(cmd('/mlops train empty='), { name: 'train', params: { empty: '' } });
  assert.deepEqual(cmd('/mlops promote churn v1.3.0 to production'), { name: 'promote', model: 'churn', version: '1.3.0', stage: 'production' });
  assert.deepEqual(cmd('/mlops PROMOTE churn 1.3.0 TO staging\nbecause the canary was clean'), { name: 'promote', model: 'churn', version: '1.3.0', stage: 'staging' });
  assert.deepEqual(cmd('/mlops rollback churn'), { name: 'rollback', model: 'churn' });
  assert.deepEqual(cmd('/mlops rollback churn staging'), { name: 'rollback', model: 'churn', stage: 'staging' });
  assert.deepEqual(cmd('/mlops rollback churn to v1.0.0'), { name: 'rollback', model: 'churn', to: '1.0.0' });
  assert.deepEqual(cmd('/mlops rollback churn production to 1.0.0'), { name: 'rollback', model: 'churn', stage: 'production', to: '1.0.0' });
  assert.deepEqual(cmd('/mlops retrain churn'), { name: 'retrain', model: 'churn' });
  assert.deepEqual(cmd('/mlops compare churn@1.0.0 churn@production'), { name: 'compare', a: 'churn@1.0.0', b: 'churn@production' });
  assert.deepEqual(cmd('/mlops ack'), { name: 'ack' });
  assert.deepEqual(cmd('/mlops ack for 36h'), { name: 'ack', duration: '36h', durationMs: 129_600_000 });
});

test('parse: typos get the nearest command; bad arguments get the usage', () => {
  const bad = (body: string) => parseComment(body) as { kind: string; error: string; suggestion?: string; name?: string };
  assert.deepEqual(parseComment('/mlops promtoe churn 1.0.0 to production'), { kind: 'invalid', line: '/mlops promtoe churn 1.0.0 to production', error: 'unknown command `promtoe`', suggestion: 'promote' });
  assert.equal(bad('/mlops hlep').suggestion, 'help');
  assert.equal(bad('/mlops eval').suggestion, 'evaluate');
  assert.equal(bad('/mlops tran').suggestion, 'train');
  assert.equal(bad('/mlops deploy churn').suggestion, undefined);
  assert.equal(bad('/mlops promote churn 1.0.0 production').error, 'expected `to`, found `production`; usage: `/mlops promote <model> <version> to <stage>`');
  assert.equal(bad('/mlops promote churn latest to production').error, '`latest` is not a version (write 1.3.0 or v1.3.0); usage: `/mlops promote <model> <version> to <stage>`');
  assert.equal(bad('/mlops promote churn 1.0.0 to').error, 'missing a stage; usage: `/mlops promote <model> <version> to <stage>`');
  assert.equal(bad('/mlops train epochs').error, '`epochs` is not key=value; usage: `/mlops train [--model NAME] [key=value …]`');
  assert.equal(bad('/mlops train 1x=2').error, '`1x` is not a parameter name (letters, digits and _, not starting with a digit); usage: `/mlops train [--model NAME] [key=value …]`');
  assert.equal(bad('/mlops train a=1 a=2').error, 'parameter `a` is given twice; usage: `/mlops train [--model NAME] [key=value …]`');
  assert.equal(bad('/mlops evaluate --champoin v1').error, 'unknown option `--champoin` (did you mean `--champion`?); usage: `/mlops evaluate [--champion vX] [--model NAME]`');
  assert.equal(bad('/mlops evaluate --champion').error, '`--champion` needs a value; usage: `/mlops evaluate [--champion vX] [--model NAME]`');
  assert.equal(bad('/mlops ack for ever').error, '`ever` is not a duration (write 30m, 12h, 7d); usage: `/mlops ack [for 7d]`');
  assert.equal(bad('/mlops retrain churn now').error, 'unexpected `now`; usage: `/mlops retrain <model>`');
  assert.equal(bad('/mlops retrain "bad model"').error, '`bad model` is not a model name (letters, digits, - and _); usage: `/mlops retrain <model>`');
  assert.equal(bad('/mlops train note="x').error, 'the double quote at column 19 is never closed');
  assert.deepEqual(parseComment('just a comment'), { kind: 'none' });
});
