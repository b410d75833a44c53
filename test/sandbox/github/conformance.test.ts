/**
 * OpenAPI conformance: tours through every route the emulator serves, each call's request and response validated
 * against the same operation's schemas in the real api.github.com description. The covered set must equal the
 * router's list, so a new route without a conformance call fails here.
 *
 * Adding an area (check runs, statuses, releases, deployments, …): write `tours/<area>.ts` exporting
 * `async function tour<Area>(ctx: TourContext)` that calls every route of that area through `ctx.as(user)` (the
 * checker-wrapped clients; copy the call sequences from the area's own tests), and add it to `TOURS` below. Tours run
 * in order on one sandbox, so a tour may rely on what earlier tours left (the core tour merges a pull request).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { loadOpenApi } from './openapi-checker.js';
import { tourActions } from './tours/actions.js';
import { tourChecks } from './tours/checks.js';
import { tourContext, type TourContext } from './tours/context.js';
import { tourCore } from './tours/core.js';
import { tourDeployments } from './tours/deployments.js';
import { tourReleases } from './tours/releases.js';

const TOURS: Array<[string, (ctx: TourContext) => Promise<void>]> = [
  ['core', tourCore],
  ['actions', tourActions],
  ['checks', tourChecks],
  ['releases', tourReleases],
  ['deployments', tourDeployments],
];

const openapi = loadOpenApi();
let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(async () => sandbox.close());

test('every served route is an operation of the spec with the same method and template', () => {
  for (const route of sandbox.githubEmulator.routes) {
    assert.equal(openapi.operationFor(route.method, route.path), route.operationId, `${route.method} ${route.path}`);
  }
});

test('every served route answers with bodies that validate against the OpenAPI schema of its operationId', async () => {
  const checker = openapi.createChecker();
  const ctx = tourContext(sandbox, checker);
  for (const [name, tour] of TOURS) {
    await tour(ctx);
    assert.deepEqual(checker.failures, [], `schema failures after the ${name} tour`);
  }

  const served = [...new Set(sandbox.githubEmulator.routes.map((r) => r.operationId))].sort();
  const missing = served.filter((id) => !checker.covered.has(id));
  const unserved = [...checker.covered].filter((id) => !served.includes(id)).sort();
  assert.deepEqual(
    missing,
    [],
    `served routes no tour calls (add them to a tours/<area>.ts, see the comment at the top of this file): ${missing.join(', ')}`,
  );
  assert.deepEqual(unserved, [], `tours covered operations the router does not serve: ${unserved.join(', ')}`);
  assert.deepEqual([...checker.covered].sort(), served);
});
