import { mkdir, readFile } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { createExport, getExport, openExportFile, type TExport } from "@/lib/export/exports";
import { parseRecipe } from "@/lib/export/recipe";
import { runExport } from "@/lib/export/run";
import { UserFacingError } from "@/lib/errors";
import { cliActor } from "./actor";
import { readJob } from "@/lib/job-kinds/wait";
import { followJob } from "./follow-job";
import { ProgressOutput } from "./progress-output";
import type { TCommand } from "./run";
import { UsageError } from "./usage-error";

export const exportCommand: TCommand = {
  usage: "export (--recipe FILE | --saved NAME [--version N]) --out DIR [--queue] [--json]",
  summary: "build a training mix from a recipe (JSON file, or a recipe saved in the app) and write its files, manifest and card to DIR; --queue: let the workers run it and wait",
  async run(args, as) {
    const { values } = parseArgs({
      args,
      options: {
        recipe: { type: "string" },
        saved: { type: "string" },
        version: { type: "string" },
        out: { type: "string" },
        json: { type: "boolean", default: false },
        queue: { type: "boolean", default: false },
      },
    });
    if (!values.out) throw new UsageError("export: --out DIR is required");
    if (!values.recipe === !values.saved) throw new UsageError("export: give --recipe FILE or --saved NAME");
    const actor = await cliActor(as);
    const input = values.recipe ? { recipe: await readRecipeFile(values.recipe) } : { recipeName: values.saved, recipeVersion: values.version ? Number(values.version) : undefined };
    const created = await createExport(actor, input, { queue: values.queue });
    // By default the export runs here, in this process; --queue hands it to the workers and waits.
    let state: string;
    if (values.queue) {
      await followJob(readJob(actor, created.jobId!), values.json);
      state = (await getExport(actor, created.id)).state;
    } else {
      const output = new ProgressOutput({ json: values.json });
      const onProgress = (done: number, total: number) => output.update({ kind: "export", id: null, state: "running", done, total, unit: "samples" });
      state = (await runExport(actor, created.id, { onProgress })).state;
      output.end();
    }
    const final = await getExport(actor, created.id);
    if (state === "finished") await copyFiles(actor, final, values.out);
    report(final, values.out, values.json);
    return state === "finished" ? 0 : 1;
  },
};

async function readRecipeFile(file: string): Promise<unknown> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new UserFacingError(`${file}: cannot read the recipe (${error.code ?? error.message})`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserFacingError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  parseRecipe(json, file); // names the file and the field before anything is stored
  return json;
}

async function copyFiles(actor: Awaited<ReturnType<typeof cliActor>>, exported: TExport, outDir: string) {
  await mkdir(outDir, { recursive: true });
  for (const file of exported.files) {
    const opened = await openExportFile(actor, exported.id, file.name);
    await pipeline(opened.stream, createWriteStream(path.join(outDir, file.name)));
  }
}

function report(exported: TExport, outDir: string, json: boolean) {
  if (json) {
    process.stdout.write(
      `${JSON.stringify({
        event: "done",
        export: exported.id,
        state: exported.state,
        error: exported.error,
        out: path.resolve(outDir),
        samples: exported.summary?.plan.total ?? 0,
        preferencePairs: exported.summary?.preferencePairs ?? 0,
        files: exported.files,
      })}\n`,
    );
    return;
  }
  if (exported.state !== "finished") {
    process.stdout.write(`export ${exported.id} ${exported.state}${exported.error ? `: ${exported.error}` : ""}\n`);
    return;
  }
  const plan = exported.summary!.plan;
  process.stdout.write(
    `export ${exported.id} finished: ${plan.total} samples (${plan.agentTotal} agent, ${plan.general.total} general), eta ${plan.eta.effective.toFixed(3)}\n` +
      exported.files.map((file) => `  ${path.join(outDir, file.name)}  ${file.bytes} bytes  sha256 ${file.sha256}\n`).join(""),
  );
}
