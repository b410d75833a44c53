/**
 * Resuming interrupted training without a person. GitHub refuses to re-run a workflow run that is still in progress,
 * and the `always()` stop job is part of the interrupted run, so it cannot re-run its own run. It dispatches the
 * training workflow again instead, naming the interrupted run (whose checkpoint artifact the new run restores) and
 * counting resumes so that a pool that keeps being reclaimed stops after `maxResumes`.
 */
import type { Octokit } from '@octokit/rest';
import type { RepoRef } from './registration.js';

export interface ResumeRequest {
  repo: RepoRef;
  workflow: string;
  ref: string;
  /** The interrupted run (its checkpoint artifact is restored). */
  fromRunId: string;
  /** Resumes so far for this training (0 on the first interruption). */
  resumeCount: number;
  maxResumes: number;
  /** Other inputs the workflow needs again (e.g. its own workflow_dispatch inputs). */
  inputs?: Record<string, string>;
}

export type ResumeDecision = { dispatched: true; resumeCount: number } | { dispatched: false; reason: string };

/** Dispatches the resume run, or says why not. */
export async function dispatchResume(octokit: Octokit, request: ResumeRequest): Promise<ResumeDecision> {
  if (request.resumeCount >= request.maxResumes) {
    return { dispatched: false, reason: `already resumed ${request.resumeCount} time(s); max-resumes is ${request.maxResumes}` };
  }
  const resumeCount = request.resumeCount + 1;
  await octokit.rest.actions.createWorkflowDispatch({
    owner: request.repo.owner,
    repo: request.repo.repo,
    workflow_id: request.workflow,
    ref: request.ref,
    inputs: { ...request.inputs, 'resume-from-run': request.fromRunId, 'resume-count': String(resumeCount) },
  });
  return { dispatched: true, resumeCount };
}
