/** demo-out/lifecycle.json: every event of a demo run. Checked on read, since the page renders whatever it holds. */
import { BadInputError } from '../errors.js';

/** One event, as the demo records it (demo/lifecycle/context.ts). */
export interface LifecycleEvent {
  at: string;
  stage: string;
  step: string;
  detail?: unknown;
}

/** The whole file. */
export interface Lifecycle {
  startedAt: string;
  events: LifecycleEvent[];
}

function fail(file: string, path: string, expected: string): never {
  throw new BadInputError('bad-lifecycle', `${file}: ${path} must be ${expected}`, { location: { file, path }, hint: 'the file is written by `npm run demo` (demo-out/lifecycle.json); re-run the demo' });
}

const isTime = (v: unknown): v is string => typeof v === 'string' && Number.isFinite(Date.parse(v));

/** Parses and checks a lifecycle file's text; `file` names it in errors. */
export function parseLifecycle(text: string, file: string): Lifecycle {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BadInputError('bad-lifecycle', `${file}: not JSON (${(error as Error).message})`, { location: { file }, hint: 're-run `npm run demo` to write it again' });
  }
  const doc = value as { startedAt?: unknown; events?: unknown };
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) fail(file, '(root)', 'an object with startedAt and events');
  if (!isTime(doc.startedAt)) fail(file, 'startedAt', 'an ISO 8601 time');
  if (!Array.isArray(doc.events)) fail(file, 'events', 'an array');
  const events = doc.events.map((e: unknown, i: number): LifecycleEvent => {
    const ev = e as Partial<LifecycleEvent>;
    if (!ev || typeof ev !== 'object') fail(file, `events[${i}]`, 'an object');
    if (!isTime(ev.at)) fail(file, `events[${i}].at`, 'an ISO 8601 time');
    if (typeof ev.stage !== 'string') fail(file, `events[${i}].stage`, 'a string');
    if (typeof ev.step !== 'string') fail(file, `events[${i}].step`, 'a string');
    return { at: ev.at, stage: ev.stage, step: ev.step, ...('detail' in ev ? { detail: ev.detail } : {}) };
  });
  return { startedAt: doc.startedAt, events };
}
