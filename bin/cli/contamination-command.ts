import { parseArgs } from "node:util";
import { createRun, getRun, workRun, type TRun } from "@/lib/contamination/run";
import { datasetsSummary, paramsSummary, type TTokenizerName } from "@/lib/contamination/params";
import { taskTableMarkdown } from "@/lib/contamination/score";
import { cliActor } from "./actor";
import type { TCommand } from "./run";
import { UsageError } from "./usage-error";

export const contaminationCommand: TCommand = {
  usage:
    "contamination run --testset N [--n 10] [--clean 0.2] [--dirty 0.8] [--template-share 0.01|off] [--tokenizer word|bpe]\n" +
    "                  [--dataset NAME]... [--include-general] [--json]\n" +
    "         contamination join RUN_ID [--resume] [--json]",
  summary: "run the n-gram contamination check in the foreground; `join` adds a worker to a run (--resume after a crash)",
  async run(args, as) {
    const [sub, ...rest] = args;
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        testset: { type: "string" },
        n: { type: "string" },
        clean: { type: "string" },
        dirty: { type: "string" },
        "template-share": { type: "string" },
        tokenizer: { type: "string" },
        dataset: { type: "string", multiple: true },
        "include-general": { type: "boolean", default: false },
        resume: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
      },
    });
    const actor = await cliActor(as);
    let run: TRun;
    if (sub === "run") {
      if (!values.testset) throw new UsageError("contamination run: --testset is required");
      const share = values["template-share"];
      run = await createRun(actor, values.testset, {
        n: values.n ? Number(values.n) : undefined,
        cleanBelow: values.clean ? Number(values.clean) : undefined,
        dirtyAbove: values.dirty ? Number(values.dirty) : undefined,
        templateShare: share === undefined ? undefined : share === "off" ? null : Number(share),
        // Validated with the other parameters (checkParams names a bad one).
        tokenizer: values.tokenizer as TTokenizerName | undefined,
        datasets: values.dataset,
        includeGeneral: values["include-general"],
      });
    } else if (sub === "join") {
      run = await getRun(actor, Number(positionals[0]));
    } else throw new UsageError("contamination: subcommands are `run` and `join`");
    const show = (r: TRun) => {
      if (values.json) process.stdout.write(`${JSON.stringify({ event: "progress", run: r.id, done: r.doneTrajectories, total: r.totalTrajectories, etaSeconds: r.etaSeconds })}\n`);
      else if (process.stderr.isTTY) process.stderr.write(`\rrun ${r.id}: ${r.doneTrajectories}/${r.totalTrajectories} trajectories${r.etaSeconds !== null ? `, ETA ${r.etaSeconds}s` : ""}   `);
    };
    const final = await workRun(actor, run.id, { reclaimRunning: values.resume, onProgress: show });
    if (!values.json && process.stderr.isTTY) process.stderr.write("\n");
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ event: "done", run: final.id, state: final.state, params: final.params, table: final.summary?.table ?? null, templateCount: final.summary?.templateCount ?? null, error: final.error })}\n`);
    } else if (final.summary) {
      process.stdout.write(
        `run ${final.id} ${final.state}: ${paramsSummary(final.params)}; compared ${datasetsSummary(final.params)}; ` +
          `${final.summary.templateCount} template n-grams excluded\n\n${taskTableMarkdown(final.summary.table)}\n`,
      );
    } else {
      process.stdout.write(`run ${final.id} ${final.state}${final.error ? `: ${final.error}` : ""} (${final.doneRanges}/${final.totalRanges} ranges done)\n`);
    }
    return final.state === "finished" || final.state === "running" ? 0 : 1;
  },
};
