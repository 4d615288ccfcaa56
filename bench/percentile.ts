// The benchmarks' one rule for a percentile, so every p50, p95 and p99 in BENCHMARKS.md is
// read the same way.

/**
 * The nearest-rank percentile: the smallest sample with at least `fraction` of the samples at
 * or below it (p50 of 4 samples is the 2nd, p99 of 100 the 99th). NaN for no samples.
 */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}
