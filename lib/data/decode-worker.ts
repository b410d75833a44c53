/**
 * Worker-thread entry of `decodedChunks`: reads a file, hashes its stored bytes, gunzips `.gz`, and decodes UTF-8, so
 * the thread that parses never spends time on them (about a third of a CSV read's CPU). It runs at most `window` chunks
 * ahead of the parser, which acknowledges each one, so memory stays bounded whatever the file size.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createGunzip } from 'node:zlib';
import { Utf8ChunkDecoder } from './utf8-chunks.js';

/** What the parent passes in `workerData`. */
export interface DecodeWorkerInput {
  path: string;
  compressed: boolean;
  chunkBytes: number;
  window: number;
}

/** Messages the worker posts. */
export type DecodeWorkerMessage =
  | { type: 'chunk'; text: string; invalid: Array<[number, number]> | null; bytes: number }
  | { type: 'end'; sha256: string; bytes: number }
  | { type: 'error'; message: string; code?: string };

async function run(port: NonNullable<typeof parentPort>, input: DecodeWorkerInput): Promise<void> {
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
  const decoder = new Utf8ChunkDecoder();
  const send = async (text: string, invalid: Map<number, number> | null, length: number) => {
    while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    const message: DecodeWorkerMessage = { type: 'chunk', text, invalid: invalid === null ? null : [...invalid], bytes: length };
    port.postMessage(message);
  };
  // Chunks are cut after their last newline and the rest carried into the next one, so that the parser almost always
  // gets whole records: it then parses the received string as it is instead of concatenating an unfinished record
  // with the next chunk, which makes a cons string and slows every charCodeAt on it.
  let carry: Buffer | null = null;
  for await (const chunk of bytes) {
    const buf: Buffer = carry === null ? chunk : Buffer.concat([carry, chunk]);
    const cut = buf.lastIndexOf(0x0a) + 1;
    if (cut === 0 && buf.length < 4 * input.chunkBytes) {
      carry = buf;
      continue;
    }
    const whole = cut === 0 ? buf : buf.subarray(0, cut);
    carry = cut === 0 || cut === buf.length ? null : buf.subarray(cut);
    const decoded = decoder.decode(whole, false);
    await send(decoded.text, decoded.invalid, whole.length);
  }
  if (carry !== null) {
    const decoded = decoder.decode(carry, false);
    await send(decoded.text, decoded.invalid, carry.length);
  }
  const last = decoder.decode(Buffer.alloc(0), true);
  if (last.text.length > 0) await send(last.text, last.invalid, 0);
  port.postMessage({ type: 'end', sha256: hash.digest('hex'), bytes: stored } satisfies DecodeWorkerMessage);
}

if (parentPort !== null) {
  const port = parentPort;
  run(port, workerData as DecodeWorkerInput).catch((error: NodeJS.ErrnoException) => {
    port.postMessage({ type: 'error', message: error.message, ...(error.code ? { code: error.code } : {}) } satisfies DecodeWorkerMessage);
  });
}
