/**
 * What sits beside every export so the mix can be reproduced and audited
 * (docs/method.md §6): the manifest (recipe, seed, thresholds and their versions,
 * contamination run, counts, files with sha256, who and when) and a short
 * dataset card. The card holds no date or author, so reruns of a recipe on
 * unchanged data give byte-identical data files and card; only the manifest
 * names the run itself.
 */
import { createHash } from "node:crypto";
import packageJson from "@/package.json";
import { formatThreshold } from "@/lib/thresholds/value";
import { byCodePoint } from "./plan";
import type { TExportSummary } from "./prepare";
import type { TRecipe } from "./recipe";

export const MANIFEST_VERSION = 1;

export type TExportedFile = { name: string; format: string; bytes: number; sha256: string; records: number };

export type TManifestInput = {
  exportId: number;
  createdBy: string;
  createdAt: Date;
  finishedAt: Date;
  recipeName: string | null;
  recipeVersion: number | null;
  recipe: TRecipe;
  summary: TExportSummary;
  files: TExportedFile[];
  samplesFile: string;
  genericCotRuleTasks: string[];
};

/** One sha256 over the data files (name and hash, sorted): equal for two exports with identical files. */
export function contentSha256(files: readonly TExportedFile[]): string {
  const lines = [...files].sort((a, b) => byCodePoint(a.name, b.name)).map((file) => `${file.sha256}  ${file.name}\n`);
  return createHash("sha256").update(lines.join("")).digest("hex");
}

export function buildManifest(input: TManifestInput): string {
  const { summary } = input;
  const manifest = {
    manifestVersion: MANIFEST_VERSION,
    app: { name: "trajectory-studio", version: packageJson.version },
    export: {
      id: input.exportId,
      createdBy: input.createdBy,
      createdAt: input.createdAt.toISOString(),
      finishedAt: input.finishedAt.toISOString(),
    },
    recipe: { name: input.recipeName, version: input.recipeVersion, value: input.recipe },
    seed: input.recipe.seed,
    thresholds: summary.thresholds,
    contaminationRuns: summary.contaminationRuns,
    datasets: summary.datasets,
    mix: summary.plan,
    counts: summary.counts,
    preferencePairs: summary.preferencePairs,
    withoutCot:
      input.recipe.thoughts === "none"
        ? { genericRuleTasks: input.genericCotRuleTasks, note: "tasks in genericRuleTasks had no task-specific rule: a generic rule removed thought requests from their prompts" }
        : null,
    samples: { file: input.samplesFile, description: "one line per sample, in file order: trajectory id, dataset, task, copy, content hash, thought revision used per rewritten step" },
    files: input.files,
    contentSha256: contentSha256(input.files),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

const CONTAMINATION_WORDS = {
  excludeDirty: "contamination-dirty ones left out",
  excludeDirtyAndNeither: "only contamination-clean (or never checked) ones",
  ignore: "contamination labels ignored",
} as const;

function thresholdCell(summary: TExportSummary, task: string): string {
  if (!summary.thresholds.applied) return "not applied";
  const set = summary.thresholds.byTask[task];
  return set ? `${formatThreshold(set.threshold)} (v${set.version})` : "";
}

/** A short Markdown card describing the mix, for the dataset's README. */
export function buildDatasetCard(recipeName: string | null, recipe: TRecipe, summary: TExportSummary, files: readonly TExportedFile[]): string {
  const { plan } = summary;
  const lines = [
    `# ${recipeName ?? "Training mix"}`,
    "",
    "Agent trajectories mixed with general chat data by the AgentTuning recipe, exported by Trajectory Studio.",
    "",
    summary.mixWritten
      ? `- **Samples:** ${plan.total} (${plan.agentTotal} agent, ${plan.general.total} general)`
      : "- **Samples:** no mix written (only preference pairs were asked for); the table shows what the mix would have been",
    `- **eta (agent share):** ${recipe.eta} requested, ${plan.eta.effective.toFixed(3)} effective`,
    `- **GPT-4 share of general data:** ${recipe.general.gpt4Share} requested, ${plan.gpt4Share.effective.toFixed(3)} effective`,
    `- **Included agent trajectories:** review status ${recipe.inclusion.statuses.join(" or ")}` +
      `${recipe.inclusion.passesThreshold ? ", reward passes the task threshold" : ""}` +
      `, ${CONTAMINATION_WORDS[recipe.inclusion.contamination]}${recipe.inclusion.excludeFormatErrors ? ", no format errors" : ""}` +
      `${recipe.inclusion.onePerInstruction ? ", one run per instruction" : ""}`,
    `- **Thoughts:** ${{ latest: "latest reviewed revision", original: "as imported", none: "removed (without-CoT variant)" }[recipe.thoughts]}`,
    `- **Loss mask:** ${{ asImported: "as imported", allAssistant: "every assistant turn", critical: "critical steps only" }[recipe.lossMask]}`,
    `- **Tool calls:** ${{ asImported: "as imported (calls written as text stay text)", native: "structured tool calls (calls written as text converted)" }[recipe.toolCalls]}, ` +
      `reasoning ${{ field: "in reasoning_content", think: "inline as <think>…</think> before the content" }[recipe.reasoningAs]}`,
    `- **Seed:** ${recipe.seed}`,
    "",
    "| task | eligible | share asked | samples | of which repeats | effective share | threshold |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...plan.agent.map(
      (row) =>
        `| ${row.task} | ${row.available} | ${percent(row.share)} | ${row.quota} | ${row.repeats} | ${percent(row.effectiveShare)} | ${thresholdCell(summary, row.task)} |`,
    ),
    "",
    `General data: ${plan.general.gpt4.quota} GPT-4 and ${plan.general.other.quota} other conversations.`,
    ...(summary.preferencePairs > 0 ? ["", `Preference pairs (accepted vs rejected run of the same instruction): ${summary.preferencePairs}.`] : []),
    ...(plan.notes.length > 0 ? ["", "Notes:", ...plan.notes.map((note) => `- ${note}`)] : []),
    "",
    "## Files",
    "",
    ...files.map((file) => `- \`${file.name}\` (${file.format}, ${file.records} records, sha256 \`${file.sha256}\`)`),
    "",
    "`manifest.json` holds the full recipe, thresholds with their versions, the contamination runs behind the labels, and who exported it when; `samples.jsonl` lists every sample's trajectory and thought revisions.",
    "",
  ];
  return lines.join("\n");
}
