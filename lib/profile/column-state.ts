/**
 * The mergeable state of a column profile, stored in the report under `columns[i].state` (the KLL sketch lives in
 * `quantiles.state` when the column shows quantiles, else in `state.quantiles`). Everything a merge needs and the
 * visible fields cannot carry exactly: kind counts, exact M2, all top-k counters, the distinct sketch, text bounds.
 * Restoring checks the shape and throws BadInputError naming the column, so a damaged report fails with a location.
 */
import type { ColumnProfile } from '../contracts/profile.js';
import { BadInputError } from '../errors.js';
import { DistinctCounter, type DistinctState } from '../sketches/hyperloglog.js';
import { KllSketch, type KllState } from '../sketches/kll.js';
import { Moments, type MomentsState } from '../sketches/moments.js';
import { StringLengths, type StringLengthsState } from '../sketches/string-lengths.js';
import { FrequentItems, type TopKState } from '../sketches/top-k.js';
import { ColumnProfiler } from './column-profiler.js';
import type { KindCounts } from './infer-type.js';

/** Version of the state layout (bumped if it changes; older states are then re-read or refused with a hint). */
export const COLUMN_STATE_VERSION = 1;

/** Serialized column state. */
export interface ColumnState {
  v: number;
  kinds: KindCounts;
  moments: MomentsState;
  /** Only when the profile has no `quantiles` (the column's type shows none) and the sketch is not empty. */
  quantiles?: KllState;
  dates: { min: number; max: number } | null;
  text: { min: string; max: string } | null;
  lengths: StringLengthsState;
  distinct: DistinctState;
  topK: TopKState;
}

/** The column's profile with its mergeable state attached. */
export function finishColumn(profiler: ColumnProfiler): ColumnProfile {
  const profile = profiler.finish();
  const state: ColumnState = {
    v: COLUMN_STATE_VERSION,
    kinds: { ...profiler.kinds },
    moments: profiler.moments.toJSON(),
    dates: profiler.dateMin <= profiler.dateMax ? { min: profiler.dateMin, max: profiler.dateMax } : null,
    text: profiler.textMin !== undefined && profiler.textMax !== undefined ? { min: profiler.textMin, max: profiler.textMax } : null,
    lengths: profiler.lengths.toJSON(),
    distinct: profiler.distinct.toJSON(),
    topK: profiler.topK.toJSON(),
  };
  if (!profile.quantiles && profiler.quantiles.n > 0) state.quantiles = profiler.quantiles.toJSON();
  profile.state = state as unknown as Record<string, unknown>;
  return profile;
}

/** Rebuilds a column profiler from a profile written by `finishColumn`; `where` names it in errors (file and index). */
export function restoreColumn(profile: ColumnProfile, where: { file: string; index: number }): ColumnProfiler {
  const path = `columns[${where.index}].state`;
  const fail = (what: string, cause?: unknown) =>
    new BadInputError('profile-state', `${where.file}: column '${profile.name}' cannot be merged: ${what}`, {
      location: { file: where.file, path },
      hint: 're-run `mlops profile` on the shard with this gh-mlops: merging needs the sketch state it writes',
      ...(cause === undefined ? {} : { cause }),
    });
  const state = profile.state as Partial<ColumnState> | undefined;
  if (state === undefined) throw fail('the profile has no sketch state');
  if (state.v !== COLUMN_STATE_VERSION) throw fail(`sketch state version ${String(state.v)} is not ${COLUMN_STATE_VERSION}`);
  const kll = profile.quantiles ? (profile.quantiles.state as unknown as KllState) : state.quantiles;
  try {
    const p = new ColumnProfiler(profile.name);
    p.missing = profile.missing;
    for (const k of Object.keys(p.kinds) as Array<keyof KindCounts>) {
      const n = state.kinds?.[k];
      if (typeof n !== 'number') throw new Error(`kinds.${k} is missing`);
      p.kinds[k] = n;
    }
    p.moments = Moments.fromJSON(need(state.moments, 'moments'));
    if (kll !== undefined) p.quantiles = KllSketch.fromJSON(kll);
    if (state.dates) {
      p.dateMin = state.dates.min;
      p.dateMax = state.dates.max;
    }
    if (state.text) {
      p.textMin = state.text.min;
      p.textMax = state.text.max;
    }
    p.lengths = StringLengths.fromJSON(need(state.lengths, 'lengths'));
    p.distinct = DistinctCounter.fromJSON(need(state.distinct, 'distinct'));
    p.topK = FrequentItems.fromJSON(need(state.topK, 'topK'));
    if (p.count !== profile.count) throw new Error(`kind counts add up to ${p.count}, the profile says count ${profile.count}`);
    return p;
  } catch (error) {
    throw fail(`its sketch state is damaged (${error instanceof Error ? error.message : String(error)})`, error);
  }
}

function need<T>(value: T | undefined, name: string): T {
  if (value === undefined || value === null || typeof value !== 'object') throw new Error(`${name} is missing`);
  return value;
}
