/**
 * Saved recipes: by name, versioned. Saving under an existing name adds a
 * version (the old ones stay, so an export's manifest can always name the
 * exact recipe it ran). An unchanged recipe is not saved again.
 */
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { actorLabel, assertCan, type TActor } from "@/lib/access/actor";
import { pool } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";
import { NotFoundError } from "@/lib/errors";
import { parseRecipe, RecipeError, type TRecipe } from "./recipe";

export const ZRecipeName = z.string().trim().min(1, "give the recipe a name").max(100, "a recipe name is at most 100 characters");

export type TSavedRecipe = { name: string; version: number; recipe: TRecipe; updatedBy: string; updatedAt: string };

type TRecipeRow = { name: string; version: number; recipe: unknown; updated_by: string; updated_at: Date };

const toSaved = (row: TRecipeRow): TSavedRecipe => ({
  name: row.name,
  version: row.version,
  recipe: parseRecipe(row.recipe, `recipe "${row.name}"`),
  updatedBy: row.updated_by,
  updatedAt: row.updated_at.toISOString(),
});

export async function saveRecipe(actor: TActor, name: string, input: unknown): Promise<TSavedRecipe> {
  assertCan(actor, "exports:create");
  const parsedName = ZRecipeName.safeParse(name);
  if (!parsedName.success) throw new RecipeError(`name: ${parsedName.error.issues[0]!.message}`);
  const recipe = parseRecipe(input);
  return withTransaction(async (client) => {
    const existing = await client.query<TRecipeRow>("select name, version, recipe, updated_by, updated_at from export_recipes where name = $1 for update", [parsedName.data]);
    const before = existing.rows[0];
    if (before && isDeepStrictEqual(parseRecipe(before.recipe), recipe)) return toSaved(before);
    const saved = await client.query<TRecipeRow & { id: number }>(
      `insert into export_recipes (name, version, recipe, updated_by) values ($1, 1, $2, $3)
       on conflict (name) do update set version = export_recipes.version + 1, recipe = excluded.recipe, updated_by = excluded.updated_by, updated_at = now()
       returning id, name, version, recipe, updated_by, updated_at`,
      [parsedName.data, JSON.stringify(recipe), actorLabel(actor)],
    );
    const row = saved.rows[0]!;
    await client.query("insert into export_recipe_versions (recipe_id, version, recipe, author) values ($1, $2, $3, $4)", [row.id, row.version, JSON.stringify(recipe), actorLabel(actor)]);
    await recordAudit(client, actor, { type: "export_recipe.saved", target: { type: "export_recipe", id: row.id }, before: before ? { version: before.version } : undefined, after: { name: row.name, version: row.version } });
    return toSaved(row);
  });
}

export async function listRecipes(actor: TActor): Promise<TSavedRecipe[]> {
  assertCan(actor, "trajectories:read");
  const rows = await pool().query<TRecipeRow>("select name, version, recipe, updated_by, updated_at from export_recipes order by updated_at desc, name");
  return rows.rows.map(toSaved);
}

/** The latest version, or the one asked for. */
export async function getRecipe(actor: TActor, name: string, version?: number): Promise<TSavedRecipe> {
  assertCan(actor, "trajectories:read");
  const rows =
    version === undefined
      ? await pool().query<TRecipeRow>("select name, version, recipe, updated_by, updated_at from export_recipes where name = $1", [name])
      : await pool().query<TRecipeRow>(
          `select r.name, v.version, v.recipe, v.author as updated_by, v.created_at as updated_at
             from export_recipe_versions v join export_recipes r on r.id = v.recipe_id where r.name = $1 and v.version = $2`,
          [name, version],
        );
  const row = rows.rows[0];
  if (!row) throw new NotFoundError(version === undefined ? `no recipe named "${name}"` : `recipe "${name}" has no version ${version}`);
  return toSaved(row);
}
