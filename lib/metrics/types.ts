/**
 * Flow metrics are computed from plain records that an adapter (the CLI's GitHub reader, a test) maps from GitHub's
 * answers, so every definition below is a pure function with exact-value tests. Times are ISO 8601 strings.
 */
import type { StageDeployment } from '../registry/types.js';

/** One review of a pull request (GitHub's states). */
export interface ReviewRecord {
  reviewer: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  submittedAt: string;
}

/** A pull request; `model` is the model it changes (null when it changes none: not a candidate). */
export interface PullRecord {
  number: number;
  model: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  reviews: ReviewRecord[];
}

/** What a workflow run did, as far as flow metrics care: told from its workflow file (see `runKind`). */
export type RunKind = 'validation' | 'training' | 'evaluation' | 'other';

/** One workflow run. */
export interface RunRecord {
  id: number;
  kind: RunKind;
  /** Pull requests the run belongs to (same-repository PRs; GitHub leaves fork PRs out). */
  pullRequests: number[];
  /** `success`, `failure`, `cancelled`, …; null while it runs. */
  conclusion: string | null;
  createdAt: string;
}

/** A registered model version (a release tagged `<model>/v<semver>`). */
export interface VersionRecord {
  model: string;
  version: string;
  createdAt: string;
  /** The pull request it was registered from (from the release marker). */
  pr?: number;
}

/** A drift incident: an issue labelled `mlops:drift`. */
export interface IncidentRecord {
  number: number;
  /** From the title `Drift detected: <model> (<stage>)`; null when the title names none. */
  model: string | null;
  createdAt: string;
  closedAt: string | null;
}

/** GPU use of one training run, from its `mlops/training` report. */
export interface TrainingRecord {
  /** Workflow run id, when known: reports of the same run (asset and artifact) count once. */
  runId?: number;
  model: string | null;
  /** The pull request the training ran for, when known. */
  pr?: number;
  at: string;
  gpuHours: number;
  costUsd: number;
}

/** Everything flow metrics are computed from. */
export interface FlowInput {
  pulls: PullRecord[];
  runs: RunRecord[];
  versions: VersionRecord[];
  deployments: StageDeployment[];
  incidents: IncidentRecord[];
  trainings: TrainingRecord[];
}

/** The window and filters of a computation. */
export interface FlowOptions {
  since: string;
  until: string;
  /** Only this model (null: every model). */
  model: string | null;
  /** Stage name whose environment (`<model>-<stage>`) counts as production. */
  productionStage: string;
  /** An open candidate untouched for this long counts as abandoned. */
  staleAfterMs: number;
}

/** A median and a 90th percentile (linear interpolation, as numpy's default); null without samples. */
export interface Spread {
  count: number;
  median: number | null;
  p90: number | null;
}

/** Why a candidate never reached production. */
export type ScrapReason = 'validation-failed' | 'gate-failed' | 'review-rejected' | 'abandoned';

/** The reasons, in the order reports list them. */
export const scrapReasons: readonly ScrapReason[] = ['validation-failed', 'gate-failed', 'review-rejected', 'abandoned'];

/** A version's way to production: the cycle-time sample. */
export interface CycleSample {
  model: string;
  version: string;
  pr: number;
  openedAt: string;
  productionAt: string;
  hours: number;
}

/** The flow metrics of one window. */
export interface FlowMetrics {
  window: { since: string; until: string; days: number };
  model: string | null;
  productionStage: string;
  /** Model PR opened → first successful production deployment of its version, in hours. */
  cycleTime: Spread & { samples: CycleSample[] };
  /** Versions whose first successful production deployment falls in the window. */
  throughput: { versions: number; perWeek: number; weekly: Array<{ weekStart: string; versions: number }> };
  /** Candidates (model PRs) that ended in the window, or still run: shipped, in progress, or scrapped for a reason. */
  scrap: {
    candidates: number;
    shipped: number;
    inProgress: number;
    scrapped: number;
    /** scrapped / (shipped + scrapped); null when nothing ended. */
    rate: number | null;
    byReason: Record<ScrapReason, number>;
    /** Training runs in the window, and how many belong to a candidate that reached production. */
    trainingRuns: { total: number; shipped: number; rate: number | null };
    /** Candidate PR → its outcome, for drill-down. */
    outcomes: Array<{ pr: number; model: string; outcome: 'shipped' | 'in-progress' | ScrapReason }>;
  };
  /** Rollbacks / forward promotions to production in the window. */
  changeFailure: { promotions: number; rollbacks: number; rate: number | null };
  /** Drift incidents: opened and resolved in the window, still open at its end, hours to resolve. */
  drift: { opened: number; resolved: number; open: number; hoursToResolve: Spread };
  /** GPU use of every training run in the window (scrapped ones too) per version that reached production. */
  cost: { trainingRuns: number; gpuHours: number; usd: number; productionVersions: number; gpuHoursPerVersion: number | null; usdPerVersion: number | null };
}
