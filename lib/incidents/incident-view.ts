/** The drift-issue template's view of a `mlops-drift` event (pure mapping; the template escapes every string). */
import type { DriftEvent } from '../contracts/drift-event.js';
import type { DriftIssueView } from '../templates/view-models.js';

/** What the view needs besides the event. */
export interface IncidentContext {
  owner: string;
  champion?: { version: string; sha256?: string; releaseUrl?: string };
  onDrift: 'issue' | 'retrain';
  closeAfterCleanWindows: number;
  toolVersion: string;
}

/** The drift-issue view of `event`. */
export function incidentView(event: DriftEvent, ctx: IncidentContext): DriftIssueView {
  const s = event.summary;
  return {
    commitSha: event.commit?.sha ?? '',
    ...(event.commit?.ref ? { ref: event.commit.ref } : {}),
    ...(event.run ? { runUrl: event.run.url } : {}),
    ...(s.reportUrl ? { reportUrl: s.reportUrl } : {}),
    generatedAt: s.generatedAt,
    toolVersion: ctx.toolVersion,
    model: event.model,
    stage: event.stage,
    owner: ctx.owner,
    ...(ctx.champion ? { champion: ctx.champion } : {}),
    share: s.share,
    threshold: s.threshold,
    baseline: s.baseline,
    current: s.current,
    drifted: event.columns.map((c) => ({
      column: c.column,
      type: c.type,
      method: c.method,
      statistic: c.statistic,
      ...(c.pValue !== undefined ? { pValue: c.pValue } : {}),
      threshold: c.threshold,
      drifted: true,
      severity: c.severity,
      approximate: c.approximate,
      ...(c.baselineMean !== undefined ? { baselineMean: c.baselineMean } : {}),
      ...(c.currentMean !== undefined ? { currentMean: c.currentMean } : {}),
      baselineMissing: c.baselineMissing,
      currentMissing: c.currentMissing,
    })),
    compared: s.compared,
    ...(event.windows.length > 0 ? { windows: event.windows } : {}),
    onDrift: ctx.onDrift,
    closeAfterCleanWindows: ctx.closeAfterCleanWindows,
  };
}
