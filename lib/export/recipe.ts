/**
 * A training-mix recipe (docs/method.md §6): which trajectories go in, in what
 * shares, in which form, with which seed. It is plain JSON (saved by name,
 * versioned, copied whole into every export's manifest), so a recipe file can
 * be run from the CLI on another machine with the same data.
 */
import { z } from "zod";
import { UserFacingError } from "@/lib/errors";
import { DEFAULT_RECIPE_SHARES } from "@/lib/thresholds/mix";
import { DEFAULT_LOSS_MASK } from "./transform/loss-mask";

export const RECIPE_SCHEMA_VERSION = 1;

export const EXPORT_FORMATS = ["conversations", "messages", "parquet", "preference"] as const;
export type TExportFormat = (typeof EXPORT_FORMATS)[number];

const ZDatasetNames = z
  .array(z.string().trim().min(1))
  .nullable()
  .describe("dataset names; null = every dataset of this kind");

const ZShare = z.number().min(0, "a share cannot be negative").max(1, "a share is at most 1");

export const ZRecipe = z
  .object({
    schemaVersion: z.literal(RECIPE_SCHEMA_VERSION).default(RECIPE_SCHEMA_VERSION),
    sources: z
      .object({ agentDatasets: ZDatasetNames.default(null), generalDatasets: ZDatasetNames.default(null) })
      .strict()
      .default({ agentDatasets: null, generalDatasets: null }),
    inclusion: z
      .object({
        /** Review status of agent trajectories: accepted only by default. */
        statuses: z.array(z.enum(["accepted", "pending", "rejected"])).min(1, "pick at least one review status").default(["accepted"]),
        passesThreshold: z.boolean().default(true),
        /** Which contamination labels keep a trajectory out; never-checked ones are kept. */
        contamination: z.enum(["excludeDirty", "excludeDirtyAndNeither", "ignore"]).default("excludeDirty"),
        excludeFormatErrors: z.boolean().default(false),
        /** Exact duplicates never exist (the content hash is unique at import); this also keeps one run per instruction. */
        onePerInstruction: z.boolean().default(false),
        /** General (chat) data is rarely reviewed: its own status filter, everything not rejected by default. */
        generalStatuses: z.array(z.enum(["accepted", "pending", "rejected"])).min(1, "pick at least one status for general data").default(["accepted", "pending"]),
      })
      .strict()
      .default({
        statuses: ["accepted"],
        passesThreshold: true,
        contamination: "excludeDirty",
        excludeFormatErrors: false,
        onePerInstruction: false,
        generalStatuses: ["accepted", "pending"],
      }),
    shares: z
      .object({
        /** recipe: the shares below; natural: each task in proportion to what it has. */
        mode: z.enum(["recipe", "natural"]).default("recipe"),
        values: z.record(z.string().min(1), ZShare).default({ ...DEFAULT_RECIPE_SHARES }),
        /** A task with too few trajectories: give what it has (cap), or repeat its trajectories (replace), each at most maxRepeats times. */
        whenShort: z.enum(["cap", "replace"]).default("cap"),
        maxRepeats: z.number().int().min(1).max(100).default(3),
      })
      .strict()
      .default({ mode: "recipe", values: { ...DEFAULT_RECIPE_SHARES }, whenShort: "cap", maxRepeats: 3 }),
    /** Share of agent samples in the mix. */
    eta: z.number().gt(0, "eta must be above 0 (0 would be no agent data)").max(1, "eta is at most 1").default(0.2),
    /** allAgent: every eligible agent trajectory once, general data added to reach eta; total: a mix of this many samples. */
    size: z
      .discriminatedUnion("mode", [
        z.object({ mode: z.literal("allAgent") }).strict(),
        z.object({ mode: z.literal("total"), total: z.number().int().min(1, "the total size must be at least 1").max(100_000_000) }).strict(),
      ])
      .default({ mode: "allAgent" }),
    general: z.object({ gpt4Share: ZShare.default(0.2) }).strict().default({ gpt4Share: 0.2 }),
    thoughts: z.enum(["latest", "original", "none"]).default("latest"),
    lossMask: z.enum(["asImported", "allAssistant", "critical"]).default(DEFAULT_LOSS_MASK),
    /** Tool-calling data: calls written as text stay text (asImported) or become structured tool calls (native). */
    toolCalls: z
      .enum(["asImported", "native"], { error: 'use "asImported" (calls as the file wrote them) or "native" (calls written as text become structured tool calls)' })
      .default("asImported"),
    /** Tool-calling data: reasoning in `reasoning_content` (field) or inline as <think>…</think> before the content (think). */
    reasoningAs: z
      .enum(["field", "think"], { error: 'use "field" (reasoning in reasoning_content) or "think" (inline <think>…</think> before the content)' })
      .default("field"),
    formats: z
      .array(z.enum(EXPORT_FORMATS))
      .min(1, "pick at least one file format")
      .default(["conversations", "messages", "parquet"])
      // One file per format, always in the same order, however the recipe lists them.
      .transform((formats) => EXPORT_FORMATS.filter((format) => formats.includes(format))),
    seed: z.number().int().min(0).max(2_147_483_647).default(42),
  })
  .strict();

export type TRecipe = z.output<typeof ZRecipe>;
export type TRecipeInput = z.input<typeof ZRecipe>;

export const DEFAULT_RECIPE: TRecipe = ZRecipe.parse({});

/** Parses a recipe, naming the offending field in the error (e.g. `shares.values.db: a share is at most 1`). */
export function parseRecipe(input: unknown, source = "recipe"): TRecipe {
  const result = ZRecipe.safeParse(input);
  if (result.success) return sharesSane(result.data, source);
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
  throw new RecipeError(`${source}: ${field}: ${issue.message}`);
}

function sharesSane(recipe: TRecipe, source: string): TRecipe {
  if (recipe.shares.mode === "recipe" && !Object.values(recipe.shares.values).some((share) => share > 0)) {
    throw new RecipeError(`${source}: shares.values: give at least one task a share above 0, or use natural shares`);
  }
  return recipe;
}

/** A bad recipe: the message names the source and the field. */
export class RecipeError extends UserFacingError {}
