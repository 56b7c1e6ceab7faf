import { Readable } from "node:stream";
import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { openExportFile } from "@/lib/export/exports";

export const dynamic = "force-dynamic";

const CONTENT_TYPES: Record<string, string> = {
  json: "application/json",
  jsonl: "application/jsonl",
  md: "text/markdown; charset=utf-8",
  parquet: "application/vnd.apache.parquet",
};

/** Streams a finished export's file (never read whole into memory). ?inline=1 shows it in the browser instead of downloading. */
export const GET = apiRoute<{ id: string; name: string }>(async ({ request, actor, params }) => {
  const opened = await openExportFile(actor, z.coerce.number().int().positive().parse(params.id), params.name);
  const extension = params.name.split(".").pop() ?? "";
  const inline = new URL(request.url).searchParams.get("inline") === "1" && extension !== "parquet";
  return new Response(Readable.toWeb(opened.stream) as ReadableStream, {
    headers: {
      "content-type": inline ? "text/plain; charset=utf-8" : (CONTENT_TYPES[extension] ?? "application/octet-stream"),
      "content-length": String(opened.bytes),
      "content-disposition": `${inline ? "inline" : "attachment"}; filename="export-${opened.exportId}-${opened.file.name}"`,
      "x-content-sha256": opened.file.sha256,
      "x-content-type-options": "nosniff",
    },
  });
});
