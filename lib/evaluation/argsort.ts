/**
 * Ascending argsort of float64 keys by LSD radix sort on their IEEE-754 bits: linear time, no comparator calls, so
 * ranking metrics (ROC AUC, average precision) on a million scores stay far under a second. Written here rather than
 * taken from a library because none sorts indices of a Float64Array without boxing every element.
 */

/** Below this size a comparator sort is faster than four histogram passes of 65,536 buckets. */
const smallSort = 2048;

/**
 * Indices of `keys` in ascending key order; equal keys keep their index order (stable). -0 sorts as 0; NaN sorts
 * after +Infinity.
 */
export function argsortAscending(keys: Float64Array): Uint32Array {
  const n = keys.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < smallSort) {
    const copy = Array.from(order);
    copy.sort((a, b) => compareKeys(keys[a]!, keys[b]!) || a - b);
    order.set(copy);
    return order;
  }
  // Sortable unsigned images of the keys: positive floats flip the sign bit, negative ones flip every bit.
  const bits = new Uint32Array(n * 2);
  const scratch = new Float64Array(1);
  const view = new Uint32Array(scratch.buffer);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    scratch[0] = k !== k ? NaN : k + 0; // canonical NaN; -0 + 0 = +0
    let lo = view[0]!;
    let hi = view[1]!;
    if (hi & 0x80000000) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else hi = (hi | 0x80000000) >>> 0;
    bits[2 * i] = lo;
    bits[2 * i + 1] = hi;
  }
  let from = order;
  let to = new Uint32Array(n);
  const counts = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(bits[2 * i + word]! >>> shift) & 0xffff]!++;
    // A digit every key shares orders nothing: skip the scatter.
    if (counts[(bits[word]! >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const index = from[i]!;
      const digit = (bits[2 * index + word]! >>> shift) & 0xffff;
      to[counts[digit]!++] = index;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  return from;
}

function compareKeys(a: number, b: number): number {
  if (a !== a) return b !== b ? 0 : 1;
  if (b !== b) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
