import { parseArgs } from "node:util";
import { cancelJobById, getJobById, listJobsPage, retryJobById, ZJobFilter, type TJob } from "@/lib/job-kinds/jobs";
import { cliActor } from "./actor";
import { readJob } from "@/lib/job-kinds/wait";
import { followJob, jobUpdate } from "./follow-job";
import { ProgressOutput } from "./progress-output";
import type { TCommand } from "./run";
import { UsageError } from "./usage-error";

export const jobsCommand: TCommand = {
  usage: "jobs list [--kind K] [--state queued|running|done|failed|cancelled] [--limit N] [--cursor C] [--json] | jobs show ID [--wait] [--json] | jobs cancel|retry ID [--json]",
  summary: "the long tasks the workers run: list them with progress, show one (--wait: follow its progress until it ends), cancel or retry one",
  async run(args, as) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { kind: { type: "string" }, state: { type: "string" }, limit: { type: "string" }, cursor: { type: "string" }, json: { type: "boolean", default: false }, wait: { type: "boolean", default: false } },
    });
    const [verb, id] = positionals;
    const actor = await cliActor(as);
    if (verb === "list") {
      const filter = ZJobFilter.parse({ kind: values.kind, state: values.state, limit: values.limit, cursor: values.cursor });
      const { jobs, nextCursor } = await listJobsPage(actor, filter);
      process.stdout.write(values.json ? `${JSON.stringify({ jobs, nextCursor })}\n` : jobs.map(line).join(""));
      if (!values.json && nextCursor) process.stderr.write(`more: jobs list --cursor ${nextCursor}\n`);
      return 0;
    }
    const act = { show: getJobById, cancel: cancelJobById, retry: retryJobById }[verb ?? ""];
    if (!act) throw new UsageError(`jobs: say list, show ID, cancel ID or retry ID`);
    if (!id) throw new UsageError(`jobs ${verb}: give the job's ID (from jobs list)`);
    if (verb === "show" && values.wait) {
      const final = await followJob(readJob(actor, id), values.json);
      process.stdout.write(values.json ? `${JSON.stringify(final)}\n` : line(final));
      return final.state === "done" ? 0 : 1;
    }
    const job = await act(actor, id);
    if (!values.json && job.progress && (job.state === "running" || job.state === "queued")) {
      // A running job's progress as a bar, the same the --queue waits draw (only on a terminal).
      const output = new ProgressOutput({ json: false, startedAt: job.startedAt ? Date.parse(job.startedAt) : undefined });
      output.update(jobUpdate(job));
      output.end();
    }
    process.stdout.write(values.json ? `${JSON.stringify(job)}\n` : line(job));
    return 0;
  },
};

function line(job: TJob): string {
  const progress = job.progress ? ` ${job.progress.done}/${job.progress.total ?? "?"} ${job.progress.unit}` : "";
  const result = job.result ? ` ${job.result.type} ${job.result.id}` : "";
  const error = job.error ? `: ${job.error}` : "";
  return `${job.id}  ${job.kind}  ${job.state}${progress}${result}  by ${job.startedBy ?? "?"}  created ${job.createdAt}${error}\n`;
}
