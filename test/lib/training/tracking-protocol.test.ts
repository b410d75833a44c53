import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeMetrics, paramValue, parseMetricsJsonl, parseTrackingLine } from '../../../lib/training/tracking-protocol.js';

test('tracking lines: metrics, params (with spaces), broken lines, other output', () => {
  assert.deepEqual(parseTrackingLine('::mlops-metric name=loss step=10 value=0.31'), { kind: 'metric', name: 'loss', step: 10, value: 0.31 });
  assert.deepEqual(parseTrackingLine('::mlops-metric step=3 value=-1e-3 name=val/acc'), { kind: 'metric', name: 'val/acc', step: 3, value: -0.001 });
  assert.deepEqual(parseTrackingLine('::mlops-param name=optimizer value=adam w/ warmup'), { kind: 'param', name: 'optimizer', value: 'adam w/ warmup' });
  assert.deepEqual(parseTrackingLine('::mlops-metric name=loss step=1.5 value=1'), { kind: 'invalid', reason: 'step must be a whole number ≥ 0, got "1.5"' });
  assert.deepEqual(parseTrackingLine('::mlops-metric name=loss step=1 value=NaN'), { kind: 'invalid', reason: 'value must be a finite number, got "NaN"' });
  assert.deepEqual(parseTrackingLine('::mlops-metric name=a b step=1 value=1'), { kind: 'invalid', reason: 'name must match ^[A-Za-z0-9_.:/-]+$, got "a b"' });
  assert.equal(parseTrackingLine('epoch 3 loss 0.3'), undefined);
  assert.equal(parseTrackingLine('::warning::x'), undefined);
});

test('JSONL metrics with warnings naming the line; merge keeps the last point per (name, step)', () => {
  const { points, warnings } = parseMetricsJsonl('{"name":"loss","step":0,"value":0.7}\n\nnot json\n{"name":"loss","step":-1,"value":1}\n{"name":"acc","step":0,"value":0.5}\n', 'm.jsonl');
  assert.deepEqual(points, [{ name: 'loss', step: 0, value: 0.7 }, { name: 'acc', step: 0, value: 0.5 }]);
  assert.deepEqual(warnings.map((w) => `${w.location.line}: ${w.message}`), ['3: not JSON (line skipped)', '4: "step" must be a whole number ≥ 0 (line skipped)']);
  assert.deepEqual(mergeMetrics([{ name: 'loss', step: 1, value: 0.5 }, { name: 'acc', step: 1, value: 0.1 }], [{ name: 'loss', step: 1, value: 0.49999 }, { name: 'loss', step: 0, value: 0.9 }]), [
    { name: 'acc', step: 1, value: 0.1 }, { name: 'loss', step: 0, value: 0.9 }, { name: 'loss', step: 1, value: 0.49999 },
  ]);
  assert.deepEqual(['0.1', '12', 'true', '1e-3', 'adam', '', '0x10', '7 days'].map(paramValue), [0.1, 12, true, 0.001, 'adam', '', '0x10', '7 days']);
});
