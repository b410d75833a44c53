/**
 * A hash index from finite numbers to small integers (open addressing, linear probing over typed arrays). Hand-written
 * because the top-k summary looks up every numeric cell: a Map with double keys costs ~3x more per lookup and boxes
 * each new key, which dominated profiling time on high-cardinality numeric columns. Insert-only (rebuilt to shrink).
 */
import { fmix32 } from './hash.js';

/** number → slot index; -0 and 0 are one key. */
export class NumberIndex {
  size = 0;
  private keys: Float64Array;
  private slots: Int32Array;
  private mask: number;
  private readonly f64 = new Float64Array(1);
  private readonly u32 = new Uint32Array(this.f64.buffer);

  constructor(expected = 32) {
    let n = 64;
    while (n < expected * 2) n *= 2;
    this.keys = new Float64Array(n);
    this.slots = new Int32Array(n).fill(-1);
    this.mask = n - 1;
  }

  /** The slot stored for `x`, or -1. */
  get(x: number): number {
    const keys = this.keys;
    const slots = this.slots;
    const mask = this.mask;
    for (let i = this.bucket(x); ; i = (i + 1) & mask) {
      const slot = slots[i]!;
      if (slot < 0 || keys[i] === x) return slot;
    }
  }

  /** Forgets every key, keeping the allocated tables (a summary that is rebuilt often reuses one index). */
  clear(): void {
    this.slots.fill(-1);
    this.size = 0;
  }

  /** Stores `slot` for `x`, which must not be present yet. */
  set(x: number, slot: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    this.place(x, slot);
    this.size++;
  }

  private bucket(x: number): number {
    this.f64[0] = x === 0 ? 0 : x;
    return fmix32(this.u32[0]! ^ Math.imul(this.u32[1]!, 0x9e3779b1)) & this.mask;
  }

  private place(x: number, slot: number): void {
    const mask = this.mask;
    let i = this.bucket(x);
    while (this.slots[i]! >= 0) i = (i + 1) & mask;
    this.keys[i] = x;
    this.slots[i] = slot;
  }

  private grow(): void {
    const keys = this.keys;
    const slots = this.slots;
    this.keys = new Float64Array(keys.length * 2);
    this.slots = new Int32Array(keys.length * 2).fill(-1);
    this.mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) if (slots[i]! >= 0) this.place(keys[i]!, slots[i]!);
  }
}
