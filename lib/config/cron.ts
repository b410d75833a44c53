import { CronExpressionParser } from 'cron-parser';

// GitHub Actions' `schedule` takes POSIX cron: five fields of numbers, month/day names and `* , - /`.
// cron-parser also accepts seconds, `L`, `#`, `?` and Jenkins' `H`, which GitHub rejects, so those are refused first.
const names = /\b(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|SUN|MON|TUE|WED|THU|FRI|SAT)\b/gi;

/** Why a cron expression is not a valid 5-field GitHub Actions schedule, or undefined when it is valid. */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) {
    return `cron expression '${expression}' has ${fields.length} field${fields.length === 1 ? '' : 's'}; expected 5 (minute hour day-of-month month day-of-week)`;
  }
  const odd = fields.find((f) => !/^[0-9*,/-]+$/.test(f.replace(names, '0')));
  if (odd !== undefined) return `cron field '${odd}' of '${expression}' uses syntax GitHub Actions does not support (only numbers, month/day names and * , - /)`;
  try {
    CronExpressionParser.parse(fields.join(' '), { tz: 'UTC' });
  } catch (error) {
    return `invalid cron expression '${expression}': ${(error as Error).message}`;
  }
  return undefined;
}

/** Smallest gap between two runs of a valid schedule, in minutes, over its next few runs. */
export function cronMinIntervalMinutes(expression: string, from = new Date('2024-01-01T00:00:00Z')): number {
  const it = CronExpressionParser.parse(expression, { tz: 'UTC', currentDate: from });
  let previous = it.next().getTime();
  let smallest = Infinity;
  for (let i = 0; i < 50; i++) {
    const next = it.next().getTime();
    smallest = Math.min(smallest, (next - previous) / 60_000);
    previous = next;
  }
  return smallest;
}
