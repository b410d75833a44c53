/**
 * Flow metrics of the ML factory over one window: how long a model change takes to reach production, how many
 * versions get there per week, how much work is scrapped and why, how often production moves back, how fast drift
 * incidents are resolved, and what GPU time each shipped version cost. Definitions: docs/metrics in the README.
 */
import semver from 'semver';
import { candidateOutcome } from './candidate-outcome.js';
import { firstProductionTimes, productionChanges } from './production-history.js';
import { hoursBetween, inWindow, spread } from './spread.js';
import { weeklyCounts } from './weekly-counts.js';
import { scrapReasons, type CycleSample, type FlowInput, type FlowMetrics, type FlowOptions, type ScrapReason } from './types.js';

const key = (model: string, version: string) => `${model}/${version}`;

/** Computes every flow metric of the window from plain records (pure). */
export function flowMetrics(input: FlowInput, options: FlowOptions): FlowMetrics {
  const window = { since: options.since, until: options.until };
  const wanted = (model: string | null) => options.model === null || model === options.model;
  const untilMs = Date.parse(options.until);
  const days = (untilMs - Date.parse(options.since)) / 86_400_000;

  // Production as it stood at the end of the window: later deployments must not change the past.
  const changes = productionChanges(input.deployments, options.productionStage).filter((c) => wanted(c.model) && Date.parse(c.at) <= untilMs);
  const firstProduction = firstProductionTimes(changes);
  const versionByPr = new Map(input.versions.filter((v) => v.pr !== undefined).map((v) => [`${v.model}#${v.pr}`, v]));
  const pullByNumber = new Map(input.pulls.map((p) => [p.number, p]));

  // Cycle time and throughput: versions whose first production deployment is in the window.
  const arrivals = [...firstProduction.entries()].filter(([, at]) => inWindow(at, window));
  const samples: CycleSample[] = [];
  for (const [k, productionAt] of arrivals) {
    const version = input.versions.find((v) => key(v.model, v.version) === k);
    const pull = version?.pr === undefined ? undefined : pullByNumber.get(version.pr);
    if (!version || !pull || version.pr === undefined) continue;
    samples.push({ model: version.model, version: version.version, pr: version.pr, openedAt: pull.createdAt, productionAt, hours: hoursBetween(pull.createdAt, productionAt) });
  }
  samples.sort((a, b) => Date.parse(a.productionAt) - Date.parse(b.productionAt));

  // Scrap: the cohort of candidates opened in the window, each with its outcome as of the window's end.
  const byReason = Object.fromEntries(scrapReasons.map((r) => [r, 0])) as Record<ScrapReason, number>;
  const outcomes: FlowMetrics['scrap']['outcomes'] = [];
  const shippedPrs = new Set<number>();
  for (const pull of input.pulls) {
    if (pull.model === null || !wanted(pull.model)) continue;
    const model = pull.model;
    const version = versionByPr.get(`${model}#${pull.number}`);
    const productionAt = version ? firstProduction.get(key(model, version.version)) : undefined;
    const superseded = version !== undefined && [...firstProduction.keys()].some((k) => {
      const [m, v] = [k.slice(0, k.lastIndexOf('/')), k.slice(k.lastIndexOf('/') + 1)];
      return m === model && semver.gt(v, version.version);
    });
    const runs = input.runs.filter((r) => r.pullRequests.includes(pull.number));
    const outcome = candidateOutcome(pull, { until: options.until, staleAfterMs: options.staleAfterMs, runs, ...(version ? { version } : {}), ...(productionAt ? { productionAt } : {}), superseded });
    if (outcome === 'shipped') shippedPrs.add(pull.number);
    if (inWindow(pull.createdAt, window)) outcomes.push({ pr: pull.number, model, outcome });
  }
  outcomes.sort((a, b) => a.pr - b.pr);
  for (const o of outcomes) if (o.outcome !== 'shipped' && o.outcome !== 'in-progress') byReason[o.outcome] += 1;
  const shipped = outcomes.filter((o) => o.outcome === 'shipped').length;
  const inProgress = outcomes.filter((o) => o.outcome === 'in-progress').length;
  const scrapped = outcomes.length - shipped - inProgress;

  const modelOfRun = (prs: number[]) => prs.map((n) => pullByNumber.get(n)?.model ?? null).find((m) => m !== null) ?? null;
  const trainingRuns = input.runs.filter((r) => r.kind === 'training' && inWindow(r.createdAt, window) && wanted(modelOfRun(r.pullRequests)));
  const shippedRuns = trainingRuns.filter((r) => r.pullRequests.some((n) => shippedPrs.has(n))).length;

  // Change failure: of the production changes in the window, the share that went back.
  const windowChanges = changes.filter((c) => inWindow(c.at, window));
  const rollbacks = windowChanges.filter((c) => c.rollback).length;
  const promotions = windowChanges.length - rollbacks;

  const incidents = input.incidents.filter((i) => wanted(i.model));
  const resolved = incidents.filter((i) => i.closedAt !== null && inWindow(i.closedAt, window));

  // Cost: every training run of the window counts, scrapped ones included; a run reported twice counts once.
  const seenRuns = new Set<number>();
  const trainings = input.trainings.filter((t) => {
    const model = t.model ?? (t.pr === undefined ? null : (pullByNumber.get(t.pr)?.model ?? null));
    if (!inWindow(t.at, window) || !wanted(model)) return false;
    if (t.runId === undefined) return true;
    if (seenRuns.has(t.runId)) return false;
    seenRuns.add(t.runId);
    return true;
  });
  const gpuHours = trainings.reduce((s, t) => s + t.gpuHours, 0);
  const usd = trainings.reduce((s, t) => s + t.costUsd, 0);

  return {
    window: { ...window, days },
    model: options.model,
    productionStage: options.productionStage,
    cycleTime: { ...spread(samples.map((s) => s.hours)), samples },
    throughput: { versions: arrivals.length, perWeek: days > 0 ? arrivals.length / (days / 7) : 0, weekly: weeklyCounts(arrivals.map(([, at]) => at), window) },
    scrap: {
      candidates: outcomes.length, shipped, inProgress, scrapped,
      rate: shipped + scrapped === 0 ? null : scrapped / (shipped + scrapped),
      byReason,
      trainingRuns: { total: trainingRuns.length, shipped: shippedRuns, rate: trainingRuns.length === 0 ? null : (trainingRuns.length - shippedRuns) / trainingRuns.length },
      outcomes,
    },
    changeFailure: { promotions, rollbacks, rate: promotions === 0 ? null : rollbacks / promotions },
    drift: {
      opened: incidents.filter((i) => inWindow(i.createdAt, window)).length,
      resolved: resolved.length,
      open: incidents.filter((i) => Date.parse(i.createdAt) <= untilMs && (i.closedAt === null || Date.parse(i.closedAt) > untilMs)).length,
      hoursToResolve: spread(resolved.map((i) => hoursBetween(i.createdAt, i.closedAt!))),
    },
    cost: {
      trainingRuns: trainings.length, gpuHours, usd, productionVersions: arrivals.length,
      gpuHoursPerVersion: arrivals.length === 0 ? null : gpuHours / arrivals.length,
      usdPerVersion: arrivals.length === 0 ? null : usd / arrivals.length,
    },
  };
}
