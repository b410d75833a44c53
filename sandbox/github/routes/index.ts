/**
 * Every served GitHub route. To add an area (check runs, releases, …): write `routes/<area>.ts` exporting a
 * `RouteDef[]` (operationId + method + the spec's path template + access + handler) and list it here.
 */
import type { RouteDef } from '../router.js';
import { actionsArtifactRoutes } from './actions-artifacts.js';
import { actionsRunnerRoutes } from './actions-runners.js';
import { actionsRunRoutes } from './actions-runs.js';
import { appRoutes } from './apps.js';
import { checkRoutes } from './checks.js';
import { commentRoutes } from './comments.js';
import { contentRoutes } from './contents.js';
import { dispatchRoutes } from './dispatch.js';
import { deploymentRoutes } from './deployments.js';
import { gitRoutes } from './git.js';
import { issueRoutes } from './issues.js';
import { labelRoutes } from './labels.js';
import { metaRoutes } from './meta.js';
import { pullRoutes } from './pulls.js';
import { releaseRoutes } from './releases.js';
import { repoRoutes } from './repos.js';
import { reviewRoutes } from './reviews.js';
import { statusRoutes } from './statuses.js';

/** All routes, in no particular order (the router sorts by specificity). */
export const githubRoutes: RouteDef[] = [
  ...metaRoutes,
  ...appRoutes,
  ...repoRoutes,
  ...gitRoutes,
  ...contentRoutes,
  ...dispatchRoutes,
  ...issueRoutes,
  ...commentRoutes,
  ...labelRoutes,
  ...pullRoutes,
  ...reviewRoutes,
  ...actionsRunRoutes,
  ...actionsRunnerRoutes,
  ...actionsArtifactRoutes,
  ...checkRoutes,
  ...statusRoutes,
  ...releaseRoutes,
  ...deploymentRoutes,
];
