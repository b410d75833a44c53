/**
 * The hidden marker in a release body. GitHub has no unique key for "the version registered from merge commit X", so
 * the marker is that key: a redelivered or concurrent merge event finds the release it already started and resumes it.
 */
import type { ReleaseMarker } from './types.js';

const pattern = /<!-- mlops:release (\{.*?\}) -->/;

/** The marker line for a release body (an HTML comment: invisible on the release page). */
export function releaseMarker(marker: ReleaseMarker): string {
  return `<!-- mlops:release ${JSON.stringify(marker)} -->`;
}

/** The marker in `body`, or undefined when there is none or it is damaged. */
export function parseReleaseMarker(body: string | null | undefined): ReleaseMarker | undefined {
  const match = pattern.exec(body ?? '');
  if (!match) return undefined;
  try {
    const value = JSON.parse(match[1]!) as Partial<ReleaseMarker>;
    if (typeof value.model !== 'string' || typeof value.version !== 'string' || typeof value.sha !== 'string') return undefined;
    return {
      model: value.model,
      version: value.version,
      sha: value.sha,
      ...(typeof value.pr === 'number' ? { pr: value.pr } : {}),
      ...(typeof value.run === 'number' ? { run: value.run } : {}),
    };
  } catch {
    return undefined;
  }
}
