/**
 * API calls the app makes for one model version's life: registration on merge (with auto-promotion to staging), a
 * production promotion, and its redelivery. Counted on the sandbox side: every request carrying the app's user agent.
 */
import { merge, openModelPr, postEvaluation, review, setCodeowner, startAppWorld, where, client } from '../test/app/app-fixtures.js';

/** Runs the flow against a fresh sandbox and returns the number of app API calls per step. */
export async function countPromotionCalls(): Promise<Record<string, number>> {
  const world = await startAppWorld();
  let count = 0;
  const realFetch = globalThis.fetch;
  // The app's Octokit sends `probot/<version>` in its user agent; the test's own clients do not.
  globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const agent = new Headers(init?.headers).get('user-agent') ?? '';
    if (agent.includes('probot/')) count++;
    return realFetch(input, init);
  }) as typeof fetch;
  const step = async (fn: () => Promise<unknown>) => {
    const before = count;
    await fn();
    await world.settle();
    return count - before;
  };
  try {
    await setCodeowner(world.sandbox, 'erin');
    const pr = await openModelPr(world.sandbox, 'feature/bench');
    await postEvaluation(world.sandbox, pr.headSha);
    await review(world.sandbox, 'erin', pr.number);
    await world.settle();
    const registration = await step(() => merge(world.sandbox, 'alice', pr.number));
    world.skew(25 * 3600);
    const release = (await client(world.sandbox, 'alice').rest.repos.getReleaseByTag({ ...where, tag: 'churn/v1.0.0' })).data;
    const production = await step(() => client(world.sandbox, 'bob').rest.repos.updateRelease({ ...where, release_id: release.id, prerelease: false }));
    const last = world.sandbox.githubEmulator.webhooks.deliveries().filter((d) => d.event === 'release' && d.action === 'released').at(-1)!;
    const redelivery = await step(() => fetch(`${world.sandbox.control}/deliveries/${last.id}/redeliver`, { method: 'POST' }));
    return { registration_with_staging: registration, production_promotion: production, redelivered_promotion: redelivery };
  } finally {
    globalThis.fetch = realFetch;
    await world.close();
  }
}
