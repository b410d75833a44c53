import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DataBatch, MalformedRecord } from '../../../lib/data/batch.js';
import { CsvParser } from '../../../lib/data/csv-reader.js';
import { MalformedBudget } from '../../../lib/data/malformed.js';
import { BadInputError } from '../../../lib/errors.js';

/** Parses `input` fed in chunks of `chunk` bytes; returns the batches and the malformed records reported. */
function parse(input: string | Buffer, opts: { chunk?: number; delimiter?: string; maxMalformed?: number; batchRows?: number; maxRecordBytes?: number } = {}) {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const bad: MalformedRecord[] = [];
  const p = new CsvParser({ file: 'd.csv', delimiter: opts.delimiter, batchRows: opts.batchRows, maxRecordBytes: opts.maxRecordBytes, malformed: new MalformedBudget(opts.maxMalformed ?? 0, (r) => bad.push(r)) });
  const batches: DataBatch[] = [];
  const step = opts.chunk ?? bytes.length;
  for (let i = 0; i < bytes.length; i += step) batches.push(...p.push(bytes.subarray(i, i + step)));
  batches.push(...p.end());
  return { batches, bad, columns: p.columns, rows: p.rows };
}
const rowsOf = (batches: DataBatch[]) => batches.flatMap((b) => Array.from({ length: b.rowCount }, (_, r) => b.cells.map((c) => c[r])));
const linesOf = (batches: DataBatch[]) => batches.flatMap((b) => [...b.lines]);
const offsetsOf = (batches: DataBatch[]) => batches.flatMap((b) => [...b.offsets]);

const TRICKY = '\ufeffid,text,n\r\n1,"a, ""quoted""\nvalue",\r\n2,"",x\r\n\r\n3,é€😀,"z"\r\n';

test('quoted fields with delimiters, quotes and newlines; CRLF; BOM; null vs ""; blank lines skipped', () => {
  for (const chunk of [1, 2, 3, 7, 1000]) {
    const { batches, columns, bad } = parse(TRICKY, { chunk });
    assert.deepEqual(columns, ['id', 'text', 'n']);
    assert.deepEqual(rowsOf(batches), [
      [1, 'a, "quoted"\nvalue', null],
      [2, '', 'x'],
      [3, 'é€😀', 'z'],
    ]);
    assert.deepEqual(linesOf(batches), [2, 4, 6]);
    // BOM 3 + "id,text,n\r\n" 11 → 14; row 1 is 26 bytes; row 2 is 8 bytes; blank line 2 bytes.
    assert.deepEqual(offsetsOf(batches), [14, 40, 50]);
    assert.deepEqual(bad, []);
  }
});

test('multi-byte UTF-8 split across every chunk boundary decodes intact', () => {
  const text = 'k,v\nα,日本語\n😀,ü\n';
  for (let chunk = 1; chunk <= 5; chunk++) assert.deepEqual(rowsOf(parse(text, { chunk }).batches), [['α', '日本語'], ['😀', 'ü']]);
});

test('custom delimiter and tab', () => {
  assert.deepEqual(rowsOf(parse('a;b\n1;"x;y"\n', { delimiter: ';' }).batches), [[1, 'x;y']]);
  assert.deepEqual(rowsOf(parse('a\tb\n1\t2\n', { delimiter: '\t' }).batches), [[1, 2]]);
  assert.throws(() => parse('a\n', { delimiter: ';;' }), BadInputError);
});

test('last record without a trailing newline, and batches split at batchRows', () => {
  const { batches, rows } = parse('a\n1\n2\n3\n4\n5', { batchRows: 2, chunk: 3 });
  assert.deepEqual(batches.map((b) => b.rowCount), [2, 2, 1]);
  assert.deepEqual(rowsOf(batches), [[1], [2], [3], [4], [5]]);
  assert.equal(rows, 5);
});

test('empty file and blank-only file are BadInputError "empty file"; header only is 0 rows', () => {
  assert.throws(() => parse(''), (e: unknown) => e instanceof BadInputError && e.message === 'd.csv: empty file (no header row)');
  assert.throws(() => parse('\n\r\n'), /empty file/);
  const { batches, columns, rows } = parse('a,b\n');
  assert.deepEqual(columns, ['a', 'b']);
  assert.equal(batches.length, 0);
  assert.equal(rows, 0);
});

test('duplicate header names list the names and column numbers; empty names become Unnamed: i', () => {
  assert.throws(() => parse('a,b,a,c,b\n1,2,3,4,5\n'), (e: unknown) => e instanceof BadInputError && e.exitCode === 2 && e.message === 'd.csv:1: duplicate column names in the header: "a" (columns 1, 3), "b" (columns 2, 5)');
  assert.deepEqual(parse(',x\n1,2\n').columns, ['Unnamed: 0', 'x']);
});

test('wrong column count is malformed with line and byte offset; fails at max-malformed 0', () => {
  const input = 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n';
  assert.throws(() => parse(input), (e: unknown) => e instanceof BadInputError && e.message === 'd.csv:3: expected 3 fields, found 2 (byte offset 12)' && e.location?.line === 3 && e.location.offset === 12);
  const { batches, bad } = parse(input, { maxMalformed: 2, chunk: 4 });
  assert.deepEqual(rowsOf(batches), [[1, 2, 3], [10, 11, 12]]);
  assert.deepEqual(linesOf(batches), [2, 5]);
  assert.deepEqual(bad, [
    { file: 'd.csv', line: 3, offset: 12, reason: 'expected 3 fields, found 2' },
    { file: 'd.csv', line: 4, offset: 16, reason: 'expected 3 fields, found 4' },
  ]);
  assert.throws(() => parse(input, { maxMalformed: 1 }), /d\.csv:4: expected 3 fields, found 4 \(byte offset 16\) \(2 malformed records, more than --max-malformed 1\)/);
});

test('unterminated quote at end of file is malformed at the line where the quote opened', () => {
  const { bad, batches } = parse('a,b\n1,2\n3,"open\nnever closed\n', { maxMalformed: 1 });
  assert.deepEqual(rowsOf(batches), [[1, 2]]);
  assert.deepEqual(bad, [{ file: 'd.csv', line: 3, offset: 8, reason: 'unterminated quoted field (the quote opened at line 3 is never closed)' }]);
});

test('a character after a closing quote is malformed', () => {
  const { bad } = parse('a,b\n"x"y,2\n3,4\n', { maxMalformed: 1 });
  assert.equal(bad.length, 1);
  assert.equal(bad[0]!.line, 2);
  assert.match(bad[0]!.reason, /after a closing quote/);
});

test('invalid UTF-8 is a malformed record with the byte offset of the bad byte; later offsets stay exact', () => {
  const input = Buffer.concat([Buffer.from('a,b\n1,ok\n2,b'), Buffer.from([0xff, 0xfe]), Buffer.from('d\n3,é\n')]);
  for (const chunk of [1, 5, 100]) {
    const { bad, batches } = parse(input, { maxMalformed: 1, chunk });
    assert.deepEqual(bad, [{ file: 'd.csv', line: 3, offset: 9, reason: 'invalid UTF-8 at byte offset 12' }]);
    assert.deepEqual(rowsOf(batches), [[1, 'ok'], [3, 'é']]);
    assert.deepEqual(offsetsOf(batches), [4, 16]);
  }
  assert.throws(() => parse(Buffer.from([0x61, 0xc3, 0x0a])), /cannot read the header row: invalid UTF-8/);
});

test('a record longer than maxRecordBytes stops with BadInputError instead of buffering', () => {
  const long = `a\n"${'x'.repeat(5000)}`;
  assert.throws(() => parse(long, { maxRecordBytes: 1000, chunk: 256 }), (e: unknown) => e instanceof BadInputError && /^d\.csv:2: line 2 is longer than 0 MiB/.test(e.message));
});

test('a long quoted record spanning many chunks (long-record mode) parses exactly', () => {
  const big = 'y'.repeat(3 * 1024 * 1024);
  const { batches } = parse(`a,b\n"${big}\n""q""",1\n2,3\n`, { chunk: 64 * 1024 });
  const rows = rowsOf(batches);
  assert.equal(rows.length, 2);
  assert.equal(rows[0]![0], `${big}\n"q"`);
  assert.deepEqual(rows[1], [2, 3]);
  assert.deepEqual(linesOf(batches), [2, 4]);
});
