/**
 * Turns a stream of byte chunks into text chunks without ever splitting a UTF-8 sequence, and says exactly where the
 * bytes were not UTF-8 so readers can report the record (line, byte offset) instead of silently inserting U+FFFD.
 */
import { isUtf8 } from 'node:buffer';

/** One decoded chunk. */
export interface DecodedChunk {
  text: string;
  /** Char index in `text` of each U+FFFD that replaced invalid bytes → how many bytes it replaced; null when all valid. */
  invalid: Map<number, number> | null;
}

/** Where an incomplete multi-byte sequence starts at the end of `buf` (buf.length when the buffer ends cleanly). */
export function incompleteTailStart(buf: Uint8Array): number {
  const n = buf.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = buf[n - back]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? n - back : n;
    }
    return n;
  }
  return n;
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the bytes there are not valid UTF-8. */
function sequenceLength(buf: Uint8Array, i: number): number {
  const b = buf[i]!;
  const n = buf.length;
  const cont = (j: number, lo = 0x80, hi = 0xbf) => j < n && buf[j]! >= lo && buf[j]! <= hi;
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return cont(i + 1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const lo = b === 0xe0 ? 0xa0 : 0x80;
    const hi = b === 0xed ? 0x9f : 0xbf;
    return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const lo = b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xf4 ? 0x8f : 0xbf;
    return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

/** Slow path for a chunk that failed validation: decodes valid runs, one U+FFFD per invalid byte, and maps each. */
export function decodeWithInvalid(buf: Buffer): DecodedChunk {
  const parts: string[] = [];
  const invalid = new Map<number, number>();
  let chars = 0;
  let runStart = 0;
  let i = 0;
  while (i < buf.length) {
    const len = sequenceLength(buf, i);
    if (len > 0) {
      i += len;
      continue;
    }
    if (i > runStart) {
      const run = buf.toString('utf8', runStart, i);
      parts.push(run);
      chars += run.length;
    }
    invalid.set(chars, 1);
    parts.push('\ufffd');
    chars += 1;
    i += 1;
    runStart = i;
  }
  if (buf.length > runStart) parts.push(buf.toString('utf8', runStart));
  return { text: parts.join(''), invalid };
}

/** Streaming decoder: keeps an incomplete trailing sequence for the next chunk; validates with SIMD `isUtf8`. */
export class Utf8ChunkDecoder {
  private tail: Buffer | null = null;

  /** Decodes the next chunk; `final` flushes a dangling partial sequence as invalid. */
  decode(chunk: Buffer, final = false): DecodedChunk {
    let buf = this.tail === null ? chunk : Buffer.concat([this.tail, chunk]);
    this.tail = null;
    if (!final) {
      const cut = incompleteTailStart(buf);
      if (cut < buf.length) {
        this.tail = Buffer.from(buf.subarray(cut));
        buf = buf.subarray(0, cut);
      }
    }
    if (isUtf8(buf)) return { text: buf.toString('utf8'), invalid: null };
    return decodeWithInvalid(buf);
  }
}

/** Shifts invalid-byte positions left by `by` chars, dropping those before 0 (after a consumed prefix). */
export function rebaseInvalid(invalid: Map<number, number> | null, by: number): Map<number, number> | null {
  if (invalid === null) return null;
  const out = new Map<number, number>();
  for (const [k, v] of invalid) if (k >= by) out.set(k - by, v);
  return out.size === 0 ? null : out;
}

/** Merges `add` (positions relative to a text appended after `at` chars) into `into`. */
export function mergeInvalid(into: Map<number, number> | null, add: Map<number, number> | null, at: number): Map<number, number> | null {
  if (add === null) return into;
  const out = into ?? new Map<number, number>();
  for (const [k, v] of add) out.set(k + at, v);
  return out;
}
