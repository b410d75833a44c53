/** Shared setup of the Actions tests: a workflow file pushed to acme/churn-model, and a webhook receiver. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach } from 'node:test';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';

export const owner = 'acme';
export const repo = 'churn-model';

/** A training pipeline: `train` on a GPU runner, then `evaluate` that needs it. */
export const TRAIN_YML = `name: Train
on:
  workflow_dispatch:
    inputs:
      model:
        type: choice
        options: [churn, iris]
        required: true
      epochs:
        type: number
        default: 3
jobs:
  train:
    name: Train model
    runs-on: [self-hosted, gpu]
    steps:
      - uses: actions/checkout@v4
      - name: Train
        run: mlops train
  evaluate:
    needs: train
    runs-on: [self-hosted, gpu]
    steps:
      - run: mlops evaluate
`;

/** Pushes `.github/workflows/train.yml` (and optionally more files) to main as dave. */
export async function pushWorkflow(sandbox: Sandbox, files: Record<string, string> = {}): Promise<void> {
  const result = await sandbox.actAs({ user: 'dave', action: 'push', branch: 'main', files: { '.github/workflows/train.yml': TRAIN_YML, ...files } });
  if (result.status !== 200) throw new Error(`push failed: ${JSON.stringify(result.body)}`);
}

export interface Received {
  event: string;
  action: string;
  payload: Record<string, any>;
}

/** A webhook receiver recording every delivery; point the app's webhook at `url`. */
export async function startReceiver(): Promise<{ url: string; received: Received[]; close(): void }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const payload = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, any>;
      received.push({ event: String(req.headers['x-github-event']), action: String(payload.action), payload });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => server.close() };
}

/** `POST /_sandbox/jobs/{id}/complete`. */
export async function completeJob(sandbox: Sandbox, jobId: number, conclusion: string, outputs?: Record<string, string>): Promise<{ status: number; body: any }> {
  const res = await fetch(`${sandbox.control}/jobs/${jobId}/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ conclusion, outputs }) });
  return { status: res.status, body: await res.json() };
}

/** A receiver's handle, as `startReceiver` returns it. */
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/**
 * Registers the hooks of a test file that runs one sandbox whose app webhooks go to a local receiver: started before
 * the tests, closed after them, and (with `resetEach`) reset to the seeded world with an empty inbox before each test.
 * `bind` hands the running pair to the file's own variables.
 */
export function useSandboxWithReceiver(bind: (sandbox: Sandbox, receiver: Receiver) => void, options: { resetEach?: boolean } = {}): void {
  let current: { sandbox: Sandbox; receiver: Receiver } | undefined;
  before(async () => {
    const receiver = await startReceiver();
    const sandbox = await startSandbox({ appWebhookUrl: receiver.url });
    current = { sandbox, receiver };
    bind(sandbox, receiver);
  });
  if (options.resetEach) {
    beforeEach(() => {
      current!.sandbox.reset();
      current!.receiver.received.length = 0;
    });
  }
  after(async () => {
    await current?.sandbox.close();
    current?.receiver.close();
  });
}
