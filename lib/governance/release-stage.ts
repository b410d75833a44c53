/**
 * Release-based promotion: publishing a version as a pre-release requests the model's first stage; marking it a full
 * release requests its last stage (production). Stages in between are promoted one at a time by the same rules.
 */
import type { ResolvedStage } from '../config/types.js';

/** The stage a release event asks for, or undefined when the event requests nothing. */
export function stageForReleaseEvent(action: string, release: { prerelease: boolean; draft: boolean }, stages: ResolvedStage[]): string | undefined {
  if (release.draft || stages.length === 0) return undefined;
  if (action === 'prereleased' && release.prerelease) return stages[0]!.name;
  if (action === 'released' && !release.prerelease) return stages[stages.length - 1]!.name;
  return undefined;
}
