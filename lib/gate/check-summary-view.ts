/** Maps a gate report (and the evaluation it judged) to the view of the `mlops / evaluation` check run summary. */
import type { EvaluationReport, GateReport } from '../contracts/index.js';
import { gateViews, metricTable } from '../evaluation/comment-view.js';
import type { CheckSummaryView, ProvenanceView } from '../templates/view-models.js';

/** The check summary's view: verdict, policy, every rule, and the metric table when an evaluation was judged. */
export function gateCheckSummaryView(gate: GateReport, evaluation: EvaluationReport | undefined, context: ProvenanceView & { model: string }): CheckSummaryView {
  return {
    ...context,
    passed: gate.passed,
    tier: gate.policy.tier,
    policySources: gate.policy.sources.map((s) => s.path),
    rules: gateViews(gate),
    ...(evaluation ? { metrics: metricTable(evaluation) } : {}),
  };
}
