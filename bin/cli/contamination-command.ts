import { parseArgs } from "node:util";
import { createRun, getRun, workRun, type TRun } from "@/lib/contamination/run";
import { datasetsSummary, paramsSummary, type TTokenizerName } from "@/lib/contamination/params";
import { taskTableMarkdown } from "@/lib/contamination/score";
import { readCheck } from "@/lib/job-kinds/wait";
import { cliActor } from "./actor";
import { followJob } from "./follow-job";
import { ProgressOutput } from "./progress-output";
import type { TCommand } from "./run";
import { UsageError } from "./usage-error";

export const contaminationCommand: TCommand = {
  usage:
    "contamination run --testset N [--n 10] [--clean 0.2] [--dirty 0.8] [--template-share 0.01|off] [--tokenizer word|bpe]\n" +
    "                  [--dataset NAME]... [--include-general] [--queue] [--json]",
  summary: "run the n-gram contamination check in this process; --queue: let the workers run its ranges and wait",
  async run(args, as) {
    const [sub, ...rest] = args;
    if (sub !== "run") throw new UsageError("contamination: the subcommand is `run` (workers share a queued check by themselves: no `join`)");
    const { values } = parseArgs({
      args: rest,
      options: {
        testset: { type: "string" },
        n: { type: "string" },
        clean: { type: "string" },
        dirty: { type: "string" },
        "template-share": { type: "string" },
        tokenizer: { type: "string" },
        dataset: { type: "string", multiple: true },
        "include-general": { type: "boolean", default: false },
        queue: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
      },
    });
    const actor = await cliActor(as);
    if (!values.testset) throw new UsageError("contamination run: --testset is required");
    const share = values["template-share"];
    const run = await createRun(
      actor,
      values.testset,
      {
        n: values.n ? Number(values.n) : undefined,
        cleanBelow: values.clean ? Number(values.clean) : undefined,
        dirtyAbove: values.dirty ? Number(values.dirty) : undefined,
        templateShare: share === undefined ? undefined : share === "off" ? null : Number(share),
        // Validated with the other parameters (checkParams names a bad one).
        tokenizer: values.tokenizer as TTokenizerName | undefined,
        datasets: values.dataset,
        includeGeneral: values["include-general"],
      },
      { queue: values.queue },
    );
    // By default the check runs here, in this process; --queue hands its ranges to the workers and follows the check as one job.
    let final: TRun;
    if (values.queue) {
      await followJob(readCheck(actor, run.id), values.json);
      final = await getRun(actor, run.id);
    } else {
      const output = new ProgressOutput({ json: values.json });
      final = await workRun(actor, run.id, {
        onProgress: (r) => output.update({ kind: "contamination", id: null, state: "running", done: r.doneTrajectories, total: r.totalTrajectories, unit: "trajectories" }),
      });
      output.end();
    }
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
    return final.state === "finished" ? 0 : 1;
  },
};
