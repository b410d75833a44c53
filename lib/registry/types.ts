/**
 * The registry as gh-mlops reads it from GitHub, in plain data: adapters (app/github, the CLI) map API answers to these
 * shapes so every decision about versions, champions and rollbacks is a pure function over them.
 */

/** One uploaded file of a version. */
export interface RegistryAsset {
  id: number;
  name: string;
  bytes: number;
  /** From the asset's `digest` (`sha256:<hex>`) when GitHub reports one. */
  sha256?: string;
  /** API URL of the asset (download with `Accept: application/octet-stream`). */
  url: string;
}

/** A release of a model version (drafts included: only callers with push access see them). */
export interface RegistryRelease {
  id: number;
  tag: string;
  model: string;
  version: string;
  draft: boolean;
  prerelease: boolean;
  /** What the release body's hidden marker says (absent when the release was not made by gh-mlops). */
  marker?: ReleaseMarker;
  createdAt: string;
  publishedAt: string | null;
  /** Web page of the release. */
  url: string;
  assets: RegistryAsset[];
}

/** The hidden marker gh-mlops writes into a release body: the natural key of a registration. */
export interface ReleaseMarker {
  model: string;
  version: string;
  /** The merge commit the tag points at. */
  sha: string;
  /** The originating pull request. */
  pr?: number;
  /** The workflow run whose artifact the assets came from. */
  run?: number;
}

/** States a deployment status can have (GitHub's). */
export type DeploymentStatusState = 'error' | 'failure' | 'inactive' | 'pending' | 'success' | 'queued' | 'in_progress';

/** One status of a deployment. */
export interface StageStatus {
  id: number;
  state: DeploymentStatusState;
  description: string;
  creator: string;
  createdAt: string;
}

/** A deployment to a stage's environment with its statuses (any order; functions sort by id). */
export interface StageDeployment {
  id: number;
  environment: string;
  /** The tag deployed (`churn/v1.3.0`). */
  ref: string;
  sha: string;
  creator: string;
  createdAt: string;
  payload: unknown;
  statuses: StageStatus[];
}
