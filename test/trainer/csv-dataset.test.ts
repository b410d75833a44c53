import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../lib/errors.js';
import { parseCsv } from '../../fixtures/trainer/csv.js';
import { orderClasses, toDataset } from '../../fixtures/trainer/dataset.js';
import { convertSklearnCsv } from '../../fixtures/datasets/import-sklearn.js';

describe('fixture trainer CSV and dataset', () => {
  it('parses quotes, doubled quotes, CRLF and blank lines, keeping file line numbers', () => {
    const table = parseCsv('a,b,y\r\n1,"x, ""q""",0\r\n\r\n2,"multi\nline",1\n3,z,1', 't.csv');
    assert.deepEqual(table.header, ['a', 'b', 'y']);
    assert.deepEqual(table.rows, [['1', 'x, "q"', '0'], ['2', 'multi\nline', '1'], ['3', 'z', '1']]);
    assert.deepEqual(table.lines, [2, 4, 6]);
  });

  it('reports a short row with file and line', () => {
    assert.throws(() => parseCsv('a,b\n1,2\n3\n', 'x.csv'), (e: unknown) => e instanceof BadInputError && e.message === 'x.csv:3: expected 2 fields as in the header, found 1' && e.location?.line === 3);
  });

  it('defaults to numeric columns, orders classes, and points at a bad cell', () => {
    const table = parseCsv('id,x1,plan,x2,y\nA,1,basic,2.5,b\nB,-3,pro,1e2,a\n', 'd.csv');
    const data = toDataset(table, 'y');
    assert.deepEqual(data, { featureNames: ['x1', 'x2'], target: 'y', classes: ['a', 'b'], x: [[1, 2.5], [-3, 100]], y: [1, 0] });
    assert.deepEqual(orderClasses(['10', '9', '1']), ['1', '9', '10']);
    const bad = parseCsv('x,y\n1,0\n,1\n', 'bad.csv');
    assert.throws(() => toDataset(bad, 'y'), /no numeric feature columns/);
    assert.throws(() => toDataset(bad, 'y', ['x']), (e: unknown) => e instanceof BadInputError && e.message === 'bad.csv:3:1: x is "", expected a number');
    assert.throws(() => toDataset(bad, 'nope'), (e: unknown) => e instanceof BadInputError && e.hint === 'columns are: x, y');
  });

  it("converts sklearn's summary-line CSV into a header and class names", () => {
    const text = '2,2,setosa,versicolor\n5.1,3.5,0\n7.0,3.2,1\n';
    assert.equal(convertSklearnCsv(text, ['a', 'b'], 'species', 'iris.csv'), 'a,b,species\n5.1,3.5,setosa\n7.0,3.2,versicolor\n');
    assert.throws(() => convertSklearnCsv('3,2,a,b\n1,2,0\n', ['a', 'b'], 't', 'f.csv'), /summary line says 3 rows/);
  });
});
