/**
 * The registry dashboard: one pinned issue "MLOps model registry", found by its hidden marker and edited in place
 * (created once, under the lock `dashboard`, so replicas never make two), rendered from the `registry-dashboard`
 * template: models, versions, stage champions, key metrics, owners, open drift incidents.
 */
import type { ResolvedConfig } from '../lib/config/types.js';
import { dashboardMarker, dashboardTitle, dashboardView, environmentName, publishedVersions, type Lineage, type StageDeployment } from '../lib/registry/index.js';
import { flowMetrics } from '../lib/metrics/flow-metrics.js';
import { metricRows } from '../lib/metrics/format-metrics.js';
import { createTemplateRegistry } from '../lib/templates/index.js';
import type { RegistryDashboardView } from '../lib/templates/view-models.js';
import type { AppDeps } from './deps.js';
import { listDriftIncidents } from './github/drift-issues.js';
import { readFlowInput } from './github/flow-input.js';
import { listRegistryReleases, listStageDeployments } from './github/registry-reader.js';
import { readJsonAsset } from './promotion-facts.js';

/** Renders the dashboard body for the repository now. */
export async function renderDashboard(deps: AppDeps, config: ResolvedConfig): Promise<string> {
  const releases = await listRegistryReleases(deps.gh, deps.where);
  const drift = await listDriftIncidents(deps.gh, deps.where, 'open');
  const deployments: StageDeployment[] = [];
  const models = [];
  for (const m of config.models) {
    for (const s of m.promotion.stages) deployments.push(...(await listStageDeployments(deps.gh, deps.where, environmentName(m.name, s.name))));
    const latest = publishedVersions(releases, m.name)[0];
    const lineage = latest ? await readJsonAsset<Lineage>(deps, latest, 'lineage.json') : undefined;
    const primary = m.evaluation?.primaryMetric ?? Object.keys(lineage?.evaluation.metrics ?? {})[0];
    const incident = drift.find((d) => d.model === m.name);
    models.push({
      name: m.name, owner: m.owner, risk: m.risk, stages: m.promotion.stages.map((s) => s.name),
      ...(primary ? { primaryMetric: primary, primaryValue: lineage?.evaluation.metrics[primary] ?? null } : {}),
      ...(incident ? { openDriftIssue: { number: incident.number, url: incident.url } } : {}),
    });
  }
  const repoUrl = (await deps.gh.rest.repos.get({ ...deps.where })).data.html_url;
  const flow = await flowRows(deps);
  const view = dashboardView({
    repository: `${deps.where.owner}/${deps.where.repo}`, generatedAt: new Date(deps.now()).toISOString(), toolVersion: deps.toolVersion, models, releases, deployments,
    releaseUrl: (tag) => `${repoUrl}/releases/tag/${tag}`,
  });
  return `${dashboardMarker}\n${await createTemplateRegistry().render('registry-dashboard', flow ? { ...view, flow } : view)}`;
}

/** How far back the dashboard's flow metrics look. */
const FLOW_WINDOW_MS = 30 * 24 * 3600_000;

/**
 * The flow metrics of the last 30 days (the same reader and numbers as `mlops metrics`, without run artifacts to keep
 * the request count of a redraw small); undefined, with a warning, when they cannot be read: the registry table matters more.
 */
async function flowRows(deps: AppDeps): Promise<RegistryDashboardView['flow']> {
  try {
    const until = new Date(deps.now()).toISOString();
    const since = new Date(deps.now() - FLOW_WINDOW_MS).toISOString();
    const scope = { ...deps.where, since, until, productionStage: 'production', artifacts: false };
    const read = await readFlowInput(deps.gh as unknown as Parameters<typeof readFlowInput>[0], scope);
    const metrics = flowMetrics(read.input, { since, until, model: null, productionStage: 'production', staleAfterMs: 14 * 24 * 3600_000 });
    return { window: `${since.slice(0, 10)} → ${until.slice(0, 10)}`, rows: metricRows(metrics).map(([label, value]) => ({ label, value })) };
  } catch (error) {
    deps.log.warn(`registry dashboard: flow metrics unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/**
 * Redraws the dashboard after an action that changed what it shows (a ChatOps promotion, a drift incident opened or
 * closed). The action itself has succeeded by then, so a failure here is logged, not raised: the next event redraws it.
 */
export async function refreshDashboard(deps: AppDeps, config: ResolvedConfig): Promise<void> {
  try {
    await updateDashboard(deps, config);
  } catch (error) {
    deps.log.warn(`could not redraw the registry dashboard: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Creates or edits the dashboard issue; returns its number. Pinning is best effort (GraphQL `pinIssue`). */
export async function updateDashboard(deps: AppDeps, config: ResolvedConfig): Promise<number> {
  return deps.locks.withLock('dashboard', 2 * 60_000, async () => {
    const body = await renderDashboard(deps, config);
    const issues = await deps.gh.paginate(deps.gh.rest.issues.listForRepo, { ...deps.where, state: 'all', per_page: 100 });
    const found = issues.filter((i) => !i.pull_request && i.body?.startsWith(dashboardMarker)).sort((a, b) => a.number - b.number)[0];
    // The generated-at line changes every time; compare without it so an unchanged registry costs no edit.
    const stable = (text: string | null | undefined) => (text ?? '').replace(/\nGenerated by gh-mlops .*$/m, '');
    if (found) {
      if (stable(found.body) !== stable(body) || found.state !== 'open') await deps.gh.rest.issues.update({ ...deps.where, issue_number: found.number, body, state: 'open' });
      return found.number;
    }
    const { data } = await deps.gh.rest.issues.create({ ...deps.where, title: dashboardTitle, body });
    try {
      await deps.gh.graphql('mutation($id: ID!) { pinIssue(input: { issueId: $id }) { issue { number } } }', { id: data.node_id });
    } catch (error) {
      deps.log.warn(`could not pin the registry dashboard #${data.number}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return data.number;
  });
}
