/**
 * Ascending sort of finite float64 values by LSD radix sort on their bit patterns (4 passes of 16 bits, passes where
 * every key has the same digit skipped). About 3× faster than Float64Array.prototype.sort at a million values, which
 * matters because raw-mode drift sorts both sides of every numeric column. Small arrays use the native sort.
 */

const NATIVE_BELOW = 4096;

/** Sorts `values[0, n)` in place (finite numbers only; −0 sorts before +0, which compare equal anyway). */
export function sortFloat64(values: Float64Array, n = values.length): Float64Array {
  const view = values.subarray(0, n);
  if (n < NATIVE_BELOW) return view.sort();
  const words = new Uint32Array(view.buffer, view.byteOffset, n * 2);
  // Map each double to an unsigned key whose order is the numeric order: flip every bit of negatives, the sign bit of
  // the rest. Little-endian: words[2i] is the low half, words[2i+1] the high half.
  for (let i = 1; i < 2 * n; i += 2) {
    const hi = words[i]!;
    if (hi & 0x80000000) {
      words[i] = ~hi;
      words[i - 1] = ~words[i - 1]!;
    } else words[i] = hi | 0x80000000;
  }
  let from: Uint32Array = words;
  let to: Uint32Array = new Uint32Array(2 * n);
  const counts = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? 0 : 1;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let i = word; i < 2 * n; i += 2) counts[(from[i]! >>> shift) & 0xffff]!++;
    if (counts[(from[word]! >>> shift) & 0xffff] === n) continue;
    let total = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d]!;
      counts[d] = total;
      total += c;
    }
    for (let i = 0; i < 2 * n; i += 2) {
      const lo = from[i]!;
      const hi = from[i + 1]!;
      const digit = ((word === 0 ? lo : hi) >>> shift) & 0xffff;
      const at = 2 * counts[digit]!++;
      to[at] = lo;
      to[at + 1] = hi;
    }
    [from, to] = [to, from];
  }
  if (from !== words) words.set(from);
  for (let i = 1; i < 2 * n; i += 2) {
    const hi = words[i]!;
    if (hi & 0x80000000) words[i] = hi & 0x7fffffff;
    else {
      words[i] = ~hi;
      words[i - 1] = ~words[i - 1]!;
    }
  }
  return view;
}
