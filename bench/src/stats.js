// Order statistics over raw samples; nearest-rank percentiles, no interpolation.

/** @param {number[]} values @param {number} fraction 0..1 */
export const percentile = (values, fraction) => {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1];
};

/** @param {number[]} values */
export const median = (values) => {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
