/**
 * The EC2 emulator: the AWS Query protocol (`POST /`, form-encoded, `Version=2016-11-15`, XML answers) so the
 * unmodified `@aws-sdk/client-ec2` works against it, plus instance metadata (IMDSv2) on the same port under
 * `/latest/…` and `/instances/<id>/latest/…`. Instance states follow the virtual clock; faults come from the shared
 * registry. See docs in each module for the EC2 behaviours kept.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxClock } from '../clock.js';
import type { FaultRegistry } from '../faults.js';
import { catalogActions } from './actions/catalog.js';
import type { ActionContext, ActionHandler } from './actions/context.js';
import { describeActions } from './actions/describe-instances.js';
import { fleetActions } from './actions/fleet.js';
import { instanceActions } from './actions/instances.js';
import { Ec2Error, faultError, missing } from './errors.js';
import { createMetadataService, isMetadataPath } from './imds.js';
import type { Instance, LaunchTemplate, Volume } from './model.js';
import { parseQuery, readBody } from './query.js';
import { createStore, type InstanceStateListener } from './store.js';
import { errorDocument, responseDocument, sendXml } from './xml.js';

export type { Instance, InstanceStateName, LaunchTemplate, Volume } from './model.js';
export type { InstanceStateListener } from './store.js';
export { INSTANCE_HEADER } from './imds.js';

export interface Ec2EmulatorOptions {
  clock: SandboxClock;
  faults: FaultRegistry;
  /** Virtual seconds from pending to running (default 5). */
  bootSeconds?: number;
  /** Virtual seconds from shutting-down to terminated (default 5). */
  shutdownSeconds?: number;
  /** Virtual seconds terminated instances stay visible (default 3600, like AWS's "about an hour"). */
  terminatedRetentionSeconds?: number;
  region?: string;
  /** Most live (not terminated) instances per instance type, e.g. `{ 'p4d.24xlarge': 0 }`; unlisted types are unlimited. */
  capacity?: Record<string, number>;
  /** Wall milliseconds between lifecycle evaluations, so listeners fire without requests (default 250; 0 = off). */
  tickIntervalMs?: number;
}

export interface Ec2State {
  instances: Instance[];
  volumes: Volume[];
  launchTemplates: LaunchTemplate[];
}

export interface Ec2Emulator {
  /** Serves one EC2 API or instance-metadata request (mountable on any server). */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Starts a server of its own; resolves to its base URL (`AWS_ENDPOINT_URL_EC2`). */
  listen(port?: number, host?: string): Promise<string>;
  /** Closes that server (if any) and stops the lifecycle timer. */
  close(): Promise<void>;
  /** Applies every state transition due by the virtual clock now (listeners fire). */
  tick(): void;
  /** Everything, in the EC2 API's own field names, after applying due transitions. */
  state(): Ec2State;
  /** Forgets all instances, volumes, templates, tokens and idempotency records (listeners stay). */
  reset(): void;
  /** Issues a Spot interruption notice: IMDS shows it now, the instance shuts down two virtual minutes later. */
  spotInterruption(instanceId: string): { instanceId: string; action: 'terminate'; time: string };
  /** Subscribes to state changes (launch included, with `previous` null); returns the unsubscribe function. */
  onInstanceState(listener: InstanceStateListener): () => void;
  /** The `AWS_EC2_METADATA_SERVICE_ENDPOINT` for one instance, given the emulator's base URL (default: `listen`'s). */
  metadataEndpoint(instanceId: string, baseUrl?: string): string;
}

const ACTIONS: Record<string, ActionHandler> = { ...instanceActions, ...describeActions, ...fleetActions, ...catalogActions };

/** Creates an EC2 emulator over the sandbox clock and fault registry. */
export function createEc2Emulator(options: Ec2EmulatorOptions): Ec2Emulator {
  const { clock, faults } = options;
  const region = options.region ?? 'us-east-1';
  const store = createStore({
    now: () => clock.now(),
    region,
    bootSeconds: options.bootSeconds ?? 5,
    shutdownSeconds: options.shutdownSeconds ?? 5,
    terminatedRetentionSeconds: options.terminatedRetentionSeconds ?? 3600,
    capacity: options.capacity ?? {},
  });
  const imds = createMetadataService({ store, now: () => clock.now(), region });
  let server: Server | undefined;
  let baseUrl: string | undefined;
  const interval = (options.tickIntervalMs ?? 250) > 0 ? setInterval(() => store.evaluate(), options.tickIntervalMs ?? 250) : undefined;
  interval?.unref();

  const serve = async (req: IncomingMessage, res: ServerResponse, requestId: string) => {
    const params = parseQuery(await readBody(req), req.url);
    const auth = req.headers.authorization ?? '';
    if (!/^AWS4-HMAC-SHA256 Credential=\S+/.test(auth)) {
      throw new Ec2Error('AuthFailure', 'AWS was not able to validate the provided access credentials');
    }
    store.evaluate();
    const action = params.Action;
    if (action === undefined) throw missing('Action');
    if (params.Version === undefined) throw missing('Version');
    const handler = ACTIONS[action];
    if (!handler) throw new Ec2Error('InvalidAction', `The action ${action} is not valid for this web service.`);
    const ctx: ActionContext = { params, store, region, faults, now: () => clock.now() };
    let aliases: Record<string, string> = {};
    try {
      aliases = handler.aliases?.(ctx) ?? {};
    } catch {
      // Aliases are a convenience for fault matching; the action itself reports bad input.
    }
    const fault = faults.take('ec2', action, { ...params, ...aliases });
    if (fault) throw faultError(fault);
    if (params.DryRun === 'true') throw new Ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
    const body = handler.run(ctx);
    sendXml(res, 200, responseDocument(action, requestId, body), requestId, clock.date());
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (isMetadataPath(new URL(req.url ?? '/', 'http://ec2').pathname)) return imds.handle(req, res);
    const requestId = randomUUID();
    serve(req, res, requestId).catch((error: unknown) => {
      const ec2Error = error instanceof Ec2Error ? error : new Ec2Error('InternalError', 'An internal error has occurred.');
      if (!(error instanceof Ec2Error)) console.error('ec2 emulator:', error);
      if (!res.headersSent) sendXml(res, ec2Error.status, errorDocument(ec2Error, requestId), requestId, clock.date());
      else res.end();
    });
  };

  const get = (instanceId: string): Instance => {
    store.evaluate();
    const instance = store.instance(instanceId);
    if (!instance) throw new Error(`no instance ${instanceId} in the EC2 sandbox`);
    return instance;
  };

  return {
    handle,
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        const s = createServer(handle);
        s.once('error', reject);
        s.listen(port, host, () => {
          server = s;
          baseUrl = `http://${host}:${(s.address() as AddressInfo).port}`;
          resolve(baseUrl);
        });
      });
    },
    close() {
      if (interval) clearInterval(interval);
      const s = server;
      server = undefined;
      if (!s) return Promise.resolve();
      return new Promise((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    },
    tick: () => store.evaluate(),
    state() {
      store.evaluate();
      return structuredClone({ instances: store.instances(), volumes: store.volumes(), launchTemplates: [...store.templates.values()] });
    },
    reset() {
      store.reset();
      imds.reset();
    },
    spotInterruption(instanceId) {
      const instance = get(instanceId);
      if (instance.InstanceLifecycle !== 'spot') throw new Error(`${instanceId} is not a Spot Instance; only Spot Instances get interruption notices`);
      if (instance.State.Name === 'terminated' || instance.State.Name === 'shutting-down') throw new Error(`${instanceId} is already ${instance.State.Name}`);
      return { instanceId, ...store.interrupt(instance) };
    },
    onInstanceState: (listener) => store.onInstanceState(listener),
    metadataEndpoint(instanceId, base = baseUrl) {
      if (!base) throw new Error('metadataEndpoint needs a base URL when the emulator is not listening itself');
      return `${base.replace(/\/$/, '')}/instances/${instanceId}`;
    },
  };
}
