/**
 * The monitoring history folder (`mlops monitor --history DIR`; the monitor action mirrors it on the orphan branch
 * `mlops/monitoring`): `history.json` lists the retained windows, oldest first, with each column's drift statistic and
 * change kind; `windows/slot-NN.json` holds each retained window's `mlops/profile` report. Slots form a ring of
 * `retention` files that are overwritten in turn, so the folder — and the branch, which the Contents API can only add
 * to or update — stays bounded without ever deleting a file.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BadInputError } from '../errors.js';

/** Layout version of history.json. */
export const HISTORY_VERSION = 1;
/** Windows kept by default. */
export const DEFAULT_RETENTION = 30;

/** One column of one window. */
export interface HistoryColumn {
  column: string;
  method: string;
  statistic: number;
  /** Drift score (statistic in threshold units, see page-hinkley.ts). */
  score: number;
  drifted: boolean;
  change: 'spike' | 'slow' | 'none';
}

/** One retained window. */
export interface HistoryWindow {
  label: string;
  /** ISO date-time the window was recorded. */
  recordedAt: string;
  /** Ring slot of its profile: windows/slot-NN.json. */
  slot: number;
  rows: number;
  share: number;
  drifted: boolean;
  columns: HistoryColumn[];
}

/** history.json. */
export interface MonitorHistory {
  version: number;
  retention: number;
  /** Fingerprint of the baseline the statistics were computed against (a new baseline starts a new series). */
  baseline: string;
  windows: HistoryWindow[];
}

/** Path of a slot's profile, relative to the history folder. */
export function slotPath(slot: number): string {
  return `windows/slot-${String(slot).padStart(2, '0')}.json`;
}

/** Reads DIR/history.json; an absent file is an empty history. */
export async function readHistory(dir: string, baseline: string, retention: number): Promise<MonitorHistory> {
  const file = join(dir, 'history.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: HISTORY_VERSION, retention, baseline, windows: [] };
    throw error;
  }
  let parsed: MonitorHistory;
  try {
    parsed = JSON.parse(text) as MonitorHistory;
  } catch (error) {
    throw new BadInputError('monitor-history', `${file}: not JSON: ${(error as Error).message}`, { location: { file }, hint: 'remove the file to start a new history', cause: error });
  }
  if (parsed.version !== HISTORY_VERSION || !Array.isArray(parsed.windows)) {
    throw new BadInputError('monitor-history', `${file}: expected a version ${HISTORY_VERSION} monitoring history`, { location: { file, path: 'version' }, hint: 'remove the file to start a new history' });
  }
  return { ...parsed, retention };
}

/** The slot the next window takes: the oldest window's once the ring is full, else the first free one. */
export function nextSlot(history: MonitorHistory): number {
  const used = new Set(history.windows.map((w) => w.slot));
  if (history.windows.length >= history.retention) return history.windows[history.windows.length - history.retention]!.slot;
  for (let s = 0; s < history.retention; s++) if (!used.has(s)) return s;
  return 0;
}

/** The history with `window` appended and windows beyond the retention dropped (oldest first). */
export function appendWindow(history: MonitorHistory, window: HistoryWindow): MonitorHistory {
  const windows = [...history.windows.filter((w) => w.label !== window.label), window];
  return { ...history, windows: windows.slice(Math.max(0, windows.length - history.retention)) };
}

/** Writes history.json and the window's profile into its slot; returns the paths written (relative to DIR). */
export async function writeHistory(dir: string, history: MonitorHistory, window: HistoryWindow, profileJson: string): Promise<string[]> {
  await mkdir(join(dir, 'windows'), { recursive: true });
  await writeFile(join(dir, slotPath(window.slot)), profileJson);
  await writeFile(join(dir, 'history.json'), `${JSON.stringify(history, null, 2)}\n`);
  return ['history.json', slotPath(window.slot)];
}
