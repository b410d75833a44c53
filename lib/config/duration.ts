const unitMs = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;

/** The durations config and policies accept: whole numbers with units d, h, m, s, largest first (`30m`, `6h`, `1h30m`). */
export const durationPattern = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Milliseconds of a duration such as `30m`, `6h`, `7d` or `1h30m`; undefined when the text is not one. */
export function parseDuration(text: string): number | undefined {
  const match = durationPattern.exec(text);
  if (!match || text === '') return undefined;
  const [, d, h, m, s] = match;
  return Number(d ?? 0) * unitMs.d + Number(h ?? 0) * unitMs.h + Number(m ?? 0) * unitMs.m + Number(s ?? 0) * unitMs.s;
}

/** A millisecond count written the way config files write durations (`1d6h`, `0m`). */
export function formatDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms / 1000)) * 1000;
  let out = '';
  for (const [unit, size] of Object.entries(unitMs)) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out === '' ? '0m' : out;
}
