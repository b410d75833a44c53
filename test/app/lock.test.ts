import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRefLocks, LockBusyError } from '../../app/github/lock.js';
import type { GitHub } from '../../app/github/client.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { client, where } from './app-fixtures.js';

let sandbox: Sandbox;
let gh: GitHub;
before(async () => {
  sandbox = await startSandbox();
  gh = client(sandbox, 'alice');
});
after(() => sandbox.close());

const refOf = async (key: string) => gh.rest.git.getRef({ ...where, ref: `mlops/locks/${key}` }).then((r) => r.data.object.sha, () => undefined);

test('of ten concurrent takers exactly one gets the lock; release frees it', async () => {
  let t = Date.parse('2026-01-01T00:00:00Z');
  const takers = Array.from({ length: 10 }, (_, i) => createRefLocks(gh, where, { holder: `replica-${i}`, now: () => t }));
  const held = await Promise.all(takers.map((l) => l.tryAcquire('promote/churn/production', 60_000)));
  const winners = held.filter((h) => h !== undefined);
  assert.equal(winners.length, 1);
  const message = (await gh.rest.git.getCommit({ ...where, commit_sha: (await refOf('promote/churn/production'))! })).data.message;
  assert.match(message, /^mlops-lock\n\nkey: promote\/churn\/production\nholder: replica-\d\nacquired: 2026-01-01T00:00:00\.000Z\nexpires: 2026-01-01T00:01:00\.000Z\n$/);
  // not re-entrant: even the holder's own client is refused while it holds it
  assert.equal(await takers[0]!.tryAcquire('promote/churn/production', 60_000), undefined);
  await winners[0]!.release();
  assert.equal(await refOf('promote/churn/production'), undefined);
  t += 1;
  assert.notEqual(await takers[3]!.tryAcquire('promote/churn/production', 60_000), undefined);
});

test('an expired lock (crashed holder) is taken over once, even by racing replicas; a stale release deletes nothing', async () => {
  let t = Date.parse('2026-01-01T00:00:00Z');
  const crashed = createRefLocks(gh, where, { holder: 'crashed', now: () => t });
  const old = (await crashed.tryAcquire('dashboard', 30_000))!;
  const others = Array.from({ length: 5 }, (_, i) => createRefLocks(gh, where, { holder: `r${i}`, now: () => t }));
  assert.equal((await Promise.all(others.map((l) => l.tryAcquire('dashboard', 30_000)))).filter(Boolean).length, 0);
  t += 30_000;
  const racing = await Promise.all(others.map((l) => l.tryAcquire('dashboard', 30_000)));
  const won = racing.filter((h) => h !== undefined);
  assert.equal(won.length, 1);
  const head = await refOf('dashboard');
  assert.equal(head, won[0]!.sha);
  await old.release(); // the crashed holder comes back late: the ref is no longer its commit
  assert.equal(await refOf('dashboard'), head);
});

test('withLock waits for a busy lock, then gives up with the holder named', async () => {
  let t = 0;
  const sleep = async (ms: number) => void (t += ms);
  const a = createRefLocks(gh, where, { holder: 'a', now: () => t, sleep });
  const b = createRefLocks(gh, where, { holder: 'b', now: () => t, sleep });
  const held = (await a.tryAcquire('comment/pr-1', 3_600_000))!;
  await assert.rejects(b.withLock('comment/pr-1', 60_000, async () => 'ran', 5_000), (e: unknown) => e instanceof LockBusyError && e.holder === 'a' && e.key === 'comment/pr-1');
  await held.release();
  assert.equal(await b.withLock('comment/pr-1', 60_000, async () => 'ran', 5_000), 'ran');
  assert.equal(await refOf('comment/pr-1'), undefined);
});
