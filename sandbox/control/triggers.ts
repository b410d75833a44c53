/**
 * Control routes for events the sandbox cannot cause through the REST API:
 * - `POST /_sandbox/schedule` `{"workflow":"monitor.yml"}` or `{"cron":"0 * * * *"}` (optional `"repo"`, default
 *   `acme/churn-model`): fires `schedule` on the default branch. There is no wall-clock cron: tests fire it.
 * - `POST /_sandbox/installations` `{"account":"mallory","action":"created"|"deleted"}`: installs or uninstalls the
 *   app on an account (all its repositories) and delivers `installation.created` / `installation.deleted`.
 */
import { isoSeconds } from '../github/context.js';
import { eventPayload, repoByFullName } from '../github/events.js';
import { scheduleRuns } from '../github/event-runs.js';
import { findUser, fullName, nextId, type InstallationRecord, type World } from '../github/model.js';
import { installationJson, nodeId, userByLogin } from '../github/serialize-core.js';
import type { GithubEmulator } from '../github/server.js';
import { webhookInstallation } from '../github/serialize-webhooks.js';

type Reply = [number, unknown];

/** `POST /_sandbox/schedule`. */
export function fireSchedule(github: GithubEmulator, body: Record<string, unknown>): Reply {
  const { workflow, cron } = body;
  if ((typeof workflow === 'string') === (typeof cron === 'string')) return [422, { message: 'give either "workflow" (a file name such as monitor.yml) or "cron" (an expression under on.schedule)' }];
  const name = typeof body.repo === 'string' ? body.repo : 'acme/churn-model';
  const repo = repoByFullName(github.env, name);
  if (!repo) return [404, { message: `no repository ${name}` }];
  const select = typeof workflow === 'string' ? { workflow } : { cron: cron as string };
  const runs = scheduleRuns(github.env, repo, select, (sender, fields) => eventPayload(github.env, repo, sender, 'schedule', fields));
  if (typeof runs === 'string') return [404, { message: runs }];
  return [201, { workflow_runs: runs.map((r) => ({ id: r.id, path: r.path, event: r.event, head_sha: r.head_sha, head_branch: r.head_branch })) }];
}

/** Who installs on an account: the user itself, or for an organisation an admin of one of its repositories. */
function installer(world: World, account: string): string {
  const user = findUser(world, account);
  if (user?.type !== 'Organization') return account;
  for (const repo of world.repos.filter((r) => r.owner === account)) {
    const admin = Object.entries(repo.collaborators).find(([, role]) => role === 'admin');
    if (admin) return admin[0];
  }
  return account;
}

/** `POST /_sandbox/installations`. */
export function changeInstallation(github: GithubEmulator, body: Record<string, unknown>): Reply {
  const world = github.world();
  const base = github.env.baseUrl();
  const { account, action } = body;
  if (typeof account !== 'string' || (action !== 'created' && action !== 'deleted')) return [422, { message: 'give "account" (a login) and "action": "created" or "deleted"' }];
  const owner = findUser(world, account);
  if (!owner || owner.type === 'Bot') return [404, { message: `no user or organization ${account}` }];
  const existing = world.installations.find((i) => i.account.toLowerCase() === owner.login.toLowerCase());
  let installation: InstallationRecord;
  if (action === 'created') {
    if (existing) return [409, { message: `the app is already installed on ${owner.login} (installation ${existing.id})` }];
    installation = { id: nextId(world), account: owner.login, repository_selection: 'all', created_at: isoSeconds(github.env.clock.now()) };
    world.installations.push(installation);
  } else {
    if (!existing) return [404, { message: `the app is not installed on ${owner.login}` }];
    installation = existing;
    world.installations = world.installations.filter((i) => i !== existing);
    // Uninstalling revokes the installation's tokens at once.
    world.tokens = world.tokens.filter((t) => !(t.kind === 'installation' && t.subject === String(existing.id)));
  }
  const sender = typeof body.sender === 'string' ? body.sender : installer(world, owner.login);
  const repositories = world.repos
    .filter((r) => r.owner === owner.login)
    .map((r) => ({ id: r.id, node_id: nodeId('R', r.id), name: r.name, full_name: fullName(r), private: r.private }));
  const senderJson = userByLogin(world, base, sender);
  // GitHub names the requester of a new installation; a deletion has none.
  const payload = { action, installation: webhookInstallation(installationJson(world, base, installation)), repositories, requester: action === 'created' ? senderJson : null, sender: senderJson };
  const [delivery] = github.webhooks.emit('installation', payload, null, installation);
  return [action === 'created' ? 201 : 200, { installation: installationJson(world, base, installation), delivery: delivery ? { id: delivery.id, guid: delivery.guid } : null }];
}
