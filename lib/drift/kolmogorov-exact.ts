/**
 * Exact P(Dₙ ≤ d) for the one-sample two-sided KS statistic where the asymptotic forms are poor (small n, or small
 * n·d²): the Durbin matrix method as Marsaglia–Tsang–Wang compute it, and Pomeranz's recursion. Both scale their
 * intermediate values by 2^±128 and carry the exponent separately, as scipy 1.10 does, so they neither overflow nor
 * underflow for the n ≤ 100,000 they are used at.
 */

const E128 = 128;
const P128 = 2 ** 128;
const M128 = 2 ** -128;

/** P(Dₙ ≤ d) by the Durbin matrix: the (k,k) entry of n!/nⁿ · Hⁿ, H of size 2k−1 where k = ⌈n·d⌉. */
export function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - Math.pow(h, j)) * fac;
  }
  const tt = Math.pow(Math.max(2 * h - 1, 0), m) - 2 * Math.pow(h, m);
  v[m - 1] = (1 + tt) * fac;
  let H: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1]!;
  for (let r = 0; r < m; r++) H[r * m] = v[r]!;
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c]!;

  let power: Float64Array = identity(m);
  let exponent = 0;
  let hExponent = 0;
  for (let nn = n; nn > 0; nn = Math.floor(nn / 2)) {
    if (nn % 2) {
      power = multiply(power, H, m);
      exponent += hExponent;
    }
    H = multiply(H, H, m);
    hExponent *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]!) > P128) {
      for (let i = 0; i < H.length; i++) H[i]! /= P128;
      hExponent += E128;
    }
  }
  let p = power[(k - 1) * m + (k - 1)]!;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < M128) {
      p *= P128;
      exponent -= E128;
    }
  }
  return clip(ldexp(p, exponent));
}

/** P(Dₙ ≤ x) by Pomeranz's recursion over 2n+1 rows of Poisson-like convolutions (only a few non-zero entries each). */
export function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const size = 2 * (ll + 1);
  const gpower = new Float64Array(size);
  const twoGpower = new Float64Array(size);
  const oneMinus2Gpower = new Float64Array(size);
  gpower[0] = twoGpower[0] = oneMinus2Gpower[0] = 1;
  for (let i = 1; i < size; i++) {
    gpower[i] = (gpower[i - 1]! * (g / n)) / i;
    twoGpower[i] = (twoGpower[i - 1]! * ((2 * g) / n)) / i;
    oneMinus2Gpower[i] = (oneMinus2Gpower[i - 1]! * ((1 - 2 * g) / n)) / i;
  }
  let v0 = new Float64Array(size);
  let v1 = new Float64Array(size);
  v1[0] = 1;
  let v0s = 0;
  let v1s = 0;
  let exponent = 0;
  let [j1, j2] = bounds(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [v0, v1] = [v1, v0];
    [v0s, v1s] = [v1s, v0s];
    v1.fill(0);
    [j1, j2] = bounds(i, n, ll, ceilf, roundf);
    const powers = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twoGpower : oneMinus2Gpower;
    const span = j2 - k1 + 1;
    if (span > 0) {
      // Entries conv[j1−k1 …] of the full convolution of v0[k1−v0s …+span) with powers[0 … span)
      const from = k1 - v0s;
      const start = j1 - k1;
      const length = j2 - j1 + 1;
      let max = 0;
      for (let c = 0; c < length; c++) {
        const at = start + c;
        let sum = 0;
        for (let a = Math.max(0, at - span + 1); a <= at && a < span; a++) {
          const index = from + a;
          if (index < size) sum += v0[index]! * powers[at - a]!;
        }
        v1[c] = sum;
        if (sum > max) max = sum;
      }
      if (max > 0 && max < M128) {
        for (let c = 0; c < size; c++) v1[c]! *= P128;
        exponent -= E128;
      }
      v1s = v0s + j1 - k1;
    }
  }
  let answer = v1[n - v1s]!;
  for (let i = 1; i <= n; i++) {
    if (Math.abs(answer) > P128) {
      answer *= M128;
      exponent += E128;
    }
    answer *= i;
  }
  return clip(ldexp(answer, exponent));
}

// The non-zero column range [j1, j2] of row i of the Pomeranz recursion.
function bounds(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

function identity(m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) out[i * m + i] = 1;
  return out;
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j]! += aik * b[k * m + j]!;
    }
  }
  return out;
}

/** x·2^e without overflowing the power of two on the way. */
function ldexp(x: number, e: number): number {
  let value = x;
  let rest = e;
  while (rest > 1000) {
    value *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    value *= 2 ** -1000;
    rest += 1000;
  }
  return value * 2 ** rest;
}

function clip(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
