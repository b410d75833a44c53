/** Shared test helpers: Octokit clients pointed at the sandbox, and a raw HTTP call for header checks. */
import { Octokit } from '@octokit/rest';
import type { Sandbox } from '../../../sandbox/index.js';

/** An Octokit for a seeded user, retries and throttling off so statuses surface as they are. */
export function octokitFor(sandbox: Sandbox, user: string): Octokit {
  return octokitWithToken(sandbox, sandbox.tokens[user]!);
}

/** An Octokit for any token (installation tokens, …), quiet. */
export function octokitWithToken(sandbox: Sandbox, token: string): Octokit {
  return new Octokit({ auth: token, baseUrl: sandbox.github, log: { debug() {}, info() {}, warn() {}, error() {} } });
}

/** The HTTP status of a rejected Octokit call (RequestError), or 0 when it did not fail. */
export async function statusOf(promise: Promise<unknown>): Promise<{ status: number; message: string; data: unknown }> {
  try {
    await promise;
    return { status: 0, message: '', data: undefined };
  } catch (error) {
    const e = error as { status?: number; message?: string; response?: { data?: unknown } };
    return { status: e.status ?? -1, message: e.message ?? '', data: e.response?.data };
  }
}
