/** Drift incidents of a model: issues whose body starts with the drift-issue template's hidden marker. */
import type { GitHub, RepoRef } from './client.js';

/** A drift incident. */
export interface DriftIncident {
  number: number;
  url: string;
  state: string;
  createdAt: string;
  model: string;
  stage: string;
}

const marker = /^<!-- mlops:drift-issue model=(\S+) stage=(\S+) -->/;

/** Drift incidents of the repository (`open` or `all`), optionally of one model. */
export async function listDriftIncidents(gh: GitHub, where: RepoRef, state: 'open' | 'all', model?: string): Promise<DriftIncident[]> {
  const issues = await gh.paginate(gh.rest.issues.listForRepo, { ...where, state, per_page: 100 });
  const out: DriftIncident[] = [];
  for (const issue of issues) {
    if (issue.pull_request) continue;
    const m = marker.exec(issue.body ?? '');
    if (!m) continue;
    const found = { number: issue.number, url: issue.html_url, state: issue.state, createdAt: issue.created_at, model: decodeURIComponent(m[1]!), stage: decodeURIComponent(m[2]!) };
    if (model === undefined || found.model === model) out.push(found);
  }
  return out;
}
