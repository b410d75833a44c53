/** The branch a retraining run pushes its candidate to: `mlops/retrain/<model>/<run id>` (the app finds it by run). */

/** Prefix of every retraining branch. */
export const retrainBranchPrefix = 'mlops/retrain/';

/** The branch of `model`'s retraining in workflow run `runId`. */
export function retrainBranch(model: string, runId: number): string {
  return `${retrainBranchPrefix}${model}/${runId}`;
}
