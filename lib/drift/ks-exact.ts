/**
 * Exact two-sided p-values of the two-sample KS statistic D = h / lcm(m, n): the probability that a random lattice
 * path from (0,0) to (m,n) leaves the band |x/m − y/n| < h/lcm. Equal sample sizes use the reflection-principle sum
 * (evaluated Horner-style to avoid cancellation); unequal sizes use Hodges' inside method in Viehmann's form that
 * accumulates 1 − p directly, one column of the lattice at a time (O(m · band width) time, O(n) memory).
 */

/** P(D_{n,n} ≥ h/n). */
export function ksExactEqual(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let term = 1;
    for (let j = 0; j < h; j++) term = ((n - k * h - j) * term) / (n + k * h + j + 1);
    p = term * (1 - p);
  }
  return 2 * p;
}

/** P(D_{m,n} ≥ h/lcm(m,n)) for m ≠ n; g = gcd(m, n). */
export function ksExactUnequal(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const a = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  a.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let value = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      value = (a[jj + minj - lastminj]! * i + value * j) / (i + j);
      a[jj] = value;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) a.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return a[maxj - minj - 1]!;
}
