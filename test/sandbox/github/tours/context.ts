/** What every conformance tour gets: the sandbox, the OpenAPI checker, and checker-wrapped clients per seeded user. */
import type { Octokit } from '@octokit/rest';
import type { Sandbox } from '../../../../sandbox/index.js';
import type { Checker } from '../openapi-checker.js';
import { octokitFor } from '../helpers.js';

export interface TourContext {
  sandbox: Sandbox;
  checker: Checker;
  /** A checker-wrapped Octokit for a seeded user (alice admin, bob maintainer, dave writer, erin reader, …). */
  as(user: string): Octokit;
  owner: string;
  repo: string;
}

/** Builds a tour context over a running sandbox; clients are created once per user. */
export function tourContext(sandbox: Sandbox, checker: Checker): TourContext {
  const clients = new Map<string, Octokit>();
  return {
    sandbox,
    checker,
    as(user) {
      let client = clients.get(user);
      if (!client) {
        client = checker.wrap(octokitFor(sandbox, user));
        clients.set(user, client);
      }
      return client;
    },
    owner: 'acme',
    repo: 'churn-model',
  };
}
