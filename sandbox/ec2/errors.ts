/**
 * EC2 API errors: the code the SDK turns into the exception `name`, the message, and the HTTP status real EC2 uses.
 * Capacity and throttling are server-side on EC2 (InsufficientInstanceCapacity comes back as 500, RequestLimitExceeded
 * as 503), so the SDK retries them like real EC2 — callers must size `maxAttempts` accordingly.
 */
import type { ActiveFault } from '../faults.js';

/** HTTP statuses of the EC2 error codes that are not plain 400 client errors. */
const STATUS: Record<string, number> = {
  AuthFailure: 401,
  UnauthorizedOperation: 403,
  InternalError: 500,
  InsufficientInstanceCapacity: 500,
  InsufficientCapacity: 500,
  InsufficientHostCapacity: 500,
  InsufficientAddressCapacity: 500,
  InsufficientVolumeCapacity: 500,
  RequestLimitExceeded: 503,
  ServiceUnavailable: 503,
  Unavailable: 503,
};

/** Default messages, close to EC2's own wording. */
const MESSAGES: Record<string, string> = {
  InsufficientInstanceCapacity:
    'We currently do not have sufficient capacity in the Availability Zone you requested. Our system will be working on provisioning additional capacity.',
  RequestLimitExceeded: 'Request limit exceeded.',
  InternalError: 'An internal error has occurred.',
  ServiceUnavailable: 'The request has failed due to a temporary failure of the server.',
  UnauthorizedOperation: 'You are not authorized to perform this operation.',
  SpotMaxPriceTooLow: 'Your Spot request price is lower than the minimum required Spot request fulfillment price.',
};

/** An error EC2 would answer with; thrown by actions, rendered as `<Response><Errors>…`. */
export class Ec2Error extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message?: string, status?: number) {
    super(message ?? MESSAGES[code] ?? code);
    this.name = 'Ec2Error';
    this.code = code;
    this.status = status ?? STATUS[code] ?? 400;
  }
}

/** The error an injected fault stands for: an EC2 code keeps its usual status; a bare status gets a generic code. */
export function faultError(fault: ActiveFault): Ec2Error {
  if (typeof fault.status === 'string') return new Ec2Error(fault.status, fault.message);
  const status = fault.status;
  const code = status === 503 ? 'ServiceUnavailable' : status >= 500 ? 'InternalError' : status === 401 ? 'AuthFailure' : 'InvalidRequest';
  return new Ec2Error(code, fault.message, status);
}

/** `MissingParameter` for a required parameter, worded like EC2. */
export function missing(name: string): Ec2Error {
  return new Ec2Error('MissingParameter', `The request must contain the parameter ${name}`);
}

/** `InvalidParameterValue` for one parameter, worded like EC2. */
export function invalidValue(name: string, value: string, why?: string): Ec2Error {
  return new Ec2Error('InvalidParameterValue', `Invalid value '${value}' for ${name}.${why ? ` ${why}` : ''}`);
}
