/**
 * The other way drift reaches the app: a monitoring workflow run that completed with an `mlops-drift` artifact (what
 * actions/monitor uploads; the model is the report's subject, else the one monitored model) or `mlops-drift-<model>`,
 * holding its `mlops/drift` report. The report becomes the same event the monitor action dispatches, for the model's
 * last stage; its window key is the run (`run-<id>`), so a run seen both ways counts once.
 */
import { unzipSync } from 'fflate';
import type { ResolvedConfig } from '../../lib/config/types.js';
import { parseReport, type DriftReport } from '../../lib/contracts/index.js';
import { driftEvent, type DriftEvent } from '../../lib/contracts/drift-event.js';
import type { AppDeps } from '../deps.js';

/** Artifact name prefix. */
export const driftArtifactPrefix = 'mlops-drift-';

/** The drift events of run `run`'s drift artifacts (models of the config only). */
export async function driftEventsOfRun(deps: AppDeps, config: ResolvedConfig, run: { id: number; url: string; headSha: string; headBranch?: string }): Promise<DriftEvent[]> {
  const { gh, where } = deps;
  const listed = await gh.rest.actions.listWorkflowRunArtifacts({ ...where, run_id: run.id, per_page: 100 });
  const out: DriftEvent[] = [];
  for (const artifact of listed.data.artifacts) {
    // `mlops-drift` is what actions/monitor uploads (one model per run); `mlops-drift-<model>` names the model.
    if (artifact.expired || (artifact.name !== 'mlops-drift' && !artifact.name.startsWith(driftArtifactPrefix))) continue;
    const named = artifact.name === 'mlops-drift' ? undefined : artifact.name.slice(driftArtifactPrefix.length);
    const monitored = config.models.filter((m) => m.monitoring);
    const zip = await gh.rest.actions.downloadArtifact({ ...where, artifact_id: artifact.id, archive_format: 'zip' });
    const files = unzipSync(new Uint8Array(zip.data as ArrayBuffer));
    for (const [name, bytes] of Object.entries(files)) {
      if (!name.endsWith('.json')) continue;
      const text = new TextDecoder().decode(bytes);
      if (!text.includes('"mlops/drift"')) continue;
      const report = parseReport(text, `${artifact.name}/${name}`, 'mlops/drift') as DriftReport;
      const model = config.models.find((m) => m.name === (named ?? report.subject.model?.name)) ?? (named === undefined && monitored.length === 1 ? monitored[0] : undefined);
      if (!model) break;
      const stage = model.promotion.stages[model.promotion.stages.length - 1]?.name ?? 'production';
      out.push(driftEvent(report, { model: model.name, stage, run: { id: run.id, url: run.url } }));
      break;
    }
  }
  return out;
}
