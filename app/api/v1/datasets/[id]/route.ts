import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ZId } from "@/lib/api/schemas";
import { deleteDataset } from "@/lib/datasets/delete-dataset";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/datasets/:id: the dataset, its trajectories and turns (admins). */
export const DELETE = apiRoute({ scope: "datasets:delete", params: z.object({ id: ZId }) }, async ({ actor, params }) => {
  await deleteDataset(actor, params.id);
  return new Response(null, { status: 204 });
});
