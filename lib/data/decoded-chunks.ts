/**
 * Decoded text of a file, produced on a worker thread (see decode-worker.ts) so that reading, hashing, gunzipping and
 * UTF-8 decoding run on the second core while this thread parses. Worth it only for files large enough to amortise
 * the worker's start (~30 ms): `readDataset` uses it above `offThreadBytes`.
 */
import { Worker } from 'node:worker_threads';
import type { DecodeWorkerInput, DecodeWorkerMessage } from './decode-worker.js';
import type { DecodedChunk } from './utf8-chunks.js';

/** The stored file's digest, known once every chunk has been taken. */
export interface StoredDigest {
  sha256: string;
  bytes: number;
}

/** One decoded chunk and how many decompressed bytes it came from (0 for a final flush). */
export interface TextChunk extends DecodedChunk {
  bytes: number;
}

/**
 * The worker, as the build ships it (dist/…/decode-worker.js). Run from sources (tests, under tsx) the worker is the .ts
 * file, and Node 20 does not pass tsx's loader hooks on to worker threads, so a two-line bootstrap registers tsx first.
 */
function startWorker(input: DecodeWorkerInput): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./decode-worker.js', import.meta.url), { workerData: input });
  const entry = new URL('./decode-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: input });
}

/** Streams `path` as decoded text chunks from a worker; `digest` resolves once the last chunk has been taken. */
export function decodedChunks(path: string, compressed: boolean, chunkBytes = 96 * 1024, window = 8): { chunks: AsyncGenerator<TextChunk>; digest: () => StoredDigest } {
  let digest: StoredDigest | undefined;
  async function* chunks(): AsyncGenerator<TextChunk> {
    const input: DecodeWorkerInput = { path, compressed, chunkBytes, window };
    const worker = startWorker(input);
    const queue: DecodeWorkerMessage[] = [];
    let wake: (() => void) | null = null;
    let failure: Error | null = null;
    worker.on('message', (m: DecodeWorkerMessage) => {
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
        yield { text: message.text, invalid: message.invalid === null ? null : new Map(message.invalid), bytes: message.bytes };
      }
    } finally {
      await worker.terminate();
    }
  }
  return {
    chunks: chunks(),
    digest: () => {
      if (digest === undefined) throw new Error('decodedChunks: the digest is known only after the last chunk');
      return digest;
    },
  };
}
