/** A comparison's result as an `mlops/drift` v1 report. */
import { createReport, type DriftBody, type DriftReport, type Subject } from '../contracts/index.js';
import type { DatasetDecision } from './compare-datasets.js';

/** The baseline as the report names it. */
export interface BaselineInfo {
  fingerprint: string;
  rows: number;
  source?: string;
}

/** Wraps a dataset decision in the `mlops/drift` envelope; `subject.dataset` is the current data. */
export function toDriftReport(decision: DatasetDecision, mode: 'raw' | 'profile', baseline: BaselineInfo, subject: Subject, extra: Pick<DriftBody, 'windows'> = {}, now?: Date): DriftReport {
  const body: DriftBody = {
    drifted: decision.drifted,
    share: decision.share,
    threshold: decision.threshold,
    mode,
    baseline: { fingerprint: baseline.fingerprint, rows: baseline.rows, ...(baseline.source ? { source: baseline.source } : {}) },
    columns: decision.columns,
    ...extra,
  };
  return createReport('mlops/drift', body, { subject, ...(now ? { now } : {}) }) as DriftReport;
}
