// A month of one repository's ML work, written out by hand so every flow metric has a value worked out on paper
// (see the comments in flow-metrics.test.ts).
import type { StageDeployment } from '../../../lib/registry/types.js';
import type { FlowInput, PullRecord, ReviewRecord, RunRecord } from '../../../lib/metrics/types.js';

const t = (day: string, time = '00:00') => `2026-${day}T${time}:00Z`;

function pull(number: number, model: string | null, createdAt: string, end: { merged?: string; closed?: string; updated?: string } = {}, reviews: ReviewRecord[] = []): PullRecord {
  const closedAt = end.merged ?? end.closed ?? null;
  return { number, model, createdAt, updatedAt: end.updated ?? closedAt ?? createdAt, closedAt, mergedAt: end.merged ?? null, reviews };
}

function run(id: number, kind: RunRecord['kind'], prs: number[], conclusion: string | null, createdAt: string): RunRecord {
  return { id, kind, pullRequests: prs, conclusion, createdAt };
}

let statusId = 1000;
function deploy(id: number, environment: string, version: string, success: string | null, payload: Record<string, unknown> = {}): StageDeployment {
  const model = environment.slice(0, environment.lastIndexOf('-'));
  const statuses = success === null
    ? [{ id: statusId++, state: 'failure' as const, description: 'refused', creator: 'app', createdAt: t('11-18') }]
    : [{ id: statusId++, state: 'in_progress' as const, description: '', creator: 'app', createdAt: success }, { id: statusId++, state: 'success' as const, description: '', creator: 'app', createdAt: success }];
  return { id, environment, ref: `${model}/v${version}`, sha: 'a'.repeat(40), creator: 'app', createdAt: success ?? t('11-18'), payload: { mlops: 1, model, version, tag: `${model}/v${version}`, ...payload }, statuses };
}

/** The window every test uses: four weeks. */
export const window = { since: t('11-01'), until: t('11-29') };

/** The month's records. */
export function scenario(): FlowInput {
  return {
    pulls: [
      pull(1, 'churn', t('11-02'), { merged: t('11-03') }),
      pull(2, 'churn', t('11-05'), { closed: t('11-06') }),
      pull(3, 'churn', t('11-07'), { closed: t('11-08') }),
      pull(4, 'churn', t('11-09'), { closed: t('11-10') }, [
        { reviewer: 'bob', state: 'CHANGES_REQUESTED', submittedAt: t('11-09', '10:00') },
        { reviewer: 'alice', state: 'APPROVED', submittedAt: t('11-09', '11:00') },
        { reviewer: 'bob', state: 'COMMENTED', submittedAt: t('11-09', '12:00') },
      ]),
      pull(5, 'churn', t('11-10'), { merged: t('11-11') }, [
        { reviewer: 'bob', state: 'CHANGES_REQUESTED', submittedAt: t('11-10', '10:00') },
        { reviewer: 'bob', state: 'APPROVED', submittedAt: t('11-10', '12:00') },
      ]),
      pull(6, 'churn', t('11-12')),
      pull(7, 'churn', t('11-25'), { updated: t('11-26') }),
      pull(8, 'fraud', t('11-03'), { merged: t('11-04') }),
      pull(9, null, t('11-03'), { merged: t('11-03') }),
      pull(10, 'churn', t('10-20'), { merged: t('10-21') }),
      pull(11, 'churn', t('11-15'), { merged: t('11-16') }),
      pull(13, 'churn', t('11-02', '06:00'), { merged: t('11-03', '06:00') }),
    ],
    runs: [
      run(10, 'validation', [2], 'failure', t('11-05', '01:00')),
      run(11, 'validation', [3], 'failure', t('11-07', '01:00')),
      run(12, 'validation', [3], 'success', t('11-07', '03:00')),
      run(13, 'evaluation', [3], 'failure', t('11-07', '04:00')),
      run(14, 'validation', [1], 'success', t('11-02', '01:00')),
      run(20, 'training', [1], 'success', t('11-02', '06:00')),
      run(21, 'training', [3], 'success', t('11-07', '02:00')),
      run(22, 'training', [5], 'success', t('11-10', '05:00')),
      run(23, 'training', [], 'success', t('11-20')),
      run(24, 'training', [8], 'success', t('11-03', '05:00')),
      run(25, 'training', [10], 'success', t('10-20')),
    ],
    versions: [
      { model: 'churn', version: '0.9.0', createdAt: t('10-21'), pr: 10 },
      { model: 'churn', version: '1.0.0', createdAt: t('11-03'), pr: 1 },
      { model: 'churn', version: '1.0.1', createdAt: t('11-03', '06:00'), pr: 13 },
      { model: 'churn', version: '1.1.0', createdAt: t('11-11'), pr: 5 },
      { model: 'churn', version: '1.2.0', createdAt: t('11-16'), pr: 11 },
      { model: 'fraud', version: '1.0.0', createdAt: t('11-04'), pr: 8 },
    ],
    deployments: [
      deploy(1, 'churn-production', '0.9.0', t('10-22')),
      deploy(2, 'churn-production', '1.0.0', t('11-04', '12:00')),
      deploy(3, 'churn-production', '1.1.0', t('11-12')),
      deploy(4, 'churn-production', '1.0.0', t('11-13'), { rollback_of: '1.1.0' }),
      deploy(5, 'churn-production', '1.1.0', t('11-14')),
      deploy(6, 'churn-production', '1.1.0', t('11-15')),
      deploy(7, 'churn-production', '1.2.0', null),
      deploy(8, 'churn-staging', '1.2.0', t('11-17')),
      deploy(9, 'fraud-production', '1.0.0', t('11-20')),
      deploy(10, 'churn-production', '1.2.0', t('12-02')),
    ],
    incidents: [
      { number: 30, model: 'churn', createdAt: t('11-05'), closedAt: t('11-06') },
      { number: 31, model: 'churn', createdAt: t('11-20'), closedAt: t('11-21', '12:00') },
      { number: 32, model: 'churn', createdAt: t('11-27'), closedAt: null },
      { number: 33, model: 'fraud', createdAt: t('10-20'), closedAt: t('11-02') },
      { number: 34, model: 'churn', createdAt: t('10-01'), closedAt: t('10-05') },
    ],
    trainings: [
      { runId: 20, model: null, pr: 1, at: t('11-02', '07:00'), gpuHours: 0.5, costUsd: 0.75 },
      { runId: 20, model: 'churn', at: t('11-02', '07:00'), gpuHours: 0.5, costUsd: 0.75 },
      { runId: 21, model: null, pr: 3, at: t('11-07', '03:00'), gpuHours: 1, costUsd: 1.5 },
      { runId: 22, model: 'churn', at: t('11-10', '06:00'), gpuHours: 0.25, costUsd: 0.25 },
      { runId: 24, model: 'fraud', at: t('11-03', '06:00'), gpuHours: 2, costUsd: 3.5 },
      { model: 'churn', at: t('10-20', '06:00'), gpuHours: 9, costUsd: 9 },
    ],
  };
}
