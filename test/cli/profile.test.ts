import { runInProcess } from './in-process.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseReport } from '../../lib/contracts/index.js';

async function cli(argv: string[], cwd: string) {
  return runInProcess(argv, { cwd, env: {} });
}

const header = 'id,age,plan,joined\n';
const rowsA = ['1,34,pro,2024-01-02', '2,,basic,2024-01-03', '3,51,pro,2024-02-01'];
const rowsB = ['4,29,team,2024-03-04', '5,62,pro,2024-03-05'];

test('profile: shards profiled apart and merged equal one profile of both files (exit 0)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-profile-'));
  await writeFile(join(dir, 'a.csv'), header + rowsA.join('\n') + '\n');
  await writeFile(join(dir, 'b.csv'), header + rowsB.join('\n') + '\n');
  const a = await cli(['profile', '--data', 'a.csv', '--out', 'a.json'], dir);
  assert.equal(a.code, 0, a.stderr);
  assert.equal((await cli(['profile', '--data', 'b.csv', '--out', 'b.json'], dir)).code, 0);
  const merged = await cli(['profile', 'merge', 'a.json', 'b.json', '--out', 'merged.json', '--format', 'markdown'], dir);
  assert.equal(merged.code, 0, merged.stderr);
  assert.match(merged.stdout, /^\| column \| type \| count \| missing \| distinct \| min \| max \| mean \| p50 \| top \|$/m);
  assert.match(merged.stdout, /^\| age \| integer \| 4 \| 1 \| 4 \| 29 \| 62 \| 44 \| 34 \| 29 \(1\) \|$/m);
  const whole = await cli(['profile', '--data', 'a.csv', '--data', 'b.csv', '--out', 'whole.json'], dir);
  assert.equal(whole.code, 0, whole.stderr);
  assert.deepEqual(whole.stdout.split('\n').slice(0, 5), [
    'column  type      count  missing  distinct  min                       max                       mean  p50                       top',
    'id      integer   5      0        5         1                         5                         3     3                         1 (1)',
    'age     integer   4      1        4         29                        62                        44    34                        29 (1)',
    'plan    string    5      0        3         basic                     team                                                      pro (3)',
    'joined  datetime  5      0        5         2024-01-02T00:00:00.000Z  2024-03-05T00:00:00.000Z        2024-02-01T00:00:00.000Z  2024-01-02 (1)',
  ]);
  const m = parseReport(await readFile(join(dir, 'merged.json'), 'utf8'), 'merged.json', 'mlops/profile');
  const w = parseReport(await readFile(join(dir, 'whole.json'), 'utf8'), 'whole.json', 'mlops/profile');
  assert.equal(m.fingerprint, w.fingerprint);
  assert.deepEqual(m.subject.dataset, w.subject.dataset);
  assert.deepEqual(m.columns.map((c) => [c.name, c.type, c.count, c.missing, c.min, c.max, c.mean, c.topK]), w.columns.map((c) => [c.name, c.type, c.count, c.missing, c.min, c.max, c.mean, c.topK]));
});

test('profile merge: mismatched columns and non-profile reports are bad input (exit 2)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-profile-'));
  await writeFile(join(dir, 'a.csv'), header + rowsA.join('\n') + '\n');
  await writeFile(join(dir, 'c.csv'), 'id,age,tier,joined\n1,2,x,2024-01-01\n');
  await cli(['profile', '--data', 'a.csv', '--out', 'a.json'], dir);
  await cli(['profile', '--data', 'c.csv', '--out', 'c.json'], dir);
  const r = await cli(['profile', 'merge', 'a.json', 'c.json', '--out', 'm.json'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /c\.json: error: c\.json: cannot merge with a\.json: column 3 is 'tier', expected 'plan'/);
  await writeFile(join(dir, 'x.json'), '{"kind":"mlops/gate"}');
  assert.equal((await cli(['profile', 'merge', 'a.json', 'x.json'], dir)).code, 2);
  assert.equal((await cli(['profile'], dir)).code, 2);
});
