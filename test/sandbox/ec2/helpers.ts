/** A listening EC2 emulator on a fresh clock and fault registry, and SDK clients pointed at it. */
import { EC2Client } from '@aws-sdk/client-ec2';
import { createClock, type SandboxClock } from '../../../sandbox/clock.js';
import { createFaultRegistry, type FaultRegistry } from '../../../sandbox/faults.js';
import { createEc2Emulator, type Ec2Emulator, type Ec2EmulatorOptions } from '../../../sandbox/ec2/index.js';

export interface Ec2Harness {
  emulator: Ec2Emulator;
  clock: SandboxClock;
  faults: FaultRegistry;
  url: string;
  client(maxAttempts?: number): EC2Client;
  close(): Promise<void>;
}

/** Starts an emulator on loopback (no background ticking: tests drive time with `clock.advance`). */
export async function startEc2(options: Partial<Ec2EmulatorOptions> = {}): Promise<Ec2Harness> {
  const clock = createClock({ start: Date.parse('2026-03-02T10:00:00Z') });
  const faults = createFaultRegistry();
  const emulator = createEc2Emulator({ clock, faults, tickIntervalMs: 0, ...options });
  const url = await emulator.listen();
  const clients: EC2Client[] = [];
  return {
    emulator,
    clock,
    faults,
    url,
    client(maxAttempts = 1) {
      const client = new EC2Client({
        endpoint: url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' },
        maxAttempts,
      });
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.destroy();
      await emulator.close();
    },
  };
}

/** The rejection of a promise that must fail (assert.rejects returns nothing usable). */
export async function failure(promise: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number; attempts?: number } };
  }
  throw new Error('expected the call to fail');
}

/** A minimal valid RunInstances input. */
export const RUN = { ImageId: 'ami-0abcdef1234567890', InstanceType: 'g4dn.xlarge', MinCount: 1, MaxCount: 1 } as const;
