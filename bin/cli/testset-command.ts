import { parseArgs } from "node:util";
import { importTestSet } from "@/lib/testsets/import";
import { previewTestRecords } from "@/lib/testsets/read";
import { cliActor } from "./actor";
import type { TCommand } from "./run";
import { UsageError } from "./usage-error";

export const testsetCommand: TCommand = {
  usage: "testset import <file> --name N --task T [--field F]... [--json]",
  summary: "import a contamination test set (JSON, JSONL, CSV, parquet); --field picks the question key(s), default: guessed",
  async run(args, as) {
    const [sub, ...rest] = args;
    if (sub !== "import") throw new UsageError("testset: the only subcommand is `import`");
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { name: { type: "string" }, task: { type: "string" }, field: { type: "string", multiple: true }, json: { type: "boolean", default: false } },
    });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError("testset import: name exactly one file");
    if (!values.name || !values.task) throw new UsageError("testset import: --name and --task are required");
    const actor = await cliActor(as);
    const fields = values.field?.length ? values.field : (await previewTestRecords(file)).suggested;
    const set = await importTestSet(actor, file, { name: values.name, task: values.task, fields });
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ id: set.id, name: set.name, task: set.task, sha256: set.sha256, fields: set.fields, itemCount: set.itemCount })}\n`
        : `imported test set "${set.name}" (${set.itemCount} items, text from ${set.fields.join(" + ")}, sha256 ${set.sha256.slice(0, 12)})\n`,
    );
    return 0;
  },
};
