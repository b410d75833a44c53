/**
 * A file's (decompressed) bytes in chunks that end at a newline, produced on a worker thread (chunk-worker.ts) so that
 * reading, hashing and gunzipping run on the second core while this thread decodes and parses. Worth it only for
 * files large enough to amortise the worker's start (~30 ms): `readDataset` uses it from `offThreadBytes` up.
 */
import { Worker } from 'node:worker_threads';
import type { ChunkWorkerInput, ChunkWorkerMessage } from './chunk-worker.js';

/** The stored file's digest, known once every chunk has been taken. */
export interface StoredDigest {
  sha256: string;
  bytes: number;
}

// The worker holds a few chunks at a time (external Buffers, not heap): a small heap keeps its share of the process's
// memory small; V8 would otherwise let an idle young generation grow to tens of MB.
const resourceLimits = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 48 };

/**
 * The worker, as the build ships it (dist/…/chunk-worker.js). Run from sources (tests, under tsx) the worker is the .ts
 * file, and Node 20 does not pass tsx's loader hooks on to worker threads, so a one-line bootstrap registers tsx first.
 */
function startWorker(input: ChunkWorkerInput): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./chunk-worker.js', import.meta.url), { workerData: input, resourceLimits });
  const entry = new URL('./chunk-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: input, resourceLimits });
}

/** Streams `path`'s bytes (gunzipped when `compressed`) from a worker; `digest()` is known once the last chunk was taken. */
export function fileChunks(path: string, compressed: boolean, chunkBytes = 96 * 1024, window = 8): { chunks: AsyncGenerator<Buffer>; digest: () => StoredDigest } {
  let digest: StoredDigest | undefined;
  async function* chunks(): AsyncGenerator<Buffer> {
    const worker = startWorker({ path, compressed, chunkBytes, window });
    const queue: ChunkWorkerMessage[] = [];
    let wake: (() => void) | null = null;
    let failure: Error | null = null;
    worker.on('message', (m: ChunkWorkerMessage) => {
      queue.push(m);
      wake?.();
    });
    worker.on('error', (error) => {
      failure = error;
      wake?.();
    });
    try {
      for (;;) {
        while (queue.length === 0 && failure === null) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        if (failure !== null) throw failure;
        const message = queue.shift()!;
        if (message.type === 'error') throw Object.assign(new Error(message.message), message.code ? { code: message.code } : {});
        if (message.type === 'end') {
          digest = { sha256: message.sha256, bytes: message.bytes };
          return;
        }
        worker.postMessage(1);
        yield Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength);
      }
    } finally {
      await worker.terminate();
    }
  }
  return {
    chunks: chunks(),
    digest: () => {
      if (digest === undefined) throw new Error('fileChunks: the digest is known only after the last chunk');
      return digest;
    },
  };
}
