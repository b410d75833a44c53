/**
 * Webhook delivery: finds the hooks subscribed to an event (the app's, and the repository's own), signs the raw body
 * with HMAC-SHA256 like GitHub (`X-Hub-Signature-256: sha256=<hex>`), and POSTs it. Deliveries run asynchronously but
 * in order per repository, as a receiver would see them; `idle()` lets tests wait for the queue to drain.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { SandboxClock } from '../clock.js';
import { isoSeconds } from './context.js';
import { findUser, fullName, type HookRecord, type InstallationRecord, type RepoRecord, type World } from './model.js';

// Events GitHub sends to every app that can see them, without a subscription in the app's settings: installation
// changes, and repository_dispatch for apps with the contents permission.
const ALWAYS_DELIVERED_TO_APPS = new Set(['installation', 'installation_repositories', 'repository_dispatch']);

/** One recorded delivery, with what was sent and what came back. */
export interface Delivery {
  id: number;
  guid: string;
  event: string;
  action: string | null;
  hook_id: number;
  url: string;
  repository: string | null;
  installation_id: number | null;
  redelivery: boolean;
  delivered_at: string;
  /** null while in flight or when the receiver could not be reached. */
  status_code: number | null;
  status: string;
  duration_ms: number | null;
  request: { headers: Record<string, string>; payload: string };
  response: { body: string } | null;
}

export interface WebhookDispatcher {
  /**
   * Queues `event` for every hook subscribed to it; app hooks get `installation` added to the payload (unless it has
   * one). Events without a repository reach the app through `installation` (e.g. `installation.deleted`, whose
   * record is already gone from the world).
   */
  emit(event: string, payload: Record<string, unknown>, repo: RepoRecord | null, installation?: InstallationRecord): Delivery[];
  deliveries(): Delivery[];
  /** Sends a recorded delivery again (new guid header kept identical like GitHub's redeliver; new record). */
  redeliver(id: number): Delivery | undefined;
  /** Resolves once every queued delivery has finished. */
  idle(): Promise<void>;
  reset(): void;
}

const HOOKSHOT = 'GitHub-Hookshot/sandbox';

/** Creates the dispatcher over the live world (read through `world()` so resets take effect). */
export function createWebhookDispatcher(options: { world: () => World; clock: SandboxClock; timeoutMs?: number }): WebhookDispatcher {
  let log: Delivery[] = [];
  let nextId = 1;
  const queues = new Map<string, Promise<void>>();
  const pending = new Set<Promise<void>>();

  const send = async (d: Delivery) => {
    const started = performance.now();
    try {
      const response = await fetch(d.url, {
        method: 'POST',
        headers: d.request.headers,
        body: d.request.payload,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const body = await response.text();
      d.status_code = response.status;
      d.status = response.ok ? 'OK' : `Invalid HTTP Response: ${response.status}`;
      d.response = { body: body.slice(0, 2000) };
    } catch (error) {
      d.status = `failed to connect: ${error instanceof Error ? error.message : String(error)}`;
    }
    d.duration_ms = Math.round(performance.now() - started);
    const hook = findHook(options.world(), d.hook_id);
    if (hook) hook.last_response = { code: d.status_code, status: d.status_code && d.status_code < 400 ? 'active' : 'failed', message: d.status };
  };

  const enqueue = (d: Delivery) => {
    const key = d.repository ?? '';
    const run = (queues.get(key) ?? Promise.resolve()).then(() => send(d));
    queues.set(key, run);
    pending.add(run);
    void run.finally(() => pending.delete(run));
  };

  const record = (hook: HookRecord, event: string, payload: Record<string, unknown>, repo: RepoRecord | null, guid: string, redelivery: boolean) => {
    const raw = JSON.stringify(payload);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': HOOKSHOT,
      'x-github-event': event,
      'x-github-delivery': guid,
      'x-github-hook-id': String(hook.id),
    };
    if (hook.owner === 'app') {
      headers['x-github-hook-installation-target-type'] = 'integration';
      headers['x-github-hook-installation-target-id'] = String(options.world().app.id);
    } else {
      headers['x-github-hook-installation-target-type'] = 'repository';
      headers['x-github-hook-installation-target-id'] = String(repo?.id ?? 0);
    }
    if (hook.secret) {
      headers['x-hub-signature-256'] = `sha256=${createHmac('sha256', hook.secret).update(raw).digest('hex')}`;
      headers['x-hub-signature'] = `sha1=${createHmac('sha1', hook.secret).update(raw).digest('hex')}`;
    }
    const d: Delivery = {
      id: nextId++,
      guid,
      event,
      action: typeof payload.action === 'string' ? payload.action : null,
      hook_id: hook.id,
      url: hook.url,
      repository: repo ? fullName(repo) : null,
      installation_id: (payload.installation as { id?: number } | undefined)?.id ?? null,
      redelivery,
      delivered_at: isoSeconds(options.clock.now()),
      status_code: null,
      status: 'pending',
      duration_ms: null,
      request: { headers, payload: raw },
      response: null,
    };
    log.push(d);
    if (log.length > 2000) log = log.slice(-2000);
    enqueue(d);
    return d;
  };

  return {
    emit(event, payload, repo, explicit) {
      const world = options.world();
      const out: Delivery[] = [];
      const app = world.app;
      const installation = explicit ?? (repo ? world.installations.find((i) => i.account === repo.owner) : undefined);
      if (app.webhook.url && installation && (app.events.includes(event) || ALWAYS_DELIVERED_TO_APPS.has(event))) {
        const hook = appHook(world);
        const short = { id: installation.id, node_id: Buffer.from(`0:MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u${installation.id}`).toString('base64') };
        out.push(record(hook, event, { ...payload, installation: payload.installation ?? short }, repo, randomUUID(), false));
      }
      for (const hook of repo?.hooks ?? []) {
        if (hook.active && (hook.events.includes(event) || hook.events.includes('*'))) out.push(record(hook, event, payload, repo, randomUUID(), false));
      }
      return out;
    },
    deliveries: () => log.map((d) => ({ ...d })),
    redeliver(id) {
      const original = log.find((d) => d.id === id);
      if (!original) return undefined;
      const world = options.world();
      const hook = findHook(world, original.hook_id);
      if (!hook) return undefined;
      const repo = original.repository ? world.repos.find((r) => fullName(r) === original.repository) ?? null : null;
      return record(hook, original.event, JSON.parse(original.request.payload) as Record<string, unknown>, repo, original.guid, true);
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    reset() {
      log = [];
      queues.clear();
    },
  };
}

function appHook(world: World): HookRecord {
  return {
    id: world.app.id,
    owner: 'app',
    url: world.app.webhook.url ?? '',
    secret: world.app.webhook.secret,
    events: world.app.events,
    active: true,
    content_type: 'json',
    created_at: world.app.created_at,
    updated_at: world.app.created_at,
    last_response: { code: null, status: 'unused', message: null },
  };
}

function findHook(world: World, id: number): HookRecord | undefined {
  if (id === world.app.id) return appHook(world);
  for (const repo of world.repos) {
    const hook = repo.hooks.find((h) => h.id === id);
    if (hook) return hook;
  }
  return undefined;
}

/** `repository`, `sender` and (for organisation repositories) `organization`, common to every payload. */
export function payloadBase(
  world: World,
  repoJsonFor: (repo: RepoRecord) => Record<string, unknown>,
  userJsonFor: (login: string) => Record<string, unknown> | null,
  repo: RepoRecord,
  sender: string,
): Record<string, unknown> {
  const owner = findUser(world, repo.owner);
  const base: Record<string, unknown> = { repository: repoJsonFor(repo), sender: userJsonFor(sender) };
  if (owner?.type === 'Organization') {
    const u = userJsonFor(owner.login)!;
    base.organization = {
      login: owner.login,
      id: owner.id,
      node_id: u.node_id,
      url: `${String(u.url).replace('/users/', '/orgs/')}`,
      repos_url: `${String(u.url).replace('/users/', '/orgs/')}/repos`,
      events_url: `${String(u.url).replace('/users/', '/orgs/')}/events`,
      hooks_url: `${String(u.url).replace('/users/', '/orgs/')}/hooks`,
      issues_url: `${String(u.url).replace('/users/', '/orgs/')}/issues`,
      members_url: `${String(u.url).replace('/users/', '/orgs/')}/members{/member}`,
      public_members_url: `${String(u.url).replace('/users/', '/orgs/')}/public_members{/member}`,
      avatar_url: u.avatar_url,
      description: null,
    };
  }
  return base;
}
