import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleFileEntry, sha256File, verifyBundle, type BundleFile } from '../../../lib/contracts/index.js';

async function bundleDir(): Promise<{ dir: string; files: BundleFile[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-bundle-'));
  await mkdir(join(dir, 'reports'));
  await writeFile(join(dir, 'model.onnx'), 'abc');
  await writeFile(join(dir, 'reports', 'evaluation.json'), '{"kind":"mlops/evaluation"}\n');
  const files = [await bundleFileEntry(dir, 'model.onnx', 'model'), await bundleFileEntry(dir, 'reports/evaluation.json', 'evaluation')];
  return { dir, files };
}

test('sha256File hashes the bytes (known vector)', async () => {
  const { dir } = await bundleDir();
  assert.equal(await sha256File(join(dir, 'model.onnx')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('bundleFileEntry measures size and digest', async () => {
  const { files } = await bundleDir();
  assert.deepEqual(files[0], { role: 'model', path: 'model.onnx', sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', bytes: 3 });
  assert.equal(files[1]!.bytes, 28);
});

test('an intact bundle has no mismatches', async () => {
  const { dir, files } = await bundleDir();
  assert.deepEqual(await verifyBundle(dir, { files }), []);
});

test('verifyBundle detects a tampered file (same size), a resized file and a missing file', async () => {
  const { dir, files } = await bundleDir();
  await writeFile(join(dir, 'model.onnx'), 'abd');
  await writeFile(join(dir, 'reports', 'evaluation.json'), '{}');
  const missing: BundleFile = { role: 'model-card', path: 'MODEL_CARD.md', sha256: '0'.repeat(64), bytes: 10 };
  const mismatches = await verifyBundle(dir, { files: [...files, missing] });
  assert.deepEqual(mismatches.map((m) => [m.path, m.problem, m.expected, m.actual]), [
    ['model.onnx', 'sha256', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 'a52d159f262b2c6ddb724a61840befc36eb30c88877a4030b65cbe86298449c9'],
    ['reports/evaluation.json', 'size', 28, 2],
    ['MODEL_CARD.md', 'missing', undefined, undefined],
  ]);
  assert.equal(mismatches[1]!.message, 'reports/evaluation.json (evaluation) is 2 bytes; the manifest says 28');
  assert.equal(mismatches[2]!.message, `MODEL_CARD.md (model-card) is listed in the manifest but missing from ${dir}`);
});

test('verifyBundle never reads outside the bundle folder, even from an unvalidated manifest', async () => {
  const { dir } = await bundleDir();
  const escaping: BundleFile[] = [
    { role: 'lineage', path: '../x.json', sha256: '0'.repeat(64), bytes: 1 },
    { role: 'lineage', path: '/etc/passwd', sha256: '0'.repeat(64), bytes: 1 },
  ];
  assert.deepEqual((await verifyBundle(dir, { files: escaping })).map((m) => m.problem), ['outside-bundle', 'outside-bundle']);
});
