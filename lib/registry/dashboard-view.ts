/** The registry dashboard's view model (template `registry-dashboard`), from releases, deployments and drift issues. */
import semver from 'semver';
import type { RegistryDashboardView, RegistryModelView } from '../templates/view-models.js';
import { championOf } from './champion.js';
import { environmentName } from './version-tag.js';
import type { RegistryRelease, StageDeployment } from './types.js';

/** One configured model as the dashboard needs it. */
export interface DashboardModel {
  name: string;
  owner: string;
  risk: string;
  stages: string[];
  primaryMetric?: string;
  /** The newest version's primary metric value, when its evaluation report was read. */
  primaryValue?: number | null;
  openDriftIssue?: { number: number; url: string };
}

/** Marker of the dashboard issue: its natural key (there is one per repository). */
export const dashboardMarker = '<!-- mlops:registry-dashboard -->';

/** Title of the dashboard issue. */
export const dashboardTitle = 'MLOps model registry';

/** Builds the dashboard view: stage columns are every configured stage name, in first-seen promotion order. */
export function dashboardView(input: {
  repository: string;
  generatedAt: string;
  toolVersion: string;
  models: DashboardModel[];
  releases: RegistryRelease[];
  deployments: StageDeployment[];
  releaseUrl: (tag: string) => string;
}): RegistryDashboardView {
  const stageNames: string[] = [];
  for (const m of input.models) for (const s of m.stages) if (!stageNames.includes(s)) stageNames.push(s);
  const models: RegistryModelView[] = input.models.map((m) => {
    const latest = input.releases.filter((r) => r.model === m.name && !r.draft).sort((a, b) => semver.rcompare(a.version, b.version))[0];
    return {
      name: m.name,
      owner: m.owner,
      risk: m.risk,
      ...(latest ? { latest: { version: latest.version, url: latest.url, createdAt: latest.publishedAt ?? latest.createdAt } } : {}),
      stages: stageNames.map((stage) => {
        if (!m.stages.includes(stage)) return {};
        const champion = championOf(input.deployments, environmentName(m.name, stage));
        return champion ? { version: champion.version, url: input.releaseUrl(`${m.name}/v${champion.version}`), deployedAt: champion.since } : {};
      }),
      ...(m.primaryMetric ? { primaryMetric: { name: m.primaryMetric, value: m.primaryValue ?? null } } : {}),
      ...(m.openDriftIssue ? { openDriftIssue: { text: `#${m.openDriftIssue.number}`, url: m.openDriftIssue.url } } : {}),
    };
  });
  return { repository: input.repository, generatedAt: input.generatedAt, toolVersion: input.toolVersion, stageNames, models };
}
