import { Readable } from "node:stream";
import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZId } from "@/lib/api/schemas";
import { openExportFile } from "@/lib/export/exports";

export const dynamic = "force-dynamic";

const CONTENT_TYPES: Record<string, string> = {
  json: "application/json",
  jsonl: "application/jsonl",
  md: "text/markdown; charset=utf-8",
  parquet: "application/vnd.apache.parquet",
};

const ZFile = { params: z.object({ id: ZId, name: z.string() }), query: z.object({ inline: z.string().optional() }) };

/** Streams a finished export's file (never read whole into memory). ?inline=1 shows it in the browser instead of downloading. */
export const GET = apiRoute(ZFile, async ({ actor, params, query }) => {
  const opened = await openExportFile(actor, params.id, params.name);
  const extension = params.name.split(".").pop() ?? "";
  const inline = query.inline === "1" && extension !== "parquet";
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
