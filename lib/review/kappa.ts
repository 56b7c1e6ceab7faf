/** Two raters' decisions on the same items, summarised. */
export type TPairCounts = { items: number; agree: number; firstAccepts: number; secondAccepts: number };

/**
 * Raw agreement and Cohen's kappa for two raters with two categories:
 * kappa = (po - pe) / (1 - pe), pe from each rater's own accept rate.
 * Kappa is null when it is undefined (pe = 1: both raters always say the same thing).
 */
export function agreementStats(counts: TPairCounts): { agreement: number | null; kappa: number | null } {
  if (counts.items === 0) return { agreement: null, kappa: null };
  const po = counts.agree / counts.items;
  const p1 = counts.firstAccepts / counts.items;
  const p2 = counts.secondAccepts / counts.items;
  const pe = p1 * p2 + (1 - p1) * (1 - p2);
  return { agreement: po, kappa: pe >= 1 ? null : (po - pe) / (1 - pe) };
}
