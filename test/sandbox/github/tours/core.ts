/** Conformance tour of the core routes: app auth, users, repos, git database, contents, issues, labels, pulls, reviews. */
import assert from 'node:assert/strict';
import { Probot } from 'probot';
import type { TourContext } from './context.js';

/** Calls every core route once (and the interesting variants) through checker-wrapped clients. */
export async function tourCore(ctx: TourContext): Promise<void> {
  const { sandbox, checker, owner, repo } = ctx;
  const alice = ctx.as('alice');
  const dave = ctx.as('dave');
  const bob = ctx.as('bob');

  // The app, its installations and an installation token, through Probot exactly as the product will use it.
  const probot = new Probot({ appId: sandbox.appId, privateKey: sandbox.appPrivateKeyPem, secret: sandbox.webhookSecret, baseUrl: sandbox.github, logLevel: 'fatal' });
  const appOctokit = checker.wrap(await probot.auth());
  await appOctokit.rest.apps.getAuthenticated();
  await appOctokit.rest.apps.listInstallations();
  await appOctokit.rest.apps.getRepoInstallation({ owner, repo });
  await appOctokit.rest.apps.createInstallationAccessToken({ installation_id: sandbox.installationId, permissions: { issues: 'write' } });

  await alice.rest.users.getByUsername({ username: 'bob' });
  assert.equal((await alice.rest.users.getAuthenticated()).data.login, 'alice');
  await alice.rest.rateLimit.get();
  const repoData = (await alice.rest.repos.get({ owner, repo })).data;
  assert.equal(repoData.full_name, 'acme/churn-model');
  await alice.rest.repos.getBranch({ owner, repo, branch: 'main' });
  const commits = (await alice.rest.repos.listCommits({ owner, repo, per_page: 2 })).data;
  await alice.rest.repos.getCommit({ owner, repo, ref: commits[0]!.sha });
  await alice.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: 'bob' });
  await alice.rest.repos.createWebhook({ owner, repo, config: { url: 'http://127.0.0.1:9/hook', content_type: 'json', secret: 's' }, events: ['push'] });

  // Git database.
  const main = (await alice.rest.git.getRef({ owner, repo, ref: 'heads/main' })).data;
  await alice.rest.git.listMatchingRefs({ owner, repo, ref: 'heads/' });
  const headCommit = (await alice.rest.git.getCommit({ owner, repo, commit_sha: main.object.sha })).data;
  const tree = (await alice.rest.git.getTree({ owner, repo, tree_sha: headCommit.tree.sha, recursive: 'true' })).data;
  await alice.rest.git.getBlob({ owner, repo, file_sha: tree.tree.find((e) => e.type === 'blob')!.sha! });
  const blob = (await dave.rest.git.createBlob({ owner, repo, content: 'hello\n', encoding: 'utf-8' })).data;
  const newTree = (await dave.rest.git.createTree({ owner, repo, base_tree: headCommit.tree.sha, tree: [{ path: 'notes/hello.txt', mode: '100644', type: 'blob', sha: blob.sha }] })).data;
  const commit = (await dave.rest.git.createCommit({ owner, repo, message: 'Add notes', tree: newTree.sha, parents: [main.object.sha] })).data;
  await dave.rest.git.createRef({ owner, repo, ref: 'refs/heads/notes', sha: commit.sha });
  await dave.rest.git.updateRef({ owner, repo, ref: 'heads/notes', sha: main.object.sha, force: true });
  await dave.rest.git.deleteRef({ owner, repo, ref: 'heads/notes' });
  const tag = (await dave.rest.git.createTag({ owner, repo, tag: 'v0.1.0', message: 'first', object: main.object.sha, type: 'commit', tagger: { name: 'Dave', email: 'dave@acme.example', date: '2026-01-01T00:00:00Z' } })).data;
  await dave.rest.git.getTag({ owner, repo, tag_sha: tag.sha });

  // Contents.
  const readme = (await alice.rest.repos.getContent({ owner, repo, path: 'README.md' })).data as { sha: string };
  await alice.rest.repos.getContent({ owner, repo, path: '.github' });
  await dave.rest.repos.createOrUpdateFileContents({ owner, repo, path: 'README.md', message: 'Update README', content: Buffer.from('# churn\n').toString('base64'), sha: readme.sha });

  // Repository dispatch (how the monitor action reaches the app).
  await dave.rest.repos.createDispatchEvent({ owner, repo, event_type: 'mlops-drift', client_payload: { model: 'churn', stage: 'production' } });

  // Issues, comments, labels, reactions.
  const issue = (await dave.rest.issues.create({ owner, repo, title: 'Drift on tenure', body: 'PSI 0.3', labels: ['drift'], assignees: ['dave'] })).data;
  await alice.rest.issues.get({ owner, repo, issue_number: issue.number });
  await alice.rest.issues.update({ owner, repo, issue_number: issue.number, title: 'Drift on tenure (PSI 0.31)', state: 'closed' });
  await alice.rest.issues.listForRepo({ owner, repo, state: 'all', labels: 'drift' });
  await alice.rest.issues.addAssignees({ owner, repo, issue_number: issue.number, assignees: ['bob'] });
  await alice.rest.issues.createLabel({ owner, repo, name: 'model:churn', color: '00ff00', description: 'Churn model' });
  await alice.rest.issues.listLabelsForRepo({ owner, repo });
  await alice.rest.issues.addLabels({ owner, repo, issue_number: issue.number, labels: ['model:churn'] });
  const comment = (await dave.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: '/retrain' })).data;
  await dave.rest.issues.updateComment({ owner, repo, comment_id: comment.id, body: '/retrain now' });
  await alice.rest.issues.listComments({ owner, repo, issue_number: issue.number });
  await alice.rest.issues.listCommentsForRepo({ owner, repo });
  await alice.rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.id, content: 'rocket' });
  await dave.rest.issues.deleteComment({ owner, repo, comment_id: comment.id });

  // Pull requests and reviews.
  await sandbox.actAs({ user: 'dave', action: 'push', branch: 'experiment', files: { 'train.py': 'print("v2")\n' } });
  const pull = (await dave.rest.pulls.create({ owner, repo, head: 'experiment', base: 'main', title: 'Experiment: v2', body: 'Tries v2' })).data;
  await alice.rest.pulls.get({ owner, repo, pull_number: pull.number });
  await alice.rest.pulls.list({ owner, repo });
  await dave.rest.pulls.update({ owner, repo, pull_number: pull.number, body: 'Tries v2, with notes' });
  await alice.rest.pulls.listFiles({ owner, repo, pull_number: pull.number });
  await dave.rest.pulls.requestReviewers({ owner, repo, pull_number: pull.number, reviewers: ['alice'] });
  await bob.rest.pulls.createReview({ owner, repo, pull_number: pull.number, event: 'APPROVE', body: 'LGTM' });
  await alice.rest.pulls.listReviews({ owner, repo, pull_number: pull.number });
  await bob.rest.pulls.merge({ owner, repo, pull_number: pull.number, merge_method: 'merge' });
}
