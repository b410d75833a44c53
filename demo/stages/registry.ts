/**
 * Registry stage: the gh-mlops app against the sandbox. A model PR (approved on its head, green evaluation) is merged
 * → the app registers churn/v1.0.0 with verified assets and promotes it to staging; a writer's full release is
 * refused for production, a maintainer's is approved; the real CLI then resolves, lists and pulls the registry.
 */
import { join } from 'node:path';
import { client, setCodeowner, shipVersion, stageHistory, startAppWorld, where } from '../../test/app/app-fixtures.js';
import type { Stage } from '../stage.js';

/** The registry stage of the demo. */
export const registryStage: Stage = {
  name: 'registry',
  async run(ctx) {
    const world = await startAppWorld();
    const saved = { url: process.env.GITHUB_API_URL, token: process.env.GITHUB_TOKEN, repo: process.env.GITHUB_REPOSITORY };
    try {
      const { sandbox } = world;
      await setCodeowner(sandbox, 'erin');
      const pr = await shipVersion(world, 'feature/demo-model', { approver: 'erin' });
      const release = (await client(sandbox, 'alice').rest.repos.getReleaseByTag({ ...where, tag: 'churn/v1.0.0' })).data;
      ctx.record('registered', { pr: pr.number, tag: release.tag_name, assets: release.assets.map((a) => a.name), prerelease: release.prerelease });
      ctx.record('staging', await stageHistory(sandbox, 'churn-staging'));

      world.skew(25 * 3600);
      await client(sandbox, 'dave').rest.repos.updateRelease({ ...where, release_id: release.id, prerelease: false });
      await world.settle();
      await client(sandbox, 'bob').rest.repos.updateRelease({ ...where, release_id: release.id, prerelease: true });
      await world.settle();
      await client(sandbox, 'bob').rest.repos.updateRelease({ ...where, release_id: release.id, prerelease: false });
      await world.settle();
      const production = await stageHistory(sandbox, 'churn-production');
      if (production.map((d) => d.state).join(',') !== 'failure,success') throw new Error(`production history is ${JSON.stringify(production)}`);
      ctx.record('production', production.map((d) => ({ version: d.version, state: d.state, requested_by: d.payload.requested_by, description: d.description })));

      Object.assign(process.env, { GITHUB_API_URL: sandbox.github, GITHUB_TOKEN: sandbox.tokens.erin, GITHUB_REPOSITORY: 'acme/churn-model' });
      const resolved = await ctx.mlops(['registry', 'resolve', 'churn@production']);
      if (resolved.stdout.trim() !== 'churn/v1.0.0') throw new Error(`churn@production resolved to ${resolved.stdout}`);
      ctx.record('resolve', resolved.stdout.trim());
      ctx.record('list', JSON.parse((await ctx.mlops(['registry', 'list', '--json'])).stdout));
      const pulled = JSON.parse((await ctx.mlops(['registry', 'pull', 'churn@production', '--dir', join(ctx.outDir, 'registry', 'churn-production'), '--json'])).stdout);
      ctx.record('pull', pulled);
    } finally {
      for (const [key, value] of [['GITHUB_API_URL', saved.url], ['GITHUB_TOKEN', saved.token], ['GITHUB_REPOSITORY', saved.repo]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await world.close();
    }
  },
};
