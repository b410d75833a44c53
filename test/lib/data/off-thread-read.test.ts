import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { FileSummary, MalformedRecord } from '../../../lib/data/batch.js';
import { readDataset } from '../../../lib/data/read-dataset.js';
import { BadInputError } from '../../../lib/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'mlops-offthread-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** ~2.5 MB of CSV with everything that can go wrong at a chunk boundary: quoted newlines, CRLF, multi-byte UTF-8, bad bytes. */
function trickyCsv(): Buffer {
  const parts: Buffer[] = [Buffer.from('\ufeffid,text,x,y\r\n')];
  for (let i = 0; i < 40_000; i++) {
    let line: string;
    if (i % 997 === 0) line = `${i},"multi\nline ""quoted"", with comma",${i / 8},007`;
    else if (i % 1001 === 0) line = `${i},too,many,fields,here`;
    else if (i % 503 === 0) line = `${i},é€😀 ünïcödé,-${i}.50,1e-05`;
    else line = `${i},plain${i % 7},${(i * 0.37).toFixed(5)},${i % 3 === 0 ? '' : -i}`;
    parts.push(Buffer.from(`${line}${i % 2 === 0 ? '\r\n' : '\n'}`));
    if (i % 4999 === 0) parts.push(Buffer.from([0x31, 0x2c, 0xff, 0xfe, 0x2c, 0x31, 0x2c, 0x32, 0x0a]));
  }
  return Buffer.concat(parts);
}

async function readBoth(path: string) {
  const run = async (offThreadBytes: number) => {
    const files: FileSummary[] = [];
    const bad: MalformedRecord[] = [];
    const rows: unknown[][] = [];
    const lines: number[] = [];
    const offsets: number[] = [];
    for await (const b of readDataset([path], { offThreadBytes, maxMalformed: 1000, onFile: (s) => files.push(s), onMalformed: (r) => bad.push(r) })) {
      for (let r = 0; r < b.rowCount; r++) rows.push(b.cells.map((c) => c[r]));
      lines.push(...b.lines);
      offsets.push(...b.offsets);
    }
    return { files, bad, rows, lines, offsets };
  };
  return { inThread: await run(Number.POSITIVE_INFINITY), offThread: await run(0) };
}

test('decoding on a worker thread reads exactly what the in-thread reader reads (rows, lines, offsets, malformed, digest)', async () => {
  const path = join(dir, 'tricky.csv');
  writeFileSync(path, trickyCsv());
  const { inThread, offThread } = await readBoth(path);
  assert.equal(inThread.rows.length, 40_000 - 39); // 39 rows with too many fields (multiples of 1001 but not of 997)
  assert.deepEqual(offThread.rows, inThread.rows);
  assert.deepEqual(offThread.lines, inThread.lines);
  assert.deepEqual(offThread.offsets, inThread.offsets);
  assert.deepEqual(offThread.bad, inThread.bad);
  assert.deepEqual(offThread.files, inThread.files);
  assert.equal(inThread.bad.filter((b) => b.reason.startsWith('invalid UTF-8')).length, 9);
  assert.deepEqual(inThread.rows[1], [1, 'plain1', 0.37, -1]);
  assert.deepEqual(inThread.rows[0], [0, 'multi\nline "quoted", with comma', 0, '007']);
});

test('gzip on the worker thread: same rows; the digest is of the compressed bytes; truncation is a BadInputError', async () => {
  const bytes = gzipSync(trickyCsv());
  const path = join(dir, 'tricky.csv.gz');
  writeFileSync(path, bytes);
  const { inThread, offThread } = await readBoth(path);
  assert.deepEqual(offThread.rows, inThread.rows);
  assert.deepEqual(offThread.files, inThread.files);
  assert.equal(offThread.files[0]!.bytes, bytes.length);
  const cut = join(dir, 'cut.csv.gz');
  writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
  await assert.rejects(
    (async () => {
      for await (const _ of readDataset([cut], { offThreadBytes: 0, maxMalformed: 1000 }));
    })(),
    (e: unknown) => e instanceof BadInputError && e.message.startsWith(`${cut}: the gzip data is truncated or corrupt`),
  );
});

test('an empty file read on the worker thread is the same "empty file" error', async () => {
  const empty = join(dir, 'empty.csv');
  writeFileSync(empty, '');
  await assert.rejects(
    (async () => {
      for await (const _ of readDataset([empty], { offThreadBytes: 0 }));
    })(),
    /empty\.csv: empty file \(no header row\)/,
  );
});
