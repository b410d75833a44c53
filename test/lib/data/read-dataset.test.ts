import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { DataBatch, FileSummary, MalformedRecord } from '../../../lib/data/batch.js';
import { globToRegExp } from '../../../lib/data/expand-paths.js';
import { readDataset, type DatasetReadOptions } from '../../../lib/data/read-dataset.js';
import { BadInputError } from '../../../lib/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'mlops-data-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const put = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
};

async function readAll(paths: string[], options: DatasetReadOptions = {}) {
  const files: FileSummary[] = [];
  const bad: MalformedRecord[] = [];
  const batches: DataBatch[] = [];
  for await (const b of readDataset(paths, { ...options, onFile: (s) => files.push(s), onMalformed: (r) => bad.push(r) })) batches.push(b);
  const rows = batches.flatMap((b) => Array.from({ length: b.rowCount }, (_, r) => b.cells.map((c) => c[r])));
  return { batches, rows, files, bad };
}
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

test('gzip round trip; FileSummary sha256 and bytes are those of the stored (compressed) file', async () => {
  const gz = put('gz/data.csv.gz', gzipSync('a,b\n1,x\n2,y\n'));
  const { rows, files } = await readAll([gz]);
  assert.deepEqual(rows, [[1, 'x'], [2, 'y']]);
  assert.deepEqual(files, [{ file: gz, format: 'csv', compressed: true, sha256: sha(gz), bytes: readFileSync(gz).length, rows: 2 }]);
});

test('a truncated gzip is BadInputError "unexpected end of file" naming the file', async () => {
  const whole = gzipSync(Buffer.from('a,b\n' + '1,2\n'.repeat(5000)));
  const gz = put('trunc/data.csv.gz', whole.subarray(0, whole.length - 20));
  await assert.rejects(readAll([gz]), (e: unknown) => e instanceof BadInputError && e.exitCode === 2 && e.message.startsWith(`${gz}: the gzip data is truncated or corrupt: unexpected end of file`));
});

test('missing file, empty file and header-only file', async () => {
  await assert.rejects(readAll([join(dir, 'nope.csv')]), (e: unknown) => e instanceof BadInputError && e.message === `${join(dir, 'nope.csv')}: no such file or directory`);
  await assert.rejects(readAll([put('empty.csv', '')]), /empty\.csv: empty file \(no header row\)/);
  const header = put('header.csv', 'a,b\n');
  const { rows, files } = await readAll([header]);
  assert.deepEqual(rows, []);
  assert.equal(files[0]!.rows, 0);
  await assert.rejects(readAll([put('data.txt', 'a\n1\n')]), /cannot tell the format/);
});

test('a directory expands to its data files sorted; a glob with ** and ? likewise; summaries in order', async () => {
  put('shards/part-2.csv', 'a,b\n3,4\n');
  put('shards/part-1.csv', 'a,b\n1,2\n');
  put('shards/sub/part-3.csv', 'a,b\n5,6\n');
  put('shards/_SUCCESS', '');
  put('shards/notes.md', 'x');
  const fromDir = await readAll([join(dir, 'shards')]);
  assert.deepEqual(fromDir.files.map((f) => f.file), ['part-1.csv', 'part-2.csv', 'sub/part-3.csv'].map((f) => join(dir, 'shards', f)));
  assert.deepEqual(fromDir.rows, [[1, 2], [3, 4], [5, 6]]);
  const fromGlob = await readAll([join(dir, 'shards/**/part-?.csv')]);
  assert.deepEqual(fromGlob.files.map((f) => f.file), fromDir.files.map((f) => f.file));
  const top = await readAll([join(dir, 'shards/*.csv')]);
  assert.deepEqual(top.rows, [[1, 2], [3, 4]]);
  await assert.rejects(readAll([join(dir, 'shards/*.parquet')]), /no files match/);
  assert.equal(globToRegExp('a/**/b?.csv').test('a/x/y/b1.csv'), true);
  assert.equal(globToRegExp('a/**/b?.csv').test('a/b1.csv'), true);
  assert.equal(globToRegExp('a/*.csv').test('a/x/b.csv'), false);
});

test('shards with different columns: BadInputError naming both files and the columns', async () => {
  const one = put('mismatch/1.csv', 'a,b,c\n1,2,3\n');
  const two = put('mismatch/2.csv', 'a,c,d\n1,2,3\n');
  await assert.rejects(readAll([one, two]), (e: unknown) => e instanceof BadInputError && e.message === `${two}: its columns differ from ${one}: missing b; extra d`);
});

test('max-malformed is shared across shards', async () => {
  const one = put('mal/1.csv', 'a,b\n1\n2,3\n');
  const two = put('mal/2.csv', 'a,b\n4,5,6\n7,8\n');
  const ok = await readAll([one, two], { maxMalformed: 2 });
  assert.deepEqual(ok.rows, [[2, 3], [7, 8]]);
  assert.deepEqual(ok.bad.map((b) => `${b.file}:${b.line}@${b.offset}`), [`${one}:2@4`, `${two}:2@4`]);
  await assert.rejects(readAll([one, two], { maxMalformed: 1 }), /2\.csv:2: expected 2 fields, found 3/);
});

test('JSON Lines: columns from the first object, missing keys null, unknown keys and invalid JSON malformed, nested as JSON', async () => {
  const path = put('d.jsonl', '{"id":1,"name":"a","tags":["x"],"ok":true}\n\n{"id":2,"name":null}\r\n{"id":3,"extra":1}\n{bad json\n[1]\n{"id":4,"name":"é","tags":{"k":1},"ok":false}');
  const { rows, bad, batches, files } = await readAll([path], { maxMalformed: 3 });
  assert.deepEqual(batches[0]!.columns, ['id', 'name', 'tags', 'ok']);
  assert.deepEqual(rows, [
    [1, 'a', '["x"]', true],
    [2, null, null, null],
    [4, 'é', '{"k":1}', false],
  ]);
  assert.deepEqual([...batches[0]!.lines], [1, 3, 7]);
  assert.deepEqual([...batches[0]!.offsets], [0, 44, 99]);
  assert.deepEqual(bad.map((b) => [b.line, b.offset, b.reason.slice(0, 24)]), [
    [4, 66, 'unknown key "extra" (col'],
    [5, 85, 'invalid JSON: Expected p'],
    [6, 95, 'expected a JSON object, '],
  ]);
  assert.equal(files[0]!.format, 'jsonl');
  assert.equal(files[0]!.sha256, sha(path));
  await assert.rejects(readAll([put('e.jsonl', '')]), /e\.jsonl: empty file/);
});

test('Parquet round trip, several row groups; bigint, dates and nulls map to CellValues', async () => {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'id', data: [1, 2, 3, 4, 5], type: 'INT32' },
      { name: 'big', data: [1n, 2n, 9007199254740993n, null, 5n], type: 'INT64' },
      { name: 'name', data: ['a', 'b', null, 'd', 'é'], type: 'STRING' },
      { name: 'score', data: [0.5, 1.5, 2.5, null, 4.5], type: 'DOUBLE' },
      { name: 'when', data: [new Date(0), new Date(86_400_000), null, new Date(0), new Date(0)], type: 'TIMESTAMP' },
    ],
    rowGroupSize: 2,
  });
  const path = put('p/d.parquet', Buffer.from(buffer));
  const { rows, files, batches } = await readAll([path], { batchRows: 16 });
  assert.deepEqual(batches[0]!.columns, ['id', 'big', 'name', 'score', 'when']);
  assert.deepEqual(batches.map((b) => b.rowCount), [2, 2, 1]);
  assert.deepEqual(batches.flatMap((b) => [...b.lines]), [1, 2, 3, 4, 5]);
  assert.deepEqual(rows, [
    [1, 1, 'a', 0.5, '1970-01-01T00:00:00.000Z'],
    [2, 2, 'b', 1.5, '1970-01-02T00:00:00.000Z'],
    [3, '9007199254740993', null, 2.5, null],
    [4, null, 'd', null, '1970-01-01T00:00:00.000Z'],
    [5, 5, 'é', 4.5, '1970-01-01T00:00:00.000Z'],
  ]);
  assert.deepEqual(files, [{ file: path, format: 'parquet', compressed: false, sha256: sha(path), bytes: buffer.byteLength, rows: 5 }]);
  await assert.rejects(readAll([put('p/bad.parquet', 'not parquet at all')]), (e: unknown) => e instanceof BadInputError && /bad\.parquet: not a readable Parquet file/.test(e.message));
});
