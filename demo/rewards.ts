/**
 * Reward distributions per task, shaped so that thresholds matter: binary tasks
 * are mostly 1, webshop has a mass near 1 and a tail, kg is an F1, and mind2web
 * step success rates are rarely 1 (the method's 2/3 threshold keeps ~40 %).
 */
import type { Rng } from "./random";

export function binaryReward(rng: Rng, shareOfOnes: number): number {
  return rng.chance(shareOfOnes) ? 1 : 0;
}

/** Attribute-match scores as WebShop computes them (fractions of matched attributes, options and price). */
export function webshopReward(rng: Rng): number {
  return rng.weighted<number>([
    [1, 46],
    [0.9, 4],
    [0.875, 3],
    [0.8, 6],
    [0.75, 8],
    [2 / 3, 7],
    [0.6, 4],
    [0.5, 8],
    [1 / 3, 4],
    [0.25, 2],
    [0.2, 2],
    [0.1, 1],
    [0, 5],
  ]);
}

/** F1 of predicted vs gold answer sets. */
export function kgReward(rng: Rng): number {
  return rng.weighted<number>([
    [1, 52],
    [0.8, 4],
    [2 / 3, 7],
    [0.5, 8],
    [0.4, 3],
    [1 / 3, 4],
    [0.2, 2],
    [0, 20],
  ]);
}

/** Step success rate over the reference actions of a Mind2Web task. */
export function mind2webReward(rng: Rng): number {
  return rng.weighted<number>([
    [1, 6],
    [0.8, 5],
    [0.75, 12],
    [2 / 3, 18],
    [0.6, 4],
    [0.5, 14],
    [0.4, 4],
    [1 / 3, 12],
    [0.25, 6],
    [0, 17],
  ]);
}
