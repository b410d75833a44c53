/**
 * Webhook shapes of objects the serializers build in their REST shapes. GitHub's payloads differ from its REST
 * answers in a few places, checked against @octokit/webhooks-schemas (test/sandbox/github/webhook-schemas.test.ts):
 * - `repository` has `custom_properties` and no `network_count`/`subscribers_count`/`organization` object (those are
 *   only in `GET /repos/{owner}/{repo}`); `permissions`, `parent`, `source` are REST-only too;
 * - a workflow run's `repository`/`head_repository` are the short "repository-lite" and it has no `head_repository_id`;
 * - `issue.closed_by` is only in `GET /repos/{owner}/{repo}/issues/{issue_number}`;
 * - review states are lower case (`approved`), where REST says `APPROVED`.
 * Adapting at the one emission point keeps every serializer single-purpose.
 */

const REST_ONLY_REPO = ['network_count', 'subscribers_count', 'organization', 'permissions', 'parent', 'source', 'temp_clone_token'];
const LITE_REPO = new Set([
  'archive_url', 'assignees_url', 'blobs_url', 'branches_url', 'collaborators_url', 'comments_url', 'commits_url', 'compare_url',
  'contents_url', 'contributors_url', 'deployments_url', 'description', 'downloads_url', 'events_url', 'fork', 'forks_url',
  'full_name', 'git_commits_url', 'git_refs_url', 'git_tags_url', 'hooks_url', 'html_url', 'id', 'issue_comment_url',
  'issue_events_url', 'issues_url', 'keys_url', 'labels_url', 'languages_url', 'merges_url', 'milestones_url', 'name',
  'node_id', 'notifications_url', 'owner', 'private', 'pulls_url', 'releases_url', 'stargazers_url', 'statuses_url',
  'subscribers_url', 'subscription_url', 'tags_url', 'teams_url', 'trees_url', 'url',
]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A REST `full-repository` as webhook payloads carry it. */
export function webhookRepo(repo: Json): Json {
  const out: Json = { ...repo, custom_properties: {} };
  for (const key of REST_ONLY_REPO) delete out[key];
  return out;
}

/** A REST repository as the short `repository-lite` of workflow run payloads. */
export function webhookRepoLite(repo: Json): Json {
  return Object.fromEntries(Object.entries(repo).filter(([k]) => LITE_REPO.has(k)));
}

/**
 * A REST `installation` as `installation` webhooks carry it: no `client_id`, and the account is a plain user
 * (the REST list adds the enterprise fields `slug`, `created_at`, `updated_at`).
 */
export function webhookInstallation(installation: Json): Json {
  const { client_id: _restOnly, ...out } = installation;
  if (isObject(out.account)) {
    const { slug: _s, created_at: _c, updated_at: _u, ...account } = out.account;
    out.account = account;
  }
  return out;
}

/** The payload of `event` with its REST-shaped parts in webhook shape (a new object; the input is not changed). */
export function webhookPayload(event: string, payload: Json): Json {
  const out: Json = { ...payload };
  if (isObject(out.repository)) out.repository = webhookRepo(out.repository);
  if (isObject(out.pull_request)) {
    const pull: Json = { ...out.pull_request };
    for (const side of ['head', 'base']) {
      const ref = pull[side];
      if (isObject(ref) && isObject(ref.repo)) pull[side] = { ...ref, repo: webhookRepo(ref.repo) };
    }
    out.pull_request = pull;
  }
  if (isObject(out.issue)) {
    const { closed_by: _restOnly, ...issue } = out.issue;
    out.issue = issue;
  }
  if (event === 'pull_request_review' && isObject(out.review) && typeof out.review.state === 'string') {
    out.review = { ...out.review, state: out.review.state.toLowerCase() };
  }
  if (isObject(out.workflow_run)) {
    const { head_repository_id: _restOnly, ...run } = out.workflow_run;
    if (isObject(run.repository)) run.repository = webhookRepoLite(run.repository);
    if (isObject(run.head_repository)) run.head_repository = webhookRepoLite(run.head_repository);
    out.workflow_run = run;
  }
  return out;
}
