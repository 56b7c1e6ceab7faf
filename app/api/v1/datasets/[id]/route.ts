import { apiRoute } from "@/lib/api/route";
import { deleteDataset } from "@/lib/datasets/delete-dataset";
import { UserFacingError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/datasets/:id: the dataset, its trajectories and turns (admins). */
export const DELETE = apiRoute<{ id: string }>(async ({ actor, params }) => {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) throw new UserFacingError("id: must be a dataset id");
  await deleteDataset(actor, id);
  return new Response(null, { status: 204 });
});
