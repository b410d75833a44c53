/**
 * Worker-thread entry of `fileChunks`: reads a file, hashes its stored bytes and gunzips `.gz`, so that the thread
 * that parses spends no time on them. Chunks are cut after their last newline and the rest carried into the next, so
 * the parser almost always gets whole records: it then parses each decoded chunk as it is, instead of concatenating
 * an unfinished record with the next chunk (a cons string, which slows every charCodeAt on it). Chunks are transferred,
 * not copied, and the worker runs at most `window` chunks ahead of the parser, so memory stays bounded.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createGunzip } from 'node:zlib';

/** What the parent passes in `workerData`. */
export interface ChunkWorkerInput {
  path: string;
  compressed: boolean;
  chunkBytes: number;
  window: number;
}

/** Messages the worker posts. */
export type ChunkWorkerMessage = { type: 'chunk'; bytes: Uint8Array } | { type: 'end'; sha256: string; bytes: number } | { type: 'error'; message: string; code?: string };

async function run(port: NonNullable<typeof parentPort>, input: ChunkWorkerInput): Promise<void> {
  let credit = input.window;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    credit++;
    wake?.();
    wake = null;
  });
  const hash = createHash('sha256');
  let stored = 0;
  const raw = createReadStream(input.path, { highWaterMark: input.chunkBytes });
  raw.on('data', (chunk) => {
    hash.update(chunk as Buffer);
    stored += chunk.length;
  });
  const bytes: AsyncIterable<Buffer> = input.compressed ? raw.pipe(createGunzip({ chunkSize: input.chunkBytes })) : raw;
  if (input.compressed) raw.on('error', (error) => (bytes as unknown as NodeJS.ReadableStream).emit('error', error));
  const send = async (chunk: Uint8Array) => {
    while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    // Transfer only a buffer this chunk owns alone (a slice of a shared one is copied first).
    const own = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk : Uint8Array.prototype.slice.call(chunk);
    port.postMessage({ type: 'chunk', bytes: own } satisfies ChunkWorkerMessage, [own.buffer as ArrayBuffer]);
  };
  let carry: Buffer | null = null;
  for await (const chunk of bytes) {
    const buf: Buffer = carry === null ? chunk : Buffer.concat([carry, chunk]);
    const cut = buf.lastIndexOf(0x0a) + 1;
    if (cut === 0 && buf.length < 4 * input.chunkBytes) {
      carry = buf;
      continue;
    }
    if (cut === 0 || cut === buf.length) {
      carry = null;
      await send(buf);
    } else {
      carry = Buffer.from(buf.subarray(cut));
      await send(buf.subarray(0, cut));
    }
  }
  if (carry !== null) await send(carry);
  port.postMessage({ type: 'end', sha256: hash.digest('hex'), bytes: stored } satisfies ChunkWorkerMessage);
}

if (parentPort !== null) {
  const port = parentPort;
  run(port, workerData as ChunkWorkerInput).catch((error: NodeJS.ErrnoException) => {
    port.postMessage({ type: 'error', message: error.message, ...(error.code ? { code: error.code } : {}) } satisfies ChunkWorkerMessage);
  });
}
