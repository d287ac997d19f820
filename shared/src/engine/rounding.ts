/**
 * Rule 6: half away from zero at `decimals` (62.5 → 63). Binary floating point cannot hold most decimal
 * halves exactly (1.005 is 1.00499999999999989...), so the value is first brought back to 15 significant
 * digits, which is what it was meant to be, and the rounding is then done on its decimal representation.
 */
export function roundHalfAwayFromZero(value: number, decimals = 0): number {
  if (!Number.isFinite(value)) return value;
  const sign = value < 0 ? -1 : 1;
  const abs = Number(Math.abs(value).toPrecision(15));
  const shifted = Number(`${abs}e${decimals}`);
  const rounded = Math.floor(shifted + 0.5);
  const result = sign * Number(`${rounded}e-${decimals}`);
  return result === 0 ? 0 : result; // no -0
}

/**
 * Exact rounding of 100 × numerator / denominator for integer counts: integer arithmetic, so no binary
 * fraction can tip a half the wrong way whatever the counts.
 */
export function roundPercent(numerator: number, denominator: number, decimals = 0): number {
  const scale = 10 ** decimals;
  const a = BigInt(numerator) * BigInt(100 * scale);
  const b = BigInt(denominator);
  const q = (2n * a + b) / (2n * b); // floor((a / b) + 1/2) for a, b ≥ 0
  return Number(q) / scale;
}

/** 95 % Wilson score interval, in percent, rounded to 4 decimals. */
export function wilson95(numerator: number, denominator: number): [number, number] | null {
  if (denominator <= 0) return null;
  const z = 1.959963984540054;
  const n = denominator;
  const p = numerator / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  const low = Math.max(0, center - half) * 100;
  const high = Math.min(1, center + half) * 100;
  return [roundHalfAwayFromZero(low, 4), roundHalfAwayFromZero(high, 4)];
}
