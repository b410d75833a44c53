import assert from 'node:assert/strict';
import { test } from 'node:test';
import { benchDataReaders } from '../../../bench/data-readers.js';

test('the data-readers benchmark runs small and reads back every generated row', async () => {
  const result = await benchDataReaders(3000);
  assert.equal(result.name, 'data-readers');
  assert.equal(result.unit, 'MB/s');
  assert.equal(result.details.rows, 3000);
  assert.equal(result.details.cells, 3000 * 26);
  assert.ok(result.figure > 0);
});
