/**
 * Plain decimal numerals read straight from the char codes the CSV parser already has in hand. Most cells of ML data
 * are such numerals; making them numbers here saves a string per cell, a second parse in every consumer, and (because a
 * column of numbers stays an unboxed double array in V8) most of the garbage a CSV read would otherwise make.
 */

/** Exact powers of ten that a 15-digit mantissa is divided by. */
export const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Reads `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`, the numerals that data exports write, into `value` (= `Number(text)`).
 * With at most 15 digits and no exponent the mantissa is an exact integer, so mantissa / 10^k is already the correctly
 * rounded value (Clinger's fast path); longer numerals and exponents go through `Number()`. Leading zeros (`007`, codes
 * and zip codes), `+`, `.5`, `5.`, spaces, `Infinity` and radix literals are not numerals here: they stay text.
 */
export class NumeralReader {
  value = NaN;

  /** Reads text[s, e); true (with `value`) when it is a plain decimal numeral. */
  read(text: string, s: number, e: number): boolean {
    let i = s;
    let c = text.charCodeAt(i);
    const negative = c === 45;
    if (negative) {
      if (++i === e) return false;
      c = text.charCodeAt(i);
    }
    if (c < 48 || c > 57 || (c === 48 && i + 1 < e && text.charCodeAt(i + 1) !== 46 && (text.charCodeAt(i + 1) | 32) !== 101)) return false;
    let mantissa = 0;
    const first = i;
    for (; i < e; i++) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      mantissa = mantissa * 10 + (c - 48);
    }
    let digits = i - first;
    let fraction = 0;
    if (i < e && c === 46) {
      const from = ++i;
      for (; i < e; i++) {
        c = text.charCodeAt(i);
        if (c < 48 || c > 57) break;
        mantissa = mantissa * 10 + (c - 48);
      }
      fraction = i - from;
      if (fraction === 0) return false;
      digits += fraction;
    }
    if (i === e && digits <= 15) {
      const magnitude = fraction === 0 ? mantissa : mantissa / POW10[fraction]!;
      this.value = negative ? -magnitude : magnitude;
      return true;
    }
    if (i < e) {
      if ((c | 32) !== 101) return false;
      c = text.charCodeAt(++i);
      if (c === 43 || c === 45) i++;
      const from = i;
      for (; i < e; i++) {
        c = text.charCodeAt(i);
        if (c < 48 || c > 57) return false;
      }
      if (i === from) return false;
    }
    const value = Number(text.substring(s, e));
    if (value - value !== 0) return false;
    this.value = value;
    return true;
  }
}
