import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { assertCan } from "@/lib/auth/actor";
import { UserFacingError } from "@/lib/errors";
import { saveUpload } from "@/lib/import/upload";
import { importTestSet, listTestSets } from "@/lib/testsets/import";
import { previewTestRecords } from "@/lib/testsets/read";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ actor }) => Response.json({ testSets: await listTestSets(actor) }));

const ZQuery = z.object({
  fileName: z.string().trim().min(1, "name the uploaded file").max(255),
  preview: z.enum(["true", "false"]).optional().transform((v) => v === "true"),
  name: z.string().optional(),
  task: z.string().optional(),
});

/**
 * POST /api/v1/testsets?fileName=F&preview=true: the body is the file; answers
 * the first records and the text fields found, for the field picker.
 * POST /api/v1/testsets?fileName=F&name=N&task=T&field=K[&field=K2]: imports it (201).
 */
export const POST = apiRoute(async ({ request, actor }) => {
  assertCan(actor, "datasets:import");
  const search = new URL(request.url).searchParams;
  const query = ZQuery.parse(Object.fromEntries(search));
  if (!request.body) throw new UserFacingError("send the file as the request body");
  const upload = await saveUpload(request.body);
  try {
    if (query.preview) return Response.json(await previewTestRecords(upload.filePath, query.fileName));
    const set = await importTestSet(actor, upload.filePath, { fileName: query.fileName, name: query.name ?? "", task: query.task ?? "", fields: search.getAll("field") });
    return Response.json(set, { status: 201 });
  } finally {
    await upload.remove();
  }
});
