/**
 * Fault injection shared by both emulators (`POST /_sandbox/faults`). A fault matches one operation (an Octokit
 * operationId such as `repos/upload-release-asset`, or an EC2 Action such as `RunInstances`), optionally only when
 * request parameters match, and fires `times` times (default 1) before it is used up.
 */
export interface FaultSpec {
  service: 'github' | 'ec2';
  operation: string;
  /** An HTTP status (e.g. 502), an EC2 error code (e.g. `InsufficientInstanceCapacity`), or `secondary-rate-limit`. */
  status: number | string;
  /** Parameter values that must all be equal (string compare) for the fault to fire, e.g. `{ "InstanceType": "g5.xlarge" }`. */
  match?: Record<string, string | number | boolean>;
  times?: number;
  message?: string;
}

/** A registered fault with its remaining count. */
export interface ActiveFault extends FaultSpec {
  id: number;
  remaining: number;
}

/** The registry both emulators consult before serving a request. */
export interface FaultRegistry {
  add(spec: FaultSpec): ActiveFault;
  /** Returns (and uses up one firing of) the first fault matching this request, if any. */
  take(service: FaultSpec['service'], operation: string, params: Record<string, unknown>): ActiveFault | undefined;
  list(): ActiveFault[];
  clear(): void;
}

/** Creates an empty fault registry. */
export function createFaultRegistry(): FaultRegistry {
  let faults: ActiveFault[] = [];
  let nextId = 1;
  return {
    add(spec) {
      const fault: ActiveFault = { ...spec, id: nextId++, remaining: spec.times ?? 1 };
      faults.push(fault);
      return fault;
    },
    take(service, operation, params) {
      const fault = faults.find(
        (f) =>
          f.service === service &&
          f.operation === operation &&
          f.remaining > 0 &&
          Object.entries(f.match ?? {}).every(([key, value]) => String(params[key]) === String(value)),
      );
      if (!fault) return undefined;
      fault.remaining -= 1;
      faults = faults.filter((f) => f.remaining > 0);
      return fault;
    },
    list: () => faults.map((f) => ({ ...f })),
    clear() {
      faults = [];
    },
  };
}
