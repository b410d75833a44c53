/**
 * The gh-mlops GitHub App: Releases as the model registry, PR approvals and policies as governance, Deployments as
 * stages. Handlers are thin: they read the event, call the decisions in lib/ and act through Octokit.
 */
import type { ApplicationFunction, Probot } from 'probot';
import type { AppOptions } from './app-options.js';
import { onProtectionRule } from './handlers/deployment-protection-rule.js';
import { onInstallationCreated } from './handlers/installation.js';
import { onPullRequestClosed } from './handlers/pull-request-closed.js';
import { onRelease } from './handlers/release.js';
import { onIssueComment } from './handlers/issue-comment.js';
import { onRepositoryDispatch } from './handlers/repository-dispatch.js';
import { onWorkflowRunCompleted } from './handlers/workflow-run.js';
import { onDeploymentStatus } from './incidents/promotion-cascade.js';

export type { AppOptions } from './app-options.js';

/** The events the app acts on; every other delivery is verified and dropped (the benchmark's "ignored" events). */
export const handledEvents = ['pull_request.closed', 'release.prereleased', 'release.released', 'deployment_protection_rule.requested', 'installation.created', 'issue_comment.created', 'repository_dispatch', 'workflow_run.completed', 'deployment_status.created'] as const;

/** The Probot application function of gh-mlops for GitHub App `appId`. */
export function createMlopsApp(appId: number, options: AppOptions = {}): ApplicationFunction {
  return (app: Probot) => {
    app.on('pull_request.closed', async (context) => void (await onPullRequestClosed(context, options, appId)));
    app.on(['release.prereleased', 'release.released'], async (context) => void (await onRelease(context, options, appId)));
    app.on('deployment_protection_rule.requested', async (context) => void (await onProtectionRule(context, options, appId)));
    app.on('installation.created', async (context) => void (await onInstallationCreated(context, options, appId)));
    // ChatOps, drift incidents, continuous training and dependency cascades (issue 10).
    app.on('issue_comment.created', async (context) => void (await onIssueComment(context, options, appId)));
    app.on('repository_dispatch', async (context) => void (await onRepositoryDispatch(context, options, appId)));
    app.on('workflow_run.completed', async (context) => void (await onWorkflowRunCompleted(context, options, appId)));
    app.on('deployment_status.created', async (context) => void (await onDeploymentStatus(context, options, appId)));
  };
}
