/** How GitHub objects map to flow-metric records: conventions that the workflows and the app follow. */
import type { RunKind } from './types.js';

/**
 * What a workflow run did, from its workflow file name (`.github/workflows/train.yml` → training). The shipped
 * workflows are named for their stage (docs/workflows/), so the file name is the one field that says it on every run.
 */
export function runKind(workflowPath: string): RunKind {
  const file = workflowPath.slice(workflowPath.lastIndexOf('/') + 1).toLowerCase();
  if (/validat/.test(file)) return 'validation';
  if (/evaluat|gate/.test(file)) return 'evaluation';
  if (/train/.test(file)) return 'training';
  return 'other';
}

/** The label every drift incident carries. */
export const driftLabel = 'mlops:drift';

/** The model a drift issue is about, from its title `Drift detected: <model> (<stage>)`; null when it names none. */
export function incidentModel(title: string): string | null {
  const m = /^Drift detected: ([A-Za-z0-9][A-Za-z0-9_-]*)\b/.exec(title.trim());
  return m ? m[1]! : null;
}
