/** `repository_dispatch` `mlops-drift`: a monitoring window from the monitor action (payload: lib/contracts/drift-event.ts). */
import type { Context } from 'probot';
import { driftEventType, parseDriftEvent } from '../../lib/contracts/drift-event.js';
import { depsFor, type AppOptions } from '../app-options.js';
import { handleDriftEvent, type DriftOutcome } from '../incidents/handle-drift.js';
import { eventConfig } from './config.js';

/** Handles one dispatch (other event types are ignored; a malformed payload is logged and dropped). */
export async function onRepositoryDispatch(context: Context<'repository_dispatch'>, options: AppOptions, appId: number): Promise<DriftOutcome | undefined> {
  if (context.payload.action !== driftEventType) return undefined;
  let event;
  try {
    event = parseDriftEvent(context.payload.client_payload);
  } catch (error) {
    context.log.warn(`ignored ${driftEventType}: ${(error as Error).message}`);
    return undefined;
  }
  const config = await eventConfig(context);
  if (!config) return undefined;
  const outcome = await handleDriftEvent(depsFor(context, options, appId), config, event);
  context.log.info(`${driftEventType} ${event.model}/${event.stage}: incident ${outcome.incident?.action ?? 'none'}, retrain ${outcome.retrain?.started ? 'started' : outcome.retrain?.reason ?? '-'}`);
  return outcome;
}
