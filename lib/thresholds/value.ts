import { z } from "zod";

/**
 * A threshold as people write it: a number in [0, 1] ("0.5", ".75", "1") or a
 * fraction ("2/3"). Fractions matter: 0.667 is not 2/3, and a step success
 * rate of 2/3 would fail a threshold typed as 0.667.
 */
export function parseThresholdValue(input: unknown): number | null {
  if (typeof input === "number") return Number.isFinite(input) && input >= 0 && input <= 1 ? input : null;
  if (typeof input !== "string") return null;
  const text = input.trim();
  const fraction = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
  const value = fraction ? Number(fraction[1]) / Number(fraction[2]) : /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : null;
}

export const ZThresholdValue = z.union([z.number(), z.string()]).transform((input, context) => {
  const value = parseThresholdValue(input);
  if (value === null) {
    context.addIssue({ code: "custom", message: 'must be a number from 0 to 1, or a fraction like "2/3"' });
    return z.NEVER;
  }
  return value;
});

/** Short and exact enough to tell 2/3 from 0.67: "1", "0.75", "0.625", "2/3", "0.6123". */
export function formatThreshold(value: number): string {
  const thousandths = value * 1000;
  if (Math.abs(thousandths - Math.round(thousandths)) < 1e-6) return String(Math.round(thousandths) / 1000);
  for (let denominator = 3; denominator <= 12; denominator += 1) {
    const numerator = Math.round(value * denominator);
    if (numerator > 0 && numerator < denominator && Math.abs(numerator / denominator - value) < 1e-9) return `${numerator}/${denominator}`;
  }
  return String(Number(value.toFixed(4)));
}
