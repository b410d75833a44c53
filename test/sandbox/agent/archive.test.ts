/** Artifact archives: upload-artifact's layout, and extraction that refuses zip-slip entries before writing anything. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { extractZip, unsafeEntryReason, zipPaths } from '../../../lib/artifacts/archive.js';

test('zipPaths: one folder is stored by its contents, several paths relative to their common folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zip-'));
  mkdirSync(join(dir, 'out/sub'), { recursive: true });
  writeFileSync(join(dir, 'out/a.txt'), 'a');
  writeFileSync(join(dir, 'out/sub/b.txt'), 'b');
  writeFileSync(join(dir, 'c.txt'), 'c');
  assert.deepEqual(zipPaths(dir, ['out/']).files, ['a.txt', 'sub/b.txt']);
  assert.deepEqual(zipPaths(dir, ['out/sub/b.txt']).files, ['b.txt']);
  const both = zipPaths(dir, ['out', 'c.txt']);
  assert.deepEqual(both.files, ['c.txt', 'out/a.txt', 'out/sub/b.txt']);
  assert.deepEqual(Object.keys(unzipSync(both.zip)).sort(), ['c.txt', 'out/a.txt', 'out/sub/b.txt']);
  assert.throws(() => zipPaths(dir, ['missing.txt']), /missing.txt: no such file or folder/);
  rmSync(dir, { recursive: true, force: true });
});

test('extractZip refuses .. and absolute entries (zip slip) and writes nothing then', () => {
  assert.equal(unsafeEntryReason('a/b.txt'), undefined);
  assert.equal(unsafeEntryReason('../evil.txt'), 'contains ".."');
  assert.equal(unsafeEntryReason('a/../../evil.txt'), 'contains ".."');
  assert.equal(unsafeEntryReason('/etc/passwd'), 'absolute path');
  assert.equal(unsafeEntryReason('C:\\x'), 'absolute path');
  const parent = mkdtempSync(join(tmpdir(), 'slip-'));
  const target = join(parent, 'target');
  const evil = zipSync({ 'ok.txt': strToU8('fine'), '../evil.txt': strToU8('pwned') });
  assert.throws(() => extractZip(evil, target), (e: Error) => /refusing to extract "\.\.\/evil\.txt": contains "\.\."/.test(e.message));
  assert.equal(existsSync(join(parent, 'evil.txt')), false);
  assert.equal(existsSync(join(target, 'ok.txt')), false, 'nothing extracted');
  assert.throws(() => extractZip(zipSync({ '/abs.txt': strToU8('x') }), target), /absolute path/);
  assert.deepEqual(extractZip(zipSync({ 'd/x.txt': strToU8('x'), 'y.txt': strToU8('y') }), target), ['d/x.txt', 'y.txt']);
  assert.equal(readFileSync(join(target, 'd/x.txt'), 'utf8'), 'x');
  assert.deepEqual(readdirSync(parent), ['target']);
  assert.throws(() => extractZip(strToU8('not a zip'), target), /not a zip archive/);
  rmSync(parent, { recursive: true, force: true });
});
